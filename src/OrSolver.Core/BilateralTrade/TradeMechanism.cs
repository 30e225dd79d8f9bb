using System.Globalization;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.BilateralTrade;

/// <summary>The kinds of mechanism on the bilateral-trade frontier.</summary>
public enum TradeMechanismKind
{
    /// <summary>No pair of types trades.</summary>
    NoTrade,
    /// <summary>One threshold on each side: trade iff v ≥ a and c ≤ b (a posted price when a = b).</summary>
    PostedPrice,
    /// <summary>Trade iff v ≥ t(c), a staircase threshold that rises with the cost.</summary>
    ThresholdRule,
    /// <summary>A randomisation of two mechanisms of the frontier (between two vertices).</summary>
    Randomization,
}

/// <summary>One step of a threshold rule: sellers with cost up to <paramref name="CostUpTo"/> (and above the previous
/// step's) trade with buyers whose value is at least <paramref name="ValueAtLeast"/>.</summary>
public sealed record TradeStep(double CostUpTo, double ValueAtLeast);

/// <summary>One mechanism of a randomisation and the probability with which it runs.</summary>
public sealed record TradeComponent(double Probability, TradeMechanism Mechanism);

/// <summary>Π, U, the gains from trade and the expected budget surplus of a mechanism, from its rules and payments.</summary>
/// <param name="Revenue">Π, the seller's expected utility.</param>
/// <param name="Surplus">U, the buyer's expected utility.</param>
/// <param name="Gains">E[(v − c)·x].</param>
/// <param name="BudgetImbalance">Expected payments in less payments out (0 for ex-ante budget balance).</param>
/// <param name="LowestUtility">The smallest interim utility of any type (≥ 0 is interim IR).</param>
/// <param name="IncentiveGain">The most any type of either side gains in expectation by reporting another grid cell
/// (≤ 0 is BIC on the grid's types).</param>
public sealed record TradeOutcome(double Revenue, double Surplus, double Gains, double BudgetImbalance, double LowestUtility, double IncentiveGain);

/// <summary>
/// A mechanism of the bilateral-trade frontier as a user runs it (method.md §13.1): a trade rule of the Lagrangian family
/// — trade iff the buyer's ironed weighted virtual value v − α_B·(1 − F)/f is at least the seller's ironed weighted
/// virtual cost c + α_S·G/g — shown as thresholds in value and cost; on trade the buyer pays the lowest value at which she
/// would still trade against this seller's cost and the seller receives the highest cost at which she would still trade
/// against this buyer's value (dominant-strategy critical payments); the expected surplus of those payments is paid back
/// as lump sums, s_S to the seller and s_B to the buyer. Where the budget binds between two adjacent rules, the rule
/// that trades more runs with probability θ and the other otherwise (the tie cells trade with probability θ). Between two
/// vertices of the frontier, a randomisation of their two mechanisms.
/// </summary>
public sealed record TradeMechanism : IMechanismDescription<TradeMechanism>
{
    private TradeMechanism(TradeMechanismKind kind, IReadOnlyList<RuleShare> rules, double sellerTransfer, double buyerTransfer,
        IReadOnlyList<TradeComponent> components)
    {
        Kind = kind;
        Rules = rules;
        SellerTransfer = sellerTransfer;
        BuyerTransfer = buyerTransfer;
        Components = components;
    }

    /// <summary>The kind.</summary>
    public TradeMechanismKind Kind { get; }

    /// <summary>The deterministic rules run (one, or two with the tie probability); empty for a randomisation.</summary>
    public IReadOnlyList<RuleShare> Rules { get; }

    /// <summary>s_S, the lump sum paid to the seller. Range: ≥ 0.</summary>
    public double SellerTransfer { get; }

    /// <summary>s_B, the lump sum paid to the buyer. Range: ≥ 0.</summary>
    public double BuyerTransfer { get; }

    /// <summary>For a randomisation: the two mechanisms and the probability of each; empty otherwise.</summary>
    public IReadOnlyList<TradeComponent> Components { get; }

