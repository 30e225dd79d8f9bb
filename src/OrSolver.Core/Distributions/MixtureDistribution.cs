namespace OrSolver.Core.Distributions;

/// <summary>One weighted component of a <see cref="MixtureDistribution"/>.</summary>
/// <param name="Weight">Mixture weight w_i. Range: &gt; 0, finite; the weights of a mixture sum to 1.</param>
/// <param name="Distribution">The component law (not itself a mixture).</param>
public sealed record MixtureComponent(double Weight, IValueDistribution Distribution);

/// <summary>
/// A finite mixture Σ w_i F_i. With S_i(v) = P(X_i &gt; v): v(q) = sup{v : Σ w_i P(X_i ≥ v) ≥ q}, found by bracketing
/// between the components' atoms and support ends and MathNet's Brent inside; V(q) = Σ w_i V_i(S_i(v*)) +
/// v*·(q - Σ w_i S_i(v*)) with v* = v(q), exact also when v* is an atom or the upper edge of a gap.
/// Spec: <c>mixture(w1*D1, w2*D2, ...)</c>.
/// </summary>
public sealed class MixtureDistribution : ValueDistribution
{
    private const string Family = "mixture";

    /// <summary>Tolerance on Σ w_i = 1 (method.md §11.2).</summary>
    public const double WeightSumTolerance = 1e-9;

    // Breakpoints closer than this (relative) are one breakpoint: they differ by rounding only.
    private const double BreakpointMergeRelative = 4e-16;

    private readonly double[] weights;
    private readonly IValueDistribution[] laws;
    private readonly double[] specialValues;
    private readonly double[] survivalAtSpecial;
    private readonly double[] inclusiveAtSpecial;
    private readonly IReadOnlyList<double> breakpoints;

    /// <summary>Mixture of the given components, weights used as given after dividing by their sum.</summary>
    /// <param name="components">Components, at least one; weights &gt; 0 summing to 1 within <see cref="WeightSumTolerance"/>;
    /// no component may itself be a mixture.</param>
    /// <exception cref="InputException">A weight is out of range, the weights do not sum to 1, or a component is a mixture.</exception>
    public MixtureDistribution(IReadOnlyList<MixtureComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0) throw new InputException($"{Family}: needs at least one component, e.g. {Family}(0.5*uniform(0, 1), 0.5*exponential(1))");
        double sum = 0.0;
        foreach (var component in components)
        {
            ArgumentNullException.ThrowIfNull(component);
            ArgumentNullException.ThrowIfNull(component.Distribution);
            if (!(component.Weight > 0.0) || !double.IsFinite(component.Weight))
                throw new InputException($"{Family}: weight ({ParameterCheck.Format(component.Weight)}) of {component.Distribution.Spec} must be a positive number");
            if (component.Distribution is MixtureDistribution)
                throw new InputException($"{Family}: a component cannot itself be a mixture ({component.Distribution.Spec}); list its components instead");
            sum += component.Weight;
        }

        if (Math.Abs(sum - 1.0) > WeightSumTolerance)
            throw new InputException($"{Family}: weights must sum to 1 (they sum to {ParameterCheck.Format(sum)})");

        Components = components.ToArray();
        weights = components.Select(c => c.Weight / sum).ToArray();
        laws = components.Select(c => c.Distribution).ToArray();
        Spec = $"{Family}({string.Join(", ", components.Select(c => $"{ParameterCheck.Format(c.Weight)}*{c.Distribution.Spec}"))})";
        SupportLow = laws.Min(d => d.SupportLow);
        SupportHigh = laws.Max(d => d.SupportHigh);
        RevenueAtZeroValue = Enumerable.Range(0, laws.Length).Sum(i => weights[i] * laws[i].RevenueAtZero);

