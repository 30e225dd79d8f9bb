using CsvHelper;
using OrSolver.Core;
using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments.Experiments;

/// <summary>One instance of Figure 1's hierarchy, classified both ways, as a CSV row.</summary>
/// <param name="Instance">The spec as written in the experiment.</param>
/// <param name="Family">The family (DistributionSpec.Families).</param>
/// <param name="Spec">The canonical spec.</param>
/// <param name="ExponentialLaw">Whether the law is exponential (exponential, Weibull with shape 1, gamma with shape 1).</param>
/// <param name="Regular">Regular on the grid (R concave: Prop. 2.1).</param>
/// <param name="Mhr">MHR on the grid (q·v′ non-increasing).</param>
/// <param name="AntiMhr">Anti-MHR on the grid (q·v′ non-decreasing).</param>
/// <param name="RegularValueSpace">Regular in value space (φ = v − S/f non-decreasing: Def. 2.2).</param>
/// <param name="MhrValueSpace">MHR in value space (f/S non-decreasing).</param>
/// <param name="AntiMhrValueSpace">Anti-MHR in value space (f/S non-increasing).</param>
/// <param name="RegularStep">Value space: the worst relative fall of φ (0 if none, ∞ at a jump to −∞).</param>
/// <param name="MhrStep">Value space: the worst relative fall of the hazard rate.</param>
/// <param name="AntiMhrStep">Value space: the worst relative rise of the hazard rate (∞ at an atom's jump to +∞).</param>
/// <param name="Agree">Whether the two routes give the same three answers.</param>
[CsvRecord]
public sealed partial record ClassRow(
    [property: CsvColumn("instance")] string Instance,
    [property: CsvColumn("family")] string Family,
    [property: CsvColumn("spec")] string Spec,
    [property: CsvColumn("exponential_law")] bool ExponentialLaw,
    [property: CsvColumn("regular")] bool Regular,
    [property: CsvColumn("mhr")] bool Mhr,
    [property: CsvColumn("anti_mhr")] bool AntiMhr,
    [property: CsvColumn("regular_value_space")] bool RegularValueSpace,
    [property: CsvColumn("mhr_value_space")] bool MhrValueSpace,
    [property: CsvColumn("anti_mhr_value_space")] bool AntiMhrValueSpace,
    [property: CsvColumn("regular_step")] double RegularStep,
    [property: CsvColumn("mhr_step")] double MhrStep,
    [property: CsvColumn("anti_mhr_step")] double AntiMhrStep,
    [property: CsvColumn("agree")] bool Agree);

/// <summary>
/// Figure 1 (and Def. 2.2, Prop. 2.1, Section 2's examples): the hierarchy of regular, MHR and anti-MHR distributions.
/// Instances of every family the command line knows are classified twice: in quantile space on the grid
/// (<see cref="ShapeClassification"/>: R concave, q·v′(q) monotone, by chord slopes) and in value space from the density
/// and survival function (<see cref="ValueSpace.Classify"/>: hazard rate f/S monotone, virtual value v − S/f
/// non-decreasing). Prop. 2.1 says the two are the same classes, so agreement on every instance checks both routes; the
/// figure's inclusions (MHR ⊂ regular, MHR ∩ anti-MHR = exponential) are then read off the measured classes.
/// </summary>
internal sealed class Figure1 : Experiment
{
    public override string Id => "fig1";

    public override string Title => "The distribution hierarchy: regular, MHR, anti-MHR (Figure 1, Def. 2.2, Prop. 2.1)";

