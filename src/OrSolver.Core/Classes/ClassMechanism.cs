using System.Globalization;
using MathNet.Numerics.Distributions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>The kinds of mechanism on the frontier of a market of several classes (method.md §13.2).</summary>
public enum ClassMechanismKind
{
    /// <summary>Nobody ever gets the item.</summary>
    NoSale,
    /// <summary>The highest value wins and pays the second highest bid: no class has a reserve above its lowest value, and
    /// every class's lowest value is the same (for one class: the plain second-price auction).</summary>
    SecondPrice,
    /// <summary>An anonymous second-price auction with one reserve price for every class.</summary>
    SecondPriceWithReserve,
    /// <summary>The highest value wins among the buyers at or above their own class's reserve, and pays the larger of her
    /// class's reserve and the highest other eligible bid.</summary>
    SecondPriceWithClassReserves,
    /// <summary>An anonymous indirect Vickrey auction: one reserve, and pooled intervals (gaps in the bid space) that
    /// rank buyers in value order.</summary>
    IndirectVickrey,
    /// <summary>The general form: the highest ironed score R̄'_{λ,c} wins, so a lower value of one class can beat a higher
    /// value of another; class-specific reserves and pooled intervals.</summary>
    IronedScoreAuction,
    /// <summary>A randomisation of two mechanisms of the frontier (between two vertices).</summary>
    Randomization,
}

/// <summary>What a mechanism does with one class.</summary>
/// <param name="Reserve">r_c = v_c(q_r), the lowest value of the class that can win; the class's lowest value when it has
/// no reserve; NaN when the class never wins.</param>
/// <param name="ReserveQuantile">q_r, the quantile of the reserve (1 without a reserve, 0 when the class never wins).</param>
/// <param name="Pooled">Value intervals of the class whose buyers are treated alike (they tie with each other), in
/// decreasing value: the gaps of the class's bid space.</param>
public sealed record ClassRule(double Reserve, double ReserveQuantile, IReadOnlyList<BidSpaceGap> Pooled)
{
    /// <summary>Whether some buyer of the class can win.</summary>
    public bool Participates => ReserveQuantile > 0;
}

/// <summary>One mechanism of a randomisation and the probability with which it runs.</summary>
public sealed record ClassComponent(double Probability, ClassMechanism Mechanism);

/// <summary>
/// A mechanism of the frontier of a market of several classes as a user runs it (method.md §13.2): every buyer reports her
/// value; each class's value is mapped to its ironed score R̄'_{λ,c} (constant on a pooled interval), buyers below their
/// class's reserve drop out, the highest score wins (ties uniformly at random), and the winner pays her critical value:
/// the lowest value of her class at which she would still win. Named by what it amounts to: a plain, anonymous-reserve or
/// class-reserve second-price auction when scores rank buyers in value order and nothing is pooled, an anonymous indirect
/// Vickrey auction when pooled intervals keep value order and one reserve, an ironed score auction otherwise.
/// Between two vertices of the frontier, a randomisation of their two mechanisms.
/// </summary>
public sealed class ClassMechanism : IMechanismDescription<ClassMechanism>
{
    private readonly ClassGrids _grids;
    private readonly IReadOnlyList<ScoreStep>[] _steps;

    private ClassMechanism(ClassGrids grids, ClassMechanismKind kind, double lambda, IReadOnlyList<ClassRule> classes,
        IReadOnlyList<ScoreStep>[] steps, IReadOnlyList<ClassComponent> components)
    {
        _grids = grids;
        Kind = kind;
        Lambda = lambda;
        Classes = classes;
        _steps = steps;
        Components = components;
    }

    /// <summary>The kind.</summary>
    public ClassMechanismKind Kind { get; }

    /// <summary>λ of the Lagrangian optimum whose scores the mechanism runs (λ·V_c + (1 − λ)·R_c is ironed per class); NaN
    /// for a randomisation and for a mechanism with one weight per class. Range: ≥ 0 or +∞.</summary>
    public double Lambda { get; }

