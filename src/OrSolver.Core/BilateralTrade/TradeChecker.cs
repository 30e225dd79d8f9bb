using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.BilateralTrade;

/// <summary>The routes by which bilateral trade verifies a reported point (<see cref="PointCheck.Route"/>).</summary>
public static class TradeCheckRoutes
{
    /// <summary>The LP's optimum against the exact grid frontier of the Lagrangian route at the LP's U, strong duality
    /// G(λ) = Π + λ·U at the LP's own λ, and the frontier point's mechanism re-evaluated from its trade rule and payments.
    /// The full check.</summary>
    public const string LpLagrangianMechanism = "lp+lagrangian+mechanism";

    /// <summary>The Lagrangian route's point against its mechanism re-evaluated from its trade rule and payments (Π, U,
    /// ex-ante budget balance, interim IR), and the mechanism's trade probabilities re-checked against the grid program's
    /// constraints. No LP is solved.</summary>
    public const string LagrangianMechanism = "lagrangian+mechanism";
}

/// <summary>
/// Verifies points of the bilateral-trade frontier by duality (method.md §13.1): a frontier point against its mechanism
/// re-evaluated from its rules and payments; an LP point, in addition, against the exact grid frontier at its U and
/// against the Lagrangian value at its own dual.
/// </summary>
public static class TradeChecker
{
    /// <summary>Checks the frontier's point <paramref name="point"/> by the Lagrangian route.</summary>
    public static PointCheck CheckFrontierPoint(ParetoFrontier<TradeMechanism> frontier, ParetoPoint<TradeMechanism> point, TradeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(grid);
        var mechanism = frontier.MechanismOf(point);
        return CheckMechanism(TradeCheckRoutes.LagrangianMechanism, mechanism, point.Revenue, point.Surplus, point.Lambda, frontier.WelfareBenchmark, grid);
    }

    /// <summary>
    /// Checks an LP point against the exact frontier: the LP's Π against the frontier's at the LP's U (an excess up to λ
    /// times the tolerance in U is the LP's feasibility tolerance, not a gap), the frontier point's mechanism re-evaluated
    /// from its rules, and strong duality at the LP's λ: G(λ) from the Lagrangian route equals Π + λ·U.
    /// </summary>
    public static (ParetoPoint<TradeMechanism> Location, PointCheck Check) CheckSolve(TradeSolve solve, ParetoFrontier<TradeMechanism> frontier,
        TradeLagrangian lagrangian)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(lagrangian);
        if (solve.Allocation is not { } lp) throw new InvalidOperationException($"no allocation to check in a {solve.Status} solve");
        double scale = frontier.WelfareBenchmark;
        var values = Tolerances.SolverAgreement.AtScale(scale);
        var location = frontier.At(lp.Surplus);
        // A point that is all but one vertex is that vertex (its mechanism is then the vertex's, not a randomisation with a
        // weight of 1e-12); the weight, not the distance in U, decides, since near U* vertices lie 1e-10 apart in U.
        if (!location.AtVertex && location.Probability >= 1 - Tolerances.SolverAgreement.Relative) location = ParetoFrontier.OnSegment(location.Left, location.Left, 0);
        else if (!location.AtVertex && location.Probability <= Tolerances.SolverAgreement.Relative) location = ParetoFrontier.OnSegment(location.Right, location.Right, 0);
        var (lambdaLow, lambdaHigh) = SupportingSlopes(frontier, location);
        bool hasLambda = double.IsFinite(solve.Lambda);
        double lambdaHull = hasLambda ? Math.Clamp(solve.Lambda, lambdaLow, lambdaHigh) : location.Lambda;

