using OrSolver.Core.Discretisation;

namespace OrSolver.Core.BilateralTrade;

/// <summary>
/// A <see cref="TradeMarket"/> on the product of two quantile grids (method.md §13.1): the buyer's quantile
/// q = 1 − F(v) on the graded grid of F (cells i = 1..m_B, q increasing, so values fall), and the seller's quantile
/// p = G(c) on the graded grid of G reflected (cells j = 1..m_S, p increasing, so costs rise). The seller's grid is built
/// in G's own value-quantile space q' = 1 − p, where V_G, R_G and the graded spacing already live; p is never formed,
/// so cells of width 1e-12 next to p = 1 keep their accuracy.
/// <para>Cell weights, all exact differences of closed forms (or 1e-12 quadrature) at grid points:
/// δq_i, ΔV_i, ΔR_i for the buyer; δp_j, ΔC_j = C(p_j) − C(p_{j−1}) with C(p) = ∫₀^p c = V_G(1) − V_G(1 − p), taken as the
/// V_G increment of the reflected cell, and ΔS_j with S(p) = p·c(p) = (1 − q')·v_G(q'). A trade probability x_ij on cell
/// pair (i, j) contributes (the envelope theorem, summed by parts over the cells):
/// gains from trade ΔV_i·δp_j − δq_i·ΔC_j; buyer's information rent δp_j·(ΔV_i − ΔR_i); seller's δq_i·(ΔS_j − ΔC_j); budget
/// slack ΔR_i·δp_j − δq_i·ΔS_j — the three parts add up to the gains.</para>
/// </summary>
public sealed class TradeGrid
{
    private readonly double[] _cost;
    private readonly double[] _costCurve;

    /// <summary>Discretises <paramref name="market"/> with about <paramref name="buyerCells"/> and
    /// <paramref name="sellerCells"/> cells (a purely atomic distribution gets exactly its atoms, whatever the size).</summary>
    /// <exception cref="InputException">A size is outside the grid builder's range.</exception>
    public TradeGrid(TradeMarket market, int buyerCells, int sellerCells)
    {
        ArgumentNullException.ThrowIfNull(market);
        Market = market;
        var buyer = new Market(market.Buyer, 1);
        var seller = new Market(market.Seller, 1);
        Buyer = new DiscretisedMarket(buyer, GridBuilder.Build(buyer, buyerCells, []));
        SellerQuantiles = new DiscretisedMarket(seller, GridBuilder.Build(seller, sellerCells, []));
        int m = SellerCells;
        _cost = new double[m + 1];
        _costCurve = new double[m + 1];
        var jumps = new HashSet<double>(market.Seller.Breakpoints);
        for (int j = 0; j <= m; j++)
        {
            // c(p_j) is the cost of seller cell j at its top, the left limit in p: in q' = 1 − p the right limit of v_G at
            // q'_{m−j}. It differs from v_G(q'_{m−j}) (a left limit in q') only where v_G jumps, at a breakpoint of G, which
            // is a grid point: there v_G is read just inside the cell (exact for an atom, whose cell is constant).
            int k = m - j;
            double tail = SellerQuantiles.Grid[k];
            _cost[j] = k == m ? market.Seller.SupportLow
                : k > 0 && jumps.Contains(tail) ? market.Seller.Value(tail + JumpOffset * (SellerQuantiles.Grid[k + 1] - tail))
                : SellerQuantiles.Value(k);
            // S(p_j) = p_j·c(p_j) = (1 − q')·c; S(0) = 0 and, for unbounded costs, S(1) = +∞.
            _costCurve[j] = j == 0 ? 0 : j == m ? _cost[j] : (1 - tail) * _cost[j];
        }
    }

    /// <summary>Where a jump of the seller's v_G is read inside the cell after it, as a fraction of the cell's width.</summary>
    private const double JumpOffset = 1e-9;

    /// <summary>The market.</summary>
    public TradeMarket Market { get; }

    /// <summary>The buyer's side: F on its quantile grid (one buyer).</summary>
    public DiscretisedMarket Buyer { get; }

    /// <summary>The seller's side in G's value-quantile space q' = 1 − p (cell k of it is the seller's cell m_S + 1 − k).</summary>
    public DiscretisedMarket SellerQuantiles { get; }

    /// <summary>m_B, the buyer's cells.</summary>
    public int BuyerCells => Buyer.Cells;

    /// <summary>m_S, the seller's cells.</summary>
    public int SellerCells => SellerQuantiles.Cells;

    /// <summary>The G-grid cell k of seller cell j. Range of j: 1..m_S.</summary>
    public int ReflectedCell(int sellerCell) => SellerCells + 1 - sellerCell;