    /// <summary>What the mechanism does with each class, in the market's class order (empty for a randomisation).</summary>
    public IReadOnlyList<ClassRule> Classes { get; }

    /// <summary>For a randomisation: the two mechanisms and the probability of each; empty otherwise.</summary>
    public IReadOnlyList<ClassComponent> Components { get; }

    /// <summary>The mechanism of the Lagrangian optimum at <paramref name="lambda"/> (ties in each class's hull taken at
    /// the <paramref name="side"/> end, as <see cref="ClassLagrangian.Solve(ClassGrids, double, TieSide)"/>).</summary>
    public static ClassMechanism FromLagrangian(ClassGrids grids, double lambda, TieSide side)
    {
        ArgumentNullException.ThrowIfNull(grids);
        return FromScores(grids, lambda, [.. Enumerable.Repeat(lambda, grids.Count)], side);
    }

    /// <summary>The mechanism of the Lagrangian optimum with one weight per class, max Π + Σ_c λ_c·U_c (class c's scores
    /// iron λ_c·V_c + (1 − λ_c)·R_c); its <see cref="Lambda"/> is NaN. The Nash solution of unequal classes is one
    /// (or a randomisation of two).</summary>
    public static ClassMechanism FromLagrangian(ClassGrids grids, IReadOnlyList<double> lambdas, TieSide side)
    {
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentNullException.ThrowIfNull(lambdas);
        if (lambdas.Count != grids.Count) throw new ArgumentException($"expected {grids.Count} weights, got {lambdas.Count}", nameof(lambdas));
        return FromScores(grids, double.NaN, [.. lambdas], side);
    }

    private static ClassMechanism FromScores(ClassGrids grids, double lambda, double[] lambdas, TieSide side)
    {
        var steps = ClassLagrangian.Scores(grids, lambdas, side);
        return FromSteps(grids, lambda, steps, (c, step) => Pooled(grids.Classes[c], lambdas[c], step));
    }

    /// <summary>The mechanism run by <paramref name="steps"/>: each class's reserve at the end of its last step (none when it
    /// has no step), its pooled intervals the steps <paramref name="pooled"/> says pool, and its name.</summary>
    private static ClassMechanism FromSteps(ClassGrids grids, double lambda, IReadOnlyList<ScoreStep>[] steps, Func<int, ScoreStep, bool> pooled)
    {
        var rules = new ClassRule[grids.Count];
        for (int c = 0; c < grids.Count; c++)
        {
            var market = grids.Classes[c];
            int reservePoint = steps[c].Count == 0 ? 0 : steps[c][^1].To;
            int own = c;
            var gaps = steps[c].Where(s => pooled(own, s)).Select(s => new BidSpaceGap(market.Value(s.To), market.Value(s.From))).ToList();
            rules[c] = new ClassRule(reservePoint == 0 ? double.NaN : market.Value(reservePoint), market.Grid[reservePoint], gaps);
        }
        return new ClassMechanism(grids, Classify(grids, rules, steps), lambda, rules, steps, []);
    }

    /// <summary>
    /// Whether a score step pools its cells: it spans more than one cell and the ironed curve lies above R_{λ,c} (V − R at
    /// λ = ∞) by more than the rounding of the step's score somewhere inside. Where values are tiny (a graded grid's last
    /// cells), R_{λ,c} is linear up to rounding and the hull may join cells that nothing pools.
    /// </summary>
    internal static bool Pooled(DiscretisedMarket market, double lambda, ScoreStep step)
    {
        if (step.To - step.From < 2) return false;
        double Curve(int k) => double.IsPositiveInfinity(lambda)
            ? market.IntegratedValue(k) - market.Revenue(k)
            : lambda * market.IntegratedValue(k) + (1 - lambda) * market.Revenue(k);
        double a = Curve(step.From), width = market.Grid[step.To] - market.Grid[step.From];
        double slope = (Curve(step.To) - a) / width;
        double noise = step.ScoreError * width;
        for (int k = step.From + 1; k < step.To; k++)
        {
            if (a + slope * (market.Grid[k] - market.Grid[step.From]) - Curve(k) > noise) return true;
        }
        return false;
    }

