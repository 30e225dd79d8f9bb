using OrSolver.Core.Numerics;
using OrSolver.Core.Output;

namespace OrSolver.Core.Distributions;

/// <summary>The class of F decided in value space (Def. 2.2), with the worst step the wrong way of each test, relative
/// to the two values compared (+∞ for a jump to or from an infinity, 0 when the sequence is monotone). Validates itself.</summary>
/// <param name="RegularStep">Worst fall of the virtual value φ(v) = v − S(v)/f(v) (regular: within tolerance). Range: [0, ∞].</param>
/// <param name="MhrStep">Worst fall of the hazard rate h(v) = f(v)/S(v) (MHR: within tolerance). Range: [0, ∞].</param>
/// <param name="AntiMhrStep">Worst rise of the hazard rate (anti-MHR: within tolerance). Range: [0, ∞].</param>
/// <param name="Points">Values sampled (atoms included). Range: ≥ 0.</param>
public sealed record ValueSpaceClassification(double RegularStep, double MhrStep, double AntiMhrStep, int Points)
{
    /// <summary>Worst fall of φ (see the record's parameter).</summary>
    public double RegularStep { get; } = Step(RegularStep, nameof(RegularStep));

    /// <summary>Worst fall of h (see the record's parameter).</summary>
    public double MhrStep { get; } = Step(MhrStep, nameof(MhrStep));

    /// <summary>Worst rise of h (see the record's parameter).</summary>
    public double AntiMhrStep { get; } = Step(AntiMhrStep, nameof(AntiMhrStep));

    /// <summary>Values sampled (see the record's parameter).</summary>
    public int Points { get; } = Points >= 0 ? Points : throw new ArgumentOutOfRangeException(nameof(Points), Points, "a count of values is ≥ 0");

    /// <summary>φ non-decreasing up to <see cref="Tolerances.ValueSpace"/>.</summary>
    public bool Regular => RegularStep <= Tolerances.ValueSpace.Relative;

    /// <summary>h non-decreasing up to <see cref="Tolerances.ValueSpace"/>.</summary>
    public bool MonotoneHazardRate => MhrStep <= Tolerances.ValueSpace.Relative;

    /// <summary>h non-increasing up to <see cref="Tolerances.ValueSpace"/>.</summary>
    public bool AntiMonotoneHazardRate => AntiMhrStep <= Tolerances.ValueSpace.Relative;

    /// <summary>The classes and the worst steps in words, e.g. "regular, MHR (worst steps the wrong way: virtual value 0,
    /// hazard rate 0 down and 1 up, over 4001 values)".</summary>
    public override string ToString() =>
        $"{ClassText.Describe(Regular, MonotoneHazardRate, AntiMonotoneHazardRate)} (worst steps the wrong way: virtual value {NumberText.Significant(RegularStep, 2)}, "
        + $"hazard rate {NumberText.Significant(MhrStep, 2)} down and {NumberText.Significant(AntiMhrStep, 2)} up, over {Points} values)";

    private static double Step(double step, string name) =>
        step >= 0 ? step : throw new ArgumentOutOfRangeException(name, step, "a worst step is ≥ 0 (+∞ at a jump to or from an infinity)");
}

/// <summary>The class of a cost distribution G decided in value space (the seller's side of bilateral trade, Appendix D.4):
/// MHR for costs means G/g non-decreasing, i.e. the reverse hazard rate r(c) = g(c)/G(c) non-increasing; regular means the
/// virtual cost c + G(c)/g(c) non-decreasing. The worst step the wrong way of each, relative as in
/// <see cref="ValueSpaceClassification"/>. Validates itself.</summary>
/// <param name="RegularStep">Worst fall of the virtual cost c + G/g. Range: [0, ∞].</param>
/// <param name="MhrStep">Worst rise of the reverse hazard rate g/G. Range: [0, ∞].</param>
/// <param name="Points">Costs sampled (atoms included). Range: ≥ 0.</param>
public sealed record CostSpaceClassification(double RegularStep, double MhrStep, int Points)
{
    /// <summary>Worst fall of the virtual cost (see the record's parameter).</summary>
    public double RegularStep { get; } = RegularStep >= 0 ? RegularStep : throw new ArgumentOutOfRangeException(nameof(RegularStep), RegularStep, "a worst step is ≥ 0");

    /// <summary>Worst rise of g/G (see the record's parameter).</summary>
    public double MhrStep { get; } = MhrStep >= 0 ? MhrStep : throw new ArgumentOutOfRangeException(nameof(MhrStep), MhrStep, "a worst step is ≥ 0");

    /// <summary>Costs sampled (see the record's parameter).</summary>
    public int Points { get; } = Points >= 0 ? Points : throw new ArgumentOutOfRangeException(nameof(Points), Points, "a count of costs is ≥ 0");

    /// <summary>c + G/g non-decreasing up to <see cref="Tolerances.ValueSpace"/>.</summary>
    public bool Regular => RegularStep <= Tolerances.ValueSpace.Relative;

