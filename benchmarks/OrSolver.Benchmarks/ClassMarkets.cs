using System.Diagnostics;
using OrSolver.Core.Classes;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>A market of buyer classes for row 7.</summary>
/// <param name="Name">Its short name in the table.</param>
/// <param name="Classes">(n_c, F_c) per class, F_c as the command line writes a distribution.</param>
public sealed record ClassMarketCase(string Name, IReadOnlyList<(long Buyers, string Distribution)> Classes)
{
    /// <summary>The market.</summary>
    public ClassMarket Market() => ClassMarket.Parse([.. Classes]);

    /// <summary>The classes as "n×F + …".</summary>
    public override string ToString() => string.Join(" + ", Classes.Select(c => $"{c.Buyers}×{c.Distribution}"));
}

/// <summary>
/// Row 7 of docs/performance.md: the frontier of markets of several buyer classes (method.md §13.2) by the cutting-plane LP,
/// a P-point sweep (P = 21, evenly spaced in U from the Myerson point to U*) per market and grid. Timed: the solver's
/// construction and the sweep (the classes' grids and landmarks are built untimed). Every point is certified against
/// Border by the solver and then checked against the Lagrangian route at its U (route lp+lagrangian, not timed); the row
/// reports the LP solves, the seeded rows and separation cuts per point, the cold starts, the certificate's own time per
/// point (measured again on the final allocations) and the Lagrangian solves spent on finding the seeds' λ. On the
/// smallest cases the cut loop without seeds (the solver as it was before seeding) runs too.
/// </summary>
public static class ClassMarkets
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "7 class markets";

    /// <summary>Target (docs/performance.md, Targets): a 21-point frontier for K ≤ 5 classes and m ≤ 2000 cells per class "in
    /// seconds", taken as under 10 s.</summary>
    public const double TargetSeconds = 10;

    /// <summary>Runs the benchmark; yields one row per market and grid (two where the cut loop alone runs too).</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (int grid in settings.ClassGrids)
        {
            foreach (var market in settings.ClassMarkets)
            {
                int classes = market.Classes.Count;
                if ((long)classes * grid > settings.ClassCellBudget) continue;
                var problem = new ClassProblem(market.Market(), grid);
                int cells = problem.Grids.Classes.Sum(c => c.Cells);
                var repeat = cells > settings.ClassSlowCells ? new Repeat(1, false, 0) : settings.Repeat.AtMost(3);
                var row = Sweep(problem, market, settings.ClassPoints, repeat, seeded: true).WithTimeTarget(TargetSeconds);
                yield return row;
                if (cells <= settings.ClassUnseededCells) yield return Sweep(problem, market, settings.ClassPoints, new Repeat(1, false, 0), seeded: false);
            }
        }
    }

    private static BenchmarkResult Sweep(ClassProblem problem, ClassMarketCase market, int points, Repeat repeat, bool seeded)
    {
        int steps = 0;
        var (timing, sweep) = Measure.Run(repeat, clock =>
        {
            clock.Start();
            using var solver = seeded
                ? new ClassFrontierSolver(problem, new OrToolsLinearSolver())
                : new ClassFrontierSolver(problem, new OrToolsLinearSolver(), ClassBorder.SortedCandidates, certificateCuts: true);
            var result = solver.Sweep(points);
            clock.Stop();
            steps = solver.SeedSearchSteps;
            return result;
        });
        int optimal = sweep.Count(s => s.Status == SolveStatus.Optimal);
        // The certificate again, alone, on the final allocations: its share of the sweep's time.
        var certifying = Stopwatch.StartNew();
        var certificates = sweep.Where(s => s.Allocation is not null).Select(s => ClassBorder.Certify(s.Allocation!)).ToList();
        double certificate = certificates.Count > 0 ? certifying.Elapsed.TotalSeconds / certificates.Count : double.NaN;
        var checks = sweep.Select(s => ClassDualityChecker.Check(problem, s)).ToList();
        int agree = checks.Count(c => c.Agrees);
        double deviation = checks.Where(c => c.Agrees).Select(c => c.WorstGap).DefaultIfEmpty(double.NaN).Max();
        var grids = problem.Grids.Classes;
        string cells = grids.Select(c => c.Cells).Distinct().Count() == 1 ? $"{grids[0].Cells}" : string.Join("/", grids.Select(c => c.Cells));
        string answer = $"{optimal}/{points} optimal and certified ({certificates.FirstOrDefault()?.Method ?? "none"}), {agree}/{points} checks agree; "
            + $"{sweep.Sum(s => s.Rounds)} LP solves; per point {Formatting.Number((double)sweep.Sum(s => s.Seeds) / points)} seeded rows "
            + $"+ {Formatting.Number((double)sweep.Sum(s => s.Cuts) / points)} cuts, {sweep.Count(s => s.ColdStart)} cold starts; "
            + $"certificate {Formatting.Number(certificate * 1000)} ms/point; λ search {steps} Lagrangian solves";
        return BenchmarkResult.Of(Name, $"{market.Name} m={cells}{(seeded ? "" : " cut loop alone")}",
            $"K={grids.Count}: {market}; m={cells} per class; {points} points (grids and landmarks built untimed)", timing, answer, deviation,
            "Lagrangian route at each point's U (check lp+lagrangian; worst gap /OPT)");
    }
}
