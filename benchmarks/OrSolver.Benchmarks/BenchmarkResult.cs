using System.Globalization;

namespace OrSolver.Benchmarks;

/// <summary>One row of the benchmark table: a case, how long it took and what it answered.</summary>
/// <param name="Benchmark">Which row of the benchmark (docs/performance.md) this belongs to, e.g. "1 LP backends".</param>
/// <param name="Case">The case within it, e.g. "glop m=2000".</param>
/// <param name="Parameters">The inputs that make it reproducible (distribution, n, m, points, U).</param>
/// <param name="Repetitions">Timed repetitions (the untimed warm-up excluded).</param>
/// <param name="MedianSeconds">Median of the repetitions' times.</param>
/// <param name="MinSeconds">Fastest repetition.</param>
/// <param name="MaxSeconds">Slowest repetition.</param>
/// <param name="PeakMemoryMegabytes">Peak resident memory of the process during the case, in MB.</param>
/// <param name="BaselineMemoryMegabytes">Resident memory when the case started, in MB (NaN when not measured).</param>
/// <param name="Answer">What the case computed (so that answers can be compared across cases).</param>
/// <param name="Deviation">The largest relative deviation of the answer from <paramref name="Reference"/> (NaN when there is none).</param>
/// <param name="Reference">What the answer is compared with, e.g. "hull at the same U" or "closed form".</param>
/// <param name="Target">The case's target (docs/performance.md, Targets), or empty.</param>
/// <param name="Verdict">Whether the target is met, or by how much it is missed; empty without a target.</param>
public sealed record BenchmarkResult(string Benchmark, string Case, string Parameters, int Repetitions, double MedianSeconds,
    double MinSeconds, double MaxSeconds, double PeakMemoryMegabytes, double BaselineMemoryMegabytes, string Answer, double Deviation, string Reference,
    string Target = "", string Verdict = "")
{
    /// <summary>A row from a <see cref="Timing"/>.</summary>
    public static BenchmarkResult Of(string benchmark, string name, string parameters, Timing timing, string answer, double deviation, string reference)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new BenchmarkResult(benchmark, name, parameters, timing.Seconds.Count, timing.Median, timing.Min, timing.Max,
            timing.PeakMegabytes, timing.BaselineMegabytes, answer, deviation, reference);
    }

    /// <summary>This row judged against an upper bound on its median time.</summary>
    public BenchmarkResult WithTimeTarget(double seconds) => WithTarget($"< {Formatting.Number(seconds)} s", MedianSeconds, seconds, "s");

    /// <summary>This row judged against an upper bound on its peak memory.</summary>
    public BenchmarkResult WithMemoryTarget(double megabytes) => WithTarget($"< {Formatting.Number(megabytes)} MB", PeakMemoryMegabytes, megabytes, "MB");

    /// <summary>This row judged against an upper bound on its deviation from the reference.</summary>
    public BenchmarkResult WithAccuracyTarget(double relative) => WithTarget($"deviation < {relative:G2}", Deviation, relative, "");

    /// <summary>This row judged against an upper bound <paramref name="limit"/> on <paramref name="measured"/>.</summary>
    public BenchmarkResult WithTarget(string target, double measured, double limit, string unit)
    {
        string verdict = measured < limit
            ? "met"
            : double.IsNaN(measured) ? "not measured" : $"missed: {Formatting.Number(measured)}{(unit.Length > 0 ? " " + unit : "")} is {Formatting.Number(measured / limit)}x the target";
        return this with { Target = Target.Length == 0 ? target : Target + "; " + target, Verdict = Verdict.Length == 0 ? verdict : Verdict + "; " + verdict };
    }
}

/// <summary>Number formatting shared by the benchmark rows.</summary>
public static class Formatting
{
    /// <summary>Four significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Ten significant digits, for answers that are compared across cases.</summary>
    public static string Precise(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
