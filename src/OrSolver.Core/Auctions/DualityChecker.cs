using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Auctions;

/// <summary>The routes by which the i.i.d. auction market verifies a reported point (<see cref="PointCheck.Route"/>).</summary>
public static class CheckRoutes
{
    /// <summary>The LP's optimum against the closed-form hull at the same U (revenue, and strong duality G(λ) = Π + λU at
    /// the LP's own λ), and the mechanism re-evaluated from its auction rules against the hull. The full check.</summary>
    public const string LpHullAuction = "lp+hull+auction";

    /// <summary>The closed-form hull's point against its mechanism re-evaluated from the auction rules, and its allocation
    /// re-checked against Border, monotonicity and x ≥ 0. No LP is solved: that the point is optimal rests on the hull
    /// construction (Prop. B.6), which the LP route confirms wherever it runs.</summary>
    public const string HullAuction = "hull+auction";

    /// <summary>A mechanism the user named: its values from the auction rules against its interim allocation on the grid
    /// summed with the exact cell weights, and its allocation re-checked against Border, monotonicity and x ≥ 0.</summary>
    public const string AuctionAllocation = "auction+allocation";
}

/// <summary>A frontier point with the mechanism behind it and its check.</summary>
/// <param name="Mechanism">The recovered mechanism (a randomisation of two between vertices).</param>
/// <param name="Reevaluated">Π and U of that mechanism from the auction's rules.</param>
/// <param name="Check">The comparison of the routes.</param>
/// <param name="Location">Where the point lies on the exact frontier.</param>
public sealed record PointAnalysis(RecoveredMechanism Mechanism, AuctionOutcome Reevaluated, PointCheck Check, FrontierLocation Location);

