using System.Globalization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Mechanisms;

/// <summary>The kinds of mechanism on the frontier (Theorems 3.4, 3.5, 3.7; Corollaries 3.6, 3.8).</summary>
public enum MechanismKind
{
    /// <summary>Second-price auction: no reserve, every bid allowed.</summary>
    SecondPrice,
    /// <summary>Second-price auction with a reserve price.</summary>
    SecondPriceWithReserve,
    /// <summary>Indirect Vickrey auction: a restricted bid space (gaps), possibly with a reserve.</summary>
    IndirectVickrey,
    /// <summary>Lottery: one pooled interval over all values, x ≡ X̂(1) = 1/n.</summary>
    Lottery,
    /// <summary>A randomisation of two indirect Vickrey auctions (Cor. 3.6/3.8).</summary>
    Randomization,
}

/// <summary>A pooled quantile interval (q_a, q_b] of the grid (points a &lt; b, b ≥ a + 2): every buyer in it bids v(q_b),
/// so the values (v(q_b), v(q_a)) are removed from the bid space.</summary>
/// <param name="FromPoint">a, the grid point where X touches X̂ before the interval.</param>
/// <param name="ToPoint">b, the grid point where X touches X̂ again.</param>
public sealed record PooledInterval(int FromPoint, int ToPoint);

