using CsvHelper;
using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>One extreme point of a one-buyer frontier, as a CSV row.</summary>
/// <param name="Instance">The distribution.</param>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Price">The posted price v(q_r) of the vertex's mechanism.</param>
/// <param name="MonopolyReserve">The lowest monopoly reserve v(q_m).</param>
/// <param name="AllocationError">max_j |x_j − 1[j ≤ r]|: how far the vertex's allocation is from posting v(q_r).</param>
/// <param name="ValueSpaceRevenue">p·P(X ≥ p) for that price, from the survival function.</param>
/// <param name="ValueSpaceSurplus">∫_p^∞ P(X &gt; v) dv, by quadrature in value space.</param>
/// <param name="Check">The route the vertex was checked by (hull+auction).</param>
/// <param name="Agrees">Whether its check passed.</param>
/// <param name="WorstGap">Its worst gap relative to OPT.</param>
[CsvRecord]
public sealed partial record PostedPriceVertexRow(
    [property: CsvColumn("instance")] string Instance,
    [property: CsvColumn("surplus")] double Surplus,
    [property: CsvColumn("revenue")] double Revenue,
    [property: CsvColumn("price")] double Price,
    [property: CsvColumn("monopoly_reserve")] double MonopolyReserve,
    [property: CsvColumn("allocation_error")] double AllocationError,
    [property: CsvColumn("value_space_revenue")] double ValueSpaceRevenue,
    [property: CsvColumn("value_space_surplus")] double ValueSpaceSurplus,
    [property: CsvColumn("check")] string Check,
    [property: CsvColumn("agrees")] bool Agrees,
    [property: CsvColumn("worst_gap")] double WorstGap) : IVerifiedRow;

/// <summary>A single price against the randomised optimum on one instance, as a CSV row.</summary>
/// <param name="Instance">The distribution.</param>
/// <param name="Regular">R concave on the grid.</param>
/// <param name="Vertices">Extreme points of the frontier.</param>
/// <param name="Levels">Surplus levels compared.</param>
/// <param name="OptimalRevenue">Π*.</param>
/// <param name="MaxGap">max over U of Π(U) − best single price(U).</param>
/// <param name="GapSurplus">The U where the gap is largest.</param>
/// <param name="EnvelopeError">max over U of |Π(U) − the envelope of the posted-price points|.</param>
[CsvRecord]
public sealed partial record SinglePriceRow(
    [property: CsvColumn("instance")] string Instance,
    [property: CsvColumn("regular")] bool Regular,
    [property: CsvColumn("vertices")] int Vertices,
    [property: CsvColumn("levels")] int Levels,
    [property: CsvColumn("optimal_revenue")] double OptimalRevenue,
    [property: CsvColumn("max_gap")] double MaxGap,
    [property: CsvColumn("gap_surplus")] double GapSurplus,
    [property: CsvColumn("envelope_error")] double EnvelopeError);

/// <summary>
/// Propositions 3.1 and 3.3 (one buyer, method.md §10: Border is vacuous). Prop. 3.1: every point of the frontier randomises at
/// most two posted prices, each at most the lowest monopoly reserve; so every extreme point of the exact grid frontier must
/// be a posted price (allocation 1 up to the reserve quantile, 0 after) at most v(q_m), whose payoffs recomputed in value
/// space (p·P(X ≥ p), ∫_p S) match the vertex, and the frontier must equal the upper concave envelope of the posted-price
/// points (U_F(q), R(q)) — a second route that never forms R_λ. Prop. 3.3: for regular F one price suffices, so at every
/// surplus level the best single price max{R(q) : U_F(q) ≥ U} must reach the frontier's Π(U) on the same grid. Without
/// regularity the paper (Prop. 3.1, Theorem E.1) needs two prices: on instances built for it (a gap in the support;
/// Appendix E.1's instance) the largest shortfall of one price must be clearly positive. Non-regular instances where one
/// price still suffices are reported as outside the paper's claims.
/// </summary>
internal sealed class Propositions31To33 : Experiment
{
    public override string Id => "prop3.1-3.3";

