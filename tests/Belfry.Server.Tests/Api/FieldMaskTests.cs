using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;
using Belfry.Server.Api;
using Belfry.Server.Api.Jobs;

namespace Belfry.Server.Tests.Api;

/// <summary>The one update-mask parser shared by jobs, channels, alert policies and pipelines.</summary>
public sealed class FieldMaskTests
{
    private static readonly FieldMask<PipelineResource> WholeFields =
        new FieldMask<PipelineResource>(raw => $"updateMask: \"{raw}\" is refused.", wholeFields: true)
            .Field("timeZone", p => p.TimeZone, (t, p) => t.TimeZone = p.TimeZone)
            .Field("steps", p => p.Steps, (t, p) => t.Steps = p.Steps);

    [Fact]
    public void Paths_SnakeCaseNestedPaths_AreCamelCase()
    {
        var paths = JobUpdateMask.Fields.Paths(new JobResource(), "http_target.oidc_token.service_account_email, retry_config ,time_zone");

        Assert.Equal(["httpTarget.oidcToken.serviceAccountEmail", "retryConfig", "timeZone"], paths);
    }

    [Fact]
    public void Paths_UnknownPath_IsInvalidArgumentNamingThePathAsSent()
    {
        var e = Assert.Throws<ApiException>(() => JobUpdateMask.Fields.Paths(new JobResource(), "schedule,http_target.port"));

        Assert.Equal("INVALID_ARGUMENT", e.Status);
        Assert.Equal("updateMask: \"http_target.port\" is not a field of Job that can be updated.", e.Message);
    }

    [Fact]
    public void Paths_NoMask_NamesTheTopLevelFieldsPresent()
    {
        var patch = new JobResource { Schedule = "0 6 * * *", RetryConfig = new RetryConfigResource { RetryCount = 2 } };

        Assert.Equal(["schedule", "retryConfig"], JobUpdateMask.Fields.Paths(patch, updateMask: null));
    }

    [Fact]
    public void Paths_WholeFields_NestedPathSelectsItsTopLevelFieldAndRefusalNamesTheFirstSegment()
    {
        Assert.Equal(["steps", "timeZone"], WholeFields.Paths(new PipelineResource(), "steps.retry_config,time_zone"));

        var e = Assert.Throws<ApiException>(() => WholeFields.Paths(new PipelineResource(), "schedule.minutes"));
        Assert.Equal("updateMask: \"schedule\" is refused.", e.Message);
    }

    [Fact]
    public void Apply_NestedPathAbsentInPatch_ResetsThatFieldOnly()
    {
        var target = new JobResource { HttpTarget = new HttpTargetResource { Uri = "http://a/", Body = "e30=" } };

        JobUpdateMask.Fields.Apply(target, new JobResource(), JobUpdateMask.Fields.Paths(new JobResource(), "httpTarget.body"));

        Assert.Equal("http://a/", target.HttpTarget.Uri);
        Assert.Null(target.HttpTarget.Body);
    }
}
