using OrSolver.Core.Pareto;

namespace OrSolver.Core.Bargaining;

/// <summary>
/// The bargaining solutions on any Pareto frontier (method.md §8), exactly: on a piecewise-linear frontier each solution
/// lies on one segment, found by a sign change along the frontier, where it has a closed form. Knows no market.
/// </summary>
public static class ParetoBargaining
{
    /// <summary>
    /// The Kalai–Smorodinsky solution (Def. 4.1): the frontier's point on the ray Π/Π* = U/U* from the origin to the ideal
    /// point. g = Π·U* − U·Π* falls along the frontier from ≥ 0 at its revenue-optimal end to ≤ 0 at its surplus-optimal
    /// end; on the segment where it changes sign the zero is t = g_A/(g_A − g_B). A degenerate frontier (Π* or U* not
    /// positive) gives its revenue-optimal end.
    /// </summary>
    public static ParetoPoint<TMechanism> KalaiSmorodinsky<TMechanism>(ParetoFrontier<TMechanism> frontier)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        double revenueIdeal = frontier.IdealRevenue, surplusIdeal = frontier.IdealSurplus;
        if (!(revenueIdeal > 0) || !(surplusIdeal > 0)) return ParetoFrontier.OnSegment(frontier.First, frontier.First, frontier.First.Surplus);
        double G(ParetoVertex<TMechanism> v) => v.Revenue / revenueIdeal - v.Surplus / surplusIdeal;
        var (a, b) = frontier.Segment(G);
        double ga = G(a), gb = G(b);
        if (ReferenceEquals(a, b) || !(ga - gb > 0)) return ParetoFrontier.OnSegment(a, a, a.Surplus);
        double t = Math.Clamp(ga / (ga - gb), 0, 1);
        return ParetoFrontier.OnSegment(a, b, a.Surplus + t * (b.Surplus - a.Surplus));
    }

    /// <summary>
    /// The maximiser of Π·U^w, i.e. of log Π + w·log U, over the frontier: w = n is the Nash solution with n symmetric
    /// buyers (Π·(U/n)^n, Def. 5.1), w = 1 the cross-side Nash solution (Π·U, Def. 5.2). Along the concave frontier the
    /// objective is concave; it rises to the right of a vertex while w·Π/U exceeds the slope λ there, so the segment where
    /// w·Π/U − λ changes sign holds the maximiser. On that segment from A to B, Π(t) = Π_A + t·dΠ, U(t) = U_A + t·dU and
    /// d/dt = dΠ/Π + w·dU/U = 0 gives t = −(dΠ·U_A + w·dU·Π_A)/((1 + w)·dΠ·dU); the best of it (inside the segment) and
    /// of A and B is the maximiser.
    /// </summary>
    /// <param name="frontier">The frontier.</param>
    /// <param name="weight">w. Range: &gt; 0.</param>
    public static ParetoPoint<TMechanism> WeightedNash<TMechanism>(ParetoFrontier<TMechanism> frontier, double weight)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        if (!(weight > 0 && double.IsFinite(weight))) throw new ArgumentOutOfRangeException(nameof(weight), weight, "the weight must be finite and positive");
        var (a, b) = frontier.Segment(v => v.Surplus > 0 && v.Revenue > 0 ? weight * v.Revenue / v.Surplus - v.Lambda : (v.Surplus > 0 ? -1 : 1));
        double bestSurplus = a.Surplus, bestValue = Objective(a.Revenue, a.Surplus, weight);
        if (Objective(b.Revenue, b.Surplus, weight) > bestValue) (bestValue, bestSurplus) = (Objective(b.Revenue, b.Surplus, weight), b.Surplus);
        double dRevenue = b.Revenue - a.Revenue, dSurplus = b.Surplus - a.Surplus;
        double denominator = (1 + weight) * dRevenue * dSurplus;
        if (denominator != 0)
        {
            double t = -(dRevenue * a.Surplus + weight * dSurplus * a.Revenue) / denominator;
            if (t > 0 && t < 1 && Objective(a.Revenue + t * dRevenue, a.Surplus + t * dSurplus, weight) > bestValue)
                bestSurplus = a.Surplus + t * dSurplus;
        }
        return ParetoFrontier.OnSegment(a, b, bestSurplus);
    }

    /// <summary>The cross-side Nash solution (Def. 5.2): the maximiser of Π·U.</summary>
    public static ParetoPoint<TMechanism> CrossSideNash<TMechanism>(ParetoFrontier<TMechanism> frontier) => WeightedNash(frontier, 1);

    /// <summary>log Π + w·log U, −∞ where Π or U is not positive.</summary>
    private static double Objective(double revenue, double surplus, double weight)
        => revenue > 0 && surplus > 0 ? Math.Log(revenue) + weight * Math.Log(surplus) : double.NegativeInfinity;
}
