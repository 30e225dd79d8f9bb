using OrSolver.Core.LinearProgramming;

namespace OrSolver.Core.BilateralTrade;

/// <summary>
/// The discretised program of bilateral trade (method.md §13.1) as a <see cref="LinearProgram"/>: maximise Π subject to
/// U ≥ U₀ over trade probabilities x_ij ∈ [0, 1] on the product grid, with interim monotonicity on both sides and the
/// budget slack split between the two sides. Columns in natural units: x_ij and the interim trade probabilities
/// Q_B,i, Q_S,j in [0, 1]; the slacks σ_S = s_S/W, σ_B = s_B/W and every money row divided by the money scale
/// W = E[v] + E[c], so a solver tolerance ε moves Π or U by at most ε·W. About 3·m_B·m_S non-zeros.
/// </summary>
public sealed class TradeProgram
{
    private readonly int[,] _trade;
    private readonly int _sellerSlack;
    private readonly int _buyerSlack;

    private TradeProgram(TradeGrid grid, LinearProgram program, int[,] trade, int sellerSlack, int buyerSlack, int surplusRow)
    {
        Grid = grid;
        Program = program;
        _trade = trade;
        _sellerSlack = sellerSlack;
        _buyerSlack = buyerSlack;
        SurplusRow = surplusRow;
    }

    /// <summary>The grid.</summary>
    public TradeGrid Grid { get; }

    /// <summary>The LP.</summary>
    public LinearProgram Program { get; }

    /// <summary>Index of the row U/W ≥ U₀/W; a frontier sweep moves only its bound.</summary>
    public int SurplusRow { get; }

    /// <summary>Builds the program with the surplus floor at −∞ (the seller's optimum).</summary>
    public static TradeProgram Build(TradeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var builder = new LinearProgramBuilder { Maximise = true };
        double scale = grid.LpScale;
        var trade = AddTradeColumns(builder, grid);
        var (buyer, seller) = AddInterimColumns(builder, grid, trade);
        AddMonotonicity(builder, buyer, seller);
        var (sellerSlack, buyerSlack) = AddBudgetSplit(builder, grid, trade, scale);
        int surplusRow = AddSurplusRow(builder, grid, buyer, buyerSlack, scale);
        SetRevenueObjective(builder, grid, seller, sellerSlack, scale);
        return new TradeProgram(grid, builder.Build(), trade, sellerSlack, buyerSlack, surplusRow);
    }

    /// <summary>Step 1. 0 ≤ x_ij ≤ 1, the probability of trade on cell pair (i, j); x_ij = 0 where the seller's cell is
    /// blocked (unbounded costs: S(1) = +∞, so any trade there would cost an infinite budget).</summary>
    private static int[,] AddTradeColumns(LinearProgramBuilder builder, TradeGrid grid)
    {
        var trade = new int[grid.BuyerCells + 1, grid.SellerCells + 1];
        for (int i = 1; i <= grid.BuyerCells; i++)
            for (int j = 1; j <= grid.SellerCells; j++)
                trade[i, j] = builder.AddColumn($"x{i}_{j}", 0, grid.Blocked(j) ? 0 : 1);
        return trade;
    }

    /// <summary>Step 2. The interim trade probabilities as columns: Q_B,i = Σ_j δp_j·x_ij (the buyer of cell i trades
    /// with this probability) and Q_S,j = Σ_i δq_i·x_ij, each a row Q − Σ … = 0.</summary>
    private static (int[] Buyer, int[] Seller) AddInterimColumns(LinearProgramBuilder builder, TradeGrid grid, int[,] trade)
    {
        var buyer = new int[grid.BuyerCells + 1];
        var seller = new int[grid.SellerCells + 1];
        for (int i = 1; i <= grid.BuyerCells; i++)
        {
            buyer[i] = builder.AddColumn($"QB{i}", 0, 1);
            var terms = new List<(int, double)>(grid.SellerCells + 1) { (buyer[i], 1) };
            for (int j = 1; j <= grid.SellerCells; j++) terms.Add((trade[i, j], -grid.SellerWidth(j)));
            builder.AddRow($"buyer interim {i}", 0, 0, terms);
        }
        for (int j = 1; j <= grid.SellerCells; j++)
        {
            seller[j] = builder.AddColumn($"QS{j}", 0, 1);
            var terms = new List<(int, double)>(grid.BuyerCells + 1) { (seller[j], 1) };
            for (int i = 1; i <= grid.BuyerCells; i++) terms.Add((trade[i, j], -grid.BuyerWidth(i)));
            builder.AddRow($"seller interim {j}", 0, 0, terms);
        }
        return (buyer, seller);
    }

