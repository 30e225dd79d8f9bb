using OrSolver.Core.Discretisation;

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
/// method.md §5.1): take the upper concave hull of the mixed curve R_λ = λ·V + (1-λ)·R at the grid points; set
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

    [ThreadStatic]
    private static LagrangianWorkspace? _workspace;

    /// <summary>Solves the Lagrangian program at <paramref name="lambda"/> on <paramref name="market"/>'s grid.</summary>
    /// <param name="market">The discretised market.</param>
    /// <param name="lambda">λ ≥ 0, or +∞ for the surplus-optimal end (ties broken towards revenue).</param>
    /// <param name="side">Which end of a tie to take; at λ = +∞ ties always go to revenue.</param>
    public static LagrangianOptimum Solve(DiscretisedMarket market, double lambda, TieSide side)
    {
        ArgumentNullException.ThrowIfNull(market);
        // One workspace per thread and grid: its five arrays of m + 1 entries would otherwise be allocated anew for each of
        // the thousands of vertices a frontier on a large grid certifies. A thread keeps the last grid it solved on alive
        // until it solves on another (one grid per thread, bounded).
        var workspace = _workspace is { } kept && ReferenceEquals(kept.Market, market) ? kept : _workspace = new LagrangianWorkspace(market);
        workspace.Solve(lambda, side);
        int[] vertices = workspace.Vertices.ToArray();
        var allocation = new InterimAllocation(market, workspace.CellAllocation());
        return new LagrangianOptimum(lambda, side, allocation, vertices, vertices[^1]);
    }
}
