namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>One node of a <see cref="BelfryCluster"/>: what it is started with, kept across kills, and its current process.</summary>
internal sealed class ClusterNode(int index, int port, string dataDirectory)
{
    private readonly List<string> _pastOutputs = [];

    public int Index { get; } = index;

    public int Port { get; } = port;

    public string DataDirectory { get; } = dataDirectory;

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The running process, or null while the node is down.</summary>
    public ServerProcess? Process { get; private set; }

    public void Started(ServerProcess process) => Process = process;

    /// <summary>Forgets the dead process, keeping what it printed for failure messages.</summary>
    public async Task StoppedAsync()
    {
        if (Process is { } process)
        {
            _pastOutputs.Add(process.Output);
            await process.DisposeAsync();
            Process = null;
        }
    }

    /// <summary>The last lines each run of this node printed.</summary>
    public string OutputTail(int lines)
    {
        var runs = Process is null ? _pastOutputs : [.. _pastOutputs, Process.Output];
        return string.Join('\n', runs.Select((output, run) =>
            $"--- node {Index}, run {run + 1}:\n" + string.Join('\n', output.Split('\n').TakeLast(lines))));
    }
}
