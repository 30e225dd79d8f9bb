using System.Collections.Concurrent;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Structures;

/// <summary>Vertices re-evaluated from their auctions' rules alone, and how far the worst is from its vertex. Validates itself.</summary>
/// <param name="Worst">The largest |Π − Π(auction)| or |U − U(auction)| over the vertices checked, relative to OPT. Range: ≥ 0.</param>
/// <param name="Checked">How many vertices were re-evaluated. Range: ≥ 0.</param>
public sealed record Reevaluation(double Worst, int Checked)
{
    /// <summary>The largest gap (see the record's parameter).</summary>
    public double Worst { get; } = Worst >= 0 ? Worst : throw new ArgumentOutOfRangeException(nameof(Worst), Worst, "a gap is ≥ 0");

    /// <summary>How many vertices (see the record's parameter).</summary>
    public int Checked { get; } = Checked >= 0 ? Checked : throw new ArgumentOutOfRangeException(nameof(Checked), Checked, "a count is ≥ 0");
}

/// <summary>
/// The auctions along a grid frontier (<see cref="FrontierStructure"/>) read for the structure Theorems 3.4–3.7 state:
/// the reserve, the bid-space gaps (pooled intervals) and their size in quantile mass, which of them matter, and
/// whether the bid space expands or shrinks from one vertex to the next.
/// <para>
/// Significance of a gap. Where v(q) comes from root finding (mixtures), the hull can pool a few cells near q = 1 whose
/// values differ by 1e-8: a real pooled interval of the grid, but worth about 1e-16 in Π and U, an artefact of the
/// inversion rather than ironing. A gap counts as significant when un-pooling it (letting those values bid again, i.e.
/// X = X̂ across the interval instead of its chord) moves Π or U by more than <see cref="Tolerances.SolverAgreement"/>
/// at the scale of OPT (1e-9·OPT, the accuracy to which LP, hull and re-evaluated auction agree: method.md §5.7). Both are
/// kept: <see cref="RecoveredMechanism.Pooled"/> has every pooled interval, <see cref="SignificantPools"/> the significant
/// ones. A reserve is significant in the same sense: serving the excluded types (x = ΔX̂/Δq on
/// the cells after the reserve point, the second-price auction's allocation there) moves Π or U by more than that. On
/// graded grids the last cells near q = 1 are 1e-10 wide, and near U⁺ the hull's maximiser can stop one cell short of
/// q = 1 (a "reserve" of 1e-11 in value); such a reserve is no structure either.
/// </para>
/// </summary>
public sealed class MechanismPath
{
    private readonly IReadOnlyList<PooledInterval>[] _significant;
    private readonly bool[] _significantReserve;
    private readonly ConcurrentDictionary<int, Reevaluation> _reevaluations = new();

    /// <summary>Reads the vertices of <paramref name="structure"/>.</summary>
    public MechanismPath(FrontierStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        Structure = structure;
        Significance = Tolerances.SolverAgreement.AtScale(structure.Scale);
        var market = structure.Problem.Discretised;
        _significant = [.. structure.Mechanisms.Select(m => (IReadOnlyList<PooledInterval>)[.. m.Pooled.Where(p => Matters(UnpoolingEffect(market, p)))])];
        _significantReserve = [.. structure.Mechanisms.Select(m => m.ReservePoint < market.Cells && Matters(ReserveEffect(market, m.ReservePoint)))];
    }

    /// <summary>The frontier and its mechanisms.</summary>
    public FrontierStructure Structure { get; }

    /// <summary>A gap whose removal moves Π or U by more than this (1e-9·OPT) is significant.</summary>
    public Tolerance Significance { get; }

    /// <summary>Number of vertices.</summary>
    public int Count => Structure.Vertices.Count;

    /// <summary>U/U* of every vertex, in increasing U.</summary>
    public double[] SurplusShares => [.. Structure.Vertices.Select(v => v.Surplus / Structure.Problem.OptimalSurplus)];