    /// <summary>
    /// The second-price auction with class-specific reserves r_c run on the grids (one reserve for all is the anonymous
    /// one): the item goes to the highest value among the buyers at or above their class's reserve, so every cell's score
    /// is its mean value (the λ = 1 scores) and class c takes part down to the last grid point whose value is at least r_c.
    /// Exact when each r_c is a grid value of its class (<see cref="ClassMarket.Discretise(int, IReadOnlyList{IReadOnlyList{double}})"/>);
    /// otherwise the cell holding r_c is left out (it holds values below r_c).
    /// </summary>
    public static ClassMechanism SecondPrice(ClassGrids grids, IReadOnlyList<double> reserves)
    {
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentNullException.ThrowIfNull(reserves);
        if (reserves.Count != grids.Count) throw new InputException($"give one reserve per class ({grids.Count}), got {reserves.Count}");
        if (reserves.Any(r => !double.IsFinite(r) || r < 0)) throw new InputException("reserves must be finite and non-negative");
        var efficient = ClassLagrangian.Scores(grids, 1, TieSide.MostSurplus);
        var steps = new IReadOnlyList<ScoreStep>[grids.Count];
        for (int c = 0; c < grids.Count; c++)
        {
            var market = grids.Classes[c];
            // The last grid point whose value reaches r_c, up to rounding of the grid's value (values fall along q).
            int last = 0;
            while (last < market.Cells && Numerics.Tolerances.Rounding.AtMost(reserves[c], market.Value(last + 1))) last++;
            steps[c] = [.. efficient[c].Where(s => s.From < last).Select(s => s.To <= last ? s : s with { To = last })];
        }
        return FromSteps(grids, 1, steps, (_, _) => false);
    }

