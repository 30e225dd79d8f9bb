using OrSolver.Core.Discretisation;

namespace OrSolver.Core.LinearProgramming;

/// <summary>
/// The discretised program (the corrected eq. (2); method.md §3.1, §4.1–4.2) as a <see cref="LinearProgram"/>, in a chain
/// formulation whose columns are measured in their natural units:
/// ξ_j = x_j / s_j ≥ 0, the cell's allocation in units of s_j = max(ΔX̂_j/Δ_j, 1/n) (the second-price auction's
/// allocation, or a lottery's), and Z_k = X_k / X̂(q_k) ∈ [0, 1], the cumulative allocation as a fraction of
/// Border's cap (so Border is the bound Z_k ≤ 1).
/// Every x_j ≤ X̂(q_j)/q_j holds at every feasible point (x is non-increasing, so q_j·x_j ≤ X_j ≤ X̂(q_j)); the bound is
/// not given to the solvers (as a column bound it cost GLOP and CLP accuracy at n = 10⁹), but it is what lets any row
/// multipliers bound the optimum by weak duality (<see cref="ImpliedUpperBounds"/>, method.md §5.8).
/// Rows: the chain Z_k - (X̂(q_{k-1})/X̂(q_k))·Z_{k-1} - (Δ_k·s_k/X̂(q_k))·ξ_k = 0 (X_k = X_{k-1} + Δ_k·x_k divided by
/// X̂(q_k)); monotonicity s_j·ξ_j ≥ s_{j+1}·ξ_{j+1}; the surplus row U ≥ U₀; objective Π. About 7m non-zeros.
/// Graded grids put cells of 1e-14 next to cells of 1e-3, caps range from 1e-14 to 1/n and x from 1/n to 1: in raw
/// units the solver's absolute tolerances exceed the smallest of them (method.md §4.2); in these units a
/// tolerance ε moves the welfare by at most ε·(OPT + E[v]).
/// There is no x ≤ 1/n row: that is a typo of the paper (method.md §2.3).
/// </summary>
public sealed class BorderProgram
{
    private readonly int[] _massColumn;
    private readonly int[] _cumulativeColumn;
    private readonly int[] _chainRow;
    private readonly int[] _monotoneRow;
    private readonly bool _frontier;

    private BorderProgram(DiscretisedMarket market, LinearProgram program, (int[] Mass, int[] Cumulative) columns, (int[] Chain, int[] Monotone) rows,
        int surplusRow, bool frontier)
    {
        Market = market;
        Program = program;
        (_massColumn, _cumulativeColumn) = columns;
        (_chainRow, _monotoneRow) = rows;
        SurplusRow = surplusRow;
        _frontier = frontier;
    }

    /// <summary>The market and grid.</summary>
    public DiscretisedMarket Market { get; }

    /// <summary>The LP.</summary>
    public LinearProgram Program { get; }

    /// <summary>Index of the surplus row U ≥ U₀; its bound is what a frontier sweep moves.</summary>
    public int SurplusRow { get; }

    /// <summary>Builds the program with the surplus row's floor at −∞ (the revenue-optimal program).</summary>
    public static BorderProgram Build(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var builder = new LinearProgramBuilder { Maximise = true };
        var columns = AddVariables(builder, market);
        var chain = AddBorderChain(builder, market, columns.Mass, columns.Cumulative);
        var monotone = AddMonotonicity(builder, market, columns.Mass);
        int surplusRow = AddSurplusRow(builder, market, columns.Mass);
        SetRevenueObjective(builder, market, columns.Mass);
        return new BorderProgram(market, builder.Build(), columns, (chain, monotone), surplusRow, frontier: true);
    }