    public override string Title => "One buyer: posted prices, one price for regular F, two otherwise (Propositions 3.1, 3.3)";

    private static readonly string[] Regular = ["uniform(0, 1)", "exponential(1)", "lomax(2)", "weibull(2)", "lognormal(0, 0.5)", "example42(1000)"];

    /// <summary>Non-regular instances built so that a single price falls short: a gap in the support between the monopoly
    /// price and the lowest values, and Appendix E.1's instance (K = e³).</summary>
    private static readonly string[] TwoPrices = ["mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", AppendixE1];

    /// <summary>Non-regular instances where the paper says nothing: R is not concave, but (see the outside claim) the
    /// posted-price curve (U_F, R) may still be concave on the prices at most the monopoly reserve.</summary>
    private static readonly string[] OtherIrregular = ["weibull(0.5)", "mixture(0.5*uniform(0, 1), 0.5*uniform(0, 2))"];

    private const string AppendixE1 = "appendixE1(K=e^3)";

    private static IValueDistribution Distribution(string instance) =>
        instance == AppendixE1 ? PiecewiseValueDistribution.AppendixE1(Math.Exp(3)) : DistributionSpec.Parse(instance);

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(500, 4000);
        var vertexRows = new List<PostedPriceVertexRow>();
        var rows = new List<SinglePriceRow>();
        var prices = new Dictionary<string, PostedPrices>();
        // The instances are independent: measured over the workers, then collected in order.
        string[] instances = [.. Regular.Concat(TwoPrices).Concat(OtherIrregular)];
        var measured = context.Map(instances, (instance, _) =>
        {
            var f = Distribution(instance);
            var posted = PostedPrices.Compute(f, grid);
            var market = posted.Problem.Discretised;
            double monopoly = posted.Problem.Monopoly.Reserve;
            var vertices = new List<PostedPriceVertexRow>();
            foreach (var (vertex, price, error) in posted.VertexPrices())
            {
                var (revenue, surplus) = ValueSpace.PostedPrice(f, price);
                var check = DualityChecker.AnalyseHullPoint(posted.Frontier.Locate(vertex.Surplus), vertex.Surplus, market).Check;
                vertices.Add(new PostedPriceVertexRow(instance, vertex.Surplus, vertex.Revenue, price, monopoly, error, revenue, surplus,
                    check.Route, check.Agrees, check.WorstGap));
            }
            var comparisons = posted.Comparisons().ToList();
            var worst = comparisons.MaxBy(c => c.Shortfall)!;
            double envelope = comparisons.Max(c => Math.Abs(c.Optimal - posted.Envelope(c.Surplus)));
            var row = new SinglePriceRow(instance, ShapeClassification.Classify(market).Regular, posted.Frontier.Vertices.Count, comparisons.Count,
                posted.Problem.OptimalRevenue, worst.Shortfall, worst.Surplus, envelope);
            context.Log($"{instance}: {posted.Frontier.Vertices.Count} vertices, largest shortfall of one price {Format.G(worst.Shortfall)} at U = {Format.G(worst.Surplus)}");
            return (Posted: posted, Vertices: vertices, Row: row);
        });
        foreach (var (instance, (posted, vertices, row)) in instances.Zip(measured))
        {
            prices[instance] = posted;
            vertexRows.AddRange(vertices);
            rows.Add(row);
        }
        string vertexData = context.WriteCsv("vertices.csv", vertexRows);
        string data = context.WriteCsv("single-price.csv", rows);
        string regularPlot = context.SavePlot("regular-exponential.png", FrontierChart(prices["exponential(1)"], "exponential(1), regular"));
        string gapPlot = context.SavePlot("two-prices-gap-in-support.png", FrontierChart(prices[TwoPrices[0]], "uniform(0,1) and uniform(2,3) mixed, not regular"));
        string weibullPlot = context.SavePlot("weibull-0.5.png", FrontierChart(prices[OtherIrregular[0]], "weibull(0.5), not regular"));
        string setting = $"n = 1; exact grid frontier, m = {grid}";

