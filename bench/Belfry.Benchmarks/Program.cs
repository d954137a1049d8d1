using BenchmarkDotNet.Running;

namespace Belfry.Benchmarks;

internal static class BenchmarksProgram
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarksProgram).Assembly).Run(args);
}
