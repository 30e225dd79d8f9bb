using OrSolver.Core.Characterization;

namespace OrSolver.Core.BilateralTrade;

/// <summary>One deterministic rule of a <see cref="TradePoint"/> and the probability with which it runs.</summary>
public sealed record RuleShare(double Probability, TradeRule Rule);

/// <summary>
/// An optimum of the Lagrangian program max Π + λ·U over the grid's mechanisms (method.md §13.1): one rule of the
/// Lagrangian family, or — where the budget constraint binds between two adjacent rules — the two rules randomised so
/// that the budget slack is exactly 0 (this is how ties between the ironed scores are broken), plus the split of any
/// remaining slack as lump-sum transfers (the utility of the highest-cost seller and of the lowest-value buyer).
/// </summary>
/// <param name="Lambda">λ ≥ 0 at which this is an optimum (+∞: the buyer's optimum, ties to the seller).</param>
/// <param name="Rules">One rule, or two whose probabilities add up to 1.</param>
/// <param name="SellerTransfer">s_S ≥ 0, the slack given to the seller.</param>
/// <param name="BuyerTransfer">s_B ≥ 0, the slack given to the buyer.</param>
public sealed record TradePoint(double Lambda, IReadOnlyList<RuleShare> Rules, double SellerTransfer, double BuyerTransfer)
{
    /// <summary>Π = Σ_j Q_S,j (ΔS_j − ΔC_j) + s_S, the seller's expected utility.</summary>
    public double Revenue => Rules.Sum(r => r.Probability * r.Rule.SellerRent) + SellerTransfer;

    /// <summary>U = Σ_i Q_B,i (ΔV_i − ΔR_i) + s_B, the buyer's expected utility.</summary>
    public double Surplus => Rules.Sum(r => r.Probability * r.Rule.BuyerRent) + BuyerTransfer;

    /// <summary>The gains from trade Π + U.</summary>
    public double Gains => Rules.Sum(r => r.Probability * r.Rule.Gains);

    /// <summary>B(x) of the randomised rule (equal to s_S + s_B up to rounding).</summary>
    public double Budget => Rules.Sum(r => r.Probability * r.Rule.Budget);

    /// <summary>Π + λ·U at this point's λ (U alone at λ = +∞).</summary>
    public double LagrangianValue => double.IsPositiveInfinity(Lambda) ? Surplus : Revenue + Lambda * Surplus;
}

/// <summary>
/// The Lagrangian route of bilateral trade on one <see cref="TradeGrid"/> (method.md §13.1): the ironed scores, the rule
/// they define for any (α_B, α_S), and the optimum of max Π + λ·U for any λ ≥ 0, found by a one-dimensional search on
/// the budget constraint's multiplier. Independent of the LP. Not thread-safe (reuses its buffers).
/// </summary>
public sealed class TradeLagrangian
{
    /// <summary>Bisection steps on the multiplier: enough to reach adjacent doubles from any start in [0, 1].</summary>
    private const int BisectionSteps = 1100;

    /// <summary>Scores closer than this (relative to E[v] + E[c]) are tied: far above the ulps of a hull slope, far below
    /// any difference that moves Π or U beyond the rounding tolerance.</summary>
    private const double TieGuard = 1e-12;

    private readonly double[] _widthPrefix;
    private readonly double[] _costPrefix;
    private readonly double[] _costCurvePrefix;
    private readonly double[] _primary;
    private readonly double[] _scale;
    private readonly double[] _zeros;
    private readonly int[] _stack;

    /// <summary>Prepares the prefix sums of the seller's weights.</summary>
    public TradeLagrangian(TradeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        int m = grid.SellerCells;
        _widthPrefix = new double[m + 1];
        _costPrefix = new double[m + 1];
        _costCurvePrefix = new double[m + 1];
        for (int j = 1; j <= m; j++)
        {
            _widthPrefix[j] = _widthPrefix[j - 1] + grid.SellerWidth(j);
            _costPrefix[j] = _costPrefix[j - 1] + grid.CostWeight(j);
            _costCurvePrefix[j] = _costCurvePrefix[j - 1] + grid.CostCurveWeight(j);
        }
        int points = Math.Max(grid.BuyerCells, m) + 1;
        _primary = new double[points];
        _scale = new double[points];
        _zeros = new double[points];
        _stack = new int[points];
    }

    /// <summary>The grid.</summary>
    public TradeGrid Grid { get; }

