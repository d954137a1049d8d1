using Belfry.Core.Notifications;

namespace Belfry.Core.Tests.Notifications;

/// <summary>Outbox events as one line for table tests: <c>"ExecutionRecovered: ops; ExecutionSucceeded: team"</c> (channel ids).</summary>
internal static class OutboxNotation
{
    public static string Describe(IEnumerable<OutboxEvent> events) =>
        string.Join("; ", events.Select(e => $"{e.Event.Kind}: {string.Join(',', e.Channels.Select(c => c[(c.LastIndexOf('/') + 1)..]))}"));
}
