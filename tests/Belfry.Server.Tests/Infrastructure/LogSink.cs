using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// Captures every log entry of the in-process server at every level, with its formatted message, structured
/// values and exception, so tests can assert what is (and is never) logged.
/// </summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Everything logged, as one text to search.</summary>
    public string AllText => string.Join("\n", _entries.Select(e => e.ToString()));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            sink._entries.Enqueue(new LogEntry(logLevel, category, eventId.Id, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record LogEntry(LogLevel Level, string Category, int EventId, string Message, string Values, string? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId}] {Message} | {Values} | {Exception}";
}
