using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 8 of docs/performance.md: OrSolver against the tool a Python user would reach for, scipy's HiGHS
/// (<c>scipy.optimize.linprog</c>), on the same LP in the same run. The program OrSolver builds is exported as it is
/// (benchmarks/scipy/border_lp.py solves exactly those columns and rows), so the two solve the same problem; scipy is
/// timed on its solves alone (imports and loading excluded), OrSolver as a whole process where the target says so.
/// Cases: the 100-point frontier (uniform(0, 1), n = 5, m = 2000, CSV) as the command a user runs, against scipy's
/// sweep of the same 100 floors; one cold LP at m = 10⁴ (uniform and exponential, n = 5, U halfway between the Myerson
/// point and U*), against scipy's one solve. Without a Python that has scipy the rows say so and measure nothing.
/// </summary>
public static class ScipyComparison
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "8 against scipy/HiGHS";

    /// <summary>Target: the whole `frontier` process at most this share of scipy's sweep (aim: 0.03).</summary>
    public const double FrontierShare = 0.1;

    /// <summary>Target: one cold LP at most this share of scipy's solve of the same program, and under 1 s.</summary>
    public const double ColdShare = 0.5;

    /// <summary>Runs the comparison.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? python = FindPython();
        string script = Path.Combine(settings.RepositoryRoot, "benchmarks", "scipy", "border_lp.py");
        if (python is null || !File.Exists(script))
        {
            string why = python is null ? "no python3 with scipy (Debian: apt-get install python3-scipy; or set ORSOLVER_PYTHON)" : $"{script} not found";
            yield return new BenchmarkResult(Name, "scipy", "", 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, $"not measured: {why}", double.NaN, "");
            yield break;
        }
        foreach (var row in Frontier(settings, python, script)) yield return row;
        foreach (string distribution in settings.ScipyColdDistributions)
            foreach (var row in Cold(settings, python, script, distribution)) yield return row;
    }

    private static IEnumerable<BenchmarkResult> Frontier(BenchmarkSettings settings, string python, string script)
    {
        const string distribution = "uniform(0, 1)";
        int grid = settings.SweepGrid, points = settings.SweepPoints;
        var problem = new FrontierProblem(settings.Market(distribution), grid);
        var levels = FrontierSolver.Levels(problem.MyersonSurplus, problem.OptimalSurplus, points);
        string parameters = $"{distribution} n={settings.Buyers} m={problem.Discretised.Cells} points={points}";
        using var scratch = new ScratchDirectory();
        string[] arguments = ["frontier", "--dist", distribution, "--buyers", settings.Buyers.ToString(CultureInfo.InvariantCulture),
            "--grid", grid.ToString(CultureInfo.InvariantCulture), "--points", points.ToString(CultureInfo.InvariantCulture), "--format", "csv", "--out", scratch.Path];
        var (measured, exit) = Measure.Run(settings.Repeat.AtMost(5), clock => ChildProcess.Run(settings.OrSolverCommand, arguments, clock));
        // The child's memory is not this process's: not measured.
        var ours = measured with { PeakMegabytes = double.NaN, BaselineMegabytes = double.NaN };
        var exact = ExactVertices.Compute(problem.Discretised);
        var scipy = RunScipy(python, script, BorderProgram.Build(problem.Discretised), levels, scratch.Path);
        double deviation = scipy.Deviation(exact, problem.OptimalWelfare);
        yield return BenchmarkResult.Of(Name, $"orsolver frontier m={grid}", parameters + $" (whole process: {string.Join(' ', arguments.SkipLast(2))})", ours,
                exit.ExitCode == 0 ? "exit 0, every point checked" : $"exit {exit.ExitCode}: {exit.LastError}", double.NaN, "")
            .WithTarget($"≤ {Formatting.Number(FrontierShare)}x scipy's sweep", ours.Median / scipy.Seconds, FrontierShare, "x");
        yield return new BenchmarkResult(Name, $"scipy sweep m={grid}", parameters + $" (scipy {scipy.Version}, linprog method=highs, one cold solve per floor)", 1,
            scipy.Seconds, scipy.Seconds, scipy.Seconds, double.NaN, double.NaN,
            $"{scipy.Optimal}/{levels.Count} optimal; OrSolver's whole process is {Formatting.Number(ours.Median / scipy.Seconds)}x this", deviation,
            "exact frontier Π at each floor (worst deviation /OPT)");
    }

    private static IEnumerable<BenchmarkResult> Cold(BenchmarkSettings settings, string python, string script, string distribution)
    {
        int grid = settings.ScipyColdGrid;
        var problem = new FrontierProblem(settings.Market(distribution), grid);
        double surplus = problem.MyersonSurplus + 0.5 * (problem.OptimalSurplus - problem.MyersonSurplus);
        var hull = ExactVertices.LocateBySearch(problem.Discretised, surplus, double.NaN);
        string parameters = $"{distribution} n={settings.Buyers} m={problem.Discretised.Cells} U={Formatting.Precise(surplus)}";
        var (ours, solve) = BackendComparison.ColdSolve(settings, problem, grid, OrToolsBackend.Glop, surplus);
        using var scratch = new ScratchDirectory();
        var scipy = RunScipy(python, script, BorderProgram.Build(problem.Discretised), [surplus], scratch.Path);
        double ours_deviation = solve.Status == SolveStatus.Optimal ? Math.Abs(solve.Point.Revenue - hull.Revenue) / problem.OptimalWelfare : double.NaN;
        double share = ours.Median / scipy.Seconds;
        yield return BenchmarkResult.Of(Name, $"glop cold m={grid}", parameters + " (load + one cold solve)", ours,
                $"{StatusWords.Of(solve.Status)} Π={Formatting.Precise(solve.Point.Revenue)}; {Formatting.Number(share)}x scipy's time", ours_deviation,
                $"hull Π={Formatting.Precise(hull.Revenue)} (deviation /OPT)")
            .WithTimeTarget(BackendComparison.TargetSeconds)
            .WithTarget($"≤ {Formatting.Number(ColdShare)}x scipy", share, ColdShare, "x");
        double scipyRevenue = scipy.Objectives[0];
        yield return new BenchmarkResult(Name, $"scipy cold m={grid}", parameters + $" (scipy {scipy.Version}, linprog method=highs)", 1,
            scipy.Seconds, scipy.Seconds, scipy.Seconds, double.NaN, double.NaN,
            double.IsNaN(scipyRevenue) ? "no optimum" : $"Π={Formatting.Precise(scipyRevenue)}", Math.Abs(scipyRevenue - hull.Revenue) / problem.OptimalWelfare,
            $"hull Π={Formatting.Precise(hull.Revenue)} (deviation /OPT)");
    }

    /// <summary>What scipy answered: the seconds of its solves, each floor's optimum (NaN when not optimal).</summary>
    private sealed record ScipyRun(double Seconds, string Version, IReadOnlyList<double> Floors, IReadOnlyList<double> Objectives)
    {
        public int Optimal => Objectives.Count(double.IsFinite);

        /// <summary>The worst |Π − Π_exact(U)| / OPT over the optimal floors.</summary>
        public double Deviation(ExactVertices exact, double welfare)
        {
            double worst = 0;
            for (int i = 0; i < Floors.Count; i++)
                if (double.IsFinite(Objectives[i])) worst = Math.Max(worst, Math.Abs(Objectives[i] - exact.Locate(Floors[i]).RevenueAtAsked) / welfare);
            return worst;
        }
    }

    private static ScipyRun RunScipy(string python, string script, BorderProgram program, IReadOnlyList<double> floors, string directory)
    {
        string path = Path.Combine(directory, "program.json");
        using (var stream = File.Create(path)) WriteProgram(stream, program, floors);
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(path);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {python}");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {error.Result}");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var objectives = root.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("objective").ValueKind == JsonValueKind.Number ? r.GetProperty("objective").GetDouble() : double.NaN).ToList();
        return new ScipyRun(root.GetProperty("seconds").GetDouble(), root.GetProperty("scipy").GetString() ?? "?", floors, objectives);
    }

    /// <summary>The program as benchmarks/scipy/border_lp.py reads it: bounds, objective, rows in compressed sparse form.</summary>
    private static void WriteProgram(Stream stream, BorderProgram border, IReadOnlyList<double> floors)
    {
        var program = border.Program;
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteBoolean("maximise", program.Maximise);
        Numbers("objective", program.Columns.Select(c => c.Objective));
        Numbers("columnLower", program.Columns.Select(c => c.Lower));
        Numbers("columnUpper", program.Columns.Select(c => c.Upper));
        Numbers("rowLower", program.Rows.Select(r => r.Lower));
        Numbers("rowUpper", program.Rows.Select(r => r.Upper));
        var start = new List<double> { 0 };
        foreach (var row in program.Rows) start.Add(start[^1] + row.Terms.Count);
        Numbers("rowStart", start);
        Numbers("column", program.Rows.SelectMany(r => r.Terms.Select(t => (double)t.Column)));
        Numbers("value", program.Rows.SelectMany(r => r.Terms.Select(t => t.Coefficient)));
        writer.WriteNumber("surplusRow", border.SurplusRow);
        Numbers("floors", floors);
        writer.WriteEndObject();

        // JSON has no infinity: Python's json module reads the bare words Infinity and -Infinity, which are written raw.
        void Numbers(string name, IEnumerable<double> values)
        {
            writer.WriteStartArray(name);
            foreach (double v in values)
            {
                if (double.IsPositiveInfinity(v)) writer.WriteRawValue("Infinity", skipInputValidation: true);
                else if (double.IsNegativeInfinity(v)) writer.WriteRawValue("-Infinity", skipInputValidation: true);
                else writer.WriteNumberValue(v);
            }
            writer.WriteEndArray();
        }
    }

    /// <summary>A python3 that imports scipy: $ORSOLVER_PYTHON, then Debian's /usr/bin/python3, then python3 on the PATH.</summary>
    private static string? FindPython()
    {
        foreach (string? candidate in new[] { Environment.GetEnvironmentVariable("ORSOLVER_PYTHON"), "/usr/bin/python3", "python3" })
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            try
            {
                var info = new ProcessStartInfo(candidate, ["-c", "import scipy.optimize"]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                using var process = Process.Start(info);
                if (process is null) continue;
                process.WaitForExit();
                if (process.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed: try the next
            }
        }
        return null;
    }

    /// <summary>A temporary directory removed on dispose.</summary>
    private sealed class ScratchDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("orsolver-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
