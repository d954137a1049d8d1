using System.Diagnostics;

namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>The real <c>samples/SyncService</c> (SyncService.dll beside the tests) as a child process on 127.0.0.1.</summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SampleProcess(ChildProcess process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public string Output => _process.Output;

    /// <summary>Starts the sample trusting <paramref name="issuer"/> and waits until <c>/status</c> answers.</summary>
    public static async Task<SampleProcess> StartReadyAsync(string issuer, string dataDirectory)
    {
        var baseUrl = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SyncService.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl);
        info.Environment["Belfry__Issuer"] = issuer;
        info.Environment["SyncService__DataDirectory"] = dataDirectory;
        info.Environment["DOTNET_NOLOGO"] = "1";
        var sample = new SampleProcess(ChildProcess.Start(info, "SyncService"), baseUrl, dataDirectory);
        await sample._process.WaitUntilAnswersAsync(baseUrl + "/status");
        return sample;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
