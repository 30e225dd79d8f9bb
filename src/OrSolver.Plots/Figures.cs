using OrSolver.Core.BilateralTrade;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Plots;

/// <summary>
/// The pictures the command line draws (README, <c>--plot</c>): the frontier with its landmarks and bargaining solutions, the interim
/// allocation x(q) of a mechanism with its pooled intervals and reserve, and the mixed curve R_λ with its concave hull
/// (Appendix B: the hull's vertices up to its maximiser are the bids, its maximiser the reserve).
/// </summary>
public static class Figures
{
    /// <summary>
    /// A Pareto frontier Π(U) of any market (its vertices joined by the randomisations between them), the ray from the
    /// origin to its ideal point (U*, Π*) on which the Kalai–Smorodinsky point lies, and <paramref name="marks"/> (the
    /// market's landmarks and bargaining points, each with its label).
    /// </summary>
    /// <param name="frontier">The frontier; it must have its vertex list (<see cref="ParetoFrontier.FromVertices"/>).</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="marks">Points to mark, in drawing order.</param>
    /// <param name="surplusAxis">The x axis label (the buyers' side).</param>
    /// <param name="revenueAxis">The y axis label (the seller's side).</param>
    public static Chart Frontier<TMechanism>(ParetoFrontier<TMechanism> frontier, string title, IEnumerable<FrontierMark> marks,
        string surplusAxis = "buyers' surplus U", string revenueAxis = "seller's revenue Π")
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(marks);
        var vertices = frontier.Vertices ?? throw new ArgumentException("drawing a frontier needs its vertex list", nameof(frontier));
        double revenueIdeal = frontier.IdealRevenue, surplusIdeal = frontier.IdealSurplus;
        // The ray from the origin would shrink the frontier to a corner: draw it only across the frontier's box.
        double rayStart = revenueIdeal > 0 && surplusIdeal > 0
            ? Math.Max(0, 0.97 * Math.Min(frontier.First.Surplus / surplusIdeal, frontier.Last.Revenue / revenueIdeal))
            : 0;
        var chart = new Chart(title, surplusAxis, revenueAxis)
            .With("frontier Π(U)", [.. vertices.Select(v => v.Surplus)], [.. vertices.Select(v => v.Revenue)])
            .With("KS ray Π/Π* = U/U*", [rayStart * surplusIdeal, surplusIdeal], [rayStart * revenueIdeal, revenueIdeal], SeriesStyle.DashedLine);
        foreach (var mark in marks)
            chart = chart.With(mark.Label, [mark.Surplus], [mark.Revenue], SeriesStyle.Markers);
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
    /// The interim allocation x_c(q) of every class of a market of several classes: a step function on each class's grid,
    /// quantile 0 at the class's highest value. Where a class's reserve lies, its curve drops to 0.
    /// </summary>
    public static Chart ClassAllocation(ClassAllocation allocation, string title)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var chart = new Chart(title, "quantile q within the class (values fall from left to right)", "interim allocation x_c(q)");
        for (int c = 0; c < allocation.Classes.Count; c++)
        {
            var x = allocation.Classes[c];
            var market = x.Market;
            var (q, y) = Steps(market, x);
            chart = chart.With($"class {c + 1}: {market.Buyers}×{market.Market.Distribution.Spec}", q, y);
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

    /// <summary>The cells where trade happens, shaded by its probability: for buyer cell i (values v(q_i)..v(q_{i−1})) the
    /// seller cells 1..t_r(i) of each rule r trade with that rule's weight, so along the cost axis the probability is a
    /// step function with a step at each rule's threshold. Infinite values or costs are drawn up to <paramref name="top"/>.</summary>
    private static List<ShadedCell> TradeCells(List<(double Probability, TradeMechanism Mechanism)> parts, TradeGrid grid, double top)
    {
        var rules = parts.SelectMany(p => p.Mechanism.Rules.Select(r => (Weight: p.Probability * r.Probability, r.Rule))).ToList();
        var cells = new List<ShadedCell>();
        double Finite(double x) => double.IsFinite(x) ? x : top;
        for (int i = 1; i <= grid.BuyerCells; i++)
        {
            double bottom = Finite(grid.Value(i)), upper = Finite(grid.Value(i - 1));
            var thresholds = rules.Select(r => r.Rule.Trades(i)).Where(t => t > 0).Distinct().Order().ToList();
            int from = 0;
            foreach (int t in thresholds)
            {
                double probability = Math.Clamp(rules.Where(r => r.Rule.Trades(i) >= t).Sum(r => r.Weight), 0, 1);
                double left = Finite(grid.Cost(from)), right = Finite(grid.Cost(t));
                if (probability > 0 && right > left && upper > bottom) cells.Add(new ShadedCell(left, right, bottom, upper, probability));
                from = t;
            }
        }
        return cells;
    }

    /// <summary>
    /// Where a bilateral-trade mechanism trades, in the (cost, value) plane: each of its rules' thresholds t(c) as a
    /// staircase (trade above it), labelled with α_B, α_S and the probability the rule runs with, against the first
    /// best's boundary v = c. For a randomisation, both components' rules.
    /// </summary>
    public static Chart TradeRegion(TradeMechanism mechanism, string title)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        var parts = mechanism.Kind == TradeMechanismKind.Randomization
            ? mechanism.Components.Select(c => (c.Probability, c.Mechanism)).ToList()
            : [(1.0, mechanism)];
        var chart = new Chart(title, "seller's cost c", "buyer's value v");
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var (probability, part) in parts)
        {
            foreach (var share in part.Rules)
            {
                var steps = TradeMechanism.Steps(share.Rule);
                if (steps.Count == 0) continue;
                double from = share.Rule.Grid.Cost(0);
                var c = new List<double>();
                var v = new List<double>();
                foreach (var step in steps)
                {
                    c.Add(from);
                    v.Add(step.ValueAtLeast);
                    c.Add(step.CostUpTo);
                    v.Add(step.ValueAtLeast);
                    from = step.CostUpTo;
                }
                low = Math.Min(low, Math.Min(c[0], v.Min()));
                high = Math.Max(high, Math.Max(c[^1], v.Max()));
                string weight = (probability * share.Probability).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
                chart = chart.With($"t(c), α_B = {share.Rule.AlphaBuyer:G3}, α_S = {share.Rule.AlphaSeller:G3} (probability {weight})", c, v);
            }
        }
        if (low < high) chart = chart.With("first best: v = c", [low, high], [low, high], SeriesStyle.DashedLine);
        if (parts.Count > 0 && parts[0].Mechanism.Rules.Count > 0)
            chart = chart.WithCells("trade (shade: probability)", TradeCells(parts, parts[0].Mechanism.Rules[0].Rule.Grid, high));
        return chart with { Legend = LegendCorner.LowerRight };
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

/// <summary>A labelled point on a frontier chart.</summary>
/// <param name="Label">The legend's text.</param>
/// <param name="Surplus">U.</param>
/// <param name="Revenue">Π.</param>
public sealed record FrontierMark(string Label, double Surplus, double Revenue);
