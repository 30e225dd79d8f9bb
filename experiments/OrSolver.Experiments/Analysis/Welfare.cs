using CsvHelper;
using OrSolver.Core;
using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Pareto;

namespace OrSolver.Experiments.Analysis;

/// <summary>A market to measure: a distribution spec, n buyers and k units (method.md §9).</summary>
/// <param name="Spec">The distribution, as the spec grammar writes it.</param>
/// <param name="Buyers">n. Range: 1 ≤ n ≤ 10¹².</param>
/// <param name="Units">k. Range: 1 ≤ k.</param>
public sealed record MarketCase(string Spec, long Buyers, int Units = 1)
{
    /// <summary>The market this case describes.</summary>
    public Market Market => new(DistributionSpec.Parse(Spec), Buyers, Units);

    /// <inheritdoc />
    public override string ToString() => Units == 1 ? $"{Spec}, n = {Format.Buyers(Buyers)}" : $"{Spec}, n = {Format.Buyers(Buyers)}, k = {Units}";
}

/// <summary>
/// The three bargaining solutions of one market (Defs. 4.1, 5.1, 5.2) with the landmarks their welfare is judged by:
/// Π*, U*, the Myerson point's surplus and OPT = E[max v_i] (or the top k values), all on the same grid as the solutions.
/// </summary>
/// <param name="Case">The market.</param>
/// <param name="Grid">Grid cells before refinement.</param>
/// <param name="Refined">Whether the grid was refined around the solutions (<see cref="AuctionBargaining.SolveRefined(Market, int?, ILinearSolver)"/>).</param>
/// <param name="Shape">F's class on the grid (regular, MHR, anti-MHR).</param>
/// <param name="OptimalRevenue">Π* on the grid.</param>
/// <param name="OptimalSurplus">U* on the grid.</param>
/// <param name="MyersonSurplus">U at the Myerson point.</param>
/// <param name="OptimalWelfare">OPT.</param>
/// <param name="Solutions">KS, Nash and cross-side Nash.</param>
/// <param name="Check">The three solutions' checks: each one's mechanism re-evaluated from its auction rules against the
/// hull point, and its allocation against Border, monotonicity and x ≥ 0 (hull+auction; the LP route's full check would
/// cost an LP per market).</param>
public sealed record WelfareMeasurement(MarketCase Case, int Grid, bool Refined, ShapeClassification Shape, double OptimalRevenue,
    double OptimalSurplus, double MyersonSurplus, double OptimalWelfare, BargainingSolutions Solutions, CheckSummary Check)
{
    /// <summary>KS welfare over OPT (Theorems 4.1, 4.2).</summary>
    public double KalaiSmorodinsky => Solutions.KalaiSmorodinsky.WelfareRatio;

    /// <summary>Nash welfare over OPT (Theorems 5.1, 5.2).</summary>
    public double Nash => Solutions.Nash.WelfareRatio;

    /// <summary>Cross-side Nash welfare over OPT (Theorem 5.3).</summary>
    public double CrossSideNash => Solutions.CrossSideNash.WelfareRatio;

    /// <summary>
    /// Solves <paramref name="market"/> on <paramref name="grid"/> cells: with <paramref name="refined"/> by
    /// <see cref="AuctionBargaining.SolveRefined(Market, int?, ILinearSolver)"/> (three local refinement passes: Π and U of a Nash maximiser exact to
    /// the final grid), else by the plain parametric search on the graded grid (its Π and U off by O(h)).
    /// </summary>
    public static WelfareMeasurement Measure(MarketCase market, int grid, bool refined, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        FrontierProblem problem;
        BargainingSolutions solutions;
        if (refined) (problem, solutions) = AuctionBargaining.SolveRefined(market.Market, grid, solver);
        else
        {
            problem = new FrontierProblem(market.Market, grid);
            solutions = AuctionBargaining.Solve(problem, solver);
        }
        var checks = BargainingAnalysis.CheckByHull(solutions, problem.Discretised);
        return new WelfareMeasurement(market, grid, refined, ShapeClassification.Classify(problem.Discretised), problem.OptimalRevenue,
            problem.OptimalSurplus, problem.MyersonSurplus, problem.OptimalWelfare, solutions, CheckSummary.Of(checks));
    }

    /// <summary>Measures every market over the context's workers (one LP solver each: GLOP is single-threaded), returned in
    /// order. A market already measured on the same grid in this run (thm4.1, thm5.3 and table1 share the random markets,
    /// thm4.1, thm5.2 and thm5.3 the regular ∩ anti-MHR sweep, four experiments Example 4.2) is read, not measured again.</summary>
    public static IReadOnlyList<WelfareMeasurement> MeasureAll(IReadOnlyList<MarketCase> markets, int grid, bool refined, ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(context);
        var results = context.Map(markets, (market, solver) =>
            context.Shared($"welfare: {market.Spec} | n = {market.Buyers} | k = {market.Units} | m = {grid} | {(refined ? "refined" : "plain")}",
                () => Measure(market, grid, refined, solver)));
        context.Log($"{markets.Count} markets solved on {grid} cells{(refined ? ", refined" : "")}");
        return results;
    }

    /// <summary>This measurement as a CSV row with the bound each ratio is held to (NaN where the paper gives none).</summary>
    public WelfareRow Row(double kalaiSmorodinskyBound, double nashBound, double crossSideNashBound) => new(
        Case.Spec, Case.Buyers, Case.Units, Grid, Refined, Shape.Classes, OptimalWelfare, OptimalRevenue, OptimalSurplus, MyersonSurplus,
        Solutions.KalaiSmorodinsky.Revenue, Solutions.KalaiSmorodinsky.Surplus, KalaiSmorodinsky, kalaiSmorodinskyBound,
        Solutions.Nash.Revenue, Solutions.Nash.Surplus, Nash, nashBound,
        Solutions.CrossSideNash.Revenue, Solutions.CrossSideNash.Surplus, CrossSideNash, crossSideNashBound,
        Solutions.KalaiSmorodinskyStatus.ToString(), Check.Check, Check.Agrees, Check.WorstGap);
}

