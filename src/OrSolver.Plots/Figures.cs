using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Frontier;
using OrSolver.Core.Grid;
using OrSolver.Core.Mechanisms;

namespace OrSolver.Plots;

/// <summary>
/// The pictures the command line draws (issue 7): the frontier with its landmarks and bargaining solutions, the interim
/// allocation x(q) of a mechanism with its pooled intervals and reserve, and the mixed curve R_λ with its concave hull
/// (Appendix B: the hull's vertices up to its maximiser are the bids, its maximiser the reserve).
/// </summary>
public static class Figures
{
    /// <summary>
    /// The Pareto frontier Π(U) (the exact grid frontier: its vertices joined by the randomisations between them),
    /// with the Myerson point, the second-price auction (U⁺), the buyer-optimal point (U*), the KS ray Π/Π* = U/U*,
    /// and, when given, the KS, Nash and cross-side Nash points.
    /// </summary>
    public static Chart Frontier(FrontierProblem problem, ExactFrontier frontier, BargainingSolutions? solutions = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frontier);
        var market = problem.Market;
        var vertices = frontier.Vertices;
        // The ray from the origin would shrink the frontier to a corner: draw it only across the frontier's box.
        double RayStart = Math.Max(0, 0.97 * Math.Min(problem.MyersonSurplus / problem.OptimalSurplus,
            problem.SurplusOptimal.Allocation.Revenue / problem.OptimalRevenue));
        var chart = new Chart($"Pareto frontier: {market.Distribution.Spec}, n = {market.Buyers}{(market.Units > 1 ? $", {market.Units} units" : "")}",
                "buyers' surplus U", "seller's revenue Π")
            .With("frontier Π(U)", [.. vertices.Select(v => v.Surplus)], [.. vertices.Select(v => v.Revenue)])
            .With("KS ray Π/Π* = U/U*", [RayStart * problem.OptimalSurplus, problem.OptimalSurplus], [RayStart * problem.OptimalRevenue, problem.OptimalRevenue], SeriesStyle.DashedLine)
            .With("Myerson (revenue-optimal)", [problem.MyersonSurplus], [problem.OptimalRevenue], SeriesStyle.Markers)
            .With("second-price auction (U⁺)", [problem.SecondPrice.Surplus], [problem.SecondPrice.Revenue], SeriesStyle.Markers)
            .With("buyer-optimal (U*)", [problem.OptimalSurplus], [problem.SurplusOptimal.Allocation.Revenue], SeriesStyle.Markers);
        if (solutions is not null)
        {
            foreach (var (label, solution) in new[] { ("Kalai–Smorodinsky", solutions.KalaiSmorodinsky), ("Nash", solutions.Nash), ("cross-side Nash", solutions.CrossSideNash) })
                chart = chart.With($"{label}: W/OPT = {solution.WelfareRatio:0.000}", [solution.Surplus], [solution.Revenue], SeriesStyle.Markers);
        }
        return chart with { Legend = LegendCorner.LowerLeft };
    }

    /// <summary>
    /// The interim allocation x(q) (a step function on the grid cells) of <paramref name="mechanism"/>, against the
    /// efficient allocation X̂'(q) of the second-price auction; pooled intervals (removed bids) shaded, the reserve
    /// quantile marked. For a randomisation, both components' pooled intervals and reserves.
    /// </summary>
    public static Chart Allocation(InterimAllocation allocation, RecoveredMechanism mechanism, string title)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(mechanism);
        var market = allocation.Market;
        var efficient = InterimAllocation.SecondPrice(market);
        var (qs, xs) = Steps(market, allocation);
        var (qe, xe) = Steps(market, efficient);
        var chart = new Chart(title, "quantile q (values fall from left to right)", "interim allocation x(q)")
            .With("second-price auction X̂'(q)", qe, xe, SeriesStyle.DashedLine)
            .With($"this mechanism ({mechanism.KindName})", qs, xs);
        var parts = mechanism.Kind == MechanismKind.Randomization ? mechanism.Components.Select(c => c.Mechanism).ToList() : [mechanism];
        foreach (var part in parts)
        {
            foreach (var pooled in part.Pooled)
                chart = chart.WithBand("pooled interval (bids removed)", market.Grid[pooled.FromPoint], market.Grid[pooled.ToPoint]);
            if (part.ReservePoint < market.Cells)
                chart = chart.WithVertical($"reserve {part.Reserve:G4} at q = {market.Grid[part.ReservePoint]:G4}", market.Grid[part.ReservePoint]);
        }
        return chart;
    }

    /// <summary>
    /// The mixed curve R_λ(q) = λ·V(q) + (1 − λ)·R(q) at the grid points (λ = ∞: the surplus curve V − R) and its upper
    /// concave hull (Appendix B, Prop. B.6): the hull's vertices up to its maximiser are the bids of the canonical
    /// optimum at λ; its maximiser is the reserve.
    /// </summary>
    public static Chart MixedCurve(DiscretisedMarket market, double lambda)
    {
        ArgumentNullException.ThrowIfNull(market);
        int m = market.Cells;
        bool infinite = double.IsPositiveInfinity(lambda);
        var q = new double[m + 1];
        var curve = new double[m + 1];
        var scale = new double[m + 1];
        for (int k = 0; k <= m; k++)
        {
            q[k] = market.Grid[k];
            double r = market.Revenue(k), v = market.IntegratedValue(k);
            curve[k] = infinite ? v - r : lambda * v + (1 - lambda) * r;
            scale[k] = Math.Abs(r) + Math.Abs(v);
        }
        var zeros = new double[m + 1];
        var hull = ConcaveHull.Upper(q, curve, scale, zeros, zeros);
        var optimum = LagrangianOptimum.Solve(market, lambda, TieSide.MostSurplus);
        string name = infinite ? "V(q) − R(q)" : "R_λ(q)";
        return new Chart($"Mixed curve {name} and its concave hull, λ = {(infinite ? "∞" : lambda.ToString("G4", System.Globalization.CultureInfo.InvariantCulture))}: {market.Market.Distribution.Spec}, n = {market.Buyers}",
                "quantile q", infinite ? "surplus curve V − R" : "R_λ = λV + (1 − λ)R")
            .With(name, q, curve)
            .With("upper concave hull", [.. hull.Select(k => q[k])], [.. hull.Select(k => curve[k])], SeriesStyle.DashedLine)
            .WithVertical($"maximiser (reserve) q = {q[optimum.ReservePoint]:G4}", q[optimum.ReservePoint]);
    }

    private static (double[] Q, double[] X) Steps(DiscretisedMarket market, InterimAllocation allocation)
    {
        int m = market.Cells;
        var q = new double[2 * m];
        var x = new double[2 * m];
        for (int j = 1; j <= m; j++)
        {
            q[2 * j - 2] = market.Grid[j - 1];
            q[2 * j - 1] = market.Grid[j];
            x[2 * j - 2] = x[2 * j - 1] = allocation.Cell(j);
        }
        return (q, x);
    }
}