        specialValues = SpecialValues(laws);
        survivalAtSpecial = specialValues.Select(MixtureSurvival).ToArray();
        inclusiveAtSpecial = specialValues.Select(MixtureSurvivalInclusive).ToArray();
        breakpoints = Array.AsReadOnly(MergedBreakpoints(survivalAtSpecial.Concat(inclusiveAtSpecial)));
    }

    /// <summary>The components as given (weights before normalisation).</summary>
    public IReadOnlyList<MixtureComponent> Components { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    /// <inheritdoc />
    public override double SupportLow { get; }

    /// <inheritdoc />
    public override double SupportHigh { get; }

    /// <summary>The mixture quantiles P(X &gt; u) and P(X ≥ u) of every component's support ends, atoms and
    /// breakpoint values u, inside (0, 1).</summary>
    public override IReadOnlyList<double> Breakpoints => breakpoints;

    private double RevenueAtZeroValue { get; }

    private protected override double RevenueAtZeroCore => RevenueAtZeroValue;

    private protected override double ValueCore(double quantile)
    {
        // Last special value u_k with P(X ≥ u_k) ≥ q: v(q) lies in [u_k, u_{k+1}), where S is continuous.
        int k = LastIndexAtLeast(inclusiveAtSpecial, quantile);
        double lowerEnd = specialValues[k];
        if (survivalAtSpecial[k] < quantile) return lowerEnd;
        double upperEnd = k + 1 < specialValues.Length ? specialValues[k + 1] : UnboundedUpperBracket(quantile, lowerEnd);
        double residual(double v) => MixtureSurvival(v) / quantile - 1.0;
        if (residual(upperEnd) >= 0.0) return upperEnd;
        return RootSolver.Solve(residual, lowerEnd, upperEnd, 1e-300);
    }

    private protected override double IntegratedValueCore(double quantile)
    {
        double total = 0.0;
        if (quantile >= 1.0)
        {
            for (int i = 0; i < laws.Length; i++) total += weights[i] * laws[i].Mean;
            return total;
        }

        double value = ValueCore(quantile);
        double survival = 0.0;
        for (int i = 0; i < laws.Length; i++)
        {
            double componentQuantile = laws[i].Survival(value);
            survival += weights[i] * componentQuantile;
            total += weights[i] * laws[i].IntegratedValue(componentQuantile);
        }

        // The mass between P(X > v*) and q sits at v* (an atom, or rounding of the root).
        return total + value * (quantile - survival);
    }

    private protected override double SurvivalCore(double value) => MixtureSurvival(value);

    private protected override double SurvivalInclusiveCore(double value) => MixtureSurvivalInclusive(value);

    private protected override double DensityCore(double value)
    {
        double total = 0.0;
        for (int i = 0; i < laws.Length; i++) total += weights[i] * laws[i].Density(value);
        return total;
    }

    private double MixtureSurvival(double value)
    {
        double total = 0.0;
        for (int i = 0; i < laws.Length; i++) total += weights[i] * laws[i].Survival(value);
        return Math.Min(1.0, total);
    }

    private double MixtureSurvivalInclusive(double value)
    {
        double total = 0.0;
        for (int i = 0; i < laws.Length; i++) total += weights[i] * laws[i].SurvivalInclusive(value);
        return Math.Min(1.0, total);
    }

    /// <summary>A value above v(q) when the last piece is unbounded: at max_i v_i(q) every S_i ≤ q, so S ≤ q.</summary>
    private double UnboundedUpperBracket(double quantile, double lowerEnd)
    {
        double bound = laws.Max(d => d.Value(quantile));
        if (!double.IsFinite(bound)) bound = double.MaxValue;
        double upper = Math.Max(bound, lowerEnd);
        for (int i = 0; i < 64 && MixtureSurvival(upper) > quantile && upper < double.MaxValue / 2; i++)
            upper = 2.0 * upper + 1.0;
        return upper;
    }

    private static int LastIndexAtLeast(double[] nonIncreasing, double quantile)
    {
        int lo = 0, hi = nonIncreasing.Length - 1;
        if (nonIncreasing[hi] >= quantile) return hi;
        while (hi - lo > 1)
        {
            int middle = (lo + hi) / 2;
            if (nonIncreasing[middle] >= quantile) lo = middle;
            else hi = middle;
        }

        return lo;
    }

    private static double[] SpecialValues(IValueDistribution[] laws)
    {
        var values = new SortedSet<double>();
        foreach (var law in laws)
        {
            values.Add(law.SupportLow);
            if (double.IsFinite(law.SupportHigh)) values.Add(law.SupportHigh);
            foreach (double q in law.Breakpoints) values.Add(law.Value(q));
        }

        // Values below the mixture's support low end cannot occur (each low end is in the set).
        return values.Where(double.IsFinite).ToArray();
    }

    private static double[] MergedBreakpoints(IEnumerable<double> quantiles)
    {
        var sorted = quantiles.Where(q => q > 0.0 && q < 1.0).Order().ToList();
        var merged = new List<double>();
        foreach (double q in sorted)
        {
            if (merged.Count > 0 && q - merged[^1] <= BreakpointMergeRelative * q) continue;
            merged.Add(q);
        }

        return merged.ToArray();
    }
}