        // Proposition 3.1: posted prices at most the monopoly reserve, matching value space; frontier = envelope of posted prices.
        var failures = new List<string>();
        foreach (var row in vertexRows)
        {
            var scale = Tolerances.ValueSpace.AtScale(prices[row.Instance].Problem.OptimalWelfare);
            if (row.AllocationError > Tolerances.Feasibility.Relative) failures.Add($"{row.Instance}: vertex at U = {Format.G(row.Surplus)} is not a posted price (|x − 1[q ≤ r]| = {Format.G(row.AllocationError, 2)})");
            if (!Tolerances.SolverAgreement.AtMost(row.Price, row.MonopolyReserve)) failures.Add($"{row.Instance}: price {Format.G(row.Price)} above the monopoly reserve {Format.G(row.MonopolyReserve)}");
            if (!scale.Close(row.Revenue, row.ValueSpaceRevenue) || !scale.Close(row.Surplus, row.ValueSpaceSurplus))
                failures.Add($"{row.Instance}: vertex (U, Π) = ({Format.G(row.Surplus, 10)}, {Format.G(row.Revenue, 10)}) but posting {Format.G(row.Price)} gives ({Format.G(row.ValueSpaceSurplus, 10)}, {Format.G(row.ValueSpaceRevenue, 10)}) in value space");
        }
        // Locate places U on the frontier to the solver tolerance (it snaps to a vertex within 1e-9 of OPT), so a level
        // next to a vertex may read that vertex's Π: the comparisons with the frontier allow that much.
        Tolerance Placement(string instance) => Tolerances.SolverAgreement.AtScale(prices[instance].Problem.OptimalWelfare);
        foreach (var row in rows)
            if (row.EnvelopeError > Placement(row.Instance).Absolute)
                failures.Add($"{row.Instance}: the frontier differs from the envelope of posted prices by {Format.G(row.EnvelopeError, 2)}");
        double valueSpaceGap = vertexRows.Max(r => Math.Max(Math.Abs(r.Revenue - r.ValueSpaceRevenue), Math.Abs(r.Surplus - r.ValueSpaceSurplus)) / prices[r.Instance].Problem.OptimalWelfare);
        context.Theorem("Proposition 3.1",
            "With one buyer every point of the Pareto frontier randomises at most two posted prices, each no larger than the lowest monopoly reserve.",
            $"{rows.Count} instances ({string.Join(", ", rows.Select(r => r.Instance))}); {setting}",
            failures.Count == 0
                ? $"All {vertexRows.Count} extreme points are posted prices (allocation within {Format.G(vertexRows.Max(r => r.AllocationError), 2)} of a step) at or below the monopoly reserve; " +
                  $"their (Π, U) match the price's value-space payoffs to {Format.G(valueSpaceGap, 2)} of OPT, and the frontier equals the upper envelope of the posted-price points to {Format.G(rows.Max(r => r.EnvelopeError / prices[r.Instance].Problem.OptimalWelfare), 2)} of OPT at every level ({vertexData})."
                : string.Join("; ", failures.Take(5)) + (failures.Count > 5 ? $" … ({failures.Count} in all)" : ""),
            failures.Count == 0, regularPlot, gapPlot);