    /// <summary>G/g non-decreasing up to <see cref="Tolerances.ValueSpace"/>.</summary>
    public bool MonotoneHazardRate => MhrStep <= Tolerances.ValueSpace.Relative;
}

/// <summary>
/// Value-space computations that do not go through v(q), V(q) or the grid: Definition 2.2's classes from the density f
/// and the survival function S(v) = P(X &gt; v) on a fine value grid, and a posted price's payoffs from S by quadrature.
/// They check the quantile-space route (chord slopes of R and of v against ln q on the grid, <c>ShapeClassification</c>;
/// V − R at grid points) by an independent one.
/// </summary>
public static class ValueSpace
{
    /// <summary>Quantiles of the sampled value range: values with S(v) or F(v) below this are left out, where f/S and
    /// S/f lose their relative accuracy to cancellation (1 − F computed near 1) rather than to the shape.</summary>
    private const double TailMass = 1e-7;

    /// <summary>The lower tail left out when classifying costs: G = 1 − S(c) is computed from the survival function and
    /// carries its 1e-16 absolute rounding, 1e-11 relative at G = 1e-5 (at 1e-7 it would be 1e-9, the size of the wrong-way
    /// steps the classification looks for).</summary>
    private const double CostLowerTailMass = 1e-5;

    /// <summary>
    /// Classifies F in value space (Def. 2.2): on points spread uniformly and geometrically (from the bottom of the support)
    /// over the values whose tails both carry at least 1e-7 of mass, h = f/S must be monotone and φ = v − S/f
    /// non-decreasing, each up to <see cref="Tolerances.ValueSpace"/> of the two values compared (of v + S/f for φ, the
    /// size of the terms it is computed from).
    /// Where the support has a gap (f = 0 with S &gt; 0) the hazard is 0 and φ = −∞. An atom at a is a point with hazard
    /// +∞ (it holds a positive share of the mass above it) and φ = a (on an atom R'(q) = v): at the top of the support
    /// (a cap) MHR allows it and anti-MHR does not; inside or at the bottom it breaks MHR and regularity.
    /// </summary>
    /// <param name="distribution">F.</param>
    /// <param name="points">Points of each of the two spreads. Range: ≥ 10.</param>
    public static ValueSpaceClassification Classify(IValueDistribution distribution, int points)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var atoms = Atoms(distribution);
        var hazard = new List<(double Value, double Scale)>();
        var virtualValue = new List<(double Value, double Scale)>();
        foreach (double v in Samples(distribution, points, atoms, TailMass))
        {
            double survival = distribution.Survival(v);
            if (atoms.Contains(v))
            {
                hazard.Add((double.PositiveInfinity, 0));
                virtualValue.Add((v, Math.Abs(v)));
                continue;
            }
            if (!(survival > 0)) continue;
            double density = distribution.Density(v);
            if (!(density > 0))
            {
                hazard.Add((0, 0));
                virtualValue.Add((double.NegativeInfinity, 0));
                continue;
            }
            double h = density / survival;
            hazard.Add((h, Math.Abs(h)));
            virtualValue.Add((v - survival / density, Math.Abs(v) + survival / density));
        }
        return new ValueSpaceClassification(WorstStep(virtualValue, increasing: true), WorstStep(hazard, increasing: true),
            WorstStep(hazard, increasing: false), hazard.Count);
    }

    /// <summary>
    /// Classifies G as a distribution of costs (Appendix D.4), from its density and distribution function on the same points
    /// as <see cref="Classify"/>: the reverse hazard rate r = g/G must not rise (MHR costs) and the virtual cost c + G/g
    /// must not fall (regular costs). An atom at a is a point with r = +∞ and virtual cost a: at the bottom of the support
    /// MHR allows it (the mirror image of a cap on values), inside or at the top it breaks both classes. Where the support
    /// has a gap (g = 0 with G &gt; 0) r = 0 and the virtual cost is +∞.
    /// </summary>
    /// <param name="distribution">G, read as a distribution of costs.</param>
    /// <param name="points">Points of each of the two spreads. Range: ≥ 10.</param>
    public static CostSpaceClassification ClassifyCost(IValueDistribution distribution, int points)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var atoms = Atoms(distribution);
        var reverseHazard = new List<(double Value, double Scale)>();
        var virtualCost = new List<(double Value, double Scale)>();
        foreach (double c in Samples(distribution, points, atoms, CostLowerTailMass))
        {
            double below = 1 - distribution.Survival(c); // G(c) = P(C ≤ c)
            if (atoms.Contains(c))
            {
                reverseHazard.Add((double.PositiveInfinity, 0));
                virtualCost.Add((c, Math.Abs(c)));
                continue;
            }
            if (!(below > 0)) continue;
            double density = distribution.Density(c);
            if (!(density > 0))
            {
                reverseHazard.Add((0, 0));
                virtualCost.Add((double.PositiveInfinity, 0));
                continue;
            }
            double r = density / below;
            reverseHazard.Add((r, Math.Abs(r)));
            virtualCost.Add((c + below / density, Math.Abs(c) + below / density));
        }
        return new CostSpaceClassification(WorstStep(virtualCost, increasing: true), WorstStep(reverseHazard, increasing: false), reverseHazard.Count);
    }

    /// <summary>Values where F has an atom (P(X ≥ a) &gt; P(X &gt; a)), looked for at the support's ends and at the values of
    /// the quantile breakpoints (where a flat piece of v, i.e. an atom, begins or ends).</summary>
    public static IReadOnlySet<double> Atoms(IValueDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var candidates = distribution.Breakpoints.Select(distribution.Value).Append(distribution.SupportLow);
        if (double.IsFinite(distribution.SupportHigh)) candidates = candidates.Append(distribution.SupportHigh);
        return candidates.Where(a => distribution.SurvivalInclusive(a) > distribution.Survival(a)).ToHashSet();
    }

    /// <summary>The payoffs of posting <paramref name="price"/> to one buyer from the survival function alone: revenue
    /// p·P(X ≥ p) and surplus E[(X − p)⁺] = ∫_p^∞ P(X &gt; v) dv, by adaptive Gauss–Kronrod quadrature (to
    /// <see cref="Tolerances.Quadrature"/>) split at the values on both sides of every breakpoint, where S may jump or kink
    /// (<see cref="Integrate"/>).</summary>
    public static (double Revenue, double Surplus) PostedPrice(IValueDistribution distribution, double price)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        double revenue = price * distribution.SurvivalInclusive(price);
        return (revenue, Integrate(distribution.Survival, price, distribution.SupportHigh, Kinks(distribution)));
    }

    /// <summary>The values both classifications sample, in increasing order: <paramref name="points"/> + 1 spread uniformly
    /// and as many geometrically from the bottom of the support, over the values with at least 1e-7 of mass above them and
    /// <paramref name="lowerTail"/> below, and every atom.</summary>
    private static IEnumerable<double> Samples(IValueDistribution distribution, int points, IReadOnlySet<double> atoms, double lowerTail)
    {
        double low = distribution.SupportLow;
        double high = Math.Min(distribution.SupportHigh, distribution.Value(TailMass));
        double bottom = distribution.Value(1 - lowerTail);
        var samples = new SortedSet<double>();
        for (int i = 0; i <= points; i++)
        {
            samples.Add(bottom + (high - bottom) * i / points);
            double from = Math.Max(bottom - low, (high - low) * 1e-9);
            samples.Add(low + from * Math.Pow((high - low) / from, (double)i / points));
        }
        return samples.Where(v => v >= bottom && v <= high && !atoms.Contains(v)).Concat(atoms).Order();
    }

    // The largest step against the direction asked for, relative to the larger scale of the two values compared.
    private static double WorstStep(List<(double Value, double Scale)> sequence, bool increasing)
    {
        double worst = 0;
        for (int i = 1; i < sequence.Count; i++)
        {
            var (a, b) = (sequence[i - 1], sequence[i]);
            var (from, to) = increasing ? (a.Value, b.Value) : (b.Value, a.Value);
            if (from <= to) continue;
            if (!double.IsFinite(from) || !double.IsFinite(to)) return double.PositiveInfinity;
            worst = Math.Max(worst, (from - to) / Math.Max(a.Scale, b.Scale));
        }
        return worst;
    }

    /// <summary>The values where S may jump or kink: both sides of every breakpoint of v(q) (an atom's value; at a gap in the
    /// support, its two ends, since v(q) at the breakpoint is the left limit, the upper end). Unordered, may repeat.</summary>
    public static IEnumerable<double> Kinks(IValueDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return distribution.Breakpoints.SelectMany(b => new[] { distribution.Value(b), distribution.Value(Math.BitIncrement(b)) });
    }

    /// <summary>
    /// ∫ f over [<paramref name="from"/>, <paramref name="to"/>] by adaptive Gauss–Kronrod quadrature (to
    /// <see cref="Tolerances.Quadrature"/>) on the pieces between the <paramref name="cuts"/> that lie inside, where f may
    /// jump or kink (adaptive quadrature across a kink can stop early with a wrong error estimate: 7e-6 off on a mixture of
    /// uniforms). An infinite <paramref name="to"/> is left to MathNet's map of [a, ∞) onto a finite interval. 0 when
    /// <paramref name="to"/> ≤ <paramref name="from"/>.
    /// </summary>
    public static double Integrate(Func<double, double> integrand, double from, double to, IEnumerable<double> cuts)
    {
        ArgumentNullException.ThrowIfNull(integrand);
        ArgumentNullException.ThrowIfNull(cuts);
        if (!(to > from)) return 0;
        var points = cuts.Where(v => v > from && v < to).Prepend(from).Append(to).Distinct().Order().ToList();
        double total = 0;
        for (int i = 1; i < points.Count; i++)
            total += MathNet.Numerics.Integrate.GaussKronrod(integrand, points[i - 1], points[i], out _, out _, Tolerances.Quadrature, 15);
        return total;
    }
}
