namespace OrSolver.Core.Distributions;

/// <summary>Exponential values, F(v) = 1 - e^{-rate·v}: v(q) = -ln(q)/rate, V(q) = (q - q·ln q)/rate.
/// Spec: <c>exponential(rate)</c>.</summary>
public sealed class ExponentialDistribution : ParametricDistribution
{
    private const string Family = "exponential";

    /// <summary>Exponential with the given rate (mean 1/rate).</summary>
    /// <param name="rate">Rate λ. Range: &gt; 0, finite.</param>
    /// <exception cref="InputException">The rate is out of range.</exception>
    public ExponentialDistribution(double rate) : base(double.PositiveInfinity)
    {
        ParameterCheck.Positive(Family, "rate", rate);
        Rate = rate;
        Spec = $"{Family}(rate={ParameterCheck.Format(rate)})";
    }

    /// <summary>Rate λ (the hazard rate, constant). Range: &gt; 0.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => 0.0;

    private protected override double BaseValue(double quantile) => -Math.Log(quantile) / Rate;

    private protected override double BaseIntegratedValue(double quantile) => quantile * (1.0 - Math.Log(quantile)) / Rate;

    private protected override double BaseSurvival(double value) => value <= 0.0 ? 1.0 : Math.Exp(-Rate * value);

    private protected override double BaseDensity(double value) => value < 0.0 ? 0.0 : Rate * Math.Exp(-Rate * value);
}
