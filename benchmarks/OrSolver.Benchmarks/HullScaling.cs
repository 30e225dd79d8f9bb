using System.Diagnostics;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 4 of docs/performance.md: the closed-form hull route alone on a grid of 10⁶ cells, on Uniform[0,1] with n buyers, where every
/// answer has a closed form (method.md §14). The timed work is what the hull route does for a frontier without the LP: both
/// ends (the Myerson point at λ = 0 and the buyer-optimal point at λ = ∞, Appendix B) and one point in between placed
/// on the exact frontier by parametric search in λ (<see cref="ExactVertices.LocateBySearch"/>). Building the grid and
/// evaluating F on it is reported as its own row. The full vertex list is not attempted at this size: it has thousands
/// of vertices, each a few O(m) hulls (row 3).
/// </summary>
public static class HullScaling
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "4 hull route alone";

    /// <summary>Target (docs/performance.md, Targets): the hull route at m = 10⁶ in under 0.5 s.</summary>
    public const double TargetSeconds = 0.5;

    /// <summary>The grid size the target applies to.</summary>
    public const int TargetGrid = 1_000_000;

    private const string Spec = "uniform(0, 1)";

    /// <summary>Runs the benchmark; yields the setup row and the hull route's row.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var market = settings.Market(Spec);
        double baseline = PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var problem = new FrontierProblem(market, settings.HullGrid);
        var setup = new Timing([clock.Elapsed.TotalSeconds], PeakMemory.Megabytes(), baseline);
        var grid = problem.Discretised;
        string parameters = $"{Spec} n={settings.Buyers} m={grid.Cells}";
        yield return BenchmarkResult.Of(Name, $"setup m={settings.HullGrid}", parameters + " (grid, F on the grid, landmarks; once)", setup,
            $"Π*={Formatting.Precise(problem.OptimalRevenue)}", Math.Abs(problem.OptimalRevenue / ClosedForms.UniformOptimalRevenue(settings.Buyers) - 1),
            "closed form Π* (relative)");

        // Above the second-price auction the uniform frontier is the segment Π = 1 − 2U to the lottery (README).
        double middle = 0.5 * (problem.MyersonSurplus + ClosedForms.UniformOptimalSurplus);
        var (timing, answer) = Measure.Whole(settings.Repeat.AtMost(3), () =>
        {
            var myerson = LagrangianOptimum.Solve(grid, 0, TieSide.MostSurplus);
            var buyerOptimal = LagrangianOptimum.Solve(grid, double.PositiveInfinity, TieSide.MostSurplus);
            var located = ExactVertices.LocateBySearch(grid, middle, double.NaN);
            return (Myerson: myerson.Allocation.Revenue, Surplus: buyerOptimal.Allocation.Surplus, Middle: located.Revenue);
        });
        double deviation = new[]
        {
            Math.Abs(answer.Myerson / ClosedForms.UniformOptimalRevenue(settings.Buyers) - 1),
            Math.Abs(answer.Surplus / ClosedForms.UniformOptimalSurplus - 1),
            Math.Abs(answer.Middle / (1 - 2 * middle) - 1),
        }.Max();
        var row = BenchmarkResult.Of(Name, $"ends + one point m={settings.HullGrid}", parameters + $" (λ = 0, λ = ∞, and the point at U={Formatting.Precise(middle)})",
            timing, $"Π*={Formatting.Precise(answer.Myerson)} U*={Formatting.Precise(answer.Surplus)} Π(U)={Formatting.Precise(answer.Middle)}", deviation,
            "closed forms Π*, U* = 1/2, Π = 1 − 2U (worst relative)");
        if (grid.Cells >= TargetGrid) row = row.WithTimeTarget(TargetSeconds);
        yield return row;
    }
}
