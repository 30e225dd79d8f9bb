using System.Globalization;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.BilateralTrade;

/// <summary>
/// A mechanism of the grid program in its raw form (method.md §13.1): trade probabilities x_ij on the cell pairs and the
/// transfers s_S, s_B that split the budget slack. Π, U and the slack are summed from the exact cell weights; the
/// re-check against the original constraints (<see cref="CheckFeasibility"/>) is what an LP solution must pass before it
/// is trusted. Immutable.
/// </summary>
public sealed class TradeAllocation
{
    private readonly double[,] _x;
    private readonly double[] _buyerInterim;
    private readonly double[] _sellerInterim;

    /// <summary>Creates the allocation; x is indexed [i − 1, j − 1].</summary>
    public TradeAllocation(TradeGrid grid, double[,] trade, double sellerTransfer, double buyerTransfer)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.GetLength(0) != grid.BuyerCells || trade.GetLength(1) != grid.SellerCells)
            throw new ArgumentException($"expected {grid.BuyerCells}×{grid.SellerCells} trade probabilities", nameof(trade));
        Grid = grid;
        _x = (double[,])trade.Clone();
        SellerTransfer = sellerTransfer;
        BuyerTransfer = buyerTransfer;
        _buyerInterim = new double[grid.BuyerCells + 1];
        _sellerInterim = new double[grid.SellerCells + 1];
        double budget = 0, gains = 0;
        for (int i = 1; i <= grid.BuyerCells; i++)
        {
            for (int j = 1; j <= grid.SellerCells; j++)
            {
                double x = _x[i - 1, j - 1];
                if (x == 0) continue;
                _buyerInterim[i] += grid.SellerWidth(j) * x;
                _sellerInterim[j] += grid.BuyerWidth(i) * x;
                budget += x * grid.BudgetWeight(i, j);
                gains += x * grid.GainsWeight(i, j);
            }
        }
        Budget = budget;
        Gains = gains;
        double buyerRent = 0, sellerRent = 0;
        for (int i = 1; i <= grid.BuyerCells; i++) buyerRent += _buyerInterim[i] * grid.BuyerRentWeight(i);
        for (int j = 1; j <= grid.SellerCells; j++)
            if (_sellerInterim[j] != 0) sellerRent += _sellerInterim[j] * grid.SellerRentWeight(j);
        Revenue = sellerRent + sellerTransfer;
        Surplus = buyerRent + buyerTransfer;
    }

    /// <summary>The grid.</summary>
    public TradeGrid Grid { get; }

    /// <summary>x_ij. Range of i: 1..m_B, of j: 1..m_S.</summary>
    public double Probability(int buyerCell, int sellerCell) => _x[buyerCell - 1, sellerCell - 1];

    /// <summary>Q_B,i = Σ_j δp_j·x_ij, the interim trade probability of buyer cell i.</summary>
    public double BuyerInterim(int cell) => _buyerInterim[cell];

    /// <summary>Q_S,j = Σ_i δq_i·x_ij, the interim trade probability of seller cell j.</summary>
    public double SellerInterim(int cell) => _sellerInterim[cell];

    /// <summary>s_S, the highest-cost seller's utility.</summary>
    public double SellerTransfer { get; }

    /// <summary>s_B, the lowest-value buyer's utility.</summary>
    public double BuyerTransfer { get; }

    /// <summary>Π, the seller's expected utility.</summary>
    public double Revenue { get; }

    /// <summary>U, the buyer's expected utility.</summary>
    public double Surplus { get; }

    /// <summary>B(x), the budget slack.</summary>
    public double Budget { get; }

    /// <summary>The gains from trade Σ x_ij (ΔV_i δp_j − δq_i ΔC_j).</summary>
    public double Gains { get; }

    /// <summary>
    /// The re-check against the original constraints: 0 ≤ x ≤ 1 (and 0 on blocked cells), Q_B and Q_S non-increasing,
    /// s_S, s_B ≥ 0 and s_S + s_B = B(x). Probabilities are compared in their own units, money relative to
    /// <see cref="TradeGrid.MoneyScale"/>.
    /// </summary>
    /// <returns>null when every constraint holds, else what failed.</returns>
    public string? CheckFeasibility(Tolerance tolerance)
    {
        var unit = tolerance.AtScale(1);
        var money = tolerance.AtScale(Grid.MoneyScale);
        var failures = new List<string>();
        double worstBound = 0;
        for (int i = 1; i <= Grid.BuyerCells; i++)
            for (int j = 1; j <= Grid.SellerCells; j++)
            {
                double x = _x[i - 1, j - 1], upper = Grid.Blocked(j) ? 0 : 1;
                worstBound = Math.Max(worstBound, Math.Max(-x, x - upper));
            }
        if (worstBound > unit.Absolute) failures.Add($"a trade probability leaves its bounds by {Text(worstBound)}");
        double buyerRise = 0, sellerRise = 0;
        for (int i = 1; i < Grid.BuyerCells; i++) buyerRise = Math.Max(buyerRise, _buyerInterim[i + 1] - _buyerInterim[i]);
        for (int j = 1; j < Grid.SellerCells; j++) sellerRise = Math.Max(sellerRise, _sellerInterim[j + 1] - _sellerInterim[j]);
        if (buyerRise > unit.Absolute) failures.Add($"the buyer's interim trade probability rises by {Text(buyerRise)}");
        if (sellerRise > unit.Absolute) failures.Add($"the seller's interim trade probability rises by {Text(sellerRise)}");
        if (!money.AtMost(0, SellerTransfer) || !money.AtMost(0, BuyerTransfer))
            failures.Add($"a transfer is negative (seller {Text(SellerTransfer)}, buyer {Text(BuyerTransfer)})");
        if (!money.Close(SellerTransfer + BuyerTransfer, Budget))
            failures.Add($"the transfers {Text(SellerTransfer + BuyerTransfer)} do not add up to the budget slack {Text(Budget)}");
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    private static string Text(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