/// <summary>A mechanism on the frontier as a user runs it: its reserve and bid space (method.md §6), or a randomisation of two.
/// <see cref="MechanismRecovery"/> reads one from an allocation, a bid space or a Lagrangian optimum.</summary>
/// <param name="Kind">Which kind of mechanism it is.</param>
/// <param name="Reserve">The reserve price v(q_r); v(1) (the lowest value) when there is no reserve.</param>
/// <param name="ReserveQuantile">q_r = max{q_j : x_j &gt; 0}; 1 when there is no reserve.</param>
/// <param name="Gaps">Value intervals removed from the bid space, in decreasing value.</param>
/// <param name="Pooled">The pooled quantile intervals behind <paramref name="Gaps"/>.</param>
/// <param name="Components">For a randomisation: the two mechanisms and the probability of each; empty otherwise.</param>
public sealed record RecoveredMechanism(MechanismKind Kind, double Reserve, double ReserveQuantile,
    IReadOnlyList<BidSpaceGap> Gaps, IReadOnlyList<PooledInterval> Pooled, IReadOnlyList<MechanismComponent> Components)
    : Pareto.IMechanismDescription<RecoveredMechanism>
{
    /// <summary>The auction market's own table columns: <c>reserve</c> (the reserve price; for a randomisation both
    /// components' joined by " | ") and <c>gaps</c> (the bid-space gaps as "low:high" joined by ";", components by " | ").</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["reserve", "gaps"];

    /// <summary>The auction in one line: "kind reserve R gaps a:b;c:d", or for a randomisation "ν×first | (1 − ν)×second".</summary>
    public string Describe() => Kind == MechanismKind.Randomization
        ? string.Join(" | ", Components.Select(c => $"{c.Probability.ToString("G6", CultureInfo.InvariantCulture)}×{c.Mechanism.Describe()}"))
        : $"{KindName} reserve {Reserve.ToString("G8", CultureInfo.InvariantCulture)}{(Gaps.Count == 0 ? "" : " gaps " + GapText())}";

    /// <summary>The reserve and the gaps, as <see cref="ColumnNames"/> says.</summary>
    public IReadOnlyList<string> ColumnValues()
    {
        var parts = Kind == MechanismKind.Randomization ? Components.Select(c => c.Mechanism).ToList() : [this];
        return [string.Join(" | ", parts.Select(p => p.Reserve.ToString("R", CultureInfo.InvariantCulture))), string.Join(" | ", parts.Select(p => p.GapText()))];
    }

    /// <summary>The gaps as "low:high;low:high".</summary>
    private string GapText() => string.Join(";", Gaps.Select(g => $"{g.Low.ToString("G8", CultureInfo.InvariantCulture)}:{g.High.ToString("G8", CultureInfo.InvariantCulture)}"));

    /// <summary>The kind as the command line prints it: <c>second-price</c>, <c>second-price-with-reserve</c>,
    /// <c>indirect-vickrey</c>, <c>lottery</c>, <c>randomization</c>.</summary>
    public string KindName => KindNames.Of(Kind);

    /// <summary>Grid index of the reserve point r (the last grid point with positive allocation before it).</summary>
    public int ReservePoint { get; init; }

    /// <summary>
    /// The indirect Vickrey auction this mechanism runs on the grid: bids are the grid values v(q_k) at every grid
    /// point k ≤ r that is not strictly inside a pooled interval (on a grid, bids are restricted to grid values:
    /// method.md §3.3). Not defined for a randomisation (use its components).
    /// </summary>
    public IndirectVickreyAuction ToAuction(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (Kind == MechanismKind.Randomization) throw new InvalidOperationException("a randomisation is not one auction; evaluate its components");
        var points = BidPointsInOrder();
        Array.Reverse(points);
        // Level k is reached by the buyers of quantile at most q_k: exact at atoms, where a bid point at an atom's upper
        // end stands for "just above the atom" and a value alone would take the atom in too.
        var bids = new double[points.Length];
        var reach = new double[points.Length];
        var integrated = new double[points.Length];
        var increments = new double[points.Length];
        for (int level = 0; level < points.Length; level++)
        {
            int k = points[level], above = level + 1 < points.Length ? points[level + 1] : 0;
            (bids[level], reach[level], integrated[level]) = (market.Value(k), market.Grid[k], market.IntegratedValue(k));
            increments[level] = market.CapIncrement(above, k);
        }
        return new IndirectVickreyAuction(bids, reach, integrated, increments, (market.Buyers, market.Market.Units));
    }

    /// <summary>
    /// The interim allocation this mechanism induces on the grid, from its bid space alone: X_k = X̂(q_k) at every bid
    /// point, X linear between consecutive bid points (the pooled buyers tie and share X̂'s increment), and x = 0 after the
    /// reserve point (method.md §6). For a randomisation, ν·x₁ + (1 − ν)·x₂. An independent route to Π and U: the
    /// allocation's exact cell weights against <see cref="Evaluate"/>'s auction rules.
    /// </summary>
    public InterimAllocation Allocation(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var cells = new double[market.Cells];
        if (Kind == MechanismKind.Randomization)
        {
            foreach (var c in Components)
            {
                var part = c.Mechanism.Allocation(market);
                for (int j = 1; j <= market.Cells; j++) cells[j - 1] += c.Probability * part.Cell(j);
            }
            return new InterimAllocation(market, cells);
        }
        int previous = 0;
        foreach (int k in BidPointsInOrder())
        {
            double level = market.CapIncrement(previous, k) / (market.Grid[k] - market.Grid[previous]);
            for (int j = previous + 1; j <= k; j++) cells[j - 1] = level;
            previous = k;
        }
        return new InterimAllocation(market, cells);
    }

    /// <summary>A randomisation: <paramref name="first"/> with probability ν, <paramref name="second"/> otherwise.</summary>
    public static RecoveredMechanism Randomize(RecoveredMechanism first, RecoveredMechanism second, double probability)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "ν must lie in [0, 1]");
        return new RecoveredMechanism(MechanismKind.Randomization, double.NaN, double.NaN, [], [],
            [new MechanismComponent(probability, first), new MechanismComponent(1 - probability, second)]);
    }

    /// <summary>
    /// The bid space of a single auction on the grid, as grid indices: every point k in 1..r (r the reserve point) not
    /// strictly inside a pooled interval (exactly the points <see cref="ToAuction"/> turns into bids). On a grid, "the bid
    /// space B‡ refines B†" (Def. 2.4, Thms 3.5 and 3.7) is inclusion of these sets: every bid the coarser auction allows
    /// the finer one allows too, and a lower reserve adds bids at the bottom. Empty for a randomisation.
    /// </summary>
    public SortedSet<int> BidPoints() => [.. BidPointsInOrder()];

    /// <summary><see cref="BidPoints"/> as a mask over the grid points 0..r (<see cref="BidSpace"/>); all false for a randomisation.</summary>
    internal bool[] BidMask() => Kind == MechanismKind.Randomization ? [] : BidSpace.Mask(ReservePoint, Pooled);

    /// <summary><see cref="BidPoints"/> in increasing grid index.</summary>
    private int[] BidPointsInOrder() => BidSpace.Points(BidMask());

    /// <summary>Total length in value of the bid-space gaps, Σ (high − low). Range: ≥ 0.</summary>
    public double GapLength => Gaps.Sum(g => g.High - g.Low);

    /// <summary>Π and U of this mechanism from the auction rules (for a randomisation, the mix of its components').</summary>
    public AuctionOutcome Evaluate(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (Kind != MechanismKind.Randomization) return ToAuction(market).Evaluate(market.Market.Distribution, market.Buyers, market.Market.Units);
        double revenue = 0, surplus = 0;
        foreach (var c in Components)
        {
            var outcome = c.Mechanism.Evaluate(market);
            revenue += c.Probability * outcome.Revenue;
            surplus += c.Probability * outcome.Surplus;
        }
        return new AuctionOutcome(revenue, surplus);
    }
}

/// <summary>One mechanism of a randomisation and the probability with which it is run.</summary>
public sealed record MechanismComponent(double Probability, RecoveredMechanism Mechanism);

/// <summary>The printed names of <see cref="MechanismKind"/>.</summary>
public static class KindNames
{
    /// <summary>The kebab-case name of a kind.</summary>
    public static string Of(MechanismKind kind) => kind switch
    {
        MechanismKind.SecondPrice => "second-price",
        MechanismKind.SecondPriceWithReserve => "second-price-with-reserve",
        MechanismKind.IndirectVickrey => "indirect-vickrey",
        MechanismKind.Lottery => "lottery",
        MechanismKind.Randomization => "randomization",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
