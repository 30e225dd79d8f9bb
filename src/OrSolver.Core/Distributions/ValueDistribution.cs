namespace OrSolver.Core.Distributions;

/// <summary>
/// Common base of the value distributions of this namespace (method.md §1.2, §11). Validates arguments, derives
/// R(q) = q·v(q) and E[v] = V(1) from the family's v and V, and is immutable: every parameter is checked
/// when the distribution is built (bad user parameters raise <see cref="InputException"/>).
/// </summary>
public abstract class ValueDistribution : IValueDistribution
{
    private readonly Lazy<double> mean;

    private protected ValueDistribution()
    {
        mean = new Lazy<double>(() => IntegratedValueCore(1.0));
    }

    /// <inheritdoc />
    public abstract string Spec { get; }

    /// <inheritdoc />
    public double RevenueAtZero => RevenueAtZeroCore;

    /// <inheritdoc />
    public double Mean => mean.Value;

    /// <inheritdoc />
    public abstract double SupportLow { get; }

    /// <inheritdoc />
    public abstract double SupportHigh { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<double> Breakpoints { get; }

    /// <summary>v(q) = sup{v : P(value ≥ v) ≥ q}: F⁻¹(1 - q), taking the left limit in q (the upper edge of a gap)
    /// where v jumps. v(0) = <see cref="SupportHigh"/>, v(1) = <see cref="SupportLow"/>. Range of q: [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">q is outside [0, 1] or NaN.</exception>
    public double Value(double quantile)
    {
        CheckQuantile(quantile);
        if (quantile == 0.0) return SupportHigh;
        if (quantile == 1.0) return SupportLow;
        return ValueCore(quantile);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">q is outside [0, 1] or NaN.</exception>
    public double IntegratedValue(double quantile)
    {
        CheckQuantile(quantile);
        return quantile == 0.0 ? 0.0 : IntegratedValueCore(quantile);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">q is outside [0, 1] or NaN.</exception>
    public double Revenue(double quantile)
    {
        CheckQuantile(quantile);
        return quantile == 0.0 ? RevenueAtZero : quantile * Value(quantile);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">v is NaN.</exception>
    public double Survival(double value)
    {
        CheckValue(value);
        return SurvivalCore(value);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">v is NaN.</exception>
    public double SurvivalInclusive(double value)
    {
        CheckValue(value);
        return SurvivalInclusiveCore(value);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">v is NaN.</exception>
    public double Density(double value)
    {
        CheckValue(value);
        return DensityCore(value);
    }

    /// <summary>The canonical spec, <see cref="Spec"/>.</summary>
    public override string ToString() => Spec;

    /// <summary>R(0) = lim_{q→0} q·v(q).</summary>
    private protected abstract double RevenueAtZeroCore { get; }

    /// <summary>v(q) for q strictly inside (0, 1).</summary>
    private protected abstract double ValueCore(double quantile);

    /// <summary>V(q) for q in (0, 1].</summary>
    private protected abstract double IntegratedValueCore(double quantile);

    private protected abstract double SurvivalCore(double value);

    private protected abstract double SurvivalInclusiveCore(double value);

    private protected abstract double DensityCore(double value);

    private static void CheckQuantile(double quantile)
    {
        if (!(quantile >= 0.0 && quantile <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile must lie in [0, 1].");
    }

    private static void CheckValue(double value)
    {
        if (double.IsNaN(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A value must not be NaN.");
    }
}
