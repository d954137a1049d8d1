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
    public static async Task<SampleProcess> StartReadyAsync(
        string issuer, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var sample = Start(issuer, dataDirectory, environment, workingDirectory);
        await sample._process.WaitUntilAnswersAsync(sample.BaseUrl + "/status");
        return sample;
    }

    /// <summary>
    /// Starts the sample without waiting for it, with more environment variables (<c>ConnectionStrings__Ledger</c>, say)
    /// and, when given, its own working directory (where a relative ledger path lands).
    /// </summary>
    public static SampleProcess Start(
        string issuer, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var baseUrl = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SyncService.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl);
        info.Environment["Belfry__Issuer"] = issuer;
        info.Environment["SyncService__DataDirectory"] = dataDirectory;
        info.Environment["DOTNET_NOLOGO"] = "1";

        // Hermetic: a ledger named in the developer's shell must not move the test's.
        info.Environment.Remove("ConnectionStrings__Ledger");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new SampleProcess(ChildProcess.Start(info, "SyncService"), baseUrl, dataDirectory);
    }

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
