using System.Globalization;
using System.Text;

namespace Belfry.LoadBench.Sink;

/// <summary>
/// The request the Quartz and Hangfire jobs send: what Belfry sends for a job with a small POST body, i.e. the same
/// body, Content-Type and the two Cloud Scheduler headers the sink reads. One shared client, as Belfry has one.
/// </summary>
internal static class SinkRequest
{
    public static HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseCookies = false,
    })
    { Timeout = TimeSpan.FromSeconds(180) };

    /// <summary>The body every job posts: <c>{"job":"ID"}</c>.</summary>
    public static byte[] Body(string jobId) => Encoding.UTF8.GetBytes($$"""{"job":"{{jobId}}"}""");

    /// <summary>RFC 3339 in UTC without a fraction, as Belfry's <c>X-CloudScheduler-ScheduleTime</c>.</summary>
    public static string FormatScheduleTime(DateTimeOffset scheduled) =>
        scheduled.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Posts one delivery and throws unless the sink answered 2xx, so a peer sees a failure as its own.</summary>
    public static async Task PostAsync(Uri sink, string jobId, DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sink) { Content = new ByteArrayContent(Body(jobId)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        request.Headers.TryAddWithoutValidation("User-Agent", "Google-Cloud-Scheduler");
        request.Headers.TryAddWithoutValidation("X-CloudScheduler", "true");
        request.Headers.TryAddWithoutValidation("X-CloudScheduler-JobName", jobId);
        request.Headers.TryAddWithoutValidation("X-CloudScheduler-ScheduleTime", FormatScheduleTime(scheduled));
        using var response = await Client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
