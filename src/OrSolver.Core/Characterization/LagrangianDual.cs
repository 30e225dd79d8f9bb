using OrSolver.Core.Discretisation;

namespace OrSolver.Core.Characterization;

/// <summary>
/// The multipliers that prove the canonical Lagrangian optimum at λ optimal for the grid program (method.md §5.8): with
/// H_λ the upper concave hull of R_λ = λ·V + (1 − λ)·R at the grid points, kept flat after its maximiser (the reserve),
/// the cumulative allocation's multiplier on cell j is M_j = n·H_λ' there (≥ 0, non-increasing: Border's multiplier at
/// q_k is M_k − M_{k+1}, positive only at the hull's vertices, where the optimum meets Border), and the multiplier of
/// x_j ≥ x_{j+1} is ν_j = n·(H_λ(q_j) − R_λ(q_j)) ≥ 0, positive only inside a pooling interval or after the reserve,
/// where the optimum keeps x flat. This is the ironing argument of Prop. B.6 written as an LP dual.
/// </summary>
public sealed class LagrangianDual
{
    private LagrangianDual(double lambda, double[] cellMultipliers, double[] monotoneMultipliers)
    {
        Lambda = lambda;
        CellMultipliers = cellMultipliers;
        MonotoneMultipliers = monotoneMultipliers;
    }

    /// <summary>λ ≥ 0 (finite).</summary>
    public double Lambda { get; }

    /// <summary>M_j for cells j = 1..m (index j − 1): n times the slope of H_λ on the cell. Range: ≥ 0.</summary>
    public IReadOnlyList<double> CellMultipliers { get; }

    /// <summary>ν_j for grid points j = 1..m − 1 (index j − 1): n·(H_λ(q_j) − R_λ(q_j)). Range: ≥ 0 (rounding below 0 is
    /// cut to 0; any multipliers give a valid bound, these give the tight one).</summary>
    public IReadOnlyList<double> MonotoneMultipliers { get; }

    /// <summary>The multipliers at λ on <paramref name="market"/>'s grid.</summary>
    /// <param name="market">The discretised market.</param>
    /// <param name="lambda">λ. Range: finite, ≥ 0.</param>
    public static LagrangianDual Of(DiscretisedMarket market, double lambda)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and ≥ 0");
        var revenue = market.RevenueCurve;
        var value = market.IntegratedValueCurve;
        var grid = market.Grid.PointSpan;
        double n = market.Buyers;
        int m = market.Cells;
        // Scratch kept per thread (grown to the largest grid seen, never shrunk): a frontier on an empirical grid certifies
        // thousands of vertices, each with its own dual.
        if (_mixed is null || _mixed.Length < m + 1) (_mixed, _slope, _hull) = (new double[m + 1], new double[m + 1], new int[m + 1]);
        double[] mixed = _mixed, slope = _slope!; // slope[h]: from hull[h − 1] to hull[h]
        int[] hull = _hull!;
        for (int k = 0; k <= m; k++) mixed[k] = lambda * value[k] + (1 - lambda) * revenue[k];

        // The least concave majorant of the points (q_k, R_λ(q_k)), with no tolerance: a point stays a vertex only if the
        // computed slope into it exceeds the computed slope out of it, so the slopes M are non-increasing exactly as
        // computed and Border's multipliers M_k − M_{k+1} are ≥ 0. (The hull that builds the canonical optimum treats
        // near-collinear points as ties to be broken; its slopes on the 1e-12 cells of a graded grid are rounding noise,
        // and a multiplier of the wrong sign there loosens the bound by 1e-5.)
        int top = 0;
        hull[top++] = 0;
        for (int k = 1; k <= m; k++)
        {
            double s = Slope(mixed, grid, hull[top - 1], k);
            while (top >= 2 && s >= slope[top - 1])
            {
                top--;
                s = Slope(mixed, grid, hull[top - 1], k);
            }
            slope[top] = s;
            hull[top++] = k;
        }

        // ν_j = n·(H_λ(q_j) − R_λ(q_j)) at the inner points: H_λ is the hull's chord up to its maximiser (equal to R_λ at a
        // hull vertex), and flat after it (x = 0 there: free disposal, M = 0).
        var slopes = new double[m];
        var monotone = new double[m - 1];
        int reserve = 0;
        for (int h = 1; h < top && slope[h] > 0; h++)
        {
            int a = hull[h - 1], b = hull[h];
            for (int j = a + 1; j <= b; j++)
            {
                slopes[j - 1] = n * slope[h];
                if (j < b) monotone[j - 1] = Math.Max(0, n * (mixed[a] + slope[h] * (grid[j] - grid[a]) - mixed[j]));
            }
            reserve = b;
        }
        for (int j = reserve + 1; j < m; j++) monotone[j - 1] = Math.Max(0, n * (mixed[reserve] - mixed[j]));
        return new LagrangianDual(lambda, slopes, monotone);
    }

    [ThreadStatic]
    private static double[]? _mixed, _slope;

    [ThreadStatic]
    private static int[]? _hull;

    private static double Slope(double[] y, ReadOnlySpan<double> x, int a, int b) => (y[b] - y[a]) / (x[b] - x[a]);
}
