using System.Diagnostics;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 2 of docs/performance.md: a P-point surplus sweep (P = 100, evenly spaced in U from the Myerson point to U*) at m = 2000 with
/// GLOP, three ways: one session re-solved after moving the surplus row's bound (warm start, method.md §4.4); the same points on
/// two workers, each with its own session and half of the points; and a new model for every point. Every point is
/// compared with the exact grid frontier (closed-form hull) at its U. Then the sweeps of all the distributions, one
/// after the other and on both cores.
/// </summary>
public static class SweepComparison
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "2 sweep, warm vs rebuild";

    /// <summary>Target (docs/performance.md, Targets): a 100-point sweep at m = 2000 in under 0.25 s of solve time.</summary>
    public const double TargetSeconds = 0.25;

    /// <summary>Runs the comparison; yields its rows.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int points = settings.SweepPoints;
        var problems = new List<FrontierProblem>();
        foreach (string spec in settings.SweepDistributions)
        {
            var problem = new FrontierProblem(settings.Market(spec), settings.SweepGrid);
            problems.Add(problem);
            var exact = ExactVertices.Compute(problem.Discretised);
            string parameters = $"{spec} n={settings.Buyers} m={problem.Discretised.Cells} points={points}";
            var floors = Floors(problem, points);

            double load = 0;
            var (warm, sweep) = Measure.Run(settings.Repeat, clock =>
            {
                var loading = Stopwatch.StartNew();
                using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
                load = loading.Elapsed.TotalSeconds;
                clock.Start();
                var result = solver.Sweep(points);
                clock.Stop();
                return result;
            });
            var warmRow = Row(problem, exact, sweep, $"warm, one session m={settings.SweepGrid}", parameters + $" (loading the model, {Formatting.Number(load)} s, not timed)", warm);
            if (problem.Discretised.Cells >= 2000 && points == 100) warmRow = warmRow.WithTimeTarget(TargetSeconds);
            yield return warmRow;

            var (split, halves) = Measure.Whole(settings.Repeat, () => Workers.Map(new[] { floors[..(points / 2)], floors[(points / 2)..] }, part => SolveEach(problem, part)));
            yield return Row(problem, exact, [.. halves.SelectMany(h => h)], $"warm, {Workers.Count} workers m={settings.SweepGrid}",
                parameters + " (each worker loads its own model and solves half of the points: timed)", split);

            // Every rebuild is a cold solve of the same cost, so a subset of the points measures it.
            int rebuilt = Math.Min(settings.RebuildPoints, points);
            var subset = Enumerable.Range(0, rebuilt).Select(i => floors[(int)Math.Round((double)i * (points - 1) / Math.Max(1, rebuilt - 1))]).ToList();
            var (cold, rebuilds) = Measure.Run(settings.Repeat.AtMost(1) with { WarmUp = false }, clock =>
            {
                clock.Start();
                var result = subset.Select(u => SolveEach(problem, [u])[0]).ToList();
                clock.Stop();
                return result;
            });
            double scale = (double)points / rebuilt;
            var scaled = cold with { Seconds = [.. cold.Seconds.Select(s => s * scale)] };
            yield return Row(problem, exact, rebuilds, $"rebuild every point m={settings.SweepGrid}",
                parameters + (rebuilt == points ? " (model built and solved cold per point)" : $" ({rebuilt} of the {points} points built and solved cold; time scaled to {points})"), scaled);
        }

        // Sweeps over distributions are independent: one after the other, then on every core (one session per worker).
        string all = string.Join(" + ", settings.SweepDistributions);
        var (sequential, _) = Measure.Whole(settings.Repeat.AtMost(3), () => problems.Select(p => SweepOnce(p, points)).ToList());
        yield return BenchmarkResult.Of(Name, $"{problems.Count} distributions, one after the other", $"{all}, {points} points each (models loaded: timed)",
            sequential, $"{problems.Count} sweeps", double.NaN, "");
        var (parallel, _) = Measure.Whole(settings.Repeat.AtMost(3), () => Workers.Map(problems, p => SweepOnce(p, points)));
        yield return BenchmarkResult.Of(Name, $"{problems.Count} distributions, {Workers.Count} workers", $"{all}, {points} points each (models loaded: timed)",
            parallel, $"speed-up {Formatting.Number(sequential.Median / parallel.Median)}x over one after the other", double.NaN, "");
    }

    /// <summary>The floors of <see cref="FrontierSolver.Sweep"/>: evenly spaced from the Myerson point's U to U*.</summary>
    private static double[] Floors(FrontierProblem problem, int points) =>
        [.. FrontierSolver.Levels(problem.MyersonSurplus, problem.OptimalSurplus, points)];

    /// <summary>One session for the floors, solved in turn (warm-started after the first).</summary>
    private static List<SurplusSolve> SolveEach(FrontierProblem problem, IReadOnlyList<double> floors)
    {
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        return floors.Select(solver.Solve).ToList();
    }

    private static int SweepOnce(FrontierProblem problem, int points)
    {
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        return solver.Sweep(points).Count(s => s.Status == SolveStatus.Optimal);
    }

    /// <summary>A row with the sweep's worst deviation from the exact frontier, relative to OPT.</summary>
    private static BenchmarkResult Row(FrontierProblem problem, ExactVertices exact, IReadOnlyList<SurplusSolve> solves, string name, string parameters, Timing timing)
    {
        int optimal = solves.Count(s => s.Status == SolveStatus.Optimal);
        double worst = solves.Where(s => s.Status == SolveStatus.Optimal)
            .Select(s => Math.Abs(s.Point.Revenue - exact.Locate(s.Point.Surplus).Revenue) / problem.OptimalWelfare)
            .DefaultIfEmpty(double.NaN).Max();
        if (optimal < solves.Count) worst = double.NaN;
        return BenchmarkResult.Of(Name, name, parameters, timing, $"{optimal}/{solves.Count} optimal", worst,
            $"exact frontier Π at each U ({exact.Vertices.Count} vertices; worst deviation /OPT)");
    }
}