    /// <summary>Step 3. Interim monotonicity, Q_B,i ≥ Q_B,i+1 and Q_S,j ≥ Q_S,j+1: a higher value trades at least as
    /// often, a higher cost at most as often. These rows are what makes the envelope formulas of Π and U valid (BIC);
    /// without them the program pays rents on allocations no truthful mechanism has.</summary>
    private static void AddMonotonicity(LinearProgramBuilder builder, int[] buyer, int[] seller)
    {
        for (int i = 1; i + 1 < buyer.Length; i++) builder.AddRow($"buyer monotone {i}", 0, double.PositiveInfinity, [(buyer[i], 1), (buyer[i + 1], -1)]);
        for (int j = 1; j + 1 < seller.Length; j++) builder.AddRow($"seller monotone {j}", 0, double.PositiveInfinity, [(seller[j], 1), (seller[j + 1], -1)]);
    }

    /// <summary>Step 4. The budget slack split: s_S + s_B = B(x) = Σ x_ij (ΔR_i δp_j − δq_i ΔS_j) with s_S, s_B ≥ 0
    /// (budget balance and interim IR at the worst types: s_S is the highest-cost seller's utility, s_B the lowest-value
    /// buyer's), divided by W: Σ (b_ij/W)·x_ij − σ_S − σ_B = 0.</summary>
    private static (int Seller, int Buyer) AddBudgetSplit(LinearProgramBuilder builder, TradeGrid grid, int[,] trade, double scale)
    {
        int sellerSlack = builder.AddColumn("sigmaS", 0, double.PositiveInfinity);
        int buyerSlack = builder.AddColumn("sigmaB", 0, double.PositiveInfinity);
        var terms = new List<(int, double)>(grid.BuyerCells * grid.SellerCells + 2);
        for (int i = 1; i <= grid.BuyerCells; i++)
            for (int j = 1; j <= grid.SellerCells; j++)
                if (!grid.Blocked(j)) terms.Add((trade[i, j], grid.BudgetWeight(i, j) / scale));
        terms.Add((sellerSlack, -1));
        terms.Add((buyerSlack, -1));
        builder.AddRow("budget split", 0, 0, terms);
        return (sellerSlack, buyerSlack);
    }

    /// <summary>Step 5. U/W = Σ_i Q_B,i (ΔV_i − ΔR_i)/W + σ_B ≥ U₀/W (the buyer's envelope formula plus her share of the
    /// slack); the floor starts at −∞ and is moved by the sweep.</summary>
    private static int AddSurplusRow(LinearProgramBuilder builder, TradeGrid grid, int[] buyer, int buyerSlack, double scale)
    {
        var terms = new List<(int, double)>(grid.BuyerCells + 1);
        for (int i = 1; i <= grid.BuyerCells; i++) terms.Add((buyer[i], grid.BuyerRentWeight(i) / scale));
        terms.Add((buyerSlack, 1));
        return builder.AddRow("surplus", double.NegativeInfinity, double.PositiveInfinity, terms);
    }

    /// <summary>Step 6. maximise Π/W = Σ_j Q_S,j (ΔS_j − ΔC_j)/W + σ_S (the seller's envelope formula plus her share).</summary>
    private static void SetRevenueObjective(LinearProgramBuilder builder, TradeGrid grid, int[] seller, int sellerSlack, double scale)
    {
        for (int j = 1; j <= grid.SellerCells; j++)
            if (!grid.Blocked(j)) builder.SetObjective(seller[j], grid.SellerRentWeight(j) / scale);
        builder.SetObjective(sellerSlack, 1);
    }

    /// <summary>Reads x_ij and the transfers (s_S, s_B) out of an optimal solution.</summary>
    public TradeAllocation Read(LinearSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        if (solution.Status != SolveStatus.Optimal) throw new InvalidOperationException($"no allocation to read from a {solution.Status} solve");
        var x = new double[Grid.BuyerCells, Grid.SellerCells];
        for (int i = 1; i <= Grid.BuyerCells; i++)
            for (int j = 1; j <= Grid.SellerCells; j++) x[i - 1, j - 1] = solution.Primal[_trade[i, j]];
        double scale = Grid.LpScale;
        return new TradeAllocation(Grid, x, solution.Primal[_sellerSlack] * scale, solution.Primal[_buyerSlack] * scale);
    }
}
