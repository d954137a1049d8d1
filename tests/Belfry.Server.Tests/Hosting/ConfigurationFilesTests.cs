using Belfry.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Belfry.Server.Tests.Hosting;

public sealed class ConfigurationFilesTests
{
    [Fact]
    public async Task Build_Defaults_AppSettingsReadButNotWatched()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("belfry-config-").FullName;
        var app = BelfryApplication.Build([$"--Belfry:DataDirectory={dataDirectory}"]);
        await using (app)
        {
            var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

            Assert.Contains(files, f => f.Path == "appsettings.json");
            Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Build_ReloadAskedForOnTheCommandLine_Watched()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("belfry-config-").FullName;
        var app = BelfryApplication.Build([$"--Belfry:DataDirectory={dataDirectory}", "--hostBuilder:reloadConfigOnChange=true"]);
        await using (app)
        {
            var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source);

            Assert.Contains(files, f => f.Path == "appsettings.json" && f.ReloadOnChange);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
