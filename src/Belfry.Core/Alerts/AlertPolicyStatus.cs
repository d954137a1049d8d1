namespace Belfry.Core.Alerts;

/// <summary>
/// Where an alert policy stands (output only, kept by the evaluator): firing since when, and when it last sent a
/// message, which the rate limit counts from.
/// </summary>
internal sealed record AlertPolicyStatus(bool Firing, DateTimeOffset? FiringSince, DateTimeOffset? LastNotifyTime)
{
    public static AlertPolicyStatus Ok { get; } = new(false, null, null);
}