    /// <summary>
    /// The rule of (α_B, α_S): trade on (i, j) iff ā_i ≥ c̄_j, where ā is the slope of the upper concave hull of
    /// (1 − α_B)·V + α_B·R over the buyer's grid points (the ironed v − α_B·(1 − F)/f) and c̄ the slope of the lower
    /// convex hull of (1 − α_S)·C + α_S·S over the seller's (the ironed c + α_S·G/g). Ties (up to rounding) trade: at
    /// the frontier's ends this takes the most U among the seller's optima and the most Π among the buyer's, the budget
    /// permitting (when trading every tie leaves B &lt; 0, <see cref="Optimum"/> randomises them).
    /// </summary>
    public TradeRule Rule(double alphaBuyer, double alphaSeller)
    {
        if (!(alphaBuyer >= 0 && alphaBuyer <= 1) || !(alphaSeller >= 0 && alphaSeller <= 1))
            throw new ArgumentOutOfRangeException(nameof(alphaBuyer), $"α_B = {alphaBuyer}, α_S = {alphaSeller}: both must lie in [0, 1]");
        var buyerScore = new double[Grid.BuyerCells + 1];
        var sellerScore = new double[Grid.SellerCells + 1];
        var buyerPooled = BuyerScores(alphaBuyer, buyerScore);
        var sellerPooled = SellerScores(alphaSeller, sellerScore);

        int mB = Grid.BuyerCells, mS = Grid.SellerCells;
        var trades = new int[mB];
        double gains = 0, buyerRent = 0, sellerRent = 0, budget = 0;
        // Scores that are equal in exact arithmetic (a value atom against a cost atom, v = S′ at the buyer's optimum) come
        // out of two different hulls a few ulps apart: they count as a tie, and ties trade.
        double tie = TieGuard * Grid.MoneyScale;
        int j = mS;
        for (int i = 1; i <= mB; i++)
        {
            // Buyer scores fall with i, so the seller cells that trade shrink from the top.
            while (j > 0 && sellerScore[j] > buyerScore[i] + tie) j--;
            trades[i - 1] = j;
            if (j == 0) continue;
            double width = Grid.BuyerWidth(i), mass = _widthPrefix[j];
            gains += Grid.ValueWeight(i) * mass - width * _costPrefix[j];
            buyerRent += Grid.BuyerRentWeight(i) * mass;
            sellerRent += width * (_costCurvePrefix[j] - _costPrefix[j]);
            budget += Grid.RevenueWeight(i) * mass - width * _costCurvePrefix[j];
        }
        return new TradeRule(Grid, alphaBuyer, alphaSeller, trades, buyerPooled, sellerPooled, gains, buyerRent, sellerRent, budget);
    }

    /// <summary>The seller-offer mechanism (α_B = 1, α_S = 0; the seller's optimum, most surplus among them).</summary>
    public TradePoint SellerOffer() => Optimum(0);

    /// <summary>The buyer-offer mechanism (α_B = 0, α_S = 1; the buyer's optimum).</summary>
    public TradePoint BuyerOffer() => Optimum(double.PositiveInfinity);

    /// <summary>The first-best rule on the grid: trade iff the cell's mean value is at least the cell's mean cost.</summary>
    public TradeRule FirstBest() => Rule(0, 0);

