using Belfry.Server.Retention;

namespace Belfry.LoadBench.Retention;

/// <summary>
/// The logger given to the real <see cref="ExecutionRetention"/> and <see cref="RetentionService"/>: it adds up the
/// executions each pass says it deleted (the <c>{Executions}</c> of "Retention deleted …"), since the service's loop
/// keeps the pass's result to itself and counting a table of millions of rows after each of a year's 105,120 passes
/// would take longer than the passes; and it keeps the exception of a failed pass, which the loop only logs.
/// </summary>
internal sealed class DeletionCounter : ILogger<ExecutionRetention>, ILogger<RetentionService>
{
    private long _deleted;
    private Exception? _failure;

    /// <summary>The first exception a pass failed with, if any.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Executions deleted since the last call.</summary>
    public long Take() => Interlocked.Exchange(ref _deleted, 0);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not null)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
            return;
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> fields
            && fields.FirstOrDefault(f => f.Key == "Executions").Value is int executions)
        {
            Interlocked.Add(ref _deleted, executions);
        }
    }
}
