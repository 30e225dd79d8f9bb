namespace OrSolver.Core.Distributions;

/// <summary>Uniform values on [low, high]: v(q) = high - q·(high - low), V(q) = q·high - (high - low)·q²/2.
/// Spec: <c>uniform(low, high)</c>.</summary>
public sealed class UniformDistribution : ParametricDistribution
{
    private const string Family = "uniform";

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="low">Lowest value. Range: ≥ 0, finite.</param>
    /// <param name="high">Highest value. Range: &gt; low, finite.</param>
    /// <exception cref="InputException">A parameter is out of range.</exception>
    public UniformDistribution(double low, double high) : base(double.PositiveInfinity)
    {
        ParameterCheck.NonNegative(Family, "low", low);
        ParameterCheck.Above(Family, "high", high, "low", low);
        Low = low;
        High = high;
        Spec = $"{Family}(low={ParameterCheck.Format(low)}, high={ParameterCheck.Format(high)})";
    }

    /// <summary>Lowest value, v(1). Range: ≥ 0.</summary>
    public double Low { get; }

    /// <summary>Highest value, v(0). Range: &gt; <see cref="Low"/>.</summary>
    public double High { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private double Width => High - Low;

    private protected override double BaseSupportLow => Low;

    private protected override double BaseSupportHigh => High;

    // Each form is exact at its own end of the quantile range (1 - q is exact for q ≥ 1/2).
    private protected override double BaseValue(double quantile)
        => quantile <= 0.5 ? High - quantile * Width : Low + (1.0 - quantile) * Width;

    private protected override double BaseIntegratedValue(double quantile) => quantile * (High - 0.5 * Width * quantile);

    private protected override double BaseIntegral(double from, double to)
        => (to - from) * (High - 0.5 * Width * (from + to));

    private protected override double BaseSurvival(double value)
    {
        if (value <= Low) return 1.0;
        return value >= High ? 0.0 : (High - value) / Width;
    }

    private protected override double BaseDensity(double value) => value >= Low && value <= High ? 1.0 / Width : 0.0;
}
