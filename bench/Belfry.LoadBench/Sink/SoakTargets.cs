using System.Globalization;

namespace Belfry.LoadBench.Sink;

/// <summary>
/// The soak's targets on the sink (<c>POST /soak/…</c>): <c>fast</c> answers 200; <c>slow</c> after 2 to 4 s;
/// <c>failing</c> 500 to a first attempt and 200 to later ones, so every execution retries once; <c>redirect</c> 307 to
/// <c>redirected</c>, which answers 200; <c>hang</c> never answers (until the caller gives up, or 10 minutes); <c>hook</c>
/// is a webhook channel's receiver that answers every <see cref="ThrottleEvery"/>th request 429 with Discord's JSON
/// <c>retry_after</c> and the others 204. Each logs its arrival, with Belfry's headers, before answering.
/// </summary>
internal static class SoakTargets
{
    public const int ThrottleEvery = 5;
    public const double RetryAfterSeconds = 2.5;
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(10);

    public static void Map(WebApplication app, SoakLog log)
    {
        app.MapPost("/soak/fast", (HttpRequest request) => Answer(request, log, "fast", StatusCodes.Status200OK));
        app.MapPost("/soak/redirected", (HttpRequest request) => Answer(request, log, "redirected", StatusCodes.Status200OK));
        app.MapPost("/soak/failing", (HttpRequest request) =>
            Answer(request, log, "failing", Header(request, "X-Belfry-Attempt") == 1 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK));
        app.MapPost("/soak/slow", async (HttpRequest request) =>
        {
            var result = await Answer(request, log, "slow", StatusCodes.Status200OK);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2_000, 4_000)), request.HttpContext.RequestAborted);
            return result;
        });
        app.MapPost("/soak/redirect", async (HttpRequest request) =>
        {
            await Answer(request, log, "redirect", StatusCodes.Status307TemporaryRedirect);
            return Results.Redirect("/soak/redirected", permanent: false, preserveMethod: true);
        });
        app.MapPost("/soak/hang", async (HttpRequest request) =>
        {
            var result = await Answer(request, log, "hang", 0);
            await Task.Delay(HangLimit, request.HttpContext.RequestAborted);
            return result;
        });
        app.MapPost("/soak/hook", async (HttpRequest request) =>
        {
            var throttled = log.NextHookRequest() % ThrottleEvery == 0;
            await Answer(request, log, "hook", throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status204NoContent);
            return throttled
                ? Results.Json(new Dictionary<string, object> { ["retry_after"] = RetryAfterSeconds, ["global"] = false }, statusCode: StatusCodes.Status429TooManyRequests)
                : Results.NoContent();
        });
    }

    private static async Task<IResult> Answer(HttpRequest request, SoakLog log, string target, int status)
    {
        var received = DateTimeOffset.UtcNow.UtcTicks;
        await request.Body.CopyToAsync(Stream.Null);
        log.Add(new SoakArrival(
            target, Text(request, "X-Belfry-Execution"), (int)Header(request, "X-Belfry-Attempt"), Header(request, "X-Belfry-Epoch"),
            Text(request, "X-CloudScheduler-JobName"), Text(request, "X-Belfry-Event-Id"), status, received));
        return Results.StatusCode(status == 0 ? StatusCodes.Status200OK : status);
    }

    private static string? Text(HttpRequest request, string name) => request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private static long Header(HttpRequest request, string name) =>
        long.TryParse(request.Headers[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
