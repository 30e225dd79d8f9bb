using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Characterization;

/// <summary>
/// Scratch buffers for repeated solves of the Lagrangian program max Π + λ·U on one grid (Prop. B.6, method.md §5.1): the
/// upper concave hull of R_λ = λ·V + (1-λ)·R, its maximiser (the reserve r(λ) or ℓ(λ)) and the canonical optimum's
/// (Π, U), without allocating per solve. The parametric searches of <see cref="ExactVertices"/> take thousands of hulls
/// (a few per frontier vertex); <see cref="LagrangianOptimum.Solve"/> takes one and builds the allocation from it.
/// Not thread-safe: one workspace per worker.
/// </summary>
internal sealed class LagrangianWorkspace
{
    private readonly double[] _primary;
    private readonly double[] _primaryScale;
    private readonly double[] _secondary;
    private readonly double[] _secondaryScale;
    private readonly int[] _stack;
    private int _count;

    /// <summary>Allocates the buffers for <paramref name="market"/>'s grid (five arrays of m + 1 entries).</summary>
    public LagrangianWorkspace(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        Market = market;
        int points = market.Cells + 1;
        _primary = new double[points];
        _primaryScale = new double[points];
        _secondary = new double[points];
        _secondaryScale = new double[points];
        _stack = new int[points];
    }

    /// <summary>The market and grid.</summary>
    public DiscretisedMarket Market { get; }

    /// <summary>Grid indices of the last solve's hull vertices up to and including its reserve point.</summary>
    public ReadOnlySpan<int> Vertices => _stack.AsSpan(0, _count);

    /// <summary>
    /// Takes the upper concave hull of R_λ at the grid points and its maximiser; afterwards <see cref="Vertices"/> holds
    /// the hull's vertices up to the maximiser. Ties in R_λ are decided by ±U (the surplus curve V − R): + for
    /// <see cref="TieSide.MostSurplus"/>, − for <see cref="TieSide.LeastSurplus"/>; at λ = +∞ the hull is that of U,
    /// ties decided by R (most revenue among the surplus-optimal).
    /// </summary>
    /// <param name="lambda">λ ≥ 0, or +∞.</param>
    /// <param name="side">Which end of a tie to take; at λ = +∞ ties always go to revenue.</param>
    public void Solve(double lambda, TieSide side)
    {
        if (double.IsNaN(lambda) || lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0");
        var revenue = Market.RevenueCurve;
        var value = Market.IntegratedValueCurve;
        bool infinite = double.IsPositiveInfinity(lambda);
        double sign = side == TieSide.MostSurplus ? 1 : -1;
        double weight = Math.Abs(1 - lambda);
        for (int k = 0; k < revenue.Length; k++)
        {
            double r = revenue[k], v = value[k];
            double magnitude = Math.Abs(r) + Math.Abs(v);
            if (infinite)
            {
                // max U, then Π: the hull of V - R, ties decided by R.
                _primary[k] = v - r;
                _primaryScale[k] = magnitude;
                _secondary[k] = r;
                _secondaryScale[k] = Math.Abs(r);
            }
            else
            {
                // max R_λ = λV + (1-λ)R, ties decided by ±U (the surplus curve V - R).
                _primary[k] = lambda * v + (1 - lambda) * r;
                _primaryScale[k] = lambda * Math.Abs(v) + weight * Math.Abs(r);
                _secondary[k] = sign * (v - r);
                _secondaryScale[k] = magnitude;
            }
        }
        int hull = ConcaveHull.Upper(Market.Grid.PointSpan, _primary, _primaryScale, _secondary, _secondaryScale, _stack);

        // The maximiser of the hull (the reserve): largest primary, then largest secondary, then the side's end.
        int best = 0; // an index into the hull
        for (int h = 1; h < hull; h++)
        {
            int k = _stack[h], b = _stack[best];
            int cmp = Compare(_primary[k], _primary[b], _primaryScale[k] + _primaryScale[b]);
            if (cmp == 0) cmp = Compare(_secondary[k], _secondary[b], _secondaryScale[k] + _secondaryScale[b]);
            if (cmp > 0 || (cmp == 0 && (infinite || side == TieSide.MostSurplus))) best = h;
        }
        _count = best + 1;
    }

    /// <summary>
    /// The canonical optimum's cell values on cell j (index j − 1): between consecutive vertices a &lt; b the average of
    /// X̂' over (q_a, q_b] (a pooling interval when b &gt; a + 1), zero after the reserve. For the last <see cref="Solve"/>.
    /// </summary>
    public double[] CellAllocation()
    {
        var x = new double[Market.Cells];
        var vertices = Vertices;
        for (int h = 1; h < vertices.Length; h++)
        {
            int a = vertices[h - 1], b = vertices[h];
            x.AsSpan(a, b - a).Fill(Average(a, b));
        }
        return x;
    }

    /// <summary>(Π, U) of the last <see cref="Solve"/>'s canonical optimum, summed cell by cell exactly as
    /// <see cref="InterimAllocation"/> sums them (so both give the same bits): Π = n·Σ x_j ΔR_j, W = n·Σ x_j ΔV_j, U = W − Π.</summary>
    public (double Revenue, double Surplus) Value()
    {
        var revenue = Market.RevenueCurve;
        var value = Market.IntegratedValueCurve;
        double pi = 0, welfare = 0;
        var vertices = Vertices;
        for (int h = 1; h < vertices.Length; h++)
        {
            int a = vertices[h - 1], b = vertices[h];
            double average = Average(a, b);
            for (int j = a + 1; j <= b; j++)
            {
                pi += average * (revenue[j] - revenue[j - 1]);
                welfare += average * (value[j] - value[j - 1]);
            }
        }
        // Cells after the reserve have x = 0 and add nothing.
        double n = Market.Buyers;
        double totalRevenue = n * pi, totalWelfare = n * welfare;
        return (totalRevenue, totalWelfare - totalRevenue);
    }

    /// <summary>X̂' averaged over (q_a, q_b]: the allocation of every cell of that hull segment.</summary>
    private double Average(int a, int b) => Market.CapIncrement(a, b) / (Market.Grid[b] - Market.Grid[a]);

    private static int Compare(double a, double b, double scale)
    {
        double guard = Tolerances.Rounding.Relative * scale + Tolerances.Rounding.Absolute;
        if (a > b + guard) return 1;
        if (a < b - guard) return -1;
        return 0;
    }
}
