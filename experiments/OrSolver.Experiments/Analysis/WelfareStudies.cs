using System.Globalization;
using CsvHelper;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;
using OrSolver.Core.Welfare;

namespace OrSolver.Experiments.Analysis;

/// <summary>
/// The measurements Theorems 4.1, 5.1–5.3 and Table 1 share: random markets (any F), regular ∩ anti-MHR markets for
/// n = 1..50, and Example 4.2 for n = 10, 10², …, 10⁹ with the proofs' finite-n bounds. Each experiment calls what it
/// needs (each runs on its own); the instances are fixed (seeded), so every experiment sees the same markets.
/// </summary>
public static class WelfareStudies
{
    /// <summary>Regular and anti-MHR distributions (Theorems 4.1 (ii), 5.2, 5.3 (ii)): exponential (the MHR boundary),
    /// Lomax (Pareto II) with α = 2 and 3, and a mixture of exponentials (decreasing hazard rate; this one is regular too,
    /// which not every mixture of exponentials is). The class is checked on the grid by each experiment.</summary>
    public static IReadOnlyList<string> RegularAntiMhr { get; } =
        ["exponential(1)", "lomax(2)", "lomax(3, 2)", "mixture(0.5*exponential(1), 0.5*exponential(3))"];

    /// <summary>Random markets (<see cref="RandomMarkets"/>, seed <see cref="RandomMarkets.Seed"/>): 8 in quick mode on
    /// 300 cells, 150 in full mode on 1000 cells, by the plain search (the bounds of 1/2 are far from the grid's O(h)).</summary>
    public static IReadOnlyList<WelfareMeasurement> RandomInstances(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var markets = RandomMarkets.Generate(context.Choose(8, 150)).Select(m => new MarketCase(m.Spec, m.Buyers)).ToList();
        return WelfareMeasurement.MeasureAll(markets, context.Choose(300, 1000), refined: false, context);
    }

    /// <summary>Regular ∩ anti-MHR markets: quick, two distributions at n = 1, 2, 5 on 300 cells; full, all four at
    /// n = 1..50 on 1000 cells.</summary>
    public static IReadOnlyList<WelfareMeasurement> RegularAntiMhrSweep(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var specs = context.Choose(RegularAntiMhr.Take(2).ToList(), [.. RegularAntiMhr]);
        var buyers = context.Choose<IReadOnlyList<long>>([1, 2, 5], [.. Enumerable.Range(1, 50).Select(n => (long)n)]);
        var markets = specs.SelectMany(spec => buyers.Select(n => new MarketCase(spec, n))).ToList();
        return WelfareMeasurement.MeasureAll(markets, context.Choose(300, 1000), refined: false, context);
    }

    /// <summary>The market sizes of Example 4.2: 10, 10³, 10⁶, 10⁹ in quick mode, every power of ten to 10⁹ in full.</summary>
    public static IReadOnlyList<long> Example42Buyers(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exponents = context.Choose<IReadOnlyList<int>>([1, 3, 6, 9], [.. Enumerable.Range(1, 9)]);
        return [.. exponents.Select(k => (long)Math.Round(Math.Pow(10, k)))];
    }

    /// <summary>Example 4.2 at <see cref="Example42Buyers"/>: quick, plain search on 300 cells; full, refined around
    /// the solutions from 1000 cells (the refined and 4000-cell answers agree to 1e-8 here). Each point carries the
    /// proofs' bounds at the grid's own landmarks and the continuous landmarks by quadrature.</summary>
    public static IReadOnlyList<Example42Point> Example42Sweep(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var markets = Example42Buyers(context).Select(n => new MarketCase($"example42({n.ToString(CultureInfo.InvariantCulture)})", n)).ToList();
        var measured = WelfareMeasurement.MeasureAll(markets, context.Choose(300, 1000), refined: !context.Quick, context);
        return [.. measured.Select(m =>
        {
            double logBuyers = Math.Log(m.Case.Buyers);
            var grid = new WelfareLandmarks(m.OptimalRevenue, m.OptimalSurplus, m.MyersonSurplus, m.OptimalWelfare);
            return new Example42Point(m, Example42Theory.Chain(logBuyers, grid), Example42Theory.Continuous(logBuyers));
        })];
    }

