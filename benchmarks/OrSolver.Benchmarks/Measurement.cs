using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace OrSolver.Benchmarks;

/// <summary>Times of the repetitions of one benchmark case, and the process's peak memory while it ran.</summary>
/// <param name="Seconds">The timed seconds of each repetition (warm-up excluded). Range: at least one entry.</param>
/// <param name="PeakMegabytes">Peak resident memory of the process during the case (warm-up included), in MB.</param>
/// <param name="BaselineMegabytes">Resident memory when the case started (runtime, native solvers, earlier cases' data
/// still held), in MB; the case itself added at most the difference.</param>
public sealed record Timing(IReadOnlyList<double> Seconds, double PeakMegabytes, double BaselineMegabytes = double.NaN)
{
    /// <summary>The median of <see cref="Seconds"/> (the mean of the middle two for an even count).</summary>
    public double Median
    {
        get
        {
            var sorted = Seconds.Order().ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
        }
    }

    /// <summary>The fastest repetition.</summary>
    public double Min => Seconds.Min();

    /// <summary>The slowest repetition.</summary>
    public double Max => Seconds.Max();
}

/// <summary>How many times a case runs: an untimed warm-up (JIT, native libraries, caches), then repetitions until
/// <see cref="Repetitions"/> are done or, after the first, the time budget is spent (slow cases run fewer times).</summary>
/// <param name="Repetitions">Most timed repetitions. Range: ≥ 1.</param>
/// <param name="WarmUp">Whether to run the case once untimed first; slow cases skip it when a smaller case of the same
/// code path has already warmed it up.</param>
/// <param name="BudgetSeconds">No new repetition starts once the timed total exceeds this. Range: &gt; 0.</param>
public sealed record Repeat(int Repetitions, bool WarmUp, double BudgetSeconds)
{
    /// <summary>The same with at most <paramref name="repetitions"/> repetitions.</summary>
    public Repeat AtMost(int repetitions) => this with { Repetitions = Math.Min(Repetitions, repetitions) };
}

/// <summary>Runs a case as a <see cref="Repeat"/> says and measures it.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="run"/> as <paramref name="repeat"/> says. Each run gets a stopped stopwatch and times what it
    /// means to time with it (so that setup such as building a problem can stay outside); it returns its answer, and the
    /// last repetition's answer is returned with the timing.
    /// </summary>
    public static (Timing Timing, T Answer) Run<T>(Repeat repeat, Func<Stopwatch, T> run)
    {
        ArgumentNullException.ThrowIfNull(repeat);
        ArgumentNullException.ThrowIfNull(run);
        double baseline = PeakMemory.Reset();
        if (repeat.WarmUp) run(new Stopwatch());
        var seconds = new List<double>();
        T answer;
        do
        {
            var clock = new Stopwatch();
            answer = run(clock);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        while (seconds.Count < repeat.Repetitions && seconds.Sum() < repeat.BudgetSeconds);
        return (new Timing(seconds, PeakMemory.Megabytes(), baseline), answer);
    }

    /// <summary>As <see cref="Run{T}(Repeat, Func{Stopwatch, T})"/>, timing the whole of <paramref name="run"/>.</summary>
    public static (Timing Timing, T Answer) Whole<T>(Repeat repeat, Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Run(repeat, clock =>
        {
            clock.Start();
            var answer = run();
            clock.Stop();
            return answer;
        });
    }
}

/// <summary>
/// Peak resident memory (RSS) of this process. Linux keeps the peak in VmHWM, and writing 5 to /proc/self/clear_refs
/// resets it to the current RSS, so the peak of one case is measured on its own. Elsewhere the reset does nothing and
/// the value is the process's peak so far. Values include the .NET runtime and the loaded native solvers.
/// </summary>
public static partial class PeakMemory
{
    private const string ClearReferences = "/proc/self/clear_refs";

    /// <summary>
    /// Collects garbage (compacting), hands memory that the native solvers freed back to the system (glibc keeps it
    /// otherwise: after a 5·10⁴-cell LP the process stayed 300 MB above its baseline, and every later case's peak with
    /// it), and resets the peak. Returns the resident memory after that, in MB: the case's baseline.
    /// </summary>
    public static double Reset()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = TrimNativeHeap(0); // 1 when memory was released, 0 when there was none to release: either is fine.
                File.WriteAllText(ClearReferences, "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc, or no /proc: the peak is the process's so far.
            }
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The peak resident memory since the last <see cref="Reset"/> (or since the start), in MB.</summary>
    public static double Megabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>glibc's malloc_trim: returns free heap memory to the system.</summary>
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int TrimNativeHeap(nuint pad);
}
