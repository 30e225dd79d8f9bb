using CsvHelper;
using OrSolver.Core.Pareto;
using OrSolver.Core.Grid;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Experiments.Analysis;

/// <summary>One vertex of the grid frontier with its auction, as a CSV row of the mechanism-path experiments
/// (Theorems 3.5, 3.7 and the regimes outside them).</summary>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Welfare">W = Π + U.</param>
/// <param name="Lambda">A λ at which it is a Lagrangian optimum (+∞ at the buyer-optimal end).</param>
/// <param name="SurplusShare">U/U*. Range: [0, 1].</param>
/// <param name="Kind">second-price, second-price-with-reserve, indirect-vickrey or lottery.</param>
/// <param name="Reserve">The reserve price; v(1), the lowest value, when there is none.</param>
/// <param name="ReserveRatio">Reserve over the lowest monopoly reserve.</param>
/// <param name="ReserveQuantile">The reserve's quantile q_r; 1 when there is no reserve.</param>
/// <param name="HasReserve">Whether a reserve excludes some values (reserve point before q = 1).</param>
/// <param name="SignificantReserve">Whether removing the reserve moves Π or U by more than the significance tolerance.</param>
/// <param name="Gaps">Number of bid-space gaps (pooled intervals) on the grid.</param>
/// <param name="SignificantGaps">Those whose removal moves Π or U by more than the significance tolerance
/// (<see cref="MechanismPath.Significance"/>).</param>
/// <param name="GapLength">Total length in value of the gaps (+∞ when a gap reaches an unbounded top value).</param>
/// <param name="GapMass">Total quantile mass of the pooled intervals, Σ (q_b − q_a). Range: [0, 1].</param>
/// <param name="SignificantGapMass">The same over the significant gaps only.</param>
/// <param name="Check">The route the vertex was checked by (hull+auction).</param>
/// <param name="Agrees">Whether its check passed.</param>
/// <param name="WorstGap">Its worst gap relative to OPT.</param>
[CsvRecord]
public sealed partial record MechanismRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("welfare")] double Welfare,
    [property: CsvColumn("lambda")] double Lambda,
    [property: CsvColumn("surplus_share")] double SurplusShare,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("reserve")] double Reserve,
    [property: CsvColumn("reserve_ratio")] double ReserveRatio,
    [property: CsvColumn("reserve_quantile")] double ReserveQuantile,
    [property: CsvColumn("has_reserve")] bool HasReserve,
    [property: CsvColumn("significant_reserve")] bool SignificantReserve,
    [property: CsvColumn("gaps")] int Gaps,
    [property: CsvColumn("significant_gaps")] int SignificantGaps,
    [property: CsvColumn("gap_length")] double GapLength,
    [property: CsvColumn("gap_mass")] double GapMass,
    [property: CsvColumn("significant_gap_mass")] double SignificantGapMass,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>
/// The auctions along a grid frontier (<see cref="FrontierStructure"/>) read for the structure Theorems 3.4–3.7 state:
/// the reserve, the bid-space gaps (pooled intervals) and their size in quantile mass, which of them matter, and
/// whether the bid space expands or shrinks from one vertex to the next.
/// <para>
/// Significance of a gap. Where v(q) comes from root finding (mixtures), the hull can pool a few cells near q = 1 whose
/// values differ by 1e-8: a real pooled interval of the grid, but worth about 1e-16 in Π and U, an artefact of the
/// inversion rather than ironing. A gap counts as significant when un-pooling it (letting those values bid again, i.e.
/// X = X̂ across the interval instead of its chord) moves Π or U by more than <see cref="Tolerances.SolverAgreement"/>
/// at the scale of OPT (1e-9·OPT, the accuracy to which LP, hull and re-evaluated auction agree: SPEC §4). Both raw and
/// significant counts are reported. A reserve is significant in the same sense: serving the excluded types (x = ΔX̂/Δq on
/// the cells after the reserve point, the second-price auction's allocation there) moves Π or U by more than that. On
/// graded grids the last cells near q = 1 are 1e-10 wide, and near U⁺ the hull's maximiser can stop one cell short of
/// q = 1 (a "reserve" of 1e-11 in value); such a reserve is no structure either.
/// </para>
/// </summary>
public sealed class MechanismPath
{
    private readonly IReadOnlyList<PooledInterval>[] _significant;
    private readonly bool[] _significantReserve;

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