    /// <summary>The proofs' bounds on Example 4.2 beyond any grid, at the continuous landmarks: n = 10¹ … 10³⁰⁰.</summary>
    public static IReadOnlyList<ChainBoundRow> FarChainBounds()
    {
        int[] exponents = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 125, 150, 200, 250, 300];
        return [.. exponents.Select(e =>
        {
            double logBuyers = e * Math.Log(10);
            var landmarks = Example42Theory.Continuous(logBuyers);
            var chain = Example42Theory.Chain(logBuyers, landmarks);
            return new ChainBoundRow(e, Example42Theory.Cap(logBuyers), landmarks.OptimalWelfare, landmarks.OptimalRevenue, landmarks.OptimalSurplus,
                chain.KalaiSmorodinsky, chain.Nash, chain.CrossSideNash, landmarks.OptimalSurplus / landmarks.OptimalWelfare);
        })];
    }

    /// <summary>The smallest n (10^k) at which a far bound falls below <paramref name="level"/>, as text.</summary>
    public static string FirstBelow(IReadOnlyList<ChainBoundRow> rows, Func<ChainBoundRow, double> bound, double level)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(bound);
        var first = rows.FirstOrDefault(r => bound(r) < level);
        return first is null ? $"not below {Format.G(level, 3)} by 10^{rows[^1].Log10Buyers}" : $"10^{first.Log10Buyers}";
    }

    /// <summary>Checks ratio ≥ bound − <see cref="Tolerances.GridWelfareRatio"/> on every item and finds the closest call.</summary>
    public static WelfareBoundCheck AtLeast(IEnumerable<(string Where, double Ratio, double Bound)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var worst = list.MinBy(i => i.Ratio - i.Bound);
        int violations = list.Count(i => !Tolerances.GridWelfareRatio.AtMost(i.Bound, i.Ratio));
        var lowest = list.MinBy(i => i.Ratio);
        return new WelfareBoundCheck(list.Count, violations, worst.Where, worst.Ratio, worst.Bound, lowest.Where, lowest.Ratio);
    }

    /// <summary>Indices i ≥ 1 where <paramref name="values"/> rises above its predecessor by more than
    /// <see cref="Tolerances.GridWelfareRatio"/> (the claimed direction is down).</summary>
    public static IReadOnlyList<int> Rises(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. Enumerable.Range(1, Math.Max(0, values.Count - 1)).Where(i => !Tolerances.GridWelfareRatio.AtMost(values[i], values[i - 1]))];
    }

    /// <summary>
    /// What stands against a limit claim on Example 4.2 (Theorems 4.1 (iii), 5.1, 5.3 (iii)): the ratio rising with n
    /// (beyond <see cref="Tolerances.GridWelfareRatio"/>), exceeding the proof's finite-n bound (rounding only: the bounds
    /// hold for the grid's solutions exactly, <see cref="Example42Theory.Chain"/>), falling below <paramref name="floor"/>
    /// (a theorem's lower bound for every F), or F not MHR on the grid. Empty when the claim is consistent.
    /// </summary>
    public static IReadOnlyList<string> Example42Problems(IReadOnlyList<Example42Point> points, Func<Example42Point, double> ratio,
        Func<ChainBounds, double> bound, double floor, string floorSource)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(ratio);
        ArgumentNullException.ThrowIfNull(bound);
        static string Sizes(IEnumerable<Example42Point> at) => string.Join(", ", at.Select(p => Format.Buyers(p.Measurement.Case.Buyers)));
        var problems = new List<string>();
        var rises = Rises([.. points.Select(ratio)]);
        if (rises.Count > 0) problems.Add($"the ratio rises at n = {Sizes(rises.Select(i => points[i]))}");
        var above = points.Where(p => !Tolerances.SolverAgreement.AtMost(ratio(p), bound(p.Chain))).ToList();
        if (above.Count > 0) problems.Add($"above the proof's bound at {string.Join("; ", above.Select(p => $"n = {Format.Buyers(p.Measurement.Case.Buyers)}: {Format.G(ratio(p))} > {Format.G(bound(p.Chain))}"))}");
        var below = points.Where(p => !Tolerances.GridWelfareRatio.AtMost(floor, ratio(p))).ToList();
        if (below.Count > 0) problems.Add($"below {Format.G(floor)} (contradicting {floorSource}) at n = {Sizes(below)}");
        var notMhr = points.Where(p => !p.Measurement.Shape.MonotoneHazardRate).ToList();
        if (notMhr.Count > 0) problems.Add($"not MHR on the grid at n = {Sizes(notMhr)}");
        return problems;
    }

    /// <summary>The setting text of an Example 4.2 claim.</summary>
    public static string Example42Setting(IReadOnlyList<Example42Point> points, IReadOnlyList<ChainBoundRow> far)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(far);
        var first = points[0].Measurement;
        return $"example42(n) with n = {string.Join(", ", points.Select(p => Format.Buyers(p.Measurement.Case.Buyers)))}; grid {first.Grid}"
            + $"{(first.Refined ? " refined around the solutions" : "")}; the proof's bound to n = 10^{far[^1].Log10Buyers} from landmarks by quadrature";
    }

    /// <summary>The proof's bound at the largest measured n and far beyond, in one sentence.</summary>
    public static string ProofBoundText(Example42Point last, IReadOnlyList<ChainBoundRow> far, Func<ChainBounds, double> bound, Func<ChainBoundRow, double> farBound)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(far);
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(farBound);
        return $"The proof's finite-n bound (best threshold t: the proof's t = ln ln n exceeds K until n ≈ 10^32) is {Format.G(bound(last.Chain), 3)} at n = {Format.Buyers(last.Measurement.Case.Buyers)}, "
            + $"below 1 from n = {FirstBelow(far, farBound, 1)}, {Format.G(farBound(far[^1]), 3)} at 10^{far[^1].Log10Buyers}.";
    }
}

