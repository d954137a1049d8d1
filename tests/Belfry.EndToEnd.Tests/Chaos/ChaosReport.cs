using System.Globalization;
using System.Text;

namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>The counts of a chaos run, and every way it broke the rules (<see cref="ChaosCheck"/>).</summary>
internal sealed record ChaosReport
{
    public int Jobs { get; init; }

    public int Seconds { get; init; }

    /// <summary>(job, second) pairs in the window: jobs × seconds.</summary>
    public int ExpectedPairs => Jobs * Seconds;

    /// <summary>Requests the target received for pairs in the window.</summary>
    public int Deliveries { get; init; }

    /// <summary>Pairs the target received at least once.</summary>
    public int DeliveredPairs { get; init; }

    /// <summary>Pairs the target received more than once (each must be a lease taken over).</summary>
    public int RepeatedPairs { get; init; }

    /// <summary>Deliveries sent under an epoch above 1: attempts taken over from a lease that ran out.</summary>
    public int TakenOverDeliveries { get; init; }

    public long MaxEpoch { get; init; }

    /// <summary>Executions the store lists for pairs in the window.</summary>
    public int StoreExecutions { get; init; }

    /// <summary>Attempts the store records on those executions.</summary>
    public int StoreAttempts { get; init; }

    /// <summary>Deliveries whose result the store never recorded (their node died); each was taken over later.</summary>
    public int UnrecordedDeliveries { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"jobs {Jobs}, seconds {Seconds}, (job, second) pairs {ExpectedPairs}\n");
        text.Append(CultureInfo.InvariantCulture, $"target: {Deliveries} deliveries, {DeliveredPairs} pairs delivered, {ExpectedPairs - DeliveredPairs} missing, ");
        text.Append(CultureInfo.InvariantCulture, $"{RepeatedPairs} delivered more than once, {TakenOverDeliveries} sent under a taken-over lease, highest epoch {MaxEpoch}\n");
        text.Append(CultureInfo.InvariantCulture, $"store: {StoreExecutions} executions, {StoreAttempts} attempts; {UnrecordedDeliveries} deliveries not recorded (their node died)\n");
        text.Append(CultureInfo.InvariantCulture, $"problems: {Problems.Count}");
        foreach (var problem in Problems.Take(30))
        {
            text.Append("\n  ").Append(problem);
        }

        if (Problems.Count > 30)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  … and {Problems.Count - 30} more");
        }

        return text.ToString();
    }
}
