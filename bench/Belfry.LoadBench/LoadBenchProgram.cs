using Belfry.LoadBench.Retention;
using Belfry.LoadBench.Runs;

namespace Belfry.LoadBench;

/// <summary>
/// Without <c>--system</c>: the parent, which starts the sink and runs one child process per (system, workload).
/// With it: a child, which hosts one system, creates the jobs and waits for their deliveries (README.md); with
/// <c>--workload node</c> as well, a further node of a multi-node system, which a child starts (NodeRunner). The
/// retention-year workload needs neither sink nor child: it runs in this process (RetentionYearRunner).
/// </summary>
internal static class LoadBenchProgram
{
    private static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + BenchOptions.Usage);
            return 2;
        }

        return options.Workloads is ["retention-year"] ? await RetentionYearRunner.RunAsync(options, args)
            : options.ChildSystem is null ? await Orchestrator.RunAsync(options, args)
            : options.ChildWorkload == "node" ? await NodeRunner.RunAsync(options)
            : await ChildRunner.RunAsync(options);
    }
}