/// <summary>The outcome of holding measured ratios to a lower bound.</summary>
/// <param name="Count">Markets checked.</param>
/// <param name="Violations">Markets below the bound by more than the tolerance.</param>
/// <param name="ClosestWhere">The market with the least margin (ratio − bound).</param>
/// <param name="ClosestRatio">Its ratio.</param>
/// <param name="ClosestBound">Its bound.</param>
/// <param name="LowestWhere">The market with the lowest ratio.</param>
/// <param name="LowestRatio">That ratio.</param>
public sealed record WelfareBoundCheck(int Count, int Violations, string ClosestWhere, double ClosestRatio, double ClosestBound, string LowestWhere, double LowestRatio)
{
    /// <summary>Whether every market meets the bound.</summary>
    public bool Holds => Violations == 0;

    /// <summary>One sentence for the measured text.</summary>
    public string Describe(string solution)
    {
        string text = $"{solution}: lowest W/OPT {Format.G(LowestRatio)} ({LowestWhere}); {Violations} of {Count} below the bound";
        return ClosestWhere == LowestWhere
            ? $"{text} ({Format.G(ClosestBound)} there)"
            : $"{text}; least margin {Format.G(ClosestRatio - ClosestBound, 3)} ({Format.G(ClosestRatio)} against {Format.G(ClosestBound)}, {ClosestWhere})";
    }
}

/// <summary>Example 4.2 at one n: the measured solutions, the proofs' bounds at the grid's landmarks, and the continuous
/// landmarks by quadrature.</summary>
/// <param name="Measurement">The grid's solutions.</param>
/// <param name="Chain">The proofs' bounds (<see cref="Example42Theory.Chain"/>) at the grid's landmarks.</param>
/// <param name="Continuous">Π*, U*, U(Myerson), OPT of the continuous problem (<see cref="Example42Theory.Continuous"/>).</param>
public sealed record Example42Point(WelfareMeasurement Measurement, ChainBounds Chain, WelfareLandmarks Continuous)
{
    /// <summary>K = √(ln n)/2.</summary>
    public double Cap => Example42Theory.Cap(Math.Log(Measurement.Case.Buyers));

    /// <summary>U*/OPT: the welfare ratio of the buyer-optimal lottery, where Nash ends up (Theorem 5.1).</summary>
    public double LotteryRatio => Measurement.OptimalSurplus / Measurement.OptimalWelfare;

