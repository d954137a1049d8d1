using System.Diagnostics.Metrics;

namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>
/// Counts, in this process, the HTTP POSTs sent and the operations Npgsql ran, from the instruments .NET and Npgsql
/// publish anyway (<c>http.client.request.duration</c> of System.Net.Http, <c>db.client.operation.duration</c> of
/// Npgsql), so no system's code changes to be counted. Once a workload's jobs are registered, every POST a system
/// sends is a delivery to the sink (Belfry's job creations are over, the progress polls are GETs), and an Npgsql
/// operation is one round trip to the server. Started by the PostgreSQL systems only: the other systems run without
/// the listener, as they always did.
/// </summary>
internal static class WorkCounters
{
    private static readonly Lock Gate = new();
    private static MeterListener? s_listener;
    private static long s_posts;
    private static long s_operations;

    public static void Start()
    {
        lock (Gate)
        {
            if (s_listener is not null)
            {
                return;
            }

            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if ((instrument.Meter.Name, instrument.Name) is ("System.Net.Http", "http.client.request.duration") or ("Npgsql", "db.client.operation.duration"))
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<double>(static (instrument, _, tags, _) =>
            {
                if (instrument.Meter.Name == "Npgsql")
                {
                    Interlocked.Increment(ref s_operations);
                    return;
                }

                foreach (var tag in tags)
                {
                    if (tag.Key == "http.request.method" && tag.Value is "POST")
                    {
                        Interlocked.Increment(ref s_posts);
                        return;
                    }
                }
            });
            listener.Start();
            s_listener = listener;
        }
    }

    public static WorkCount Read() => new(Interlocked.Read(ref s_posts), Interlocked.Read(ref s_operations));
}
