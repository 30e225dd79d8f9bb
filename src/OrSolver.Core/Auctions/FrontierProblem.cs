using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;

namespace OrSolver.Core.Auctions;

/// <summary>A point (Π, U) of the revenue–surplus plane, with W = Π + U.</summary>
/// <param name="Revenue">Π, the seller's expected revenue.</param>
/// <param name="Surplus">U, the buyers' expected total surplus.</param>
public sealed record FrontierPoint(double Revenue, double Surplus)
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;

    /// <summary>The point of an allocation.</summary>
    public static FrontierPoint Of(InterimAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return new FrontierPoint(allocation.Revenue, allocation.Surplus);
    }
}

/// <summary>
/// A market discretised for the frontier: the graded grid (with the monopoly quantile q_m on it), the cell
/// weights, and the frontier's landmarks from the closed-form route (method.md §5.1, §7). Immutable.
/// </summary>
public sealed class FrontierProblem
{
    /// <summary>Discretises <paramref name="market"/> on a graded grid of about <paramref name="gridSize"/> cells.</summary>
    /// <param name="market">F and n.</param>
    /// <param name="gridSize">m; null for <see cref="GridBuilder.DefaultSize"/>. Range: ≥ <see cref="GridBuilder.MinimumSize"/>.</param>
    public FrontierProblem(Market market, int? gridSize = null)
        : this(market, DefaultGrid(market, gridSize, []))
    {
    }

    /// <summary>As <see cref="FrontierProblem(Market, int?)"/>, with extra quantiles that must be grid points (e.g. the
    /// quantiles of a reserve price and of bid-space gaps that a user wants evaluated exactly on the grid).</summary>
    public FrontierProblem(Market market, int? gridSize, IEnumerable<double> forcedQuantiles)
        : this(market, DefaultGrid(market, gridSize, forcedQuantiles))
    {
    }

    /// <summary>Discretises <paramref name="market"/> on a grid of the caller's choosing (it should contain the
    /// distribution's breakpoints; the Myerson reserve is then only as exact as the grid allows).</summary>
    public FrontierProblem(Market market, QuantileGrid grid)
        : this(market, (MonopolyPrice.Find((market ?? throw new ArgumentNullException(nameof(market))).Distribution), grid))
    {
    }

    private FrontierProblem(Market market, (MonopolyPoint Monopoly, QuantileGrid Grid) prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared.Grid);
        Market = market;
        Monopoly = prepared.Monopoly;
        Discretised = new DiscretisedMarket(market, prepared.Grid);
        RevenueOptimal = LagrangianOptimum.Solve(Discretised, 0, TieSide.MostSurplus);
        SurplusOptimal = LagrangianOptimum.Solve(Discretised, double.PositiveInfinity, TieSide.MostSurplus);
        SecondPrice = InterimAllocation.SecondPrice(Discretised);
    }

    /// <summary>The graded grid with the monopoly quantile q_m on it (method.md §3.4–3.5).</summary>
    private static (MonopolyPoint, QuantileGrid) DefaultGrid(Market market, int? gridSize, IEnumerable<double> forcedQuantiles)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(forcedQuantiles);
        var monopoly = MonopolyPrice.Find(market.Distribution);
        return (monopoly, GridBuilder.Build(market, gridSize ?? GridBuilder.DefaultSize, [monopoly.Quantile, .. forcedQuantiles]));
    }

    /// <summary>F and n.</summary>
    public Market Market { get; }

    /// <summary>The monopoly (Myerson, λ = 0) reserve: the rightmost maximiser q_m of R and v(q_m).</summary>
    public MonopolyPoint Monopoly { get; }

    /// <summary>The market on its grid.</summary>
    public DiscretisedMarket Discretised { get; }

    /// <summary>The Myerson point: λ = 0, rightmost maximiser (most surplus among revenue-optimal mechanisms; method.md §7.1).</summary>
    public LagrangianOptimum RevenueOptimal { get; }

    /// <summary>The buyer-optimal point: λ → ∞, most revenue among surplus-optimal mechanisms (method.md §7.3).</summary>
    public LagrangianOptimum SurplusOptimal { get; }

    /// <summary>The second-price auction without reserve: X = X̂ everywhere (U⁺ is its surplus, Thm 3.7).</summary>
    public InterimAllocation SecondPrice { get; }

    /// <summary>OPT = E[max v_i], the welfare of the second-price auction on the grid (method.md §2.4).</summary>
    public double OptimalWelfare => SecondPrice.Welfare;

    /// <summary>Π*, the optimal revenue.</summary>
    public double OptimalRevenue => RevenueOptimal.Allocation.Revenue;

    /// <summary>U*, the largest achievable buyers' surplus.</summary>
    public double OptimalSurplus => SurplusOptimal.Allocation.Surplus;

    /// <summary>The surplus at the Myerson point, where the frontier starts.</summary>
    public double MyersonSurplus => RevenueOptimal.Allocation.Surplus;
}
