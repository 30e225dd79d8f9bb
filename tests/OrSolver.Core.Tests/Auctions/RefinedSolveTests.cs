using System.Globalization;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>
/// <see cref="AuctionBargaining.SolveRefined"/> only adds grid points around the solutions: the landmarks the solutions
/// are measured against (Π*, U*, OPT) are properties of F and n and must not move, the solutions must stay where the
/// unrefined grid puts them up to the unrefined grid's resolution, and the refined grid must stay a sound grid.
/// </summary>
public class RefinedSolveTests
{
    /// <summary>Landmarks on two grids of the same market: both are within the discretisation error of the continuous
    /// value (U* = E[v] is exact on any grid; Π* and OPT agreed to 1e-15 here).</summary>
    private static readonly Tolerance Landmark = new(1e-6, 1e-12);

    /// <summary>Smallest admissible cell width relative to its right end q. GridBuilder's contract: "neighbouring cells
    /// never differ abruptly in width (slivers make the LP ill-conditioned)". Three refinement passes shrink the local
    /// spacing to about 3·(3/100)³ ≈ 1e-4 of a default cell, i.e. ≥ 1e-9 of q at the features of these markets; 1e-12
    /// only rejects cells at rounding level.</summary>
    private const double SmallestRelativeWidth = 1e-12;

    /// <summary>
    /// Example 4.2 is MHR (paper, Example 4.2), so U* is the lottery's E[v] (method.md §7.3, Hartline–Roughgarden) on any grid.
    /// Measured before eb7893e: after the third refinement pass the grid contained cells one ulp wide (6.9e-18 at
    /// q ≈ 0.0172: a pass's window end lands on an earlier pass's point up to rounding, and Distinct() keeps both), and U*
    /// dropped to 0.159 (n = 10⁹; 0.174 for n = 10⁶), which moved every solution (KS W/OPT 0.72 → 0.97; the CLI printed
    /// it). Since eb7893e U* is right again here, but the ulp-wide cells are still there (width/q ≈ 2e-16 at q ≈ 0.0172).
    /// </summary>
    [Theory]
    [InlineData("example42(1e9)", 1_000_000_000L)]
    [InlineData("example42(1000)", 1000L)]
    public void Refinement_keeps_the_landmarks_and_the_solutions(string spec, long buyers)
    {
        const int gridSize = 600;
        var coarse = new BargainCase(spec, buyers, gridSize);
        var (problem, refined) = AuctionBargaining.SolveRefined(Support.Market(spec, buyers), gridSize, new OrToolsLinearSolver());
        string what = string.Create(CultureInfo.InvariantCulture, $"{spec}, n = {buyers}, m = {gridSize} refined to {problem.Discretised.Cells}");
        double mean = problem.Market.Distribution.Mean;

        Support.Close(mean, coarse.Problem.OptimalSurplus, Landmark, $"{what}: U* = E[v] on the unrefined grid");
        Support.Close(coarse.Problem.OptimalRevenue, problem.OptimalRevenue, Landmark, $"{what}: Π*");
        Support.Close(coarse.Problem.OptimalWelfare, problem.OptimalWelfare, Landmark, $"{what}: OPT");
        Support.Close(mean, problem.OptimalSurplus, Landmark, $"{what}: U* = E[v] (MHR: the lottery)");

        // The solutions move by O(h) of the coarse grid at most: 1e-3 of OPT is far above that.
        var solutions = new[] { (coarse.Solutions.KalaiSmorodinsky, refined.KalaiSmorodinsky), (coarse.Solutions.Nash, refined.Nash),
            (coarse.Solutions.CrossSideNash, refined.CrossSideNash) };
        foreach (var (before, after) in solutions)
            Support.Close(before.WelfareRatio, after.WelfareRatio, new Tolerance(0, 1e-3), $"{what}: {after.Name} W/OPT, unrefined against refined");
    }

