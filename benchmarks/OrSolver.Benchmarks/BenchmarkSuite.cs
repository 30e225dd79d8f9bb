using System.Runtime.InteropServices;

namespace OrSolver.Benchmarks;

/// <summary>The benchmark of docs/performance.md: rows 1–9, one after the other, in one run.</summary>
public static class BenchmarkSuite
{
    /// <summary>The rows' benchmarks, row 1 first.</summary>
    private static readonly Func<BenchmarkSettings, IEnumerable<BenchmarkResult>>[] Benchmarks =
    [
        BackendComparison.Run, SweepComparison.Run, VertexListComparison.Run, HullScaling.Run, LargeMarkets.Run, GridRefinement.Run, ClassMarkets.Run,
        ScipyComparison.Run, BidFiles.Run,
    ];

    /// <summary>How many rows the benchmark has.</summary>
    public static int RowCount => Benchmarks.Length;

    /// <summary>Runs every row with <paramref name="settings"/> (or only row <paramref name="only"/>, 1-based);
    /// <paramref name="progress"/> sees each result as it comes.</summary>
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkSettings settings, Action<BenchmarkResult>? progress = null, int? only = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (only is < 1 || only > RowCount) throw new ArgumentOutOfRangeException(nameof(only), $"rows are 1 to {RowCount}");
        var rows = new List<BenchmarkResult>();
        foreach (var benchmark in only is int index ? [Benchmarks[index - 1]] : Benchmarks)
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
