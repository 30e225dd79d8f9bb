using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;
using OrSolver.Core.Welfare;
using OrSolver.Plots;

namespace OrSolver.Experiments.Analysis;

/// <summary>Which bargaining solution a claim is about: its short name, its solution, the CSV row that carries its bound
/// and the proofs' bound on it for Example 4.2.</summary>
/// <param name="Name">"KS", "Nash" or "cross-side Nash".</param>
/// <param name="FileStem">File-name stem: "ks", "nash", "csn".</param>
/// <param name="Of">The solution among the three.</param>
/// <param name="Row">A CSV row with <c>bound</c> in this solution's bound column.</param>
/// <param name="Chain">The proof's bound on it (<see cref="Example42Theory.Chain"/>).</param>
/// <param name="FarChain">The same, in a row of <see cref="WelfareStudies.FarChainBounds"/>.</param>
public sealed record SolutionKind(string Name, string FileStem, Func<BargainingSolutions, BargainingSolution> Of, Func<WelfareMeasurement, double, WelfareRow> Row,
    Func<ChainBounds, double> Chain, Func<ChainBoundRow, double> FarChain)
{
    /// <summary>The Kalai–Smorodinsky solution (Def. 4.1).</summary>
    public static SolutionKind KalaiSmorodinsky { get; } = new("KS", "ks", s => s.KalaiSmorodinsky, (m, b) => m.Row(b, double.NaN, double.NaN),
        c => c.KalaiSmorodinsky, r => r.KalaiSmorodinsky);

    /// <summary>The Nash solution (Def. 5.1).</summary>
    public static SolutionKind Nash { get; } = new("Nash", "nash", s => s.Nash, (m, b) => m.Row(double.NaN, b, double.NaN), c => c.Nash, r => r.Nash);

    /// <summary>The cross-side Nash solution (Def. 5.2).</summary>
    public static SolutionKind CrossSideNash { get; } = new("cross-side Nash", "csn", s => s.CrossSideNash, (m, b) => m.Row(double.NaN, double.NaN, b),
        c => c.CrossSideNash, r => r.CrossSideNash);

    /// <summary>Its W/OPT.</summary>
    public double Ratio(WelfareMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return Of(measurement.Solutions).WelfareRatio;
    }
}