    /// <summary>The refined grid has no cell at rounding level (see <see cref="SmallestRelativeWidth"/>). Measured at
    /// eb7893e: width/q = 2.0e-16 (example42(1e9), n = 10⁹, m = 600, at q = 0.01722), 1.8e-16 (exponential(1), n = 1,
    /// m = 600, at q = 0.6065; a 6 s solve, not run here), 1.4e-16 (uniform, n = 1, default grid, at q = 0.79999), 1.2e-16
    /// (lognormal(0, 1), n = 5, m = 800).</summary>
    [Theory]
    [InlineData("example42(1e9)", 1_000_000_000L, 600)]
    public void Refined_grid_has_no_cells_at_rounding_level(string spec, long buyers, int gridSize)
    {
        var (problem, _) = AuctionBargaining.SolveRefined(Support.Market(spec, buyers), gridSize, new OrToolsLinearSolver());
        var grid = problem.Discretised.Grid;
        int worst = 1;
        for (int j = 2; j <= grid.Cells; j++)
            if (grid.Width(j) / grid[j] < grid.Width(worst) / grid[worst]) worst = j;
        double relative = grid.Width(worst) / grid[worst];
        Assert.True(relative >= SmallestRelativeWidth, string.Create(CultureInfo.InvariantCulture,
            $"{spec}, n = {buyers}, m = {gridSize} refined to {grid.Cells} cells: cell {worst} = ({grid[worst - 1]:R}, {grid[worst]:R}] has width {grid.Width(worst):E2} = {relative:E2}·q"));
    }

    /// <summary>
    /// With 75 lognormal(0, 1) buyers, Myerson's reserve (the monopoly price 1.35, where F = Φ(0.30) ≈ 0.62) excludes every
    /// buyer with probability 0.62⁷⁵ ≈ 2e-16: the revenue-optimal and buyer-optimal points coincide up to rounding, so the
    /// frontier is one point and every bargaining solution is that point, with W = OPT. The parametric search's ends used to
    /// compute U* a rounding below U(Myerson) and refuse the frontier (the command exited 3).
    /// </summary>
    [Fact]
    public void A_frontier_whose_ends_meet_within_rounding_is_one_point()
    {
        var (problem, solutions) = AuctionBargaining.SolveRefined(Support.Market("lognormal(0, 1)", 75), 1000, new OrToolsLinearSolver());
        var values = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        Assert.True(values.Close(problem.MyersonSurplus, problem.OptimalSurplus), $"U(Myerson) {problem.MyersonSurplus:R} vs U* {problem.OptimalSurplus:R}");
        foreach (var solution in new[] { solutions.KalaiSmorodinsky, solutions.Nash, solutions.CrossSideNash })
        {
            Support.Close(problem.OptimalRevenue, solution.Revenue, values, $"{solution.Name}: Π");
            Support.Close(problem.OptimalSurplus, solution.Surplus, values, $"{solution.Name}: U");
            Support.Close(problem.OptimalWelfare, solution.Welfare, values, $"{solution.Name}: W = OPT");
        }
    }

    /// <summary>
    /// Beta(2, 5) with 9 buyers, on the refined grid of its bargaining solutions: at the slope of the segment the KS ray
    /// crossed, the least-surplus Lagrangian optimum's G(λ) fell 2.6e-9 short of the most-surplus one's, and the search took
    /// the two ends for adjacent vertices, so the KS point sat on a chord below the frontier. Both independent routes
    /// saw it: GLOP's point at the same floor was 1.8e-9 higher, and weak duality could not prove the point optimal. Now
    /// each solution must pass the LP's check and be certified by weak duality.
    /// </summary>
    [Fact]
    public void A_vertex_only_the_most_surplus_optimum_reaches_is_found()
    {
        var analysis = BargainingAnalysis.Run(Support.Market("beta(2, 5)", 9), 1000, new OrToolsLinearSolver());
        Assert.All(analysis.Points, p => Assert.True(p.Check.Agrees, $"{p.Role.Name}: {p.Check.Failure}"));
        var certified = BargainingAnalysis.Certify(analysis.Solutions, OrSolver.Core.LinearProgramming.BorderProgram.Build(analysis.Problem.Discretised));
        Assert.All(certified, p => Assert.True(p.Check.Agrees, $"{p.Role.Name} certified: {p.Check.Failure}"));
    }
}
