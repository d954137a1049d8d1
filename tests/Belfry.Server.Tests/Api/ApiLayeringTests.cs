using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// The API does not reference the dispatcher (issue 11, point 3): the store tells the dispatcher what changed. Checked
/// in the compiled assembly's metadata, then, as a second line, in the source.
/// </summary>
public sealed class ApiLayeringTests
{
    private const string Dispatch = "Belfry.Server.Dispatch.";

    private static readonly string ServerAssembly = typeof(Dispatcher).Assembly.Location;

    [Fact]
    public void ApiTypes_InTheServerAssembly_ReferenceNoDispatchType()
    {
        var fromApi = TypeReferences.Find(ServerAssembly, ns => ns == "Belfry.Server.Api" || ns.StartsWith("Belfry.Server.Api.", StringComparison.Ordinal));

        Assert.Contains(fromApi, r => r.From == "Belfry.Server.Api.Jobs.JobCommands" && r.Mentioned.Contains("Belfry.Core.Storage.IJobStore", StringComparison.Ordinal));
        Assert.Empty(fromApi.Where(r => r.Mentioned.Contains(Dispatch, StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void HostingTypes_InTheServerAssembly_ReferenceDispatchTypesTheScanSees()
    {
        // The scan finds what is there: the host registers the dispatcher's parts (generic method instantiations).
        var fromHosting = TypeReferences.Find(ServerAssembly, ns => ns == "Belfry.Server.Hosting");

        Assert.Contains(fromHosting, r => r.Mentioned.Contains(Dispatch + nameof(DispatchSignal), StringComparison.Ordinal));
        Assert.Contains(fromHosting, r => r.Mentioned.Contains(Dispatch + nameof(DispatcherService), StringComparison.Ordinal));
    }

    [Fact]
    public void ApiSources_NoFile_MentionsTheDispatchNamespaceOrItsTypes()
    {
        var api = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Belfry.Server", "Api");
        var files = Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(files);
        Assert.Empty(files.Where(f =>
        {
            var text = File.ReadAllText(f);
            return text.Contains("Belfry.Server.Dispatch", StringComparison.Ordinal)
                || text.Contains(nameof(DispatchSignal), StringComparison.Ordinal)
                || text.Contains(nameof(JobChange), StringComparison.Ordinal);
        }).Select(Path.GetFileName));
    }

}
