namespace OrSolver.Core.BilateralTrade;

/// <summary>A pooled interval of one side's grid: the cells FromPoint + 1 .. ToPoint share one ironed score, so they
/// trade alike (the buyer's: values between v(q_To) and v(q_From); the seller's: costs between c(p_From) and c(p_To)).</summary>
/// <param name="FromPoint">The grid point before the interval.</param>
/// <param name="ToPoint">The grid point that ends it. Range: ≥ FromPoint + 2.</param>
public sealed record PooledCells(int FromPoint, int ToPoint);

/// <summary>
/// A deterministic trade rule of the Lagrangian family on a <see cref="TradeGrid"/> (method.md §13.1): trade on cell pair
/// (i, j) iff the buyer's ironed weighted virtual value on cell i is at least the seller's ironed weighted virtual cost on
/// cell j. Buyer scores fall with i and seller scores rise with j, so buyer cell i trades with exactly the seller cells
/// 1..J_i, and J_i does not increase with i: the rule is monotone in each type, hence interim monotone.
/// Its gains from trade, rents and budget slack are the cell-weight sums of <see cref="TradeGrid"/>.
/// </summary>
public sealed class TradeRule
{
    private readonly int[] _trades;

    internal TradeRule(TradeGrid grid, double alphaBuyer, double alphaSeller, int[] trades, IReadOnlyList<PooledCells> buyerPooled,
        IReadOnlyList<PooledCells> sellerPooled, double gains, double buyerRent, double sellerRent, double budget)
    {
        Grid = grid;
        AlphaBuyer = alphaBuyer;
        AlphaSeller = alphaSeller;
        _trades = trades;
        BuyerPooled = buyerPooled;
        SellerPooled = sellerPooled;
        Gains = gains;
        BuyerRent = buyerRent;
        SellerRent = sellerRent;
        Budget = budget;
    }

    /// <summary>The grid.</summary>
    public TradeGrid Grid { get; }

    /// <summary>α_B: the buyer's score is the slope of the concave hull of (1 − α_B)·V + α_B·R. Range: [0, 1].</summary>
    public double AlphaBuyer { get; }

    /// <summary>α_S: the seller's score is the slope of the convex hull of (1 − α_S)·C + α_S·S. Range: [0, 1].</summary>
    public double AlphaSeller { get; }

    /// <summary>J_i, the number of seller cells (the lowest costs) buyer cell i trades with. Range of i: 1..m_B.</summary>
    public int Trades(int buyerCell) => _trades[buyerCell - 1];

    /// <summary>x_ij ∈ {0, 1}.</summary>
    public double Probability(int buyerCell, int sellerCell) => sellerCell <= _trades[buyerCell - 1] ? 1 : 0;

    /// <summary>Buyer cells pooled by the ironing (empty where the weighted curve is concave already).</summary>
    public IReadOnlyList<PooledCells> BuyerPooled { get; }

    /// <summary>Seller cells pooled by the ironing (in the seller's p order).</summary>
    public IReadOnlyList<PooledCells> SellerPooled { get; }

    /// <summary>Gains from trade Σ x_ij (ΔV_i δp_j − δq_i ΔC_j).</summary>
    public double Gains { get; }

    /// <summary>The buyer's information rent Σ_i Q_B,i (ΔV_i − ΔR_i).</summary>
    public double BuyerRent { get; }

    /// <summary>The seller's information rent Σ_j Q_S,j (ΔS_j − ΔC_j).</summary>
    public double SellerRent { get; }

    /// <summary>B(x) = Σ x_ij (ΔR_i δp_j − δq_i ΔS_j): what is left to share after both rents (Myerson–Satterthwaite:
    /// the rule is implementable with budget balance iff B ≥ 0).</summary>
    public double Budget { get; }

    /// <summary>Whether the two rules trade on exactly the same cells.</summary>
    public bool SameCells(TradeRule other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _trades.AsSpan().SequenceEqual(other._trades);
    }

    /// <summary>Whether the rule trades on no cell.</summary>
    public bool NoTrade => _trades.All(t => t == 0);
}