    /// <summary>The largest relative gap between the grid's landmarks and the quadrature's.</summary>
    public double LandmarkGap => new[]
    {
        Tolerance.RelativeError(Measurement.OptimalRevenue, Continuous.OptimalRevenue),
        Tolerance.RelativeError(Measurement.OptimalSurplus, Continuous.OptimalSurplus),
        Tolerance.RelativeError(Measurement.OptimalWelfare, Continuous.OptimalWelfare),
        Math.Abs(Measurement.MyersonSurplus - Continuous.MyersonSurplus) / Continuous.OptimalWelfare,
    }.Max();

    /// <summary>As a CSV row.</summary>
    public Example42Row Row()
    {
        var m = Measurement;
        var s = m.Solutions;
        return new Example42Row(m.Case.Buyers, Cap, m.Grid, m.Refined, m.OptimalWelfare, Continuous.OptimalWelfare, m.OptimalRevenue,
            Continuous.OptimalRevenue, m.OptimalSurplus, Continuous.OptimalSurplus, m.MyersonSurplus, Continuous.MyersonSurplus,
            m.KalaiSmorodinsky, s.KalaiSmorodinsky.RevenueShare, Chain.KalaiSmorodinsky, m.Nash, s.Nash.RevenueShare, Chain.Nash,
            m.CrossSideNash, s.CrossSideNash.RevenueShare, Chain.CrossSideNash, LotteryRatio, m.Check.Check, m.Check.Agrees, m.Check.WorstGap);
    }
}

/// <summary>Example 4.2 at one n as a CSV row: grid and quadrature landmarks, each solution's W/OPT, its Π/Π*, the
/// proofs' bound on it, and the lottery's W/OPT.</summary>
[CsvRecord]
public sealed partial record Example42Row(
    [property: CsvColumn("buyers")] long Buyers,
    [property: CsvColumn("cap_k")] double Cap,
    [property: CsvColumn("grid")] int Grid,
    [property: CsvColumn("refined")] bool Refined,
    [property: CsvColumn("opt")] double OptimalWelfare,
    [property: CsvColumn("opt_quadrature")] double OptimalWelfareByQuadrature,
    [property: CsvColumn("optimal_revenue")] double OptimalRevenue,
    [property: CsvColumn("optimal_revenue_quadrature")] double OptimalRevenueByQuadrature,
    [property: CsvColumn("optimal_surplus")] double OptimalSurplus,
    [property: CsvColumn("optimal_surplus_closed_form")] double OptimalSurplusClosedForm,
    [property: CsvColumn("myerson_surplus")] double MyersonSurplus,
    [property: CsvColumn("myerson_surplus_quadrature")] double MyersonSurplusByQuadrature,
    [property: CsvColumn("ks_ratio")] double KalaiSmorodinsky,
    [property: CsvColumn("ks_revenue_share")] double KalaiSmorodinskyShare,
    [property: CsvColumn("ks_chain_bound")] double KalaiSmorodinskyBound,
    [property: CsvColumn("nash_ratio")] double Nash,
    [property: CsvColumn("nash_revenue_share")] double NashShare,
    [property: CsvColumn("nash_chain_bound")] double NashBound,
    [property: CsvColumn("csn_ratio")] double CrossSideNash,
    [property: CsvColumn("csn_revenue_share")] double CrossSideNashShare,
    [property: CsvColumn("csn_chain_bound")] double CrossSideNashBound,
    [property: CsvColumn("lottery_ratio")] double LotteryRatio,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>The proofs' bounds on Example 4.2 at n = 10^k from the continuous landmarks (no grid): how fast the limits come.</summary>
[CsvRecord]
public sealed partial record ChainBoundRow(
    [property: CsvColumn("log10_buyers")] int Log10Buyers,
    [property: CsvColumn("cap_k")] double Cap,
    [property: CsvColumn("opt")] double OptimalWelfare,
    [property: CsvColumn("optimal_revenue")] double OptimalRevenue,
    [property: CsvColumn("optimal_surplus")] double OptimalSurplus,
    [property: CsvColumn("ks_chain_bound")] double KalaiSmorodinsky,
    [property: CsvColumn("nash_chain_bound")] double Nash,
    [property: CsvColumn("csn_chain_bound")] double CrossSideNash,
    [property: CsvColumn("lottery_ratio")] double LotteryRatio);
