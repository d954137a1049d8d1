using System.Globalization;

namespace Belfry.LoadBench.Sink;

/// <summary>
/// The one HTTP target every system delivers to: Kestrel on 127.0.0.1, <c>POST /deliver</c> records the job
/// (<c>X-CloudScheduler-JobName</c>), its scheduled time (<c>X-CloudScheduler-ScheduleTime</c>) and the arrival
/// time, and answers 200. Belfry sends those headers itself; the Quartz and Hangfire jobs send the same ones.
/// <c>GET /progress?kind=&amp;from=&amp;to=</c> tells a child how many deliveries for those seconds have arrived.
/// The soak's targets are under <c>/soak/</c> (<see cref="SoakTargets"/>).
/// </summary>
internal sealed class DeliverySink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DeliverySink(WebApplication app, DeliveryLog log, SoakLog soak, Uri url)
    {
        _app = app;
        Log = log;
        Soak = soak;
        Url = url;
    }

    public DeliveryLog Log { get; }

    public SoakLog Soak { get; }

    /// <summary>The delivery endpoint, <c>http://127.0.0.1:PORT/deliver</c>.</summary>
    public Uri Url { get; }

    public static async Task<DeliverySink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var log = new DeliveryLog();
        app.MapPost("/deliver", (HttpRequest request) => Record(request, log));
        app.MapGet("/progress", (char kind, long from, long to) => log.Count(kind, from, to).ToString(CultureInfo.InvariantCulture));
        var soak = new SoakLog();
        SoakTargets.Map(app, soak);
        await app.StartAsync();
        var address = app.Urls.First();
        return new DeliverySink(app, log, soak, new Uri(new Uri(address), "/deliver"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<IResult> Record(HttpRequest request, DeliveryLog log)
    {
        var received = DateTimeOffset.UtcNow.UtcTicks;
        var job = request.Headers["X-CloudScheduler-JobName"].ToString();
        var scheduled = request.Headers["X-CloudScheduler-ScheduleTime"].ToString();
        if (job.Length == 0 || !DateTimeOffset.TryParse(scheduled, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return Results.BadRequest();
        }

        // Read the small body, as a real target would, so the connection is reused the same way for every system.
        await request.Body.CopyToAsync(Stream.Null);
        log.Add(new Delivery(job, time.ToUnixTimeSeconds(), received));
        return Results.Ok();
    }
}
