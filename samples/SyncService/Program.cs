using Belfry.AspNetCore;
using SyncService;

// The article's Cloud Run service, written with the Belfry batch SDK: /sync and a three-step pipeline, each
// authenticated by Belfry's OIDC token and idempotent per logical run through the ledger.
var builder = WebApplication.CreateBuilder(args);
SampleSettings settings;
try
{
    settings = SampleSettings.From(builder.Configuration);
}
catch (FormatException e)
{
    // A setting the service cannot use stops it before it listens, with the message alone (it names the setting and
    // never repeats a value, which may be a password): no stack trace for an operator's typo.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<SampleDatabase>();
builder.Services.AddSingleton<RequestCounter>();
builder.Services.AddBelfryBatch(o =>
{
    o.Issuer = settings.Issuer;
    o.Audience = settings.Audience;
    o.DefaultTimeZone = settings.TimeZone;
    settings.Ledger.Use(o);

    // The article's operators run the sync by hand with curl and an identity token, which carries no signed run:
    // allowed here, it runs "now" and cannot name a schedule time.
    o.AllowManualCalls = true;
    foreach (var caller in settings.AllowedCallers)
    {
        o.AllowedCallers.Add(caller);
    }
});

var app = builder.Build();
var db = app.Services.GetRequiredService<SampleDatabase>();
await db.InitializeAsync(CancellationToken.None);
app.UseMiddleware<RequestCounter>();

// The nightly sync: fetch the day's records from the "source" and write them for the run's date — the schedule's
// date in the job's zone, never "today" on this machine.
// Bound by full name: only that job's tokens run it, and a manual curl (which names no job) is filed under the same
// ledger rows, so it is skipped once the day's sync has run.
app.MapBatchJob("/sync", async (BatchContext run, CancellationToken ct) => BatchResult.Rows(await db.SyncAsync(run, ct)))
    .WithBatchJobName(settings.SyncJob);

// The article's chain: each step runs only after the previous one succeeded for the same run key. Each endpoint runs
// the job named after its route (/pipeline/step1 → pipeline-step1), in whichever project and location signs for it.
app.MapBatchJob("/pipeline/step1", async (BatchContext run, CancellationToken ct) =>
    BatchResult.Rows(await db.FetchAsync(run, ct)));
app.MapBatchJob("/pipeline/step2", async (BatchContext run, CancellationToken ct) =>
    BatchResult.Rows(await db.MergeAsync(run, ct)))
    .RequireSucceeded("pipeline-step1");
app.MapBatchJob("/pipeline/step3", async (BatchContext run, CancellationToken ct) =>
    BatchResult.Rows(await db.ReportAsync(run, ct)))
    .RequireSucceeded("pipeline-step2");

app.MapGet("/status", async (RequestCounter requests, CancellationToken ct) =>
    TypedResults.Json(new SampleStatus(await db.HandlerRunsAsync(ct), requests.Snapshot()), SampleJsonContext.Default.SampleStatus));

await app.RunAsync();
return 0;