    /// <summary>δq_i, the buyer cell's probability. Range of i: 1..m_B.</summary>
    public double BuyerWidth(int cell) => Buyer.Width(cell);

    /// <summary>ΔV_i = V(q_i) − V(q_{i−1}).</summary>
    public double ValueWeight(int cell) => Buyer.WelfareWeight(cell);

    /// <summary>ΔR_i = R(q_i) − R(q_{i−1}).</summary>
    public double RevenueWeight(int cell) => Buyer.RevenueWeight(cell);

    /// <summary>ΔV_i − ΔR_i ≥ 0: the buyer's information rent per unit of Q_B on cell i.</summary>
    public double BuyerRentWeight(int cell) => Buyer.SurplusWeight(cell);

    /// <summary>δp_j, the seller cell's probability. Range of j: 1..m_S.</summary>
    public double SellerWidth(int cell) => SellerQuantiles.Width(ReflectedCell(cell));

    /// <summary>ΔC_j = C(p_j) − C(p_{j−1}), the V_G increment of the reflected cell.</summary>
    public double CostWeight(int cell) => SellerQuantiles.WelfareWeight(ReflectedCell(cell));

    /// <summary>ΔS_j = S(p_j) − S(p_{j−1}) (+∞ on the top cell when costs are unbounded).</summary>
    public double CostCurveWeight(int cell) => _costCurve[cell] - _costCurve[cell - 1];

    /// <summary>ΔS_j − ΔC_j ≥ 0: the seller's information rent per unit of Q_S on cell j.</summary>
    public double SellerRentWeight(int cell) => CostCurveWeight(cell) - CostWeight(cell);

    /// <summary>Whether seller cell j can never trade: the top cell when costs are unbounded (ΔS = +∞).</summary>
    public bool Blocked(int cell) => cell == SellerCells && Market.UnboundedCost;

    /// <summary>v(q_i), the lowest value of buyer cell i (v(q_0) is the highest value, possibly +∞). Range: 0..m_B.</summary>
    public double Value(int point) => Buyer.Value(point);

    /// <summary>c(p_j), the highest cost of seller cell j (c(p_0) is the lowest cost; c(p_m) may be +∞). Range: 0..m_S.</summary>
    public double Cost(int point) => _cost[point];

    /// <summary>S(p_j) = p_j·c(p_j), the seller's cost curve at grid point j (+∞ at p = 1 for unbounded costs). Range: 0..m_S.</summary>
    public double CostCurve(int point) => _costCurve[point];

    /// <summary>The gains from trade of x_ij = 1: ΔV_i·δp_j − δq_i·ΔC_j.</summary>
    public double GainsWeight(int buyerCell, int sellerCell)
        => ValueWeight(buyerCell) * SellerWidth(sellerCell) - BuyerWidth(buyerCell) * CostWeight(sellerCell);

    /// <summary>The budget slack of x_ij = 1: ΔR_i·δp_j − δq_i·ΔS_j (−∞ on a blocked cell).</summary>
    public double BudgetWeight(int buyerCell, int sellerCell)
        => RevenueWeight(buyerCell) * SellerWidth(sellerCell) - BuyerWidth(buyerCell) * CostCurveWeight(sellerCell);

    /// <summary>The money scale of the market, for scaling and tolerances: E[v] + E[c] (positive unless both are 0).</summary>
    public double MoneyScale => Math.Max(Market.Buyer.Mean + Market.Seller.Mean, double.Epsilon);

    /// <summary>
    /// The LP's unit of money (method.md §13.1): the first best on the grid, Σ max(0, ΔV_i·δp_j − δq_i·ΔC_j), which bounds
    /// every Π, U and budget slack on the frontier, so that the solver's absolute tolerances are relative to the gains at
    /// stake. Scaled by the means instead, a market whose gains sit in far tails (FB = 10⁻⁷ of E[v] + E[c]) came out of
    /// GLOP 5e-12 short, 2e-5 of its FB. Never below 10⁻⁶·<see cref="MoneyScale"/>: below that the budget row's
    /// coefficients of cells far from trade would exceed 10⁶ times the others.
    /// </summary>
    public double LpScale => _lpScale ??= FirstBestScale();

    // Computed on first use (m² terms); the same value whichever thread computes it.
    private double? _lpScale;

    private double FirstBestScale()
    {
        double firstBest = 0;
        for (int i = 1; i <= BuyerCells; i++)
            for (int j = 1; j <= SellerCells; j++) firstBest += Math.Max(0, GainsWeight(i, j));
        return Math.Max(firstBest, 1e-6 * MoneyScale);
    }
}