    /// <summary>
    /// An optimum of max Π + λ·U (method.md §13.1). With κ ≥ max(1, λ) the multiplier of B ≥ 0 plus the slack's best
    /// use, the Lagrangian is Σ x_ij [λ·v + (κ − λ)·R′ − c − (κ − 1)·S′], i.e. the rule (α_B, α_S) = (1 − λ/κ, 1 − 1/κ),
    /// so along t = 1/κ ∈ [0, 1/max(1, λ)] the rule runs from (1, 1) (B ≥ 0) to (1 − λ·t₀, 1 − t₀). If the end t₀ keeps
    /// B ≥ 0 the multiplier is 0 and the slack goes to the seller (λ ≤ 1) or the buyer (λ &gt; 1); else B(t), which falls as
    /// t rises, is bisected to adjacent doubles and the two rules there are randomised so that B = 0.
    /// </summary>
    /// <param name="lambda">λ ≥ 0, or +∞ for the buyer's optimum (the path is then α_S = 1, α_B from 1 to 0).</param>
    public TradePoint Optimum(double lambda)
    {
        if (double.IsNaN(lambda) || lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0");
        bool infinite = double.IsPositiveInfinity(lambda);
        double end = infinite ? 1 : 1 / Math.Max(1, lambda);
        (double Buyer, double Seller) Alphas(double t) => infinite ? (1 - t, 1) : (Math.Max(0, 1 - lambda * t), 1 - t);
        var (endBuyer, endSeller) = Alphas(end);
        var last = Rule(endBuyer, endSeller);
        // A budget below zero by rounding only (an exact B = 0, as the uniform seller-offer rule has) is not a violation.
        double rounding = 64 * 1.1102230246251565e-16 * Grid.MoneyScale;
        if (last.Budget >= -rounding)
        {
            double slack = Math.Max(0, last.Budget);
            return lambda <= 1 ? new TradePoint(lambda, [new RuleShare(1, last)], slack, 0) : new TradePoint(lambda, [new RuleShare(1, last)], 0, slack);
        }
        double low = 0, high = end;
        var feasible = Rule(1, 1);
        var infeasible = last;
        for (int step = 0; step < BisectionSteps; step++)
        {
            double middle = 0.5 * (low + high);
            if (!(middle > low && middle < high)) break;
            var (b, s) = Alphas(middle);
            var rule = Rule(b, s);
            if (rule.Budget >= 0)
            {
                low = middle;
                feasible = rule;
            }
            else
            {
                high = middle;
                infeasible = rule;
            }
        }
        // θ on the rule that trades more: θ·B_hi + (1 − θ)·B_lo = 0.
        double theta = feasible.Budget / (feasible.Budget - infeasible.Budget);
        return new TradePoint(lambda, [new RuleShare(1 - theta, feasible), new RuleShare(theta, infeasible)], 0, 0);
    }

    /// <summary>The upper concave hull of the curve in the primary buffer (with its scales) over the points
    /// <paramref name="x"/>: tells <paramref name="segment"/> each hull segment's end points (indices into x) and slope.</summary>
    private void HullSlopes(ReadOnlySpan<double> x, int points, Action<int, int, double> segment)
    {
        int hull = ConcaveHull.Upper(x, _primary.AsSpan(0, points), _scale.AsSpan(0, points), _zeros.AsSpan(0, points), _zeros.AsSpan(0, points), _stack);
        for (int h = 1; h < hull; h++)
        {
            int a = _stack[h - 1], b = _stack[h];
            segment(a, b, (_primary[b] - _primary[a]) / (x[b] - x[a]));
        }
    }

    /// <summary>Slopes of the upper concave hull of (1 − α)·V + α·R on the buyer's cells (index i), made non-increasing
    /// against rounding; returns the pooled intervals.</summary>
    private List<PooledCells> BuyerScores(double alpha, double[] score)
    {
        var market = Grid.Buyer;
        var revenue = market.RevenueCurve;
        var value = market.IntegratedValueCurve;
        int points = revenue.Length;
        for (int k = 0; k < points; k++)
        {
            _primary[k] = (1 - alpha) * value[k] + alpha * revenue[k];
            _scale[k] = (1 - alpha) * Math.Abs(value[k]) + alpha * Math.Abs(revenue[k]);
        }
        var pooled = new List<PooledCells>();
        HullSlopes(market.Grid.PointSpan, points, (a, b, slope) =>
        {
            for (int i = a + 1; i <= b; i++) score[i] = slope;
            if (b > a + 1) pooled.Add(new PooledCells(a, b));
        });
        for (int i = 2; i < score.Length; i++) score[i] = Math.Min(score[i], score[i - 1]);
        return pooled;
    }

    /// <summary>
    /// The seller's scores on her cells (index j, p order), made non-decreasing against rounding; returns the pooled
    /// intervals in p order. Taken in G's value-quantile space q' = 1 − p: the convex hull of (1 − α)·C + α·S in p is the
    /// upper concave hull in q' of W(q') = (1 − α)·V_G(q') − α·S(1 − q') (C less its constant V_G(1)), whose slope
    /// is c + α·G/g. The top cell of an unbounded cost (W = −∞ at q' = 0) is left out: its score is +∞.
    /// </summary>
    private List<PooledCells> SellerScores(double alpha, double[] score)
    {
        var market = Grid.SellerQuantiles;
        int m = market.Cells;
        int first = Grid.Market.UnboundedCost ? 1 : 0;
        var x = market.Grid.PointSpan[first..];
        int points = m + 1 - first;
        for (int k = first; k <= m; k++)
        {
            double integrated = market.IntegratedValue(k);
            double costCurve = Grid.CostCurve(m - k);
            _primary[k - first] = (1 - alpha) * integrated - alpha * costCurve;
            _scale[k - first] = (1 - alpha) * Math.Abs(integrated) + alpha * Math.Abs(costCurve);
        }
        var pooled = new List<PooledCells>();
        HullSlopes(x, points, (a, b, slope) =>
        {
            // q'-cells first + a + 1 .. first + b are seller cells m + 1 − k.
            for (int k = first + a + 1; k <= first + b; k++) score[m + 1 - k] = slope;
            if (b > a + 1) pooled.Add(new PooledCells(m - first - b, m - first - a));
        });
        if (first == 1) score[m] = double.PositiveInfinity;
        for (int j = 2; j <= m; j++) score[j] = Math.Max(score[j], score[j - 1]);
        pooled.Reverse();
        return pooled;
    }
}