    /// <summary>Reserve over the lowest monopoly reserve, per vertex.</summary>
    public double[] ReserveRatios => [.. Structure.Mechanisms.Select(m => m.Reserve / Structure.Problem.Monopoly.Reserve)];

    /// <summary>Pooled quantile mass, per vertex (all gaps).</summary>
    public double[] GapMasses => [.. Enumerable.Range(0, Count).Select(GapMass)];

    /// <summary>The significant pooled intervals of vertex <paramref name="i"/>.</summary>
    public IReadOnlyList<PooledInterval> SignificantPools(int i) => _significant[i];

    /// <summary>Whether vertex <paramref name="i"/> restricts the bid space by a significant gap.</summary>
    public bool HasSignificantGaps(int i) => _significant[i].Count > 0;

    /// <summary>Whether vertex <paramref name="i"/> has a significant reserve.</summary>
    public bool HasSignificantReserve(int i) => _significantReserve[i];

    /// <summary>The reserve of vertex <paramref name="i"/> when significant, else v(1) (the lowest value: no reserve).</summary>
    public double EffectiveReserve(int i) =>
        _significantReserve[i] ? Structure.Mechanisms[i].Reserve : Structure.LowestValue;

    /// <summary>Indices i ≥ 1 whose effective reserve is above vertex i − 1's (the reserve rises).</summary>
    public IReadOnlyList<int> EffectiveReserveIncreases() =>
        [.. Enumerable.Range(1, Math.Max(0, Count - 1)).Where(i => EffectiveReserve(i) > EffectiveReserve(i - 1))];

    /// <summary>Σ (q_b − q_a) over the pooled intervals of vertex <paramref name="i"/>. Range: [0, 1].</summary>
    public double GapMass(int i) => Mass(Structure.Mechanisms[i].Pooled);

    /// <summary>Σ (q_b − q_a) over the significant pooled intervals of vertex <paramref name="i"/>. Range: [0, 1].</summary>
    public double SignificantGapMass(int i) => Mass(_significant[i]);