        var failures = new List<string>();
        // The LP's U is known to the tolerance only (its rows hold to GLOP's), and where the frontier is steep (λ in the
        // thousands next to U*) Π moves by λ times that: Π above the frontier by up to λ·δU (U understated on the left), or
        // below it by up to the frontier's drop over δU to the right (U understated next to U*), is not a gap.
        double reachU = values.Bound(lp.Surplus, lp.Surplus);
        double excess = lp.Revenue - location.Revenue;
        double drop = location.Revenue - frontier.At(lp.Surplus + reachU).Revenue;
        double lpGap = excess > 0 ? Math.Max(0, excess - Math.Max(lambdaLow, hasLambda ? solve.Lambda : 0) * reachU) : Math.Max(0, -excess - drop);
        if (lpGap > values.Bound(lp.Revenue, location.Revenue)) failures.Add($"LP revenue {lp.Revenue:G12} vs Lagrangian {location.Revenue:G12}");
        double dualityGap = 0;
        if (hasLambda)
        {
            var optimum = lagrangian.Optimum(solve.Lambda);
            dualityGap = optimum.LagrangianValue - (lp.Revenue + solve.Lambda * lp.Surplus);
            if (!values.AtScale(scale * (1 + solve.Lambda)).Close(dualityGap, 0))
                failures.Add($"duality gap G(λ) − (Π + λU) = {dualityGap:G6} at the LP's λ = {solve.Lambda:G10}");
        }
        var mechanismCheck = CheckMechanism(TradeCheckRoutes.LpLagrangianMechanism, frontier.MechanismOf(location), location.Revenue, location.Surplus,
            lambdaHull, scale, lp.Grid);
        var frontierAllocation = frontier.MechanismOf(location).Allocation(lp.Grid);
        double interimGap = 0;
        for (int i = 1; i <= lp.Grid.BuyerCells; i++) interimGap = Math.Max(interimGap, Math.Abs(lp.BuyerInterim(i) - frontierAllocation.BuyerInterim(i)));
        for (int j = 1; j <= lp.Grid.SellerCells; j++) interimGap = Math.Max(interimGap, Math.Abs(lp.SellerInterim(j) - frontierAllocation.SellerInterim(j)));
        double worst = Math.Max(lpGap, Math.Abs(dualityGap) / (1 + (hasLambda ? solve.Lambda : 0))) / scale;
        var check = new PointCheck(TradeCheckRoutes.LpLagrangianMechanism, lambdaHull, interimGap, lpGap, Math.Abs(lp.Surplus - location.Surplus), worst,
            failures.Count == 0, failures.Count == 0 ? null : string.Join("; ", failures)) { LambdaLp = hasLambda ? solve.Lambda : null };
        return (location, check.Combine(mechanismCheck) with { Route = TradeCheckRoutes.LpLagrangianMechanism });
    }

    /// <summary>The mechanism's Π and U from its rules and payments against (Π, U) claimed for it, its ex-ante budget
    /// balance, interim IR and BIC among the grid's types, and its trade probabilities against the grid program's
    /// constraints.</summary>
    public static PointCheck CheckMechanism(string route, TradeMechanism mechanism, double revenue, double surplus, double lambda, double scale, TradeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(grid);
        var values = Tolerances.SolverAgreement.AtScale(scale);
        var outcome = mechanism.Evaluate();
        var failures = new List<string>();
        if (!values.Close(outcome.Revenue, revenue)) failures.Add($"re-evaluated revenue {outcome.Revenue:G12} vs {revenue:G12}");
        if (!values.Close(outcome.Surplus, surplus)) failures.Add($"re-evaluated surplus {outcome.Surplus:G12} vs {surplus:G12}");
        if (!values.Close(outcome.BudgetImbalance, 0)) failures.Add($"the payments are not budget balanced ex ante (imbalance {outcome.BudgetImbalance:G6})");
        if (!values.AtMost(0, outcome.LowestUtility)) failures.Add($"a type's interim utility is negative ({outcome.LowestUtility:G6})");
        if (!values.AtMost(outcome.IncentiveGain, 0)) failures.Add($"a type gains {outcome.IncentiveGain:G6} by misreporting");
        if (mechanism.Allocation(grid).CheckFeasibility(Tolerances.Feasibility) is { } infeasible) failures.Add($"allocation infeasible: {infeasible}");
        double revenueGap = Math.Abs(outcome.Revenue - revenue), surplusGap = Math.Abs(outcome.Surplus - surplus);
        double worst = Math.Max(Math.Max(revenueGap, surplusGap), Math.Abs(outcome.BudgetImbalance)) / scale;
        return new PointCheck(route, lambda, null, revenueGap, surplusGap, worst, failures.Count == 0, failures.Count == 0 ? null : string.Join("; ", failures));
    }

    /// <summary>The range of slopes −dΠ/dU supporting the frontier at a point: the segment's slope, or at a vertex the
    /// slopes of the segments on its two sides (0 left of the first vertex, +∞ right of the last).</summary>
    public static (double Low, double High) SupportingSlopes(ParetoFrontier<TradeMechanism> frontier, ParetoPoint<TradeMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(point);
        if (!point.AtVertex) return (point.Lambda, point.Lambda);
        var vertices = frontier.Vertices!;
        int index = -1;
        for (int k = 0; k < vertices.Count; k++)
            if (ReferenceEquals(vertices[k], point.Left)) index = k;
        double low = index <= 0 ? 0 : vertices[index - 1].Lambda;
        return (low, point.Left.Lambda);
    }
}
