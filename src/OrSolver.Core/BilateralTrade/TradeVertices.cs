using OrSolver.Core.Pareto;

namespace OrSolver.Core.BilateralTrade;

/// <summary>
/// The exact frontier of the grid program of bilateral trade: every vertex of the concave piecewise-linear Π(U), from the
/// seller-offer point (λ = 0) to the buyer-offer point (λ = +∞), by a parametric search in λ (method.md §13.1, as §5.4
/// does for auctions): between two known frontier points A and B the chord's slope λ_AB is the only λ at which a point
/// between them can beat the chord; if the Lagrangian optimum there, G(λ_AB), exceeds Π_A + λ_AB·U_A its optimum is a new
/// frontier point and the search recurses on both sides, otherwise A and B are adjacent. Points found inside a segment
/// (an optimum of a λ whose optimal face is the segment) are pruned at the end, so what remains are the extreme points.
/// </summary>
public sealed class TradeVertices
{
    private TradeVertices(TradeLagrangian lagrangian, IReadOnlyList<TradePoint> vertices)
    {
        Lagrangian = lagrangian;
        Vertices = vertices;
    }

    /// <summary>The Lagrangian route that produced the vertices.</summary>
    public TradeLagrangian Lagrangian { get; }

    /// <summary>The vertices in increasing U: first the seller-offer point, last the buyer-offer point.</summary>
    public IReadOnlyList<TradePoint> Vertices { get; }

    /// <summary>The market-agnostic frontier through these vertices, each with its mechanism, randomisations of two
    /// between them, and the grid's first best as the welfare benchmark. Range of the benchmark: &gt; 0.</summary>
    public ParetoFrontier<TradeMechanism> ToFrontier()
        => ParetoFrontier.FromVertices(
            [.. Vertices.Select(v => new ParetoVertex<TradeMechanism>(v.Surplus, v.Revenue, v.Lambda, new Lazy<TradeMechanism>(() => TradeMechanism.Of(v))))],
            Lagrangian.FirstBest().Gains, TradeMechanism.Randomize);

    /// <summary>Computes every vertex of the grid frontier.</summary>
    public static TradeVertices Compute(TradeLagrangian lagrangian)
    {
        ArgumentNullException.ThrowIfNull(lagrangian);
        var first = lagrangian.SellerOffer();
        var last = lagrangian.BuyerOffer();
        double scale = lagrangian.Grid.MoneyScale;
        double rounding = 1e-12 * scale;
        var points = new List<TradePoint> { first };
        if (last.Surplus - first.Surplus > rounding)
        {
            var stack = new Stack<(TradePoint A, TradePoint B)>();
            stack.Push((first, last));
            while (stack.Count > 0)
            {
                var (a, b) = stack.Pop();
                var between = FindBetween(lagrangian, a, b, rounding);
                if (between is null)
                {
                    points.Add(b);
                    continue;
                }
                stack.Push((between, b));
                stack.Push((a, between));
            }
        }
        return new TradeVertices(lagrangian, Prune(points, rounding));
    }

    /// <summary>A frontier point strictly between A and B (U_A &lt; U_B), or null when they are adjacent.</summary>
    private static TradePoint? FindBetween(TradeLagrangian lagrangian, TradePoint a, TradePoint b, double rounding)
    {
        double fall = a.Revenue - b.Revenue;
        double lambda = fall > 0 ? fall / (b.Surplus - a.Surplus) : 0;
        var candidate = lagrangian.Optimum(lambda);
        double chord = a.Revenue + lambda * a.Surplus;
        double value = candidate.Revenue + lambda * candidate.Surplus;
        double reach = rounding * (1 + lambda);
        bool inside = candidate.Surplus > a.Surplus + rounding && candidate.Surplus < b.Surplus - rounding;
        return value > chord + reach && inside ? candidate : null;
    }

    /// <summary>Drops the points that lie on the chord of their neighbours (within rounding), keeping the extreme points.</summary>
    private static List<TradePoint> Prune(List<TradePoint> points, double rounding)
    {
        var kept = new List<TradePoint>(points.Count);
        foreach (var p in points)
        {
            while (kept.Count >= 2)
            {
                var (a, b) = (kept[^2], kept[^1]);
                double t = (b.Surplus - a.Surplus) / (p.Surplus - a.Surplus);
                double onChord = a.Revenue + t * (p.Revenue - a.Revenue);
                if (b.Revenue > onChord + rounding) break;
                kept.RemoveAt(kept.Count - 1);
            }
            kept.Add(p);
        }
        return kept;
    }
}