    /// <summary>
    /// The Kalai–Smorodinsky program (Def. 4.1, method.md §8.1): maximise t subject to Π ≥ t·Π* and U ≥ t·U* over the same
    /// Border polytope. Its optimum is the Pareto point with Π/Π* = U/U* (both rows bind when the frontier has no
    /// flat piece there). <see cref="SurplusRow"/> is the U row; the t column is the last column.
    /// </summary>
    public static BorderProgram BuildKalaiSmorodinsky(DiscretisedMarket market, double revenueIdeal, double surplusIdeal)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (!(revenueIdeal > 0) || !(surplusIdeal > 0))
            throw new ArgumentOutOfRangeException(nameof(revenueIdeal), "the ideal point (Π*, U*) must be positive");
        var builder = new LinearProgramBuilder { Maximise = true };
        var columns = AddVariables(builder, market);
        var (mass, cumulative) = columns;
        var chain = AddBorderChain(builder, market, mass, cumulative);
        var monotone = AddMonotonicity(builder, market, mass);
        int share = builder.AddColumn("t", 0, double.PositiveInfinity, objective: 1);
        // Π - t·Π* ≥ 0 and U - t·U* ≥ 0, each divided by its ideal so that t is in [0, 1] on both rows.
        var revenue = new List<(int, double)>(market.Cells + 1);
        var surplus = new List<(int, double)>(market.Cells + 1);
        for (int j = 1; j <= market.Cells; j++)
        {
            revenue.Add((mass[j], market.Buyers * market.RevenueWeight(j) * market.AllocationScale(j) / revenueIdeal));
            surplus.Add((mass[j], market.Buyers * market.SurplusWeight(j) * market.AllocationScale(j) / surplusIdeal));
        }
        revenue.Add((share, -1));
        surplus.Add((share, -1));
        builder.AddRow("revenue share", 0, double.PositiveInfinity, revenue);
        int surplusRow = builder.AddRow("surplus share", 0, double.PositiveInfinity, surplus);
        return new BorderProgram(market, builder.Build(), columns, (chain, monotone), surplusRow, frontier: false);
    }

    /// <summary>Step 1. ξ_j ≥ 0 (that is x_j ≥ 0), and Z_k ∈ [0, 1]: Border X_k ≤ X̂(q_k) as a bound.</summary>
    internal static (int[] Mass, int[] Cumulative) AddVariables(LinearProgramBuilder builder, DiscretisedMarket market, string prefix = "")
    {
        int m = market.Cells;
        var mass = new int[m + 1];
        var cumulative = new int[m + 1];
        for (int j = 1; j <= m; j++) mass[j] = builder.AddColumn($"{prefix}xi{j}", 0, double.PositiveInfinity);
        for (int k = 1; k <= m; k++) cumulative[k] = builder.AddColumn($"{prefix}Z{k}", 0, 1);
        return (mass, cumulative);
    }

    /// <summary>The surplus row with its floor moved to U ≥ <paramref name="floor"/>, as <see cref="DualBound"/> and
    /// <see cref="PrimalResidual"/> take moved rows.</summary>
    public IReadOnlyDictionary<int, (double Lower, double Upper)> SurplusFloor(double floor)
        => new Dictionary<int, (double, double)> { [SurplusRow] = (floor, double.PositiveInfinity) };

    /// <summary>The bound on max Π subject to U ≥ <paramref name="floor"/> that the row multipliers <paramref name="rowDuals"/>
    /// give by weak duality, leaning on the <see cref="ImpliedUpperBounds"/> as well (method.md §5.8).</summary>
    public DualBound BoundAt(IReadOnlyList<double> rowDuals, double floor) => DualBound.Of(Program, rowDuals, SurplusFloor(floor), ImpliedUpperBounds);

    /// <summary>Upper bounds that every feasible point meets, one per column (+∞ where the column's own bound is the only
    /// one): ξ_j ≤ X̂(q_j)/(q_j·s_j), since every cell at or above j holds at least x_j and together at most Border's cap.
    /// For <see cref="DualBound"/>: with them any multipliers bound the optimum.</summary>
    public IReadOnlyList<double> ImpliedUpperBounds => _impliedUpper ??= ImpliedUpper();

    private double[]? _impliedUpper;

    private double[] ImpliedUpper()
    {
        var upper = Program.Columns.Select(c => c.Upper).ToArray();
        for (int j = 1; j <= Market.Cells; j++) upper[_massColumn[j]] = Market.Cap(j) / (Market.Grid[j] * Market.AllocationScale(j));
        return upper;
    }

    /// <summary>Step 2. X_k = X_{k-1} + Δ_k·x_k with X_0 = 0, divided by X̂(q_k):
    /// Z_k - (X̂(q_{k-1})/X̂(q_k))·Z_{k-1} - (Δ_k·s_k/X̂(q_k))·ξ_k = 0. With Z_k ≤ 1 this is Border at grid point k, which is exact for
    /// piecewise-constant non-increasing x (method.md §3.3: X is linear between grid points and X̂ concave).</summary>
    internal static int[] AddBorderChain(LinearProgramBuilder builder, DiscretisedMarket market, int[] mass, int[] cumulative, string prefix = "")
    {
        var rows = new int[market.Cells + 1];
        for (int k = 1; k <= market.Cells; k++)
        {
            double cap = market.Cap(k);
            double massPerUnit = market.Width(k) * market.AllocationScale(k) / cap;
            var terms = k == 1
                ? new List<(int, double)> { (cumulative[k], 1), (mass[k], -massPerUnit) }
                : [(cumulative[k], 1), (cumulative[k - 1], -market.Cap(k - 1) / cap), (mass[k], -massPerUnit)];
            rows[k] = builder.AddRow($"{prefix}chain{k}", 0, 0, terms);
        }
        return rows;
    }

    /// <summary>Step 3. x_j ≥ x_{j+1} (x non-increasing), i.e. s_j·ξ_j - s_{j+1}·ξ_{j+1} ≥ 0, divided by
    /// max(s_j, s_{j+1}) so that the larger coefficient is 1.</summary>
    internal static int[] AddMonotonicity(LinearProgramBuilder builder, DiscretisedMarket market, int[] mass, string prefix = "")
    {
        var rows = new int[market.Cells];
        for (int j = 1; j < market.Cells; j++)
        {
            double scale = MonotoneScale(market, j);
            double left = market.AllocationScale(j), right = market.AllocationScale(j + 1);
            rows[j] = builder.AddRow($"{prefix}monotone{j}", 0, double.PositiveInfinity, [(mass[j], left / scale), (mass[j + 1], -right / scale)]);
        }
        return rows;
    }

    /// <summary>What monotonicity row j is divided by: max(s_j, s_{j+1}).</summary>
    private static double MonotoneScale(DiscretisedMarket market, int j) => Math.Max(market.AllocationScale(j), market.AllocationScale(j + 1));

    /// <summary>Step 4. U = n·Σ x_j (ΔV_j - ΔR_j) ≥ U₀ (eq. (2)); U₀ starts at −∞ and is moved by the sweep.</summary>
    private static int AddSurplusRow(LinearProgramBuilder builder, DiscretisedMarket market, int[] mass)
    {
        var terms = new List<(int, double)>(market.Cells);
        for (int j = 1; j <= market.Cells; j++) terms.Add((mass[j], market.Buyers * market.SurplusWeight(j) * market.AllocationScale(j)));
        return builder.AddRow("surplus", double.NegativeInfinity, double.PositiveInfinity, terms);
    }

    /// <summary>Step 5. maximise Π = n·Σ x_j ΔR_j (the payment identity summed by parts, method.md §3.1).</summary>
    private static void SetRevenueObjective(LinearProgramBuilder builder, DiscretisedMarket market, int[] mass)
    {
        for (int j = 1; j <= market.Cells; j++) builder.SetObjective(mass[j], market.Buyers * market.RevenueWeight(j) * market.AllocationScale(j));
    }

    /// <summary>Reads the interim allocation x_j = s_j·ξ_j out of an optimal solution.</summary>
    public InterimAllocation ReadAllocation(LinearSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        if (solution.Status != SolveStatus.Optimal) throw new InvalidOperationException($"no allocation to read from a {solution.Status} solve");
        var x = new double[Market.Cells];
        for (int j = 1; j <= Market.Cells; j++) x[j - 1] = solution.Primal[_massColumn[j]] * Market.AllocationScale(j);
        return new InterimAllocation(Market, x);
    }

    /// <summary>The program's columns at an interim allocation: ξ_j = x_j/s_j and Z_k = X_k/X̂(q_k).</summary>
    public double[] PrimalOf(InterimAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        if (!ReferenceEquals(allocation.Market, Market)) throw new ArgumentException("the allocation is on another grid", nameof(allocation));
        var z = new double[Program.Columns.Count];
        for (int j = 1; j <= Market.Cells; j++)
        {
            z[_massColumn[j]] = allocation.Cell(j) / Market.AllocationScale(j);
            z[_cumulativeColumn[j]] = allocation.Cumulative(j) / Market.Cap(j);
        }
        return z;
    }

    /// <summary>
    /// Row multipliers of the frontier program (<see cref="Build"/>) from the Lagrangian dual at λ (method.md §5.8), in the
    /// convention of <see cref="LinearSolution.RowDuals"/>: with M_j the multiplier of the cumulative allocation on cell j
    /// (n times the slope of the concave hull of R_λ there, 0 after the reserve) and ν_j ≥ 0 that of x_j ≥ x_{j+1}
    /// (n times the hull's height above R_λ at q_j), chain row k gets −M_k·X̂(q_k) (it is divided by X̂(q_k)), monotonicity
    /// row j gets −ν_j·max(s_j, s_{j+1}), and the surplus row −λ. The reduced cost of Z_k is then X̂(q_k)·(M_k − M_{k+1}) ≥ 0,
    /// Border's multiplier, and that of ξ_j is s_j·(n·ΔR_λ,j − Δ_j·M_j + ν_j − ν_{j−1}), zero on every cell the optimum
    /// allocates to.
    /// </summary>
    /// <param name="cellMultipliers">M_j for cells j = 1..m (index j − 1).</param>
    /// <param name="monotoneMultipliers">ν_j for grid points j = 1..m−1 (index j − 1). Range: ≥ 0.</param>
    /// <param name="lambda">λ ≥ 0, the multiplier of U ≥ U₀.</param>
    public double[] RowDualsOf(IReadOnlyList<double> cellMultipliers, IReadOnlyList<double> monotoneMultipliers, double lambda)
    {
        ArgumentNullException.ThrowIfNull(cellMultipliers);
        ArgumentNullException.ThrowIfNull(monotoneMultipliers);
        if (!_frontier) throw new InvalidOperationException("row multipliers from the Lagrangian dual are defined for the frontier program only");
        if (cellMultipliers.Count != Market.Cells || monotoneMultipliers.Count != Market.Cells - 1)
            throw new ArgumentException("one M per cell and one ν per inner grid point");
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and ≥ 0");
        var y = new double[Program.Rows.Count];
        for (int k = 1; k <= Market.Cells; k++) y[_chainRow[k]] = -cellMultipliers[k - 1] * Market.Cap(k);
        for (int j = 1; j < Market.Cells; j++)
        {
            double nu = monotoneMultipliers[j - 1];
            if (!(nu >= 0)) throw new ArgumentOutOfRangeException(nameof(monotoneMultipliers), nu, $"ν_{j} must be ≥ 0");
            y[_monotoneRow[j]] = -nu * MonotoneScale(Market, j);
        }
        y[SurplusRow] = -lambda;
        return y;
    }
}