/// <summary>The claims Theorems 4.1, 5.1–5.3 share, measured, drawn and recorded the same way: a bound for every F on
/// random markets, a bound b(n) on regular ∩ anti-MHR markets, and a limit on Example 4.2.</summary>
public static class WelfareClaims
{
    /// <summary>W/OPT ≥ 1/2 on every random market (Theorems 4.1 (i), 5.3 (i)). The proofs compare the solution with a
    /// mixture of the Myerson and buyer-optimal points, which works on a grid with the grid's own landmarks, so the bound
    /// holds on the grid up to rounding; the tolerance is <see cref="Tolerances.GridWelfareRatio"/> nonetheless.</summary>
    public static void RandomBound(ExperimentContext context, IReadOnlyList<WelfareMeasurement> random, string reference, string statement, SolutionKind solution)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(solution);
        context.WriteCsv($"random-markets-{solution.FileStem}.csv", random.Select(m => solution.Row(m, 0.5)));
        var check = WelfareStudies.AtLeast(random.Select(m => (m.Case.ToString(), solution.Ratio(m), 0.5)));
        string plot = context.SavePlot($"random-markets-{solution.FileStem}.png", WelfarePlots.RandomMarkets($"{reference}: {solution.Name} welfare on random markets",
            random, solution.Ratio, solution.Name, 0.5, "bound 1/2"));
        context.Theorem(reference, statement,
            $"{random.Count} seeded random markets (seed {RandomMarkets.Seed}): every family, truncations, Example 4.2, 2–3-component mixtures "
            + $"({random.Count(m => !m.Shape.Regular)} irregular on the grid); n in 1..30; grid {random[0].Grid}",
            $"{check.Describe(solution.Name)}.", check.Holds, plot);
    }

    /// <summary>W/OPT ≥ <paramref name="bound"/>(n) on regular ∩ anti-MHR markets (Theorems 4.1 (ii), 5.2, 5.3 (ii)), with
    /// the class checked on the grid. The proofs use Bulow–Klemperer, which a grid meets only to its O(h²), and a Nash
    /// maximiser's Π and U are off by O(h): the tolerance is <see cref="Tolerances.GridWelfareRatio"/>.</summary>
    public static void RegularAntiMhrBound(ExperimentContext context, IReadOnlyList<WelfareMeasurement> sweep, string reference, string statement,
        SolutionKind solution, Func<long, double> bound, string boundLegend)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(bound);
        context.WriteCsv($"regular-anti-mhr-{solution.FileStem}.csv", sweep.Select(m => solution.Row(m, bound(m.Case.Buyers))));
        var misclassified = sweep.Where(m => !m.Shape.Regular || !m.Shape.AntiMonotoneHazardRate).Select(m => m.Case.ToString()).Distinct().ToList();
        var check = WelfareStudies.AtLeast(sweep.Select(m => (m.Case.ToString(), solution.Ratio(m), bound(m.Case.Buyers))));
        string plot = context.SavePlot($"regular-anti-mhr-{solution.FileStem}.png", WelfarePlots.BySize($"{reference}: {solution.Name} welfare, regular and anti-MHR F",
            sweep, solution.Ratio, solution.Name, bound, boundLegend));
        // Where the solution sits: at the second-price auction (W = OPT) or inside the frontier.
        int atSecondPrice = sweep.Count(m => Tolerances.ClosedForm.Close(solution.Ratio(m), 1));
        string classes = misclassified.Count == 0 ? "every F regular and anti-MHR on the grid" : $"not regular and anti-MHR on the grid: {string.Join("; ", misclassified)}";
        context.Theorem(reference, statement,
            $"{string.Join("; ", sweep.Select(m => m.Case.Spec).Distinct())}; n = {sweep.Min(m => m.Case.Buyers)}..{sweep.Max(m => m.Case.Buyers)}; grid {sweep[0].Grid}; "
            + $"tolerance {Tolerances.GridWelfareRatio.Absolute:G2} (grid O(h))",
            $"{check.Describe(solution.Name)}; W = OPT (the second-price auction) on {atSecondPrice} of {sweep.Count}; {classes}.",
            check.Holds && misclassified.Count == 0, plot);
    }

    /// <summary>
    /// A limit claim on Example 4.2 (Theorems 4.1 (iii), 5.1, 5.3 (iii)): the solution's W/OPT for n = 10 … 10⁹ and
    /// the proof's finite-n bound out to 10³⁰⁰. Consistent when the ratio falls with n, stays within the proof's bound
    /// and at or above <paramref name="limit"/> (a lower bound for every F, <paramref name="limitSource"/>)
    /// (<see cref="WelfareStudies.Example42Problems"/>); <paramref name="explain"/> says, from the largest n, why the
    /// limit is still far.
    /// </summary>
    public static void Example42Limit(ExperimentContext context, string reference, string statement, SolutionKind solution,
        IEnumerable<(string Legend, Func<Example42Point, double> Value, SeriesStyle Style)> series, double limit, string limitSource,
        Func<IReadOnlyList<Example42Point>, string> explain, IEnumerable<(string Legend, Func<ChainBoundRow, double> Value)>? farExtra = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(explain);
        var points = WelfareStudies.Example42Sweep(context);
        var far = WelfareStudies.FarChainBounds();
        context.WriteCsv("example42.csv", points.Select(p => p.Row()));
        context.WriteCsv("example42-proof-bounds.csv", far);
        double Ratio(Example42Point p) => solution.Ratio(p.Measurement);
        string limitLegend = $"limit {Format.G(limit)}";
        string near = context.SavePlot("example42.png", WelfarePlots.Example42($"{reference}: {solution.Name} welfare on Example 4.2", points,
            [($"{solution.Name} welfare W/OPT", Ratio, SeriesStyle.LineAndMarkers), .. series], limitLegend, limit));
        string farPlot = context.SavePlot("example42-proof-bound.png", WelfarePlots.FarBounds($"{reference}: the proof's finite-n bound on {solution.Name}, Example 4.2",
            far, solution.FarChain, points, Ratio, solution.Name, limitLegend, limit, farExtra));
        var problems = WelfareStudies.Example42Problems(points, Ratio, solution.Chain, limit, limitSource);
        var first = points[0];
        var last = points[^1];
        context.Asymptotic(reference, statement, WelfareStudies.Example42Setting(points, far),
            $"{solution.Name} W/OPT {Format.G(Ratio(first))} (n = {Format.Buyers(first.Measurement.Case.Buyers)}) → {Format.G(Ratio(last))} "
            + $"(n = {Format.Buyers(last.Measurement.Case.Buyers)}, K = {Format.G(last.Cap, 3)}){(problems.Count == 0 ? ", falling at every step" : "")}; "
            + $"{explain(points)} {WelfareStudies.ProofBoundText(last, far, solution.Chain, solution.FarChain)} "
            + (problems.Count == 0 ? $"Measured ≤ bound and ≥ {Format.G(limit)} at every n." : string.Join("; ", problems) + "."),
            problems.Count == 0, near, farPlot);
    }
}