    /// <summary>Instances of every family of DistributionSpec.Families, chosen on both sides of each class boundary
    /// (Weibull and gamma with shape below and above 1, capped and uncapped power laws, a gap in the support, and Appendix
    /// E.1's instance with K = 20: atoms, a gap and an equal-revenue piece). Weibull with shape 1 and gamma with shape 1
    /// are exponential laws: Figure 1 puts exactly those in MHR ∩ anti-MHR.</summary>
    private static readonly (string Spec, bool ExponentialLaw)[] Instances =
    [
        ("uniform(0, 1)", false),
        ("uniform(1, 3)", false),
        ("exponential(1)", true),
        ("exponential(0.25)", true),
        ("weibull(0.5)", false),
        ("weibull(1, 2)", true),
        ("weibull(2)", false),
        ("gamma(0.5, 1)", false),
        ("gamma(1, 2)", true),
        ("gamma(3, 1)", false),
        ("pareto(2)", false),
        ("pareto(1.5, 2)", false),
        ("pareto(2, cap=100)", false),
        ("lomax(2)", false),
        ("lomax(1.2, 3)", false),
        ("lomax(3, 1, cap=20)", false),
        ("lognormal(0, 0.5)", false),
        ("lognormal(0, 1.5)", false),
        ("equalrevenue(100)", false),
        ("normal(1, 0.5, 0, 3)", false),
        ("beta(2, 2)", false),
        ("beta(0.5, 0.5)", false),
        ("example42(1000)", false),
        ("mixture(0.5*exponential(1), 0.5*exponential(3))", false),
        ("mixture(0.5*uniform(0, 1), 0.5*uniform(0, 2))", false),
        ("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))", false),
        ("piecewise(400 to 0.025, 10 to 0.05, 0.5/q to 0.5, 0)", false),
    ];

    /// <summary>Section 2's regular and anti-MHR examples that the solver can represent (a finite mean: α &gt; 1).</summary>
    private static readonly string[] PaperRegularAntiMhr = ["pareto(2)", "pareto(1.5, 2)", "lomax(2)", "lomax(1.2, 3)"];