    /// <summary>A randomisation: <paramref name="first"/> with probability ν, <paramref name="second"/> otherwise.</summary>
    public static ClassMechanism Randomize(ClassMechanism first, ClassMechanism second, double probability)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "ν must lie in [0, 1]");
        if (!ReferenceEquals(first._grids, second._grids)) throw new ArgumentException("both mechanisms must be of the same market", nameof(second));
        return new ClassMechanism(first._grids, ClassMechanismKind.Randomization, double.NaN, [], [],
            [new ClassComponent(probability, first), new ClassComponent(1 - probability, second)]);
    }

    /// <summary>
    /// The interim allocation of every class, re-evaluated from the mechanism's rules by a route independent of the
    /// Lagrangian solver's: the score steps are ranked as the rule ranks them, and a buyer of class c in a step wins when no other
    /// buyer scores higher and then with chance 1/(1 + T) among the T others who tie with her. With a_d the chance that a
    /// buyer of class d scores higher and b_d that she ties, the chance of winning is Σ_t P(nobody higher, T = t)/(1 + t),
    /// and P(nobody higher, T = t) is the coefficient of z^t in ∏_d ((1 − a_d − b_d) + b_d·z)^{n_d − [d = c]}: a convolution
    /// of binomial distributions (the solver integrates the same polynomial by quadrature instead). Π, U and W follow from
    /// the payment identity (critical-value payments, every class's lowest type at zero utility).
    /// </summary>
    public ClassAllocation Evaluate()
    {
        if (Kind == ClassMechanismKind.Randomization)
        {
            var a = Components[0].Mechanism.Evaluate();
            var b = Components[1].Mechanism.Evaluate();
            double nu = Components[0].Probability;
            return new ClassAllocation(_grids, [.. a.Classes.Select((x, c) => new InterimAllocation(_grids.Classes[c],
                [.. x.Cells.Select((v, j) => nu * v + (1 - nu) * b.Classes[c].Cells[j])]))]);
        }
        return ClassLagrangian.Allocate(_grids, _steps, (d, _, _, above, tied) => WinningChance(d, above, tied));
    }

    /// <summary>The interim allocation of a deterministic mechanism by the Lagrangian solver's own route (Gauss–Legendre over
    /// the tie polynomial, or the cap's increment): what <see cref="Evaluate"/> is compared with when the mechanism is not a
    /// Lagrangian optimum (a second-price auction the user names).</summary>
    internal ClassAllocation EvaluateBySolver()
    {
        if (Kind == ClassMechanismKind.Randomization) throw new InvalidOperationException("a randomisation has no score steps of its own");
        return ClassLagrangian.Allocate(_grids, _steps);
    }

    private double WinningChance(int ownClass, double[] above, double[] tied)
    {
        // Σ_t P(nobody higher, T = t)/(1 + t): classes that do not tie contribute (1 − a_d)^{k_d} to every term; each class
        // that ties contributes (1 − a_d)^{k_d} times the binomial distribution of its tied buyers (k_d, p = b_d/(1 − a_d)).
        double factor = 1;
        double[] distribution = [1];
        for (int d = 0; d < _grids.Count; d++)
        {
            long others = (long)_grids.Classes[d].Buyers - (d == ownClass ? 1 : 0);
            if (others == 0) continue;
            double free = Math.Max(0, 1 - above[d]);
            if (free <= 0) return 0;
            factor *= Math.Exp(others * Math.Log(free));
            if (tied[d] <= 0) continue;
            double p = Math.Min(1, tied[d] / free);
            var binomial = new double[others + 1];
            for (int t = 0; t <= others; t++) binomial[t] = Binomial.PMF(p, (int)others, t);
            distribution = Convolve(distribution, binomial);
        }
        double expectation = 0;
        for (int t = 0; t < distribution.Length; t++) expectation += distribution[t] / (1 + t);
        return factor * expectation;
    }

    private static double[] Convolve(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == 0) continue;
            for (int j = 0; j < b.Length; j++) result[i + j] += a[i] * b[j];
        }
        return result;
    }

    /// <summary>
    /// Names a deterministic mechanism. Scores rank buyers in value order when every step of a group of equal score lies
    /// below every step of a group that scores higher (a pooled interval is one step), up to the value span of one cell
    /// on each side: steps of different classes on different grids overlap by that much.
    /// Reserves are one anonymous reserve when they agree within the value span of the cells next to them.
    /// </summary>
    private static ClassMechanismKind Classify(ClassGrids grids, ClassRule[] rules, IReadOnlyList<ScoreStep>[] steps)
    {
        if (rules.All(r => !r.Participates)) return ClassMechanismKind.NoSale;
        // Value order: every step of a lower-scoring group lies below every step of a higher one, up to the value span of the
        // cells where they meet (steps of different classes sit on different grids). A step's values are [v(q_b), v(q_a)].
        bool valueOrder = true;
        double floor = double.PositiveInfinity; // the least (bottom value + bottom cell span) of any step that scored higher
        foreach (var (from, to) in ClassLagrangian.TieGroups(steps))
        {
            double groupFloor = double.PositiveInfinity;
            for (int d = 0; d < grids.Count; d++)
            {
                if (to[d] == from[d]) continue;
                var market = grids.Classes[d];
                // A run of cells joined only by rounding counts as one cell (its whole span).
                double top = market.Value(from[d]), bottom = market.Value(to[d]);
                bool joined = to[d] - from[d] > 1 && !rules[d].Pooled.Any(g => g.High > bottom && g.Low < top);
                double topCell = joined ? market.Value(from[d]) - market.Value(to[d]) : market.Value(from[d]) - market.Value(from[d] + 1);
                double bottomCell = joined ? topCell : market.Value(to[d] - 1) - market.Value(to[d]);
                if (market.Value(from[d]) - topCell > floor) valueOrder = false;
                groupFloor = Math.Min(groupFloor, market.Value(to[d]) + bottomCell);
            }
            floor = Math.Min(floor, groupFloor);
        }
        bool pooled = rules.Any(r => r.Pooled.Count > 0);
        if (!valueOrder) return ClassMechanismKind.IronedScoreAuction;
        bool anonymous = rules.All(r => r.Participates) && CommonReserve(grids, rules);
        if (!anonymous) return pooled ? ClassMechanismKind.IronedScoreAuction : ClassMechanismKind.SecondPriceWithClassReserves;
        if (pooled) return ClassMechanismKind.IndirectVickrey;
        bool noReserve = rules.All(r => r.ReserveQuantile >= 1);
        return noReserve ? ClassMechanismKind.SecondPrice : ClassMechanismKind.SecondPriceWithReserve;
    }

    private static bool CommonReserve(ClassGrids grids, ClassRule[] rules)
    {
        for (int c = 1; c < rules.Length; c++)
        {
            double slack = ReserveSpan(grids.Classes[0], rules[0]) + ReserveSpan(grids.Classes[c], rules[c]);
            if (Math.Abs(rules[c].Reserve - rules[0].Reserve) > slack) return false;
        }
        return true;
    }

    /// <summary>The value span of the grid cells on either side of a class's reserve point.</summary>
    private static double ReserveSpan(DiscretisedMarket market, ClassRule rule)
    {
        int k = market.Grid.NearestPoint(rule.ReserveQuantile);
        double above = k > 0 ? market.Value(k - 1) - market.Value(k) : 0;
        double below = k < market.Cells ? market.Value(k) - market.Value(k + 1) : 0;
        return Math.Max(above, below);
    }

    /// <summary>The market's own columns: <c>reserves</c> (each class's reserve, in class order, joined by ";", "none"
    /// for a class that never wins) and <c>pooled</c> (pooled value intervals as "class:low:high" joined by ";"); the
    /// components of a randomisation joined by " | ".</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["reserves", "pooled"];

    /// <inheritdoc />
    public string KindName => Kind switch
    {
        ClassMechanismKind.NoSale => "no-sale",
        ClassMechanismKind.SecondPrice => "second-price",
        ClassMechanismKind.SecondPriceWithReserve => "second-price-with-reserve",
        ClassMechanismKind.SecondPriceWithClassReserves => "second-price-with-class-reserves",
        ClassMechanismKind.IndirectVickrey => "indirect-vickrey",
        ClassMechanismKind.IronedScoreAuction => "ironed-score-auction",
        _ => "randomization",
    };

    /// <inheritdoc />
    public string Describe() => Kind == ClassMechanismKind.Randomization
        ? string.Join(" | ", Components.Select(c => $"{Number(c.Probability, "G6")}×{c.Mechanism.Describe()}"))
        : $"{KindName}{(Kind == ClassMechanismKind.IronedScoreAuction && !double.IsNaN(Lambda) ? $" λ {Number(Lambda, "G6")}" : "")} reserves {ReserveText()}"
          + (Classes.Any(r => r.Pooled.Count > 0) ? $" pooled {PooledText()}" : "");

    /// <inheritdoc />
    public IReadOnlyList<string> ColumnValues()
    {
        var parts = Kind == ClassMechanismKind.Randomization ? Components.Select(c => c.Mechanism).ToList() : [this];
        return [string.Join(" | ", parts.Select(p => p.ReserveText())), string.Join(" | ", parts.Select(p => p.PooledText()))];
    }

    private string ReserveText() => string.Join(";", Classes.Select(r => r.Participates ? Number(r.Reserve, "G8") : "none"));

    private string PooledText() => string.Join(";", Classes.SelectMany((r, c) => r.Pooled.Select(g => $"{c + 1}:{Number(g.Low, "G8")}:{Number(g.High, "G8")}")));

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
