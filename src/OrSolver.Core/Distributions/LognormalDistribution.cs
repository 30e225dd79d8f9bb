using MathNet.Numerics.Distributions;

namespace OrSolver.Core.Distributions;

/// <summary>Lognormal values, ln v ~ N(μ, σ²), optionally capped: v(q) = min(cap, e^{μ - σ·Φ⁻¹(q)}),
/// V(q) = e^{μ + σ²/2}·Φ(σ + Φ⁻¹(q)) uncapped. Spec: <c>lognormal(mu, sigma, cap=inf)</c>.</summary>
public sealed class LognormalDistribution : ParametricDistribution
{
    private const string Family = "lognormal";
    private readonly double meanFactor;

    /// <summary>Lognormal with log-mean μ, log-standard-deviation σ and an optional cap.</summary>
    /// <param name="mu">Mean μ of ln v. Range: finite.</param>
    /// <param name="sigma">Standard deviation σ of ln v. Range: &gt; 0, finite.</param>
    /// <param name="cap">Cap (atom there). Range: &gt; 0, or +∞ for none.</param>
    /// <exception cref="InputException">A parameter is out of range.</exception>
    public LognormalDistribution(double mu, double sigma, double cap = double.PositiveInfinity) : base(cap)
    {
        ParameterCheck.Finite(Family, "mu", mu);
        ParameterCheck.Positive(Family, "sigma", sigma);
        ParameterCheck.Cap(Family, cap, 0.0);
        Mu = mu;
        Sigma = sigma;
        meanFactor = Math.Exp(mu + 0.5 * sigma * sigma);
        if (!(meanFactor <= ParameterCheck.MaximumMagnitude && meanFactor >= ParameterCheck.MinimumScale))
            throw new InputException($"{Family}: the mean e^(mu + sigma²/2) of the uncapped law is outside [{ParameterCheck.Format(ParameterCheck.MinimumScale)}, {ParameterCheck.Format(ParameterCheck.MaximumMagnitude)}] (mu={ParameterCheck.Format(mu)}, sigma={ParameterCheck.Format(sigma)})");
        Spec = $"{Family}(mu={ParameterCheck.Format(mu)}, sigma={ParameterCheck.Format(sigma)}{ParetoDistribution.CapSuffix(cap)})";
    }

    /// <summary>Mean μ of ln v. Range: finite.</summary>
    public double Mu { get; }

    /// <summary>Standard deviation σ of ln v. Range: &gt; 0.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => 0.0;

    // Φ⁻¹(q) directly (not -Φ⁻¹(1 - q)): MathNet's InvCDF goes through erfc⁻¹(2q), accurate for q near 0.
    private protected override double BaseValue(double quantile) => Math.Exp(Mu - Sigma * Normal.InvCDF(0.0, 1.0, quantile));

    private protected override double BaseIntegratedValue(double quantile)
        => quantile >= 1.0 ? meanFactor : meanFactor * NormalFunctions.Cdf(Sigma + Normal.InvCDF(0.0, 1.0, quantile));

    /// <summary>∫_a^b v₀ = e^{μ+σ²/2}·P(σ + Φ⁻¹(a) &lt; N &lt; σ + Φ⁻¹(b)): as one interval probability, not the difference of two
    /// values of V₀, which cancel to nothing when σ is large (both Φ near 1, e.g. σ = 7 with a cap).</summary>
    private protected override double BaseIntegral(double from, double to)
    {
        double top = to >= 1.0 ? double.PositiveInfinity : Sigma + Normal.InvCDF(0.0, 1.0, to);
        return from <= 0.0 ? BaseIntegratedValue(to) : meanFactor * NormalFunctions.Probability(Sigma + Normal.InvCDF(0.0, 1.0, from), top);
    }

    private protected override double BaseSurvival(double value)
        => value <= 0.0 ? 1.0 : NormalFunctions.UpperTail((Math.Log(value) - Mu) / Sigma);

    private protected override double BaseDensity(double value)
        => value <= 0.0 ? 0.0 : NormalFunctions.Density((Math.Log(value) - Mu) / Sigma) / (Sigma * value);
}