    public override void Run(ExperimentContext context)
    {
        int grid = context.Choose(400, 4000), points = context.Choose(2000, 20000);
        // The instances are independent: classified over the workers, then collected in order.
        var rows = context.Map(Instances, (instance, _) =>
        {
            var (spec, exponential) = instance;
            var distribution = DistributionSpec.Parse(spec);
            var problem = new FrontierProblem(new Market(distribution, 1), grid);
            var quantile = ShapeClassification.Classify(problem.Discretised);
            var value = ValueSpace.Classify(distribution, points);
            bool agree = quantile.Regular == value.Regular && quantile.MonotoneHazardRate == value.MonotoneHazardRate
                && quantile.AntiMonotoneHazardRate == value.AntiMonotoneHazardRate;
            string family = spec[..spec.IndexOf('(', StringComparison.Ordinal)];
            context.Log($"{spec}: on the grid {quantile}; in value space {value}");
            return new ClassRow(spec, family, distribution.Spec, exponential, quantile.Regular, quantile.MonotoneHazardRate, quantile.AntiMonotoneHazardRate,
                value.Regular, value.MonotoneHazardRate, value.AntiMonotoneHazardRate, value.RegularStep, value.MhrStep, value.AntiMhrStep, agree);
        }).ToList();
        string data = context.WriteCsv("classes.csv", rows);
        string membership = context.SavePlot("membership.png", MembershipChart(rows));
        string hazards = context.SavePlot("hazard-rates.png", HazardChart());
        string setting = $"{rows.Count} instances of all {DistributionSpec.Families.Count} families ({string.Join(", ", DistributionSpec.Families)}); " +
            $"quantile route on the graded grid, m = {grid}; value route on {2 * points} values with both tails ≥ 1e-7";

        var disagree = rows.Where(r => !r.Agree).ToList();
        // How far the value route's accepted and refused classes lie from its tolerance.
        var steps = rows.SelectMany(r => new[] { r.RegularStep, r.MhrStep, r.AntiMhrStep }).ToList();
        double accepted = steps.Where(x => x <= Core.Numerics.Tolerances.ValueSpace.Relative).Max();
        double refused = steps.Where(x => x > Core.Numerics.Tolerances.ValueSpace.Relative).Min();
        context.Theorem("Def. 2.2 = Prop. 2.1",
            "Regularity, MHR and anti-MHR in value space (virtual value, hazard rate monotone) are the same classes as R concave and q·v′(q) non-increasing / non-decreasing in quantile space.",
            setting,
            disagree.Count == 0
                ? $"The two routes agree on all {rows.Count} instances: {Count(rows, r => r.Regular)} regular, {Count(rows, r => r.Mhr)} MHR, {Count(rows, r => r.AntiMhr)} anti-MHR (see {data}). " +
                  $"In value space the worst wrong-way step of an accepted class is {Format.G(accepted, 2)} relative, of a refused one at least {Format.G(refused, 2)} (tolerance {Format.G(Core.Numerics.Tolerances.ValueSpace.Relative, 2)})."
                : $"They disagree on {disagree.Count} of {rows.Count}: {string.Join("; ", disagree.Select(Describe))}.",
            disagree.Count == 0, membership, hazards);

        var mhrNotRegular = rows.Where(r => (r.Mhr && !r.Regular) || (r.MhrValueSpace && !r.RegularValueSpace)).ToList();
        var antiNotRegular = rows.Where(r => r.AntiMhr && !r.Regular).Select(r => r.Instance).ToList();
        context.Theorem("Figure 1 (MHR ⊂ regular)",
            "Every MHR distribution is regular (the MHR condition is stronger than regularity); anti-MHR is not contained in regular.",
            setting,
            mhrNotRegular.Count == 0
                ? $"All {Count(rows, r => r.Mhr)} MHR instances are regular by both routes; anti-MHR but not regular: {(antiNotRegular.Count == 0 ? "none" : string.Join(", ", antiNotRegular))}."
                : $"MHR but not regular: {string.Join("; ", mhrNotRegular.Select(Describe))}.",
            mhrNotRegular.Count == 0, membership);

        var both = rows.Where(r => r.Mhr && r.AntiMhr).ToList();
        var bothValue = rows.Where(r => r.MhrValueSpace && r.AntiMhrValueSpace).ToList();
        bool onlyExponential = both.All(r => r.ExponentialLaw) && bothValue.All(r => r.ExponentialLaw)
            && rows.Where(r => r.ExponentialLaw).All(r => r.Mhr && r.AntiMhr && r.MhrValueSpace && r.AntiMhrValueSpace);
        context.Theorem("Figure 1 (MHR ∩ anti-MHR)",
            "The only distributions both MHR and anti-MHR are the exponential ones (constant hazard rate).",
            setting,
            $"In both classes (quantile route): {string.Join(", ", both.Select(r => r.Instance))}; value route: {string.Join(", ", bothValue.Select(r => r.Instance))}; " +
            $"the exponential laws among the instances: {string.Join(", ", rows.Where(r => r.ExponentialLaw).Select(r => r.Instance))}.",
            onlyExponential, membership, hazards);

        var examples = rows.Where(r => PaperRegularAntiMhr.Contains(r.Instance)).ToList();
        bool examplesHold = examples.All(r => r.Regular && r.AntiMhr && r.RegularValueSpace && r.AntiMhrValueSpace);
        var capped = rows.Where(r => r.Family == "equalrevenue" || (r.Instance.Contains("cap", StringComparison.Ordinal) && r.Family is "pareto" or "lomax")).ToList();
        context.Theorem("Section 2 (examples)",
            "Equal-revenue, Pareto I and Pareto II (Lomax) distributions with shape α ≥ 1 are regular and anti-MHR.",
            $"{string.Join(", ", PaperRegularAntiMhr)} (α = 1 has no finite mean and is refused); capped versions for contrast; m = {grid}",
            (examplesHold ? "Every uncapped Pareto I/II instance is regular and anti-MHR by both routes. " : $"Not regular and anti-MHR: {string.Join("; ", examples.Where(r => !(r.Regular && r.AntiMhr)).Select(Describe))}. ") +
            $"A cap (needed for equal revenue, whose mean is infinite) puts an atom at the top, where the hazard rate jumps to ∞: " +
            $"{string.Join(", ", capped.Select(r => $"{r.Instance} is {Classes(r)}"))} — regular but not anti-MHR, unlike the uncapped law the paper names.",
            examplesHold, membership);
    }

