using CsvHelper;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using OrSolver.Core.Distributions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>Appendix E.1's instance at one K, as a CSV row.</summary>
/// <param name="LogK">ln K.</param>
/// <param name="K">K.</param>
/// <param name="Ratio">Best single price / randomised optimum at U = K/2, measured on the grid.</param>
/// <param name="ExactRatio">(K + ln K − ln 2 − 1/2)/(K(ln K − ln 2 + 1/2)): the proof's computation with U_F(1/K) = K/2 − 1/4.</param>
/// <param name="PrintedRatio">(K + ln K − ln 2)/(K ln K + K − K ln 2), as printed in the paper.</param>
/// <param name="Bound">2/ln K.</param>
[CsvRecord]
public sealed partial record AppendixE1Row(
    [property: CsvColumn("ln_k")] double LogK,
    [property: CsvColumn("k")] double K,
    [property: CsvColumn("ratio")] double Ratio,
    [property: CsvColumn("exact_ratio")] double ExactRatio,
    [property: CsvColumn("printed_ratio")] double PrintedRatio,
    [property: CsvColumn("bound")] double Bound);

/// <summary>One random instance of the quasi-regular search, as a CSV row.</summary>
/// <param name="Index">Its number in the seeded sequence.</param>
/// <param name="Pieces">v(q) piece by piece, with the quantile interval of each.</param>
/// <param name="Jump">Whether v was given a downward jump (a gap in the support) on purpose.</param>
/// <param name="WorstFall">The worst relative fall of R/(1 − q) on the fine grid (Def. E.2).</param>
/// <param name="QuasiRegular">Whether it passed the check (only these are solved).</param>
/// <param name="Ratio">min over U of best single price / randomised optimum; NaN when rejected.</param>
/// <param name="Surplus">The U of that minimum (NaN when rejected).</param>
[CsvRecord]
public sealed partial record SearchRow(
    [property: CsvColumn("index")] int Index,
    [property: CsvColumn("pieces")] string Pieces,
    [property: CsvColumn("jump")] bool Jump,
    [property: CsvColumn("worst_fall")] double WorstFall,
    [property: CsvColumn("quasi_regular")] bool QuasiRegular,
    [property: CsvColumn("ratio")] double Ratio,
    [property: CsvColumn("surplus")] double Surplus);

/// <summary>
/// Appendix E (Theorem E.1): with one buyer, the revenue of the best single posted price under a surplus floor U against
/// the optimal (randomised) revenue there, Def. E.1's ratio, is 0 in the worst case over all F, between 0.8246 and 0.8532
/// over quasi-regular F (Def. E.2), and 1 for regular F (Prop. 3.3; experiment prop3.1-3.3). Measured on the exact grid
/// frontier (n = 1): Π(U) = ExactVertices.Locate(U).Revenue, single price max{R(q_k) : U_F(q_k) ≥ U}, both on the same grid,
/// with the instances' breakpoints on the grid. E.1's instance and E.2's are piecewise v(q) with closed-form V
/// (<see cref="PiecewiseValueDistribution"/>), so the grid frontier's vertices are exactly the paper's prices and the
/// measured ratio is exact to rounding; the search's instances have smooth pieces, where the grid value is a lower bound on
/// Π(U) converging at second order, so their ratios are re-measured on a finer grid to size that error.
/// </summary>
internal sealed class AppendixE : Experiment
{
    public override string Id => "appE";

    public override string Title => "One buyer: one posted price against two (Appendix E, Theorem E.1)";

    /// <summary>Theorem E.1's quasi-regular bounds as printed.</summary>
    private const double PrintedLowerBound = 0.8246, PrintedUpperBound = 0.8532;

