using System.Text.Json.Nodes;
using Belfry.Cli.Commands;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Tests.Commands;

public sealed class ResourceKindTests
{
    private static readonly LocationName Here = new("p", "l");

    [Fact]
    public void Resolve_Id_TakesTheLocation()
    {
        Assert.Equal(new JobName("p", "l", "j"), Kind(fullNames: true).Resolve("j", () => Here));
    }

    [Fact]
    public void Resolve_FullName_IgnoresTheLocation()
    {
        var name = Kind(fullNames: true).Resolve("projects/a/locations/b/jobs/j", () => throw new InvalidOperationException("not asked"));

        Assert.Equal(new JobName("a", "b", "j"), name);
    }

    [Fact]
    public void Resolve_BadId_ReportedBeforeTheLocationIsAsked()
    {
        var e = Assert.Throws<CliUsageException>(() => Kind(fullNames: true).Resolve("a.b", () => throw new InvalidOperationException("not asked")));

        Assert.Equal("argument THING: invalid thing ID \"a.b\"; IDs have letters, digits, hyphens and underscores only", e.Message);
    }

    [Fact]
    public void Resolve_BadFullName_NamesTheCollection()
    {
        var e = Assert.Throws<CliUsageException>(() => Kind(fullNames: true).Resolve("projects/a/jobs/j", () => Here));

        Assert.Equal("argument THING: invalid thing name \"projects/a/jobs/j\"; expected projects/PROJECT/locations/LOCATION/jobs/ID or an ID", e.Message);
    }

    [Fact]
    public void Resolve_IdsOnly_FullNameIsAnInvalidId()
    {
        var e = Assert.Throws<CliUsageException>(() => Kind(fullNames: false).Resolve("projects/a/locations/b/jobs/j", () => Here));

        Assert.StartsWith("argument THING: invalid thing ID \"projects/a/locations/b/jobs/j\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Name_NounAndId()
    {
        Assert.Equal("thing [j]", Kind(fullNames: true).Describe(new JobName("p", "l", "j")));
    }

    private static ResourceKind<JobName> Kind(bool fullNames) => new()
    {
        Noun = "thing",
        ArgumentName = "THING",
        ArgumentDescription = "A thing.",
        Collection = "jobs",
        ParseFullName = fullNames ? name => JobName.TryParse(name, out var parsed) ? parsed : null : null,
        Create = (parent, id) => parent.Job(id),
        Id = name => name.JobId,
        Table = _ => "",
        Get = (_, _, _) => Task.FromResult<JsonNode>(new JsonObject()),
        List = (_, _, _, _, _) => Task.FromResult<JsonNode>(new JsonObject()),
        Delete = (_, _, _) => Task.FromResult<JsonNode>(new JsonObject()),
    };
}
