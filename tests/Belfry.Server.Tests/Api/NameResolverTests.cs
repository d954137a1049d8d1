using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Server.Api;

namespace Belfry.Server.Tests.Api;

/// <summary>The one create-time name resolution shared by jobs, pipelines, channels and alert policies.</summary>
public sealed class NameResolverTests
{
    private static readonly LocationName Parent = new("p", "l");

    private static readonly NameResolver<ChannelName> Channels = new()
    {
        TryParse = ChannelName.TryParse,
        ParentOf = n => n.Parent,
        Form = "a channel name",
        Missing = "name: required here.",
        IdParameter = "channelId",
        IdOf = n => n.ChannelId,
        FromId = (parent, id) => new ChannelName(parent.Project, parent.Location, id),
    };

    [Theory]
    [InlineData("projects/p/locations/l/channels/ops", null, "ops")]
    [InlineData("projects/p/locations/l/channels/ops", "ops", "ops")]
    [InlineData(null, "ops", "ops")]
    [InlineData("", "ops", "ops")]
    public void Resolve_NameOrIdParameter_GivesTheName(string? requested, string? id, string expected) =>
        Assert.Equal(expected, Channels.Resolve(Parent, requested, id).ChannelId);

    [Theory]
    [InlineData("channels/ops", null, "name: \"channels/ops\" is not a channel name.")]
    [InlineData("projects/p/locations/l/channels/ops", "dev", "channelId: \"dev\" does not match the name \"projects/p/locations/l/channels/ops\".")]
    [InlineData("projects/q/locations/l/channels/ops", null, "name: \"projects/q/locations/l/channels/ops\" is not under the parent projects/p/locations/l.")]
    [InlineData(null, null, "name: required here.")]
    public void Resolve_BadOrMissingName_IsInvalidArgumentNamingTheField(string? requested, string? id, string message)
    {
        var e = Assert.Throws<ApiException>(() => Channels.Resolve(Parent, requested, id));

        Assert.Equal("INVALID_ARGUMENT", e.Status);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Resolve_NoNameWhereOneCanBeGenerated_GeneratesIt()
    {
        var jobs = new NameResolver<JobName> { TryParse = JobName.TryParse, ParentOf = n => n.Parent, Form = "a job name", Generate = p => p.Job("fresh") };

        Assert.Equal("projects/p/locations/l/jobs/fresh", jobs.Resolve(Parent, requested: null).FullName);
    }
}
