namespace Belfry.Cli.Tests.AsCode;

/// <summary>
/// A terminal whose user, asked to confirm an apply, first lets someone else change the server (<paramref name="meanwhile"/>),
/// then answers "yes": the change lands between the plan and the apply, with no sleep.
/// </summary>
internal sealed class ChangingReader(Func<Task> meanwhile) : TextReader
{
    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        await meanwhile();
        return "yes";
    }

    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();
}