/// <summary>
/// Verifies frontier points by duality (method.md §5): an LP point against the closed-form hull of R_λ and against its
/// mechanism re-evaluated from the auction rules; a hull point against its re-evaluated mechanism; a user's auction
/// against its own grid allocation.
/// </summary>
public static class DualityChecker
{
    /// <summary>Analyses an optimal LP point against <paramref name="frontier"/> (of the same discretised market).</summary>
    public static PointAnalysis Analyse(SurplusSolve solve, ExactVertices frontier)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(frontier);
        if (solve.Allocation is not { } allocation) throw new InvalidOperationException($"no allocation to analyse in a {solve.Status} solve");
        return Analyse(solve, frontier.Market, frontier.Locate(allocation.Surplus), frontier.Market.SecondPriceWelfare);
    }

    /// <summary>Analyses an optimal LP point without the full vertex list: the point is placed on the exact frontier by
    /// a parametric search started at the LP's λ (<see cref="ExactVertices.LocateBySearch"/>).</summary>
    public static PointAnalysis Analyse(SurplusSolve solve, DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(market);
        if (solve.Allocation is not { } allocation) throw new InvalidOperationException($"no allocation to analyse in a {solve.Status} solve");
        var location = ExactVertices.LocateBySearch(market, allocation.Surplus, solve.Lambda);
        double scale = market.SecondPriceWelfare;
        return Analyse(solve, market, location, scale);
    }

    private static PointAnalysis Analyse(SurplusSolve solve, DiscretisedMarket market, FrontierLocation location, double scale)
    {
        var allocation = solve.Allocation!;
        var leftOptimum = location.Left.Optimum(market);
        var rightOptimum = location.AtVertex ? leftOptimum : location.Right.Optimum(market);
        var (left, right) = (leftOptimum.Allocation, rightOptimum.Allocation);
        double nu = location.Probability;

        // The reported mechanism is the hull's at the LP's U, read exactly from the hull vertices: recovering it from
        // the LP's allocation would read solver round-off (X short of X̂ by 1e-5 relative on the first cells of a
        // graded grid, x ≈ 0 on the last ones) as pooling or a reserve. The LP's allocation is compared with it below.
        var values = Tolerances.SolverAgreement.AtScale(scale);
        var mechanism = Canonical(location, leftOptimum, rightOptimum);
        var outcome = mechanism.Evaluate(market);

        double gap = 0;
        for (int k = 1; k <= market.Cells; k++)
        {
            double canonical = nu * left.Cumulative(k) + (1 - nu) * right.Cumulative(k);
            gap = Math.Max(gap, Math.Abs(allocation.Cumulative(k) - canonical));
        }
        gap *= market.Buyers;

        // Strong duality (Prop. B.6): the LP's point must be a Lagrangian optimum at the LP's own λ, G(λ) = Π + λ·U.
        // That certifies both the point (it is on the frontier) and the dual (it supports the frontier there) up to the
        // solver's tolerance. It does not pin the dual to the segment's slope better than ε/w on a segment of width w in
        // U: on the finely refined grids of the bargaining solutions (segments of 1e-6) GLOP's and CLP's duals differ
        // from the slope by 1e-5 relative while the duality gap is 1e-11. So the reported λ is the hull's exact slope
        // (at a vertex: the LP's dual clamped to the vertex's range of supporting slopes), and the LP's dual is checked by
        // strong duality. A backend without duals reports λ = NaN: the hull's slope is reported and no dual is checked.
        bool hasLambda = double.IsFinite(solve.Lambda);
        double lambdaHull = hasLambda ? Math.Clamp(solve.Lambda, location.LambdaLow, location.LambdaHigh) : location.Lambda;
        double dualityGap = hasLambda
            ? LagrangianOptimum.Solve(market, solve.Lambda, TieSide.MostSurplus).LagrangianValue - (allocation.Revenue + solve.Lambda * allocation.Surplus)
            : 0;
        // The LP's Π against the hull's at exactly the LP's U; the mechanism against the hull point it implements (the
        // vertex's when the LP's U is within the tolerance of one): each pair to the solver tolerance, so that the LP's
        // point and its mechanism agree to it in both coordinates even where the frontier is steep.
        // The LP's allocation meets the constraints only to the feasibility tolerance, so its U is known to about
        // 1e-9·OPT: where the frontier is steep (λ in the hundreds near U* on mixtures with capped tails) its Π may sit
        // above the hull's at its own U by λ times that, while lying on the frontier to tolerance in U. So an excess up to
        // λ·δU is not counted, with λ the steepest slope supporting the frontier just left of the point (the segment's,
        // or the LP's own dual, which strong duality certifies below).
        double hullRevenue = double.IsNaN(location.RevenueAtAsked) ? location.Revenue : location.RevenueAtAsked;
        double steepest = Math.Max(double.IsFinite(location.LambdaLow) ? location.LambdaLow : 0, hasLambda ? solve.Lambda : 0);
        double excess = allocation.Revenue - hullRevenue;
        double lpHullGap = excess > 0 ? Math.Max(0, excess - steepest * values.Bound(allocation.Surplus, allocation.Surplus)) : -excess;
        double revenueGap = Math.Max(lpHullGap, Math.Abs(outcome.Revenue - location.Revenue));
        double surplusGap = Math.Max(Math.Abs(outcome.Surplus - location.Surplus), Math.Abs(location.Surplus - allocation.Surplus));

        var failures = new List<string>();
        if (lpHullGap > values.Bound(allocation.Revenue, hullRevenue))
            failures.Add($"LP revenue {allocation.Revenue:G12} vs hull {hullRevenue:G12}");
        if (!values.Close(outcome.Revenue, location.Revenue))
            failures.Add($"re-evaluated revenue {outcome.Revenue:G12} vs hull {location.Revenue:G12}");
        if (!values.Close(outcome.Surplus, location.Surplus))
            failures.Add($"re-evaluated surplus {outcome.Surplus:G12} vs hull {location.Surplus:G12}");
        if (!values.Close(location.Surplus, allocation.Surplus))
            failures.Add($"hull point's surplus {location.Surplus:G12} vs LP {allocation.Surplus:G12}");
        if (hasLambda && !values.AtScale(1 + solve.Lambda).Close(dualityGap, 0))
            failures.Add($"duality gap G(λ) − (Π + λU) = {dualityGap:G6} at the LP's λ = {solve.Lambda:G10} (hull λ {lambdaHull:G10})");
        double worst = Math.Max(Math.Max(revenueGap, surplusGap), Math.Abs(dualityGap) / (1 + (hasLambda ? solve.Lambda : 0))) / scale;
        var check = new PointCheck(CheckRoutes.LpHullAuction, lambdaHull, gap, revenueGap, surplusGap, worst, failures.Count == 0,
            failures.Count == 0 ? null : string.Join("; ", failures)) { LambdaLp = hasLambda ? solve.Lambda : null };
        return new PointAnalysis(mechanism, outcome, check, location);
    }

    /// <summary>
    /// Analyses the point of the exact frontier at <paramref name="location"/> (found for the level <paramref name="surplus"/>;
    /// the point is at <see cref="FrontierLocation.Surplus"/>, which is that level or a vertex within the tolerance) without
    /// an LP: its mechanism (the vertex's auction, or the randomisation of the two vertices' auctions) is re-evaluated
    /// from its rules and must reproduce the hull's Π and U, and its allocation must pass the re-check against Border,
    /// monotonicity and x ≥ 0 (<see cref="CheckRoutes.HullAuction"/>).
    /// </summary>
    public static PointAnalysis AnalyseHullPoint(FrontierLocation location, double surplus, DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(market);
        var leftOptimum = location.Left.Optimum(market);
        var rightOptimum = location.AtVertex ? leftOptimum : location.Right.Optimum(market);
        var mechanism = Canonical(location, leftOptimum, rightOptimum);
        var allocation = location.AtVertex ? leftOptimum.Allocation : Mix(market, leftOptimum.Allocation, rightOptimum.Allocation, location.Probability);
        var check = CompareWithRules(CheckRoutes.HullAuction, mechanism, allocation, location.Revenue, location.Surplus, location.Lambda, market, out var outcome);
        var values = Tolerances.SolverAgreement.AtScale(market.SecondPriceWelfare);
        if (!values.Close(location.Surplus, surplus))
            check = check.Combine(check with { Agrees = false, Failure = $"the hull point's surplus {location.Surplus:G12} vs the level asked {surplus:G12}" });
        return new PointAnalysis(mechanism, outcome, check, location);
    }

    /// <summary>
    /// Checks a mechanism that is not read off the frontier (e.g. an auction the user names): its Π and U from the auction
    /// rules against those of its interim allocation on the grid (<see cref="RecoveredMechanism.Allocation"/>), and that
    /// allocation against Border, monotonicity and x ≥ 0 (<see cref="CheckRoutes.AuctionAllocation"/>).
    /// </summary>
    public static (AuctionOutcome Outcome, PointCheck Check) CheckMechanism(RecoveredMechanism mechanism, DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return CheckMechanism(mechanism, mechanism.Allocation(market), CheckRoutes.AuctionAllocation);
    }

    /// <summary>Checks a mechanism against an allocation claimed to be its own (e.g. a landmark's canonical optimum): Π and
    /// U from the auction rules against the allocation's, and the allocation's feasibility re-check.</summary>
    public static (AuctionOutcome Outcome, PointCheck Check) CheckMechanism(RecoveredMechanism mechanism, InterimAllocation allocation, string route)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(allocation);
        var check = CompareWithRules(route, mechanism, allocation, allocation.Revenue, allocation.Surplus, double.NaN, allocation.Market, out var outcome);
        return (outcome, check);
    }

    /// <summary>The comparison shared by the routes without an LP: the mechanism's rules against (Π, U) and against the
    /// allocation's own sums, plus the allocation's feasibility re-check.</summary>
    private static PointCheck CompareWithRules(string route, RecoveredMechanism mechanism, InterimAllocation allocation, double revenue,
        double surplus, double lambda, DiscretisedMarket market, out AuctionOutcome outcome)
    {
        double scale = market.SecondPriceWelfare;
        var values = Tolerances.SolverAgreement.AtScale(scale);
        outcome = mechanism.Evaluate(market);
        var failures = new List<string>();
        if (!values.Close(outcome.Revenue, revenue)) failures.Add($"re-evaluated revenue {outcome.Revenue:G12} vs {revenue:G12}");
        if (!values.Close(outcome.Surplus, surplus)) failures.Add($"re-evaluated surplus {outcome.Surplus:G12} vs {surplus:G12}");
        if (!values.Close(allocation.Revenue, revenue)) failures.Add($"allocation revenue {allocation.Revenue:G12} vs {revenue:G12}");
        if (!values.Close(allocation.Surplus, surplus)) failures.Add($"allocation surplus {allocation.Surplus:G12} vs {surplus:G12}");
        var feasibility = allocation.CheckFeasibility(Tolerances.Feasibility);
        if (!feasibility.Feasible) failures.Add($"allocation infeasible: {feasibility}");
        double revenueGap = Math.Max(Math.Abs(outcome.Revenue - revenue), Math.Abs(allocation.Revenue - revenue));
        double surplusGap = Math.Max(Math.Abs(outcome.Surplus - surplus), Math.Abs(allocation.Surplus - surplus));
        return new PointCheck(route, lambda, null, revenueGap, surplusGap, Math.Max(revenueGap, surplusGap) / scale, failures.Count == 0,
            failures.Count == 0 ? null : string.Join("; ", failures));
    }

    /// <summary>ν·<paramref name="left"/> + (1 − ν)·<paramref name="right"/>, cell by cell.</summary>
    private static InterimAllocation Mix(DiscretisedMarket market, InterimAllocation left, InterimAllocation right, double nu)
    {
        var cells = new double[market.Cells];
        for (int j = 1; j <= market.Cells; j++) cells[j - 1] = nu * left.Cell(j) + (1 - nu) * right.Cell(j);
        return new InterimAllocation(market, cells);
    }

    /// <summary>The hull's mechanism at a location: the vertex's auction, or the randomisation of the two vertices'.</summary>
    public static RecoveredMechanism Canonical(FrontierLocation location, LagrangianOptimum left, LagrangianOptimum right)
    {
        ArgumentNullException.ThrowIfNull(location);
        var first = MechanismRecovery.FromOptimum(left);
        return location.AtVertex ? first : RecoveredMechanism.Randomize(first, MechanismRecovery.FromOptimum(right), location.Probability);
    }
}

/// <summary>The printed words of <see cref="SolveStatus"/>.</summary>
public static class StatusWords
{
    /// <summary>"optimal", "infeasible", "unbounded", "numerical-failure", "model-invalid" or "not-solved".</summary>
    public static string Of(SolveStatus status) => status switch
    {
        SolveStatus.Optimal => "optimal",
        SolveStatus.Infeasible => "infeasible",
        SolveStatus.Unbounded => "unbounded",
        SolveStatus.NumericalFailure => "numerical-failure",
        SolveStatus.ModelInvalid => "model-invalid",
        _ => "not-solved",
    };
}