    private static int Count(List<ClassRow> rows, Func<ClassRow, bool> predicate) => rows.Count(predicate);

    private static string Classes(ClassRow r)
    {
        var names = new List<string>();
        if (r.Regular) names.Add("regular");
        if (r.Mhr) names.Add("MHR");
        if (r.AntiMhr) names.Add("anti-MHR");
        return names.Count == 0 ? "in none of the classes" : string.Join(" and ", names);
    }

    private static string Describe(ClassRow r) =>
        $"{r.Instance} is {new ShapeClassification(r.Regular, r.Mhr, r.AntiMhr)} on the grid, {new ShapeClassification(r.RegularValueSpace, r.MhrValueSpace, r.AntiMhrValueSpace)} in value space";

    /// <summary>Membership: one row per instance, one column per class; a marker per route where the instance belongs.</summary>
    private static Chart MembershipChart(List<ClassRow> rows)
    {
        var chart = new Chart("Figure 1: class membership of every instance", "class (Def. 2.2)", "instance");
        var routes = new (string Legend, double Offset, Func<ClassRow, bool[]> Classes)[]
        {
            ("quantile space (grid chords of R and v)", -0.12, r => [r.Regular, r.Mhr, r.AntiMhr]),
            ("value space (virtual value, hazard rate)", 0.12, r => [r.RegularValueSpace, r.MhrValueSpace, r.AntiMhrValueSpace]),
        };
        foreach (var (legend, offset, classes) in routes)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < rows.Count; i++)
            {
                var member = classes(rows[i]);
                for (int c = 0; c < 3; c++)
                    if (member[c]) { xs.Add(c + offset); ys.Add(rows.Count - 1 - i); }
            }
            chart = chart.With(legend, xs, ys, SeriesStyle.Markers);
        }
        return chart with
        {
            XCategories = ["regular", "MHR", "anti-MHR"],
            YCategories = [.. rows.Select(r => r.Instance).Reverse()],
            YRange = (-0.7, rows.Count + 2.5),
        };
    }

    /// <summary>Hazard rates f/S against v for a few instances: rising (MHR), flat (exponential), falling (anti-MHR), a hump
    /// (neither), and Example 4.2's jump to ∞ at its atom.</summary>
    private static Chart HazardChart()
    {
        var chart = new Chart("Hazard rate h(v) = f(v) / (1 − F(v))", "value v", "hazard rate h(v)");
        string[] shown = ["exponential(1)", "gamma(3, 1)", "uniform(0, 1)", "weibull(0.5)", "lomax(2)", "lognormal(0, 1.5)", "example42(1000)"];
        foreach (string spec in shown)
        {
            var f = DistributionSpec.Parse(spec);
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 1; i <= 400; i++)
            {
                double v = 3.0 * i / 400;
                double s = f.Survival(v);
                if (!(s > 0)) break;
                xs.Add(v);
                ys.Add(f.Density(v) / s);
            }
            // An atom at the top: the hazard rate jumps to +∞ there (drawn as a vertical rise off the chart).
            bool atom = ValueSpace.Atoms(f).Contains(f.SupportHigh);
            if (atom) { xs.Add(f.SupportHigh); ys.Add(1e3); }
            chart = chart.With(atom ? $"{spec}: atom at {Format.G(f.SupportHigh, 3)}, h = ∞" : spec, xs, ys);
        }
        return chart with { YRange = (0, 4) };
    }
}