    /// <summary>
    /// Change in (Π, U) when the pooled interval (q_a, q_b] is un-pooled: the canonical allocation is the chord of X̂
    /// there (x = ΔX̂/Δq on every cell), the un-pooled one follows X̂ (x_j = ΔX̂_j/Δ_j); Π = n·Σ x_j ΔR_j and
    /// W = n·Σ x_j ΔV_j (method.md §3.1), so the change is a sum over the interval's cells.
    /// </summary>
    public static (double Revenue, double Surplus) UnpoolingEffect(DiscretisedMarket market, PooledInterval pool)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(pool);
        double pooled = market.CapIncrement(pool.FromPoint, pool.ToPoint) / (market.Grid[pool.ToPoint] - market.Grid[pool.FromPoint]);
        double revenue = 0, welfare = 0;
        for (int j = pool.FromPoint + 1; j <= pool.ToPoint; j++)
        {
            double change = market.CapIncrement(j) / market.Width(j) - pooled;
            revenue += change * market.RevenueWeight(j);
            welfare += change * market.WelfareWeight(j);
        }
        return (market.Buyers * revenue, market.Buyers * (welfare - revenue));
    }

    /// <summary>
    /// Change in (Π, U) when the reserve at grid point r is removed: the cells after r, unserved (x = 0) in the canonical
    /// allocation, get the second-price auction's x_j = ΔX̂_j/Δ_j (monotone, as X̂ is concave), so the change is
    /// n·Σ_{j&gt;r} x_j (ΔR_j, ΔV_j − ΔR_j) (method.md §3.1).
    /// </summary>
    public static (double Revenue, double Surplus) ReserveEffect(DiscretisedMarket market, int reservePoint)
    {
        ArgumentNullException.ThrowIfNull(market);
        double revenue = 0, welfare = 0;
        for (int j = reservePoint + 1; j <= market.Cells; j++)
        {
            double x = market.CapIncrement(j) / market.Width(j);
            revenue += x * market.RevenueWeight(j);
            welfare += x * market.WelfareWeight(j);
        }
        return (market.Buyers * revenue, market.Buyers * (welfare - revenue));
    }

    /// <summary>The bid points of vertex <paramref name="i"/> (<see cref="RecoveredMechanism.BidPoints"/>) when only its
    /// significant gaps and reserve restrict the bid space.</summary>
    public SortedSet<int> SignificantBidPoints(int i) => [.. BidSpace.Points(SignificantBidMask(i))];

    private bool[] SignificantBidMask(int i)
        => BidSpace.Mask(_significantReserve[i] ? Structure.Mechanisms[i].ReservePoint : Structure.Problem.Discretised.Cells, _significant[i]);

    /// <summary>Indices i among <paramref name="indices"/> (i ≥ 1) whose bid space does not contain vertex i − 1's
    /// (the bid space does not expand: Thm 3.5 (ii) says it does); <paramref name="significantOnly"/> ignores
    /// insignificant gaps.</summary>
    public IReadOnlyList<int> NotExpanding(IEnumerable<int> indices, bool significantOnly) =>
        [.. indices.Where(i => i > 0 && !BidSpace.IsSubset(Bids(i - 1, significantOnly), Bids(i, significantOnly)))];

    /// <summary>Indices i among <paramref name="indices"/> (i ≥ 1) whose bid space is not contained in vertex i − 1's
    /// (the bid space does not shrink: Thm 3.7 (iv) says it does above U⁺).</summary>
    public IReadOnlyList<int> NotShrinking(IEnumerable<int> indices, bool significantOnly) =>
        [.. indices.Where(i => i > 0 && !BidSpace.IsSubset(Bids(i, significantOnly), Bids(i - 1, significantOnly)))];

    /// <summary>Indices of vertices with a significant reserve and a significant bid-space gap at once.</summary>
    public IReadOnlyList<int> ReserveWithSignificantGaps() =>
        [.. Enumerable.Range(0, Count).Where(i => HasSignificantReserve(i) && HasSignificantGaps(i))];

    /// <summary>
    /// Each of up to <paramref name="count"/> vertices, evenly spread, re-evaluated from its auction's rules alone
    /// (<see cref="RecoveredMechanism.Evaluate"/>: highest bid wins, ties broken uniformly, critical-bid payments): the
    /// largest |Π − Π(auction)| or |U − U(auction)| relative to OPT, and how many vertices were checked. The auctions are
    /// evaluated through F itself, not the grid's weights, so this confirms that the vertex is realised by that auction.
    /// Computed once per <paramref name="count"/>.
    /// </summary>
    /// <param name="count">How many vertices to re-evaluate at most. Range: ≥ 1.</param>
    public Reevaluation Reevaluate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return _reevaluations.GetOrAdd(count, ReevaluateAt);
    }

    private Reevaluation ReevaluateAt(int count)
    {
        var market = Structure.Problem.Discretised;
        var sample = EvenSample.Indices(Count, count);
        double worst = 0;
        foreach (int i in sample)
        {
            var outcome = Structure.Mechanisms[i].Evaluate(market);
            var vertex = Structure.Vertices[i];
            worst = Math.Max(worst, Math.Max(Math.Abs(outcome.Revenue - vertex.Revenue), Math.Abs(outcome.Surplus - vertex.Surplus)) / Structure.Scale);
        }
        return new Reevaluation(worst, sample.Count);
    }

    private bool[] Bids(int i, bool significantOnly) => significantOnly ? SignificantBidMask(i) : Structure.Mechanisms[i].BidMask();

    private double Mass(IEnumerable<PooledInterval> pools)
    {
        var grid = Structure.Problem.Discretised.Grid;
        return pools.Sum(p => grid[p.ToPoint] - grid[p.FromPoint]);
    }

    private bool Matters((double Revenue, double Surplus) effect) => !Significance.Close(effect.Revenue, 0) || !Significance.Close(effect.Surplus, 0);
}