    /// <summary>E.2.2's parameters as printed.</summary>
    private const double PrintedLow = 0.325268, PrintedDagger = 0.589198;

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(400, 4000);
        AppendixE1Sweep(context, grid);
        var lower = PostedPriceBounds.Minimise(PostedPriceBounds.QuasiRegularLowerBound, 0.24, 0.53);
        var upper = PostedPriceBounds.Minimise(PostedPriceBounds.AppendixE2Ratio, 0.33, 0.59);
        context.Log($"E.2.1's lower bound is smallest, {Format.G(lower.Value, 10)}, at ℓ = {Format.G(lower.Low, 8)}, q† = {Format.G(lower.Dagger, 8)}; "
            + $"E.2.2's ratio is smallest, {Format.G(upper.Value, 10)}, at ℓ = {Format.G(upper.Low, 8)}, q† = {Format.G(upper.Dagger, 8)}");
        var e2 = AppendixE2Instance(context, grid, upper);
        Search(context, lower, upper, e2);
    }

    /// <summary>E.1: v = K² on [0, 1/(2K)], K/2 on (1/(2K), 1/K], 1/(2q) on (1/K, 1/2], 0 after; U = K/2. The optimum randomises
    /// prices K² and 1, one price gets 1/2 at most.</summary>
    private static void AppendixE1Sweep(ExperimentContext context, int grid)
    {
        int[] exponents = context.Choose<int[]>([2, 4, 8, 12], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var rows = new List<AppendixE1Row>();
        foreach (int exponent in exponents)
        {
            double k = Math.Exp(exponent), half = k / 2;
            var posted = PostedPrices.Compute(PiecewiseValueDistribution.AppendixE1(k), grid);
            double ratio = posted.BestSinglePrice(half) / posted.Randomised(half);
            rows.Add(new AppendixE1Row(exponent, k, ratio, PostedPriceBounds.AppendixE1Ratio(exponent), PostedPriceBounds.AppendixE1PrintedRatio(exponent),
                PostedPriceBounds.AppendixE1Bound(exponent)));
        }
        string data = context.WriteCsv("appendix-e1.csv", rows);
        var ks = rows.Select(r => r.K).ToList();
        var chart = new Chart("Appendix E.1: one price vs two at U = K/2", "K (log scale)", "best single price / optimal revenue")
            .With("exact: (K + ln K − ln 2 − 1/2) / (K(ln K − ln 2 + 1/2))", ks, [.. rows.Select(r => r.ExactRatio)])
            .With("printed: (K + ln K − ln 2) / (K ln K + K − K ln 2)", ks, [.. rows.Select(r => r.PrintedRatio)], SeriesStyle.DashedLine)
            .With("bound 2 / ln K", ks, [.. rows.Select(r => r.Bound)], SeriesStyle.DashedLine)
            .With("measured on the grid", ks, [.. rows.Select(r => r.Ratio)], SeriesStyle.Markers);
        string plot = context.SavePlot("appendix-e1.png", chart with { LogX = true, YRange = (0, 1.05) });
        string setting = $"E.1's instance, n = 1, K = e^{string.Join(", e^", exponents)}; U = K/2; exact grid frontier, m = {grid}";

        var above = rows.Where(r => !(r.Ratio < r.Bound)).ToList();
        bool falling = rows.Zip(rows.Skip(1)).All(p => p.Second.Ratio < p.First.Ratio);
        context.Theorem("Theorem E.1 (general F)",
            "Over all F the price-posting ratio is 0: on E.1's instance at U = K/2 it is below 2/ln K, so it vanishes as K grows.",
            setting,
            (above.Count == 0 ? "Below 2/ln K at every K" : $"Not below 2/ln K at K = e^{string.Join(", e^", above.Select(r => r.LogK))}") +
            $" and {(falling ? "falling" : "not falling")} in K: {Format.G(rows[0].Ratio)} at K = e^{rows[0].LogK} (bound {Format.G(rows[0].Bound)}) to {Format.G(rows[^1].Ratio)} at K = e^{rows[^1].LogK} (bound {Format.G(rows[^1].Bound)}) ({data}).",
            above.Count == 0 && falling, plot);

        double worstExact = rows.Max(r => Tolerance.RelativeError(r.Ratio, r.ExactRatio));
        var printedBelow = rows.Where(r => r.PrintedRatio < r.Ratio && !Tolerances.ClosedForm.Close(r.PrintedRatio, r.Ratio)).ToList();
        context.Outside("Appendix E.1 (the proof's closed form)",
            "The paper prints the ratio on E.1's instance as at most (K + ln K − ln 2)/(K ln K + K − K ln 2); its U_F(1/K) = K/2 should be V(1/K) − R(1/K) = K/2 + 1/4 − 1/2 = K/2 − 1/4, which gives (K + ln K − ln 2 − 1/2)/(K(ln K − ln 2 + 1/2)).",
            setting,
            $"The measured ratio equals the corrected form to {Format.G(worstExact, 2)} relative at every K; the printed form is below the measured ratio at {printedBelow.Count} of {rows.Count} K " +
            $"({Format.G(rows[0].PrintedRatio)} against {Format.G(rows[0].Ratio)} at K = e^{rows[0].LogK}), so as printed it is not an upper bound; both stay below 2/ln K, which is all Theorem E.1 needs.",
            plot);
    }

    /// <summary>E.2.2: v = c(1−ℓ)/ℓ on [0, ℓ], c(1−q)/q on (ℓ, q†], q†/q on (q†, 1] with c = q†/(1−q†); U = U_F(q†). The optimum
    /// randomises prices v(ℓ) and v(1) with slope λ* = ℓ; one price gets q†.</summary>
    private static double AppendixE2Instance(ExperimentContext context, int grid, AppendixE2Point upper)
    {
        var f = PiecewiseValueDistribution.AppendixE2(PrintedLow, PrintedDagger);
        var posted = PostedPrices.Compute(f, grid);
        double surplus = PostedPriceBounds.AppendixE2Surplus(PrintedLow, PrintedDagger);
        double ratio = posted.BestSinglePrice(surplus) / posted.Randomised(surplus);
        double closedForm = PostedPriceBounds.AppendixE2Ratio(PrintedLow, PrintedDagger);
        var location = posted.Frontier.Locate(surplus);
        var market = posted.Problem.Discretised;
        double leftPrice = market.Value(location.Left.Optimum(market).ReservePoint), rightPrice = market.Value(location.Right.Optimum(market).ReservePoint);
        var worst = posted.WorstRatio();
        double fall = QuasiRegularity.WorstFall(f, 100_000);

        var curve = posted.Comparisons().Where(x => x.Optimal >= posted.SmallestMeasuredRevenue).ToList();
        context.WriteCsv("appendix-e2-ratio.csv", curve.Select(x => new RatioRow(x.Surplus, x.SinglePrice, x.Optimal)));
        var chart = new Chart("Appendix E.2.2: ratio along the frontier (ℓ = 0.325268, q† = 0.589198)", "buyer's surplus U", "best single price / optimal revenue")
            .With("measured on the grid", [.. curve.Select(x => x.Surplus)], [.. curve.Select(x => x.Ratio)])
            .WithHorizontal("0.8532 (upper bound, E.2.2)", PrintedUpperBound)
            .WithHorizontal("0.8246 (lower bound, E.2.1)", PrintedLowerBound)
            .WithVertical("U = U_F(q†)", surplus);
        string plot = context.SavePlot("appendix-e2.png", chart with { YRange = (0.8, 1.01), Legend = LegendCorner.LowerLeft });

        bool matches = Tolerances.ClosedForm.Close(ratio, closedForm);
        bool prices = Tolerances.ClosedForm.Close(leftPrice, f.Value(PrintedLow)) && Tolerances.ClosedForm.Close(rightPrice, f.Value(1));
        bool minimum = Math.Abs(upper.Value - PrintedUpperBound) <= 5e-5 && Math.Abs(upper.Low - PrintedLow) <= 5e-6 && Math.Abs(upper.Dagger - PrintedDagger) <= 5e-6;
        bool quasiRegular = fall <= Tolerances.Shape.Relative;
        context.Theorem("Theorem E.1 (quasi-regular, ≤ 0.8532)",
            "E.2.2's quasi-regular instance (ℓ ≈ 0.325268, q† ≈ 0.589198) has ratio (q† ln q† − ln ℓ)/(ℓ ln q† − ln ℓ) ≈ 0.8532 at U = U_F(q†): the optimum randomises the prices v(ℓ) and v(1), one price earns only q†.",
            $"E.2.2's instance with the printed ℓ, q†; n = 1; exact grid frontier, m = {grid}; quasi-regularity on 10^5 quantiles",
            $"Ratio {Format.G(ratio, 10)} against the closed form {Format.G(closedForm, 10)}; the optimum mixes prices {Format.G(leftPrice, 6)} = v(ℓ) and {Format.G(rightPrice, 6)} = v(1) on a segment of slope {Format.G(location.Lambda, 6)} (λ* = (q† − ℓ)/(q† ln q† − ln ℓ) = {Format.G(PostedPriceBounds.AppendixE2Slope(PrintedLow, PrintedDagger), 6)}, = ℓ at the optimum); " +
            $"the ratio's minimum over U is {Format.G(worst.Ratio, 10)} at U = {Format.G(worst.Surplus, 8)} (U_F(q†) = {Format.G(surplus, 8)}). The closed form's minimum over 0 < ℓ < q† < 1 is {Format.G(upper.Value, 8)} at ℓ = {Format.G(upper.Low, 7)}, q† = {Format.G(upper.Dagger, 7)}; " +
            $"R/(1 − q) {(quasiRegular ? "never falls" : $"falls by {Format.G(fall, 2)}")} (quasi-regular).",
            matches && prices && minimum && quasiRegular, plot);
        return ratio;
    }

    /// <summary>Random quasi-regular instances from the piecewise family: the worst ratio found against Theorem E.1's lower
    /// bound, then a Nelder–Mead refinement of the worst instance's breakpoints.</summary>
    private static void Search(ExperimentContext context, AppendixE2Point lower, AppendixE2Point upper, double e2Ratio)
    {
        int count = context.Choose(12, 300), grid = context.Choose(300, 1000), fine = context.Choose(1000, 4000), refinements = context.Choose(0, 150);
        const int qrPoints = 20_000;
        var random = new Random(20_251_128);
        var rows = new List<SearchRow>();
        var instances = new List<(PiecewiseValueDistribution F, double[] Ends, PieceShape[] Shapes)>();
        for (int i = 0; i < count; i++)
        {
            var (ends, shapes) = RandomShape(random, e2Like: i % 3 == 0);
            var f = PiecewiseValueDistribution.Continuous(1, ends, shapes);
            bool jump = random.NextDouble() < 0.25;
            if (jump)
            {
                // A downward jump at the start of one later piece (v scaled down from there on): a gap in the support,
                // never quasi-regular.
                int from = 1 + random.Next(shapes.Length);
                double factor = 0.3 + 0.65 * random.NextDouble();
                f = new PiecewiseValueDistribution([.. f.Pieces.Select((p, j) => j >= from ? new ValuePiece(p.End, p.Shape, p.Coefficient * factor) : p)]);
            }
            double fall = QuasiRegularity.WorstFall(f, qrPoints);
            bool quasiRegular = fall <= Tolerances.Shape.Relative;
            var worst = quasiRegular ? PostedPrices.Compute(f, grid).WorstRatio() : null;
            rows.Add(new SearchRow(i, f.Spec, jump, fall, quasiRegular, worst?.Ratio ?? double.NaN, worst?.Surplus ?? double.NaN));
            if (quasiRegular) instances.Add((f, ends, shapes));
        }
        var accepted = rows.Where(r => r.QuasiRegular).ToList();
        var best = accepted.MinBy(r => r.Ratio)!;
        var bestInstance = instances[accepted.IndexOf(best)];
        double bestFine = PostedPrices.Compute(bestInstance.F, fine).WorstRatio().Ratio;
        context.Log($"search: {accepted.Count} of {rows.Count} random instances are quasi-regular; the worst ratio among them is {Format.G(best.Ratio, 10)} ({Format.G(bestFine, 10)} at m = {fine})");

        // Refine the worst instance's breakpoints (same shapes, top value 1) by Nelder–Mead on the grid ratio.
        var refined = (Ratio: bestFine, Ends: bestInstance.Ends);
        if (refinements > 0)
        {
            double Objective(double[] interior)
            {
                double[] ends = [.. interior, 1];
                if (ends[0] <= 1e-3 || ends.Zip(ends.Skip(1)).Any(p => p.Second - p.First <= 1e-3)) return 2;
                var f = PiecewiseValueDistribution.Continuous(1, ends, bestInstance.Shapes);
                return QuasiRegularity.Holds(f, qrPoints) ? PostedPrices.Compute(f, grid).WorstRatio().Ratio : 2;
            }
            var point = MinimiseBounded(Objective, bestInstance.Ends[..^1], refinements);
            double[] refinedEnds = [.. point, 1];
            refined = (PostedPrices.Compute(PiecewiseValueDistribution.Continuous(1, refinedEnds, bestInstance.Shapes), fine).WorstRatio().Ratio, refinedEnds);
            context.Log($"refined: the worst instance's ratio is {Format.G(refined.Ratio, 10)} with its pieces ending at {string.Join(", ", refinedEnds.Select(e => Format.G(e, 6)))}");
        }

        string data = context.WriteCsv("search.csv", rows);
        var sorted = accepted.Select(r => r.Ratio).Order().ToList();
        var chart = new Chart("Appendix E.2: worst ratio over U of random quasi-regular instances", "instance (sorted by ratio; 0: the refined worst)", "min over U of single price / optimum")
            .With("random instance", [.. Enumerable.Range(1, sorted.Count).Select(i => (double)i)], sorted, SeriesStyle.Markers)
            .With(refinements > 0 ? "worst after Nelder–Mead refinement" : "worst on the finer grid", [0.0], [refined.Ratio], SeriesStyle.Markers)
            .WithHorizontal("0.8532 (E.2.2's instance)", PrintedUpperBound)
            .WithHorizontal("0.8246 (Theorem E.1's lower bound)", PrintedLowerBound);
        string plot = context.SavePlot("search.png", chart with { YRange = (0.8, 1.01), Legend = LegendCorner.LowerRight });

        var jumped = rows.Where(r => r.Jump).ToList();
        bool checkerRight = rows.All(r => r.QuasiRegular == !r.Jump);
        double floor = lower.Value * (1 - Tolerances.ClosedForm.Relative);
        double worstFound = Math.Min(Math.Min(best.Ratio, bestFine), refined.Ratio);
        bool boundHolds = accepted.All(r => r.Ratio >= floor) && bestFine >= floor && refined.Ratio >= floor;
        bool printedLower = Math.Abs(lower.Value - PrintedLowerBound) <= 5e-5;
        string setting = $"{count} seeded random v(q) (seed 20251128): a constant top then 1–3 pieces c/q, c(1−q)/q or constant, continuous, every third with E.2's shapes; " +
            $"a quarter given a downward jump; Def. E.2 checked on {qrPoints} quantiles; grid m = {grid} (worst re-measured at m = {fine}){(refinements > 0 ? $"; Nelder–Mead refinement of the worst, {refinements} evaluations" : "")}";
        context.Theorem("Theorem E.1 (quasi-regular, ≥ 0.8246)",
            "For every quasi-regular F and every U, one posted price earns at least 0.8246 of the optimal revenue.",
            setting,
            $"{accepted.Count} of {rows.Count} instances are quasi-regular (the check rejected {(checkerRight ? "exactly" : "not exactly")} the {jumped.Count} with a jump); the worst ratio found is {Format.G(best.Ratio, 6)} " +
            $"({Format.G(bestFine, 6)} at m = {fine}){(refinements > 0 ? $", {Format.G(refined.Ratio, 6)} after refinement" : "")}, against the bound's minimum {Format.G(lower.Value, 6)} " +
            $"(E.2.1's formula minimised by Nelder–Mead at ℓ = {Format.G(lower.Low, 6)}, q† = {Format.G(lower.Dagger, 6)}; printed 0.8246 at 0.238405, 0.528482) ({data}).",
            boundHolds && checkerRight && printedLower, plot);

        bool beaten = worstFound < upper.Value * (1 - Tolerances.ClosedForm.Relative);
        context.Outside("Theorem E.1 (between 0.8246 and 0.8532)",
            "The paper leaves the exact worst ratio over quasi-regular F open between 0.8246 and 0.8532.",
            setting,
            $"The search's worst, {Format.G(worstFound, 10)}, is {(beaten ? "below" : "not below")} E.2.2's {Format.G(e2Ratio, 10)}" +
            $"{(refinements > 0 ? $" (refined breakpoints {string.Join(", ", refined.Ends.Select(e => Format.G(e, 6)))} with shapes constant, {string.Join(", ", bestInstance.Shapes.Select(ShapeName))})" : "")}: " +
            (beaten ? "a piecewise instance worse than the paper's construction, so the open interval narrows to [0.8246, " + Format.G(worstFound, 6) + "]." : "these piecewise instances do not beat the paper's construction."),
            plot);
    }

    private static (double[] Ends, PieceShape[] Shapes) RandomShape(Random random, bool e2Like)
    {
        int pieces = e2Like ? 2 : 1 + random.Next(3);
        var ends = new double[pieces + 1];
        do
        {
            for (int i = 0; i < pieces; i++) ends[i] = 0.02 + 0.96 * random.NextDouble();
            Array.Sort(ends, 0, pieces);
        } while (ends[0] < 0.02 || Enumerable.Range(1, pieces - 1).Any(i => ends[i] - ends[i - 1] < 0.01));
        ends[pieces] = 1;
        var shapes = e2Like
            ? new[] { PieceShape.Falling, PieceShape.EqualRevenue }
            : [.. Enumerable.Range(0, pieces).Select(_ => (PieceShape)random.Next(3))];
        return (ends, shapes);
    }

    private static string ShapeName(PieceShape shape) => shape switch
    {
        PieceShape.Constant => "constant",
        PieceShape.EqualRevenue => "c/q",
        _ => "c(1−q)/q",
    };

    /// <summary>Nelder–Mead on an expensive, piecewise-smooth objective: the best point evaluated within the budget (the
    /// simplex need not converge on a grid's rounding plateaus).</summary>
    private static double[] MinimiseBounded(Func<double[], double> objective, double[] start, int evaluations)
    {
        var best = (Value: objective(start), Point: start);
        var wrapped = ObjectiveFunction.Value(x =>
        {
            double[] point = [.. x];
            double value = objective(point);
            if (value < best.Value) best = (value, point);
            return value;
        });
        try
        {
            NelderMeadSimplex.Minimum(wrapped, new DenseVector([.. start]), new DenseVector([.. start.Select(e => 0.05 * Math.Min(e, 1 - e))]), 1e-9, evaluations);
        }
        catch (MaximumIterationsException)
        {
            // The budget is spent: keep the best point seen.
        }
        return best.Point;
    }
}

/// <summary>A single price against the optimum at one surplus level, as a CSV row.</summary>
/// <param name="Surplus">U.</param>
/// <param name="SinglePrice">Best single posted price's revenue.</param>
/// <param name="Optimal">The frontier's Π(U).</param>
[CsvRecord]
public sealed partial record RatioRow(
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("single_price")] double SinglePrice,
    [property: CsvColumn("optimal")] double Optimal);