/// <summary>One market's bargaining solutions as a CSV row: landmarks, each solution's Π, U, W/OPT and the bound on it.</summary>
[CsvRecord]
public sealed partial record WelfareRow(
    [property: CsvColumn("distribution")] string Distribution,
    [property: CsvColumn("buyers")] long Buyers,
    [property: CsvColumn("units")] int Units,
    [property: CsvColumn("grid")] int Grid,
    [property: CsvColumn("refined")] bool Refined,
    [property: CsvColumn("class")] string Class,
    [property: CsvColumn("opt")] double OptimalWelfare,
    [property: CsvColumn("optimal_revenue")] double OptimalRevenue,
    [property: CsvColumn("optimal_surplus")] double OptimalSurplus,
    [property: CsvColumn("myerson_surplus")] double MyersonSurplus,
    [property: CsvColumn("ks_revenue")] double KalaiSmorodinskyRevenue,
    [property: CsvColumn("ks_surplus")] double KalaiSmorodinskySurplus,
    [property: CsvColumn("ks_ratio")] double KalaiSmorodinsky,
    [property: CsvColumn("ks_bound")] double KalaiSmorodinskyBound,
    [property: CsvColumn("nash_revenue")] double NashRevenue,
    [property: CsvColumn("nash_surplus")] double NashSurplus,
    [property: CsvColumn("nash_ratio")] double Nash,
    [property: CsvColumn("nash_bound")] double NashBound,
    [property: CsvColumn("csn_revenue")] double CrossSideNashRevenue,
    [property: CsvColumn("csn_surplus")] double CrossSideNashSurplus,
    [property: CsvColumn("csn_ratio")] double CrossSideNash,
    [property: CsvColumn("csn_bound")] double CrossSideNashBound,
    [property: CsvColumn("ks_lp_status")] string KalaiSmorodinskyStatus,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;