    /// <summary>Computes the grid frontier of <paramref name="spec"/> with <paramref name="buyers"/> buyers on
    /// <paramref name="grid"/> cells, logs its size and writes its vertex rows to <c>&lt;spec stem&gt;.csv</c>.</summary>
    public static MechanismPath Compute(ExperimentContext context, string spec, long buyers, int grid)
    {
        ArgumentNullException.ThrowIfNull(context);
        var structure = FrontierStructure.Compute(spec, buyers, grid);
        context.Log($"{structure}: {structure.Vertices.Count} vertices");
        var path = new MechanismPath(structure);
        context.WriteCsv($"{Format.FileName(spec)}.csv", path.Rows());
        return path;
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
        _significantReserve[i] ? Structure.Mechanisms[i].Reserve : Structure.Problem.Discretised.Value(Structure.Problem.Discretised.Cells);

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
    /// W = n·Σ x_j ΔV_j (SPEC §3), so the change is a sum over the interval's cells.
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
    /// n·Σ_{j&gt;r} x_j (ΔR_j, ΔV_j − ΔR_j) (SPEC §3).
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
    public SortedSet<int> SignificantBidPoints(int i)
    {
        var mechanism = Structure.Mechanisms[i];
        int last = _significantReserve[i] ? mechanism.ReservePoint : Structure.Problem.Discretised.Cells;
        var bids = new SortedSet<int>(Enumerable.Range(1, last));
        foreach (var p in _significant[i])
            for (int k = p.FromPoint + 1; k < p.ToPoint; k++) bids.Remove(k);
        return bids;
    }

    /// <summary>Indices i among <paramref name="indices"/> (i ≥ 1) whose bid space does not contain vertex i − 1's
    /// (the bid space does not expand: Thm 3.5 (ii) says it does); <paramref name="significantOnly"/> ignores
    /// insignificant gaps.</summary>
    public IReadOnlyList<int> NotExpanding(IEnumerable<int> indices, bool significantOnly) =>
        [.. indices.Where(i => i > 0 && !Bids(i - 1, significantOnly).IsSubsetOf(Bids(i, significantOnly)))];

    /// <summary>Indices i among <paramref name="indices"/> (i ≥ 1) whose bid space is not contained in vertex i − 1's
    /// (the bid space does not shrink: Thm 3.7 (iv) says it does above U⁺).</summary>
    public IReadOnlyList<int> NotShrinking(IEnumerable<int> indices, bool significantOnly) =>
        [.. indices.Where(i => i > 0 && !Bids(i, significantOnly).IsSubsetOf(Bids(i - 1, significantOnly)))];

    /// <summary>Indices of vertices with a significant reserve and a significant bid-space gap at once.</summary>
    public IReadOnlyList<int> ReserveWithSignificantGaps() =>
        [.. Enumerable.Range(0, Count).Where(i => HasSignificantReserve(i) && HasSignificantGaps(i))];

    /// <summary>
    /// Each of up to <paramref name="count"/> vertices, evenly spread, re-evaluated from its auction's rules alone
    /// (<see cref="RecoveredMechanism.Evaluate"/>: highest bid wins, ties broken uniformly, critical-bid payments): the
    /// largest |Π − Π(auction)| or |U − U(auction)| relative to OPT, and how many vertices were checked. The auctions are
    /// evaluated through F itself, not the grid's weights, so this confirms that the vertex is realised by that auction.
    /// </summary>
    public (double Worst, int Checked) ReevaluationError(int count)
    {
        var market = Structure.Problem.Discretised;
        var sample = Enumerable.Range(0, Math.Min(count, Count))
            .Select(k => count >= Count ? k : (int)Math.Round(k * (Count - 1.0) / (count - 1))).Distinct().ToList();
        double worst = 0;
        foreach (int i in sample)
        {
            var outcome = Structure.Mechanisms[i].Evaluate(market);
            var vertex = Structure.Vertices[i];
            worst = Math.Max(worst, Math.Max(Math.Abs(outcome.Revenue - vertex.Revenue), Math.Abs(outcome.Surplus - vertex.Surplus)) / Structure.Scale);
        }
        return (worst, sample.Count);
    }

    /// <summary>The CSV rows, one per vertex.</summary>
    public IEnumerable<MechanismRow> Rows()
    {
        double uStar = Structure.Problem.OptimalSurplus, monopoly = Structure.Problem.Monopoly.Reserve;
        return Structure.Vertices.Select((v, i) =>
        {
            var m = Structure.Mechanisms[i];
            return new MechanismRow(v.Surplus, v.Revenue, v.Welfare, v.Lambda, v.Surplus / uStar, m.KindName, m.Reserve, m.Reserve / monopoly,
                m.ReserveQuantile, Structure.HasReserve(i), _significantReserve[i], m.Gaps.Count, _significant[i].Count, m.GapLength, GapMass(i), SignificantGapMass(i),
                Structure.Checks[i].Route, Structure.Checks[i].Agrees, Structure.Checks[i].WorstGap);
        });
    }

    private SortedSet<int> Bids(int i, bool significantOnly) => significantOnly ? SignificantBidPoints(i) : Structure.Mechanisms[i].BidPoints();

    private double Mass(IEnumerable<PooledInterval> pools)
    {
        var grid = Structure.Problem.Discretised.Grid;
        return pools.Sum(p => grid[p.ToPoint] - grid[p.FromPoint]);
    }

    private bool Matters((double Revenue, double Surplus) effect) => !Significance.Close(effect.Revenue, 0) || !Significance.Close(effect.Surplus, 0);
}
