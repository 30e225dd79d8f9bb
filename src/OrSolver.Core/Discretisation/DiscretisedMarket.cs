using OrSolver.Core.Distributions;

namespace OrSolver.Core.Discretisation;

/// <summary>
/// A market on a quantile grid: everything the LP and the closed-form route need (method.md §3.1–3.2).
/// At grid points: R(q_k), V(q_k) and the Border cap X̂(q_k). Per cell j: width Δ_j, revenue weight
/// ΔR_j = R(q_j) - R(q_{j-1}), welfare weight ΔV_j = V(q_j) - V(q_{j-1}) (differences of exact values of R and V,
/// never a midpoint rule or quadrature: that is what makes every LP solution an implementable mechanism).
/// </summary>
public sealed class DiscretisedMarket
{
    private readonly double[] _revenue;
    private readonly double[] _integratedValue;
    private readonly double[] _cap;
    private readonly double[] _value;
    private readonly double[] _capIncrement;

    /// <summary>Evaluates the distribution on the grid.</summary>
    public DiscretisedMarket(Market market, QuantileGrid grid)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(grid);
        Market = market;
        Grid = grid;
        int m = grid.Cells;
        var f = market.Distribution;
        _revenue = new double[m + 1];
        _integratedValue = new double[m + 1];
        _cap = new double[m + 1];
        _value = new double[m + 1];
        _capIncrement = new double[m + 1];
        for (int k = 0; k <= m; k++)
        {
            double q = grid[k];
            _revenue[k] = k == 0 ? f.RevenueAtZero : f.Revenue(q);
            _integratedValue[k] = k == 0 ? 0 : f.IntegratedValue(q);
            _cap[k] = BorderCap.Cap(q, market.Buyers, market.Units);
            _value[k] = f.Value(q);
            if (k > 0) _capIncrement[k] = BorderCap.Increment(grid[k - 1], q, market.Buyers, market.Units);
            if (!double.IsFinite(_revenue[k]) || !double.IsFinite(_integratedValue[k]))
                throw new InvalidOperationException($"{f.Spec}: R or V is not finite at q = {q:R}");
        }
    }

    /// <summary>The market (F, n).</summary>
    public Market Market { get; }

    /// <summary>The grid.</summary>
    public QuantileGrid Grid { get; }

    /// <summary>n as a real number.</summary>
    public double Buyers => Market.Buyers;

    /// <summary>The welfare of the second-price auction on the grid, <see cref="InterimAllocation.SecondPrice"/>: OPT, the
    /// scale of every check's tolerance. Computed on first use and kept (every vertex's check reads it).</summary>
    public double SecondPriceWelfare
    {
        get
        {
            // A race computes the same number twice; a double is read and written whole.
            double welfare = _secondPriceWelfare;
            if (double.IsNaN(welfare)) _secondPriceWelfare = welfare = InterimAllocation.SecondPrice(this).Welfare;
            return welfare;
        }
    }

    private double _secondPriceWelfare = double.NaN;

    /// <summary>m, the number of cells.</summary>
    public int Cells => Grid.Cells;

    /// <summary>R(q_k) (R(0) is the limit). Range of k: 0..m.</summary>
    public double Revenue(int point) => _revenue[point];

    /// <summary>R(q_0..q_m) as a span, for loops that run over every point many times (hull constructions).</summary>
    internal ReadOnlySpan<double> RevenueCurve => _revenue;

    /// <summary>V(q_0..q_m) as a span.</summary>
    internal ReadOnlySpan<double> IntegratedValueCurve => _integratedValue;

    /// <summary>V(q_k). Range of k: 0..m.</summary>
    public double IntegratedValue(int point) => _integratedValue[point];

    /// <summary>v(q_k), the grid's bid values (v(q₀) may be +∞). Range of k: 0..m.</summary>
    public double Value(int point) => _value[point];

    /// <summary>X̂(q_k), Border's cap at grid point k. Range of k: 0..m.</summary>
    public double Cap(int point) => _cap[point];

    /// <summary>X̂(q_j) - X̂(q_{j-1}), computed without cancellation: the second-price auction's mass on cell j.
    /// Range of j: 1..m.</summary>
    public double CapIncrement(int cell) => _capIncrement[cell];

    /// <summary>X̂(q_b) - X̂(q_a) without cancellation. Range: 0 ≤ a ≤ b ≤ m.</summary>
    public double CapIncrement(int fromPoint, int toPoint)
        => toPoint == fromPoint + 1 ? _capIncrement[toPoint] : BorderCap.Increment(Grid[fromPoint], Grid[toPoint], Buyers, Market.Units);

    /// <summary>
    /// The natural scale of x_j: s_j = max(x_j of the second-price auction, X̂(1)), i.e. max(ΔX̂_j/Δ_j, 1/n).
    /// An error of ε·s_j in every x_j moves the welfare by at most ε·(OPT + E[v]), so the LP's columns and the
    /// feasibility re-check measure x in these units. Range: (0, 1].
    /// </summary>
    public double AllocationScale(int cell) => Math.Max(_capIncrement[cell] / Width(cell), _cap[^1]);

    /// <summary>Δ_j = q_j - q_{j-1}. Range of j: 1..m.</summary>
    public double Width(int cell) => Grid.Width(cell);

    /// <summary>ΔR_j = R(q_j) - R(q_{j-1}): a unit of x on cell j earns n·ΔR_j of revenue. Range of j: 1..m.</summary>
    public double RevenueWeight(int cell) => _revenue[cell] - _revenue[cell - 1];

    /// <summary>ΔV_j = V(q_j) - V(q_{j-1}): a unit of x on cell j creates n·ΔV_j of welfare. Range of j: 1..m.</summary>
    public double WelfareWeight(int cell) => _integratedValue[cell] - _integratedValue[cell - 1];

    /// <summary>ΔV_j - ΔR_j: a unit of x on cell j leaves n·(ΔV_j - ΔR_j) of surplus to the buyers.</summary>
    public double SurplusWeight(int cell) => WelfareWeight(cell) - RevenueWeight(cell);
}