        // Proposition 3.3: regular F, one price reaches the frontier at every U (on the same grid: to rounding).
        var regular = rows.Where(r => Regular.Contains(r.Instance)).ToList();
        var notRegular = regular.Where(r => !r.Regular).Select(r => r.Instance).ToList();
        var short33 = regular.Where(r => r.MaxGap > Placement(r.Instance).Absolute).ToList();
        context.Theorem("Proposition 3.3",
            "With one buyer and regular F, every point of the Pareto frontier is reached by a single posted price.",
            $"{string.Join(", ", Regular)}; {setting}",
            (notRegular.Count > 0 ? $"Not regular on the grid: {string.Join(", ", notRegular)}. " : "") +
            (short33.Count == 0
                ? $"At all {regular.Sum(r => r.Levels)} surplus levels the best single price reaches Π(U): largest shortfall {Format.G(regular.Max(r => r.MaxGap / r.OptimalRevenue), 2)} of Π* ({data})."
                : $"One price falls short on {string.Join("; ", short33.Select(r => $"{r.Instance} by {Format.G(r.MaxGap / r.OptimalRevenue, 3)} of Π* at U = {Format.G(r.GapSurplus)}"))}."),
            notRegular.Count == 0 && short33.Count == 0, regularPlot);

        // Two prices needed without regularity (Prop. 3.1's randomisation, Theorem E.1).
        var twoPrices = rows.Where(r => TwoPrices.Contains(r.Instance)).ToList();
        bool clearlyShort = twoPrices.All(r => !r.Regular && r.MaxGap > Tolerances.ClosedForm.Relative * r.OptimalRevenue);
        context.Theorem("Proposition 3.1 (two prices)",
            "Without regularity a single posted price can fall strictly short of the frontier: randomising two prices is needed.",
            $"{string.Join(", ", TwoPrices)}; {setting}",
            string.Join("; ", twoPrices.Select(r => $"{r.Instance} ({(r.Regular ? "regular" : "not regular")}): one price falls short by {Format.G(r.MaxGap / r.OptimalRevenue, 3)} of Π* at U = {Format.G(r.GapSurplus)}")) +
            $" (clearly above the default grid's accuracy, {Format.G(Tolerances.ClosedForm.Relative, 1)} of Π*).",
            clearlyShort, gapPlot);

        var other = rows.Where(r => OtherIrregular.Contains(r.Instance)).ToList();
        context.Outside("Proposition 3.3 (converse)",
            "The paper does not say whether regularity is needed for one price to suffice.",
            $"{string.Join(", ", OtherIrregular)}; {setting}",
            string.Join("; ", other.Select(r => $"{r.Instance} ({(r.Regular ? "regular" : "not regular")}): largest shortfall of one price {Format.G(r.MaxGap / r.OptimalRevenue, 2)} of Π*")) +
            ". One price suffices iff the posted-price curve (U_F(q), R(q)) is concave on q ≥ q_m, i.e. v·h(v) non-decreasing below the monopoly price (dΠ/dU = v·h(v) − 1): weaker than regularity (Weibull(0.5): v·h(v) = √v/2; the uniform mixture is irregular only above its monopoly price).",
            weibullPlot);
    }

    /// <summary>Π(U) of the frontier and of the best single price, from the Myerson point to U*.</summary>
    private static Chart FrontierChart(PostedPrices posted, string name)
    {
        double low = posted.Problem.MyersonSurplus, high = posted.Problem.OptimalSurplus;
        var levels = FrontierSolver.Levels(low, high, 2001).Concat(posted.ComparisonLevels()).Where(u => u >= low && u <= high).Distinct().Order().ToList();
        var frontier = posted.Frontier.Vertices;
        var worst = posted.Comparisons().MaxBy(c => c.Shortfall)!;
        var chart = new Chart($"One buyer, {name}: frontier vs one price", "buyer's surplus U", "seller's revenue Π")
            .With("frontier (randomised prices)", [.. frontier.Select(v => v.Surplus)], [.. frontier.Select(v => v.Revenue)])
            .With("best single posted price", levels, [.. levels.Select(posted.BestSinglePrice)], SeriesStyle.DashedLine);
        if (worst.Shortfall > Tolerances.ClosedForm.Relative * posted.Problem.OptimalRevenue)
            chart = chart.WithVertical($"largest shortfall, U = {Format.G(worst.Surplus, 3)}", worst.Surplus);
        return chart with { Legend = LegendCorner.LowerLeft };
    }
}
