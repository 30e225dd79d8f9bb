using System.Runtime.InteropServices;

namespace OrSolver.Benchmarks;

/// <summary>The benchmark of docs/performance.md: rows 1–7, one after the other, in one run.</summary>
public static class BenchmarkSuite
{
    /// <summary>Runs every row with <paramref name="settings"/>; <paramref name="progress"/> sees each result as it comes.</summary>
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkSettings settings, Action<BenchmarkResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<BenchmarkResult>();
        var benchmarks = new Func<BenchmarkSettings, IEnumerable<BenchmarkResult>>[]
        {
            BackendComparison.Run, SweepComparison.Run, VertexListComparison.Run, HullScaling.Run, LargeMarkets.Run, GridRefinement.Run, ClassMarkets.Run,
        };
        foreach (var benchmark in benchmarks)
        {
            foreach (var row in benchmark(settings))
            {
                rows.Add(row);
                progress?.Invoke(row);
            }
        }
        return rows;
    }

    /// <summary>The machine the run is on: cores, OS, runtime, and the load average when it started (the table's numbers
    /// are medians on a shared machine).</summary>
    public static string Machine()
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        return $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {load}";
    }
}