    /// <summary>The mechanism of a Lagrangian optimum.</summary>
    public static TradeMechanism Of(TradePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var rules = point.Rules.Where(r => r.Probability > 0).ToList();
        var kind = rules.All(r => r.Rule.NoTrade) ? TradeMechanismKind.NoTrade
            : rules.Count == 1 && Steps(rules[0].Rule).Count == 1 ? TradeMechanismKind.PostedPrice
            : TradeMechanismKind.ThresholdRule;
        return new TradeMechanism(kind, rules, point.SellerTransfer, point.BuyerTransfer, []);
    }

    /// <summary>A randomisation: <paramref name="first"/> with probability ν, <paramref name="second"/> otherwise.</summary>
    public static TradeMechanism Randomize(TradeMechanism first, TradeMechanism second, double probability)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "ν must lie in [0, 1]");
        return new TradeMechanism(TradeMechanismKind.Randomization, [], 0, 0,
            [new TradeComponent(probability, first), new TradeComponent(1 - probability, second)]);
    }

    /// <summary>The market's own columns: α_B and α_S of the rule, the lowest value and the highest cost that trade,
    /// the lump sums, and the probability of the rule that trades more where two are randomised (components of a
    /// randomisation joined by " | ").</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["alphaBuyer", "alphaSeller", "valueThreshold", "costThreshold", "sellerTransfer", "buyerTransfer", "tieProbability"];

    /// <inheritdoc />
    public string KindName => Kind switch
    {
        TradeMechanismKind.NoTrade => "no-trade",
        TradeMechanismKind.PostedPrice => "posted-price",
        TradeMechanismKind.ThresholdRule => "threshold-rule",
        _ => "randomization",
    };

    /// <inheritdoc />
    public IReadOnlyList<string> ColumnValues()
    {
        var parts = Kind == TradeMechanismKind.Randomization ? Components.Select(c => c.Mechanism).ToList() : [this];
        string Join(Func<TradeMechanism, double> f) => string.Join(" | ", parts.Select(p => Number(f(p), "R")));
        return
        [
            Join(p => p.Rules[0].Rule.AlphaBuyer), Join(p => p.Rules[0].Rule.AlphaSeller), Join(p => p.LowestTradingValue),
            Join(p => p.HighestTradingCost), Join(p => p.SellerTransfer), Join(p => p.BuyerTransfer), Join(p => p.TieProbability),
        ];
    }

    /// <summary>The lowest value that trades with positive probability (NaN when nothing trades or for a randomisation).</summary>
    public double LowestTradingValue => Kind is TradeMechanismKind.Randomization or TradeMechanismKind.NoTrade
        ? double.NaN : Rules.Where(r => !r.Rule.NoTrade).Min(r => Steps(r.Rule)[^1].ValueAtLeast);

    /// <summary>The highest cost that trades with positive probability (NaN when nothing trades or for a randomisation).</summary>
    public double HighestTradingCost => Kind is TradeMechanismKind.Randomization or TradeMechanismKind.NoTrade
        ? double.NaN : Rules.Where(r => !r.Rule.NoTrade).Max(r => Steps(r.Rule)[^1].CostUpTo);

    /// <summary>θ, the probability of the rule that trades more when two are randomised at the budget's tie; 1 for one rule.</summary>
    public double TieProbability => Kind == TradeMechanismKind.Randomization ? double.NaN : Rules.Count == 1 ? 1 : Rules[1].Probability;

    /// <inheritdoc />
    public string Describe()
    {
        if (Kind == TradeMechanismKind.Randomization)
            return string.Join(" | ", Components.Select(c => $"{Number(c.Probability, "G6")}×{c.Mechanism.Describe()}"));
        if (Kind == TradeMechanismKind.NoTrade) return "no-trade";
        var main = Rules[^1].Rule;
        string rule = $"α_B={Number(main.AlphaBuyer, "G4")} α_S={Number(main.AlphaSeller, "G4")}: {RuleText(main)}";
        if (Rules.Count == 2)
        {
            // The two rules are adjacent at the budget's tie: the one that trades more differs only on the tied cell pairs.
            var other = Rules[0].Rule;
            int tied = Enumerable.Range(1, main.Grid.BuyerCells).Sum(i => Math.Abs(main.Trades(i) - other.Trades(i)));
            rule += $"; {tied} tied cell pair(s) trade with probability {Number(TieProbability, "G6")}";
        }
        string transfers = SellerTransfer > 0 || BuyerTransfer > 0
            ? $"; lump sums {Number(SellerTransfer, "G6")} to the seller, {Number(BuyerTransfer, "G6")} to the buyer"
            : "";
        return $"{KindName} {rule}{transfers}";
    }

    /// <summary>One rule in words: a posted price, two thresholds, or the staircase's first and last steps.</summary>
    private static string RuleText(TradeRule rule)
    {
        if (rule.NoTrade) return "no trade";
        var steps = Steps(rule);
        string pooled = rule.BuyerPooled.Count + rule.SellerPooled.Count == 0
            ? ""
            : $" (ironing pools {rule.BuyerPooled.Count} value and {rule.SellerPooled.Count} cost intervals)";
        if (steps.Count == 1)
        {
            var s = steps[0];
            return s.CostUpTo == s.ValueAtLeast
                ? $"posted price {Number(s.ValueAtLeast, "G8")}{pooled}"
                : $"trade iff v ≥ {Number(s.ValueAtLeast, "G8")} and c ≤ {Number(s.CostUpTo, "G8")}{pooled}";
        }
        return $"trade iff v ≥ t(c), {steps.Count} steps from t = {Number(steps[0].ValueAtLeast, "G8")} for c ≤ {Number(steps[0].CostUpTo, "G8")} "
            + $"to t = {Number(steps[^1].ValueAtLeast, "G8")} for c ≤ {Number(steps[^1].CostUpTo, "G8")}{pooled}";
    }

    /// <summary>The staircase of a rule, in rising cost: each step the highest cost it covers (the upper edge c(p_j) of the
    /// last seller cell in it) and the lowest value that trades there (the lower edge v(q_i) of the last buyer cell).</summary>
    public static IReadOnlyList<TradeStep> Steps(TradeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var grid = rule.Grid;
        var steps = new List<TradeStep>();
        int lastBuyer = grid.BuyerCells;
        for (int j = 1; j <= grid.SellerCells; j++)
        {
            while (lastBuyer > 0 && rule.Trades(lastBuyer) < j) lastBuyer--;
            if (lastBuyer == 0) break;
            double value = grid.Value(lastBuyer), cost = grid.Cost(j);
            if (steps.Count > 0 && steps[^1].ValueAtLeast == value) steps[^1] = new TradeStep(cost, value);
            else steps.Add(new TradeStep(cost, value));
        }
        return steps;
    }

    /// <summary>
    /// Π, U, the gains and the budget of this mechanism computed from its rules and payments, cell pair by cell pair — a
    /// route independent of the envelope sums of the LP and the Lagrangian: on trade at (i, j) the buyer pays
    /// v(q_{I_j}) (I_j the last buyer cell trading with seller cell j) and the seller receives c(p_{J_i}), so the buyer's
    /// expected utility from the pair is ΔV_i·δp_j − v(q_{I_j})·δq_i·δp_j and the seller's c(p_{J_i})·δq_i·δp_j − δq_i·ΔC_j;
    /// the lump sums are added and the budget imbalance is E[payments in] − E[payments out] − s_S − s_B. A randomisation
    /// is the mix of its components.
    /// </summary>
    public TradeOutcome Evaluate()
    {
        if (Kind == TradeMechanismKind.Randomization)
        {
            var outcomes = Components.Select(c => (c.Probability, Outcome: c.Mechanism.Evaluate())).ToList();
            return new TradeOutcome(outcomes.Sum(o => o.Probability * o.Outcome.Revenue), outcomes.Sum(o => o.Probability * o.Outcome.Surplus),
                outcomes.Sum(o => o.Probability * o.Outcome.Gains), outcomes.Sum(o => o.Probability * o.Outcome.BudgetImbalance),
                outcomes.Min(o => o.Outcome.LowestUtility), outcomes.Max(o => o.Outcome.IncentiveGain));
        }
        double revenue = 0, surplus = 0, gains = 0, imbalance = 0;
        var first = Rules[0].Rule.Grid;
        // Interim trade probabilities and expected payments per cell, for the incentive check.
        var buyerTrade = new double[first.BuyerCells + 1];
        var buyerPays = new double[first.BuyerCells + 1];
        var sellerTrade = new double[first.SellerCells + 1];
        var sellerGets = new double[first.SellerCells + 1];
        foreach (var (probability, rule) in Rules)
        {
            var grid = rule.Grid;
            var lastBuyer = new int[grid.SellerCells + 1];
            for (int i = 1; i <= grid.BuyerCells; i++)
                for (int j = 1; j <= rule.Trades(i); j++) lastBuyer[j] = i;
            double ruleRevenue = 0, ruleSurplus = 0, paidIn = 0, paidOut = 0;
            for (int i = 1; i <= grid.BuyerCells; i++)
            {
                int trades = rule.Trades(i);
                if (trades == 0) continue;
                double received = grid.Cost(trades);
                for (int j = 1; j <= trades; j++)
                {
                    double mass = grid.BuyerWidth(i) * grid.SellerWidth(j);
                    double paid = grid.Value(lastBuyer[j]);
                    ruleSurplus += grid.ValueWeight(i) * grid.SellerWidth(j) - paid * mass;
                    ruleRevenue += received * mass - grid.BuyerWidth(i) * grid.CostWeight(j);
                    paidIn += paid * mass;
                    paidOut += received * mass;
                    buyerTrade[i] += probability * grid.SellerWidth(j);
                    buyerPays[i] += probability * grid.SellerWidth(j) * paid;
                    sellerTrade[j] += probability * grid.BuyerWidth(i);
                    sellerGets[j] += probability * grid.BuyerWidth(i) * received;
                }
            }
            revenue += probability * ruleRevenue;
            surplus += probability * ruleSurplus;
            gains += probability * (ruleRevenue + ruleSurplus);
            imbalance += probability * (paidIn - paidOut);
        }
        imbalance -= SellerTransfer + BuyerTransfer;
        // A buyer of value v reporting cell i' gets Q_i'·v − P_i' (a seller of cost c: R_j' − Q_j'·c); linear in the type, so
        // the edges of each cell are the types to try (an infinite edge is skipped: there the top cell, which trades most, is
        // the best report).
        double incentive = Math.Max(
            IncentiveGain(first.BuyerCells, buyerTrade, buyerPays, i => (first.Value(i), first.Value(i - 1)), 1),
            IncentiveGain(first.SellerCells, sellerTrade, sellerGets, j => (first.Cost(j - 1), first.Cost(j)), -1));
        return new TradeOutcome(revenue + SellerTransfer, surplus + BuyerTransfer, gains, imbalance, Math.Min(SellerTransfer, BuyerTransfer), incentive);
    }

    /// <summary>The largest gain of a type in a cell from reporting another cell: utility sign·(Q·t) − sign·payment, t the
    /// type (value for the buyer, sign +1; cost for the seller, sign −1, who receives the payment).</summary>
    private static double IncentiveGain(int cells, double[] trade, double[] payment, Func<int, (double Low, double High)> edges, int sign)
    {
        double worst = 0;
        for (int cell = 1; cell <= cells; cell++)
        {
            var (low, high) = edges(cell);
            foreach (double type in new[] { low, high })
            {
                if (!double.IsFinite(type)) continue;
                double truthful = sign * (trade[cell] * type - payment[cell]);
                for (int report = 1; report <= cells; report++)
                    worst = Math.Max(worst, sign * (trade[report] * type - payment[report]) - truthful);
            }
        }
        return worst;
    }

    /// <summary>The mechanism's trade probabilities x_ij and lump sums on <paramref name="grid"/> (the mix of its
    /// components' for a randomisation), for the re-check against the grid program's constraints.</summary>
    public TradeAllocation Allocation(TradeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var x = new double[grid.BuyerCells, grid.SellerCells];
        double sellerTransfer = 0, buyerTransfer = 0;
        void Add(TradeMechanism mechanism, double weight)
        {
            if (mechanism.Kind == TradeMechanismKind.Randomization)
            {
                foreach (var c in mechanism.Components) Add(c.Mechanism, weight * c.Probability);
                return;
            }
            sellerTransfer += weight * mechanism.SellerTransfer;
            buyerTransfer += weight * mechanism.BuyerTransfer;
            foreach (var (probability, rule) in mechanism.Rules)
                for (int i = 1; i <= grid.BuyerCells; i++)
                    for (int j = 1; j <= rule.Trades(i); j++) x[i - 1, j - 1] += weight * probability;
        }
        Add(this, 1);
        return new TradeAllocation(grid, x, sellerTransfer, buyerTransfer);
    }

    private static string Number(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
