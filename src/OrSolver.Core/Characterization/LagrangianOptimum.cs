using OrSolver.Core.Grid;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Characterization;

/// <summary>Which end of a tie the canonical construction takes (Appendix B.1: ℓ(λ) and r(λ)).</summary>
public enum TieSide
{
    /// <summary>The Lagrangian optimum with the least surplus (leftmost maximiser ℓ(λ)).</summary>
    LeastSurplus,
    /// <summary>The Lagrangian optimum with the most surplus (rightmost maximiser r(λ)).</summary>
    MostSurplus,
}

/// <summary>
/// The closed-form optimum of the Lagrangian program max Π + λ·U over the Border polytope on a grid (Prop. B.6,
/// SPEC §4): take the upper concave hull of the mixed curve R_λ = λ·V + (1-λ)·R at the grid points; set
/// X = X̂ at hull vertices up to the hull's maximiser r(λ) (or ℓ(λ)), interpolate X̂ linearly between consecutive
/// vertices (pooling: those bids are removed), and keep X flat after the maximiser (the reserve).
/// On the grid this is an exact optimum of the grid LP.
/// </summary>
public sealed class LagrangianOptimum
{
    private LagrangianOptimum(double lambda, TieSide side, InterimAllocation allocation, int[] vertices, int reservePoint)
    {
        Lambda = lambda;
        Side = side;
        Allocation = allocation;
        HullVertices = vertices;
        ReservePoint = reservePoint;
    }

    /// <summary>λ, the weight on surplus. Range: [0, +∞]; +∞ means "maximise U, ties towards revenue".</summary>
    public double Lambda { get; }

    /// <summary>Which end of a tie this is.</summary>
    public TieSide Side { get; }

    /// <summary>The canonical interim allocation.</summary>
    public InterimAllocation Allocation { get; }

    /// <summary>Grid indices of the hull's vertices up to and including the reserve point.</summary>
    public IReadOnlyList<int> HullVertices { get; }

    /// <summary>Grid index of the reserve quantile r(λ) (or ℓ(λ)); the reserve price is v(q_r).</summary>
    public int ReservePoint { get; }

    /// <summary>G(λ) = Π + λ·U of the canonical allocation (the Lagrangian value; for λ = ∞, U).</summary>
    public double LagrangianValue => double.IsPositiveInfinity(Lambda) ? Allocation.Surplus : Allocation.Revenue + Lambda * Allocation.Surplus;

    /// <summary>Solves the Lagrangian program at <paramref name="lambda"/> on <paramref name="market"/>'s grid.</summary>
    /// <param name="market">The discretised market.</param>
    /// <param name="lambda">λ ≥ 0, or +∞ for the surplus-optimal end (ties broken towards revenue).</param>
    /// <param name="side">Which end of a tie to take; at λ = +∞ ties always go to revenue.</param>
    public static LagrangianOptimum Solve(DiscretisedMarket market, double lambda, TieSide side)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (double.IsNaN(lambda) || lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0");
        int m = market.Cells;
        var q = new double[m + 1];
        var primary = new double[m + 1];
        var primaryScale = new double[m + 1];
        var secondary = new double[m + 1];
        var secondaryScale = new double[m + 1];
        bool infinite = double.IsPositiveInfinity(lambda);
        double sign = side == TieSide.MostSurplus ? 1 : -1;
        for (int k = 0; k <= m; k++)
        {
            q[k] = market.Grid[k];
            double r = market.Revenue(k), v = market.IntegratedValue(k);
            double magnitude = Math.Abs(r) + Math.Abs(v);
            if (infinite)
            {
                // max U, then Π: the hull of V - R, ties decided by R.
                primary[k] = v - r;
                primaryScale[k] = magnitude;
                secondary[k] = r;
                secondaryScale[k] = Math.Abs(r);
            }
            else
            {
                // max R_λ = λV + (1-λ)R, ties decided by ±U (the surplus curve V - R).
                primary[k] = lambda * v + (1 - lambda) * r;
                primaryScale[k] = lambda * Math.Abs(v) + Math.Abs(1 - lambda) * Math.Abs(r);
                secondary[k] = sign * (v - r);
                secondaryScale[k] = magnitude;
            }
        }
        var hull = ConcaveHull.Upper(q, primary, primaryScale, secondary, secondaryScale);

        // The maximiser of the hull (the reserve): largest primary, then largest secondary, then the side's end.
        int best = 0; // an index into hull
        for (int h = 1; h < hull.Length; h++)
        {
            int k = hull[h], b = hull[best];
            int cmp = Compare(primary[k], primary[b], primaryScale[k] + primaryScale[b]);
            if (cmp == 0) cmp = Compare(secondary[k], secondary[b], secondaryScale[k] + secondaryScale[b]);
            if (cmp > 0 || (cmp == 0 && (infinite || side == TieSide.MostSurplus))) best = h;
        }
        var vertices = hull[..(best + 1)];
        int reservePoint = vertices[^1];

        // x on the cells between consecutive vertices a < b: the average of X̂' over (q_a, q_b] (a pooling
        // interval when b > a + 1); zero after the reserve.
        var x = new double[m];
        for (int h = 1; h < vertices.Length; h++)
        {
            int a = vertices[h - 1], b = vertices[h];
            double average = market.CapIncrement(a, b) / (q[b] - q[a]);
            for (int j = a + 1; j <= b; j++) x[j - 1] = average;
        }
        var allocation = new InterimAllocation(market, x);
        return new LagrangianOptimum(lambda, side, allocation, vertices, reservePoint);
    }

    private static int Compare(double a, double b, double scale)
    {
        double guard = Tolerances.Rounding.Relative * scale + Tolerances.Rounding.Absolute;
        if (a > b + guard) return 1;
        if (a < b - guard) return -1;
        return 0;
    }
}
