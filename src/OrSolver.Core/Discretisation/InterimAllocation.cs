using OrSolver.Core.Numerics;

namespace OrSolver.Core.Discretisation;

/// <summary>
/// An interim allocation on a grid: x_j, the probability that a buyer whose quantile lies in cell j wins,
/// constant on each cell (method.md §3.1). Its cumulative X_k = Σ_{j≤k} x_j·Δ_j is what Border caps. Revenue, surplus
/// and welfare follow from the payment identity summed by parts:
/// Π = n·Σ x_j ΔR_j, W = n·Σ x_j ΔV_j, U = W - Π (eq. (2)).
/// </summary>
public sealed class InterimAllocation
{
    private readonly double[] _cell;
    private readonly double[] _cumulative;

    /// <summary>Creates the allocation from its cell values x_1..x_m (index 0 is cell 1).</summary>
    public InterimAllocation(DiscretisedMarket market, IReadOnlyList<double> cellAllocation)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(cellAllocation);
        if (cellAllocation.Count != market.Cells)
            throw new ArgumentException($"expected {market.Cells} cell values, got {cellAllocation.Count}", nameof(cellAllocation));
        Market = market;
        _cell = [.. cellAllocation];
        _cumulative = new double[market.Cells + 1];
        double revenue = 0, welfare = 0;
        for (int j = 1; j <= market.Cells; j++)
        {
            double x = _cell[j - 1];
            if (double.IsNaN(x)) throw new ArgumentException($"x is NaN on cell {j}", nameof(cellAllocation));
            _cumulative[j] = _cumulative[j - 1] + x * market.Width(j);
            revenue += x * market.RevenueWeight(j);
            welfare += x * market.WelfareWeight(j);
        }
        Revenue = market.Buyers * revenue;
        Welfare = market.Buyers * welfare;
    }

    /// <summary>Builds the allocation whose cumulative at grid point k is <paramref name="cumulative"/>[k]
    /// (X_0 = 0): x_j = (X_j - X_{j-1}) / Δ_j.</summary>
    public static InterimAllocation FromCumulative(DiscretisedMarket market, IReadOnlyList<double> cumulative)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(cumulative);
        var x = new double[market.Cells];
        for (int j = 1; j <= market.Cells; j++) x[j - 1] = (cumulative[j] - cumulative[j - 1]) / market.Width(j);
        return new InterimAllocation(market, x);
    }

    /// <summary>The second-price auction: X_k = X̂(q_k) at every grid point (Prop. B.14).</summary>
    public static InterimAllocation SecondPrice(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var x = new double[market.Cells];
        for (int j = 1; j <= market.Cells; j++) x[j - 1] = market.CapIncrement(j) / market.Width(j);
        return new InterimAllocation(market, x);
    }

    /// <summary>The market and grid this allocation lives on.</summary>
    public DiscretisedMarket Market { get; }

    /// <summary>x_j on cell j. Range of j: 1..m; range of x: [0, 1].</summary>
    public double Cell(int cell) => _cell[cell - 1];

    /// <summary>X_k = ∫₀^{q_k} x. Range of k: 0..m.</summary>
    public double Cumulative(int point) => _cumulative[point];

    /// <summary>Cell values x_1..x_m.</summary>
    public IReadOnlyList<double> Cells => _cell;

    /// <summary>Π, the seller's expected revenue.</summary>
    public double Revenue { get; }

    /// <summary>W = Π + U, the expected welfare.</summary>
    public double Welfare { get; }

    /// <summary>U, the buyers' expected total surplus.</summary>
    public double Surplus => Welfare - Revenue;

    /// <summary>
    /// Re-checks the original constraints of eq. (2) on the grid: Border X_k ≤ X̂(q_k), monotonicity
    /// x_j ≥ x_{j+1}, and x ≥ 0. Each violation is divided by its allowance: the tolerance's relative part times
    /// the natural scale of the bounded quantity (X̂(q_k) for Border; s_j = max(ΔX̂_j/Δ_j, 1/n) for x, see
    /// <see cref="DiscretisedMarket.AllocationScale"/>), plus its absolute part, plus the rounding error that an
    /// allocation stored as cumulative masses carries (x_j = ΔX_j/Δ_j is only known to ≈ ulp·X̂(q_j)/Δ_j).
    /// A ratio above 1 is a violation.
    /// </summary>
    public FeasibilityReport CheckFeasibility(Tolerance tolerance)
    {
        const double roundingUlps = 16 * 1.1102230246251565e-16;
        double border = 0, monotonicity = 0, negativity = 0;
        for (int k = 1; k <= Market.Cells; k++)
        {
            double cap = Market.Cap(k);
            double allowedExcess = tolerance.Relative * cap + tolerance.Absolute + roundingUlps * k * cap;
            border = Math.Max(border, (_cumulative[k] - cap) / allowedExcess);
            double x = _cell[k - 1];
            double slack = tolerance.Relative * Market.AllocationScale(k) + tolerance.Absolute + roundingUlps * cap / Market.Width(k);
            negativity = Math.Max(negativity, -x / slack);
            if (k < Market.Cells)
            {
                double nextSlack = tolerance.Relative * Market.AllocationScale(k + 1) + roundingUlps * Market.Cap(k + 1) / Market.Width(k + 1);
                monotonicity = Math.Max(monotonicity, (_cell[k] - x) / (slack + nextSlack));
            }
        }
        bool feasible = border <= 1 && monotonicity <= 1 && negativity <= 1;
        return new FeasibilityReport(feasible, Math.Max(border, 0), Math.Max(monotonicity, 0), Math.Max(negativity, 0));
    }
}

/// <summary>Largest violations of the constraints of eq. (2) found by <see cref="InterimAllocation.CheckFeasibility"/>.</summary>
/// <param name="Feasible">Whether every violation is within what is allowed (every ratio ≤ 1).</param>
/// <param name="Border">max_k (X_k - X̂(q_k))⁺ / allowed excess. Range: ≥ 0; above 1 is a violation.</param>
/// <param name="Monotonicity">max_j (x_{j+1} - x_j)⁺ / allowed rise. Range: ≥ 0; above 1 is a violation.</param>
/// <param name="Negativity">max_j (-x_j)⁺ / allowed deficit. Range: ≥ 0; above 1 is a violation.</param>
public sealed record FeasibilityReport(bool Feasible, double Border, double Monotonicity, double Negativity)
{
    /// <summary>One line naming the violated constraints and by how much.</summary>
    public override string ToString()
        => $"violation/allowance: Border {Border:G3}, monotonicity {Monotonicity:G3}, x ≥ 0 {Negativity:G3}";
}
