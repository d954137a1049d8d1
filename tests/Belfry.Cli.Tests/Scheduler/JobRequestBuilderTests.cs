using System.Text;
using System.Text.Json;
using Belfry.Cli.Scheduler;
using Belfry.Cli.Tests.Infrastructure;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class JobRequestBuilderTests
{
    private static readonly JobName Name = new("default", "asia-northeast1", "sync-daily-data");

    [Fact]
    public void BuildCreate_ArticleFlags_GivesExactlyThoseFields()
    {
        var flags = new HttpJobFlags
        {
            Schedule = "0 6 * * *",
            Uri = "http://127.0.0.1:9000/sync",
            HttpMethod = HttpMethodWire.Post,
            TimeZone = "Asia/Tokyo",
            MaxRetryAttempts = 3,
            MinBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromMinutes(5),
        };

        var job = JobRequestBuilder.BuildCreate(Name, flags);

        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/jobs/sync-daily-data","schedule":"0 6 * * *",
             "timeZone":"Asia/Tokyo","httpTarget":{"uri":"http://127.0.0.1:9000/sync","httpMethod":"POST"},
             "retryConfig":{"retryCount":3,"minBackoffDuration":"10s","maxBackoffDuration":"300s"}}
            """, Serialize(job));
    }

    [Fact]
    public void BuildCreate_EveryFlag_MapsEachField()
    {
        var flags = new HttpJobFlags
        {
            Schedule = "*/5 * * * *",
            Uri = "https://sync.example/run",
            HttpMethod = HttpMethodWire.Put,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            MessageBody = Encoding.UTF8.GetBytes("{\"a\":1}"),
            Description = "nightly",
            AttemptDeadline = TimeSpan.FromMinutes(10),
            MaxRetryDuration = TimeSpan.FromHours(1),
            MaxDoublings = 2,
            OidcServiceAccountEmail = "sa@p.iam.gserviceaccount.com",
            OidcTokenAudience = "https://sync.example",
        };

        var job = JobRequestBuilder.BuildCreate(Name, flags);

        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/jobs/sync-daily-data","schedule":"*/5 * * * *",
             "description":"nightly","attemptDeadline":"600s",
             "httpTarget":{"uri":"https://sync.example/run","httpMethod":"PUT","headers":{"Content-Type":"application/json"},
               "body":"eyJhIjoxfQ==",
               "oidcToken":{"serviceAccountEmail":"sa@p.iam.gserviceaccount.com","audience":"https://sync.example"}},
             "retryConfig":{"maxRetryDuration":"3600s","maxDoublings":2}}
            """, Serialize(job));
    }

    [Fact]
    public void BuildCreate_NoOptionalFlags_LeavesServerDefaults()
    {
        var job = JobRequestBuilder.BuildCreate(Name, new HttpJobFlags { Schedule = "0 6 * * *", Uri = "http://x/" });

        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/jobs/sync-daily-data","schedule":"0 6 * * *",
             "httpTarget":{"uri":"http://x/"}}
            """, Serialize(job));
    }

    [Fact]
    public void BuildUpdate_ArticleFlags_MasksUriAndAudienceOnly()
    {
        var flags = new HttpJobFlags { Uri = "https://new/sync", OidcTokenAudience = "https://new" };

        var update = JobRequestBuilder.BuildUpdate(Name, flags, currentHeaders: null);

        Assert.Equal("httpTarget.uri,httpTarget.oidcToken.audience", update.UpdateMaskText);
        JsonAssert.Equal("""{"httpTarget":{"uri":"https://new/sync","oidcToken":{"audience":"https://new"}}}""", Serialize(update.Body));
    }

    [Fact]
    public void BuildUpdate_ClearFlags_PutPathsInMaskAndNothingInBody()
    {
        var flags = new HttpJobFlags
        {
            ClearHeaders = true,
            ClearMessageBody = true,
            ClearTimeZone = true,
            ClearRetryAttempts = true,
            ClearMaxRetryDuration = true,
            ClearMinBackoff = true,
            ClearMaxBackoff = true,
            ClearMaxDoublings = true,
            ClearAuthToken = true,
        };

        var update = JobRequestBuilder.BuildUpdate(Name, flags, currentHeaders: null);

        Assert.Equal(
            ["timeZone", "httpTarget.headers", "httpTarget.body", "httpTarget.oidcToken", "retryConfig.retryCount",
             "retryConfig.maxRetryDuration", "retryConfig.minBackoffDuration", "retryConfig.maxBackoffDuration", "retryConfig.maxDoublings"],
            update.UpdateMask);
        JsonAssert.Equal("{}", Serialize(update.Body));
    }

    [Fact]
    public void BuildUpdate_RetryAndScheduleFlags_MaskEachNestedPath()
    {
        var flags = new HttpJobFlags
        {
            Schedule = "0 7 * * *",
            TimeZone = "Europe/Paris",
            HttpMethod = HttpMethodWire.Get,
            MaxRetryAttempts = 0,
            MinBackoff = TimeSpan.FromSeconds(1.5),
            AttemptDeadline = TimeSpan.FromSeconds(30),
        };

        var update = JobRequestBuilder.BuildUpdate(Name, flags, currentHeaders: null);

        Assert.Equal("schedule,attemptDeadline,timeZone,httpTarget.httpMethod,retryConfig.retryCount,retryConfig.minBackoffDuration", update.UpdateMaskText);
        JsonAssert.Equal("""
            {"schedule":"0 7 * * *","timeZone":"Europe/Paris","attemptDeadline":"30s","httpTarget":{"httpMethod":"GET"},
             "retryConfig":{"retryCount":0,"minBackoffDuration":"1.5s"}}
            """, Serialize(update.Body));
    }

    [Fact]
    public void BuildUpdate_UpdateAndRemoveHeaders_SendsMergedMap()
    {
        var flags = new HttpJobFlags
        {
            UpdateHeaders = new Dictionary<string, string> { ["X-New"] = "1", ["content-type"] = "text/plain" },
            RemoveHeaders = ["x-old"],
        };
        var current = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Old"] = "gone", ["X-Keep"] = "k" };

        var update = JobRequestBuilder.BuildUpdate(Name, flags, current);

        Assert.Equal(["httpTarget.headers"], update.UpdateMask);
        Assert.Equal(
            new Dictionary<string, string> { ["X-Keep"] = "k", ["X-New"] = "1", ["content-type"] = "text/plain" },
            update.Body.HttpTarget!.Headers);
    }

    [Fact]
    public void BuildUpdate_MessageBody_IsBase64InBody()
    {
        var update = JobRequestBuilder.BuildUpdate(Name, new HttpJobFlags { MessageBody = Encoding.UTF8.GetBytes("héllo") }, null);

        Assert.Equal(["httpTarget.body"], update.UpdateMask);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("héllo")), update.Body.HttpTarget!.Body);
    }

    private static string Serialize(JobResource job) => JsonSerializer.Serialize(job, BelfryJsonContext.Default.JobResource);
}
