using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// The child's handle on a further node process (<see cref="NodeRunner"/>): starts it, waits until it serves, tells
/// it when the jobs are registered, and stops it for its report. Its other output (Belfry's console log) is passed on
/// to this process's, prefixed with the node.
/// </summary>
internal sealed class NodeProcess
{
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _name;
    private readonly Channel<string> _answers = Channel.CreateUnbounded<string>();

    private NodeProcess(Process process, string name)
    {
        (_process, _name) = (process, name);
        _ = Task.Run(ReadAsync);
    }

    /// <summary>Starts node <paramref name="node"/> of <paramref name="system"/> and returns once it serves.</summary>
    public static async Task<NodeProcess> StartAsync(BenchOptions options, string system, int node)
    {
        var start = Orchestrator.SelfStartInfo(NodeRunner.Arguments(options, system, node));
        (start.RedirectStandardInput, start.RedirectStandardOutput) = (true, true);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start node {node}");
        var handle = new NodeProcess(process, $"node {node}");
        await handle.ExpectAsync("ready");
        return handle;
    }

    /// <summary>The jobs are registered: the node counts what it sends from here on.</summary>
    public async Task MarkAsync()
    {
        await _process.StandardInput.WriteLineAsync("mark");
        await _process.StandardInput.FlushAsync();
        await ExpectAsync("marked");
    }

    /// <summary>Stops the node and returns its figures.</summary>
    public async Task<NodeReport> StopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        var report = await ExpectAsync("report ");
        await _process.WaitForExitAsync();
        return JsonSerializer.Deserialize<NodeReport>(report["report ".Length..])!;
    }

    private async Task<string> ExpectAsync(string answer)
    {
        using var limit = new CancellationTokenSource(AnswerLimit);
        try
        {
            var line = await _answers.Reader.ReadAsync(limit.Token);
            return line.StartsWith(answer, StringComparison.Ordinal)
                ? line
                : throw new InvalidOperationException($"{_name} answered '{line}' where '{answer.Trim()}' was due");
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            throw new InvalidOperationException($"{_name} did not answer '{answer.Trim()}' (exited: {_process.HasExited})", e);
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(NodeRunner.Prefix, StringComparison.Ordinal))
            {
                await _answers.Writer.WriteAsync(line[NodeRunner.Prefix.Length..]);
            }
            else
            {
                Console.WriteLine($"[{_name}] {line}");
            }
        }

        _answers.Writer.TryComplete();
    }
}
