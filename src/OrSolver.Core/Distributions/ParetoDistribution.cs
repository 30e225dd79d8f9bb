namespace OrSolver.Core.Distributions;

/// <summary>Pareto type I values, F(v) = 1 - (scale/v)^α on [scale, ∞), optionally capped:
/// v(q) = min(cap, scale·q^{-1/α}), V(q) = scale·q^{1-1/α}/(1 - 1/α) uncapped (needs α &gt; 1).
/// Spec: <c>pareto(alpha, scale=1, cap=inf)</c>.</summary>
public sealed class ParetoDistribution : ParametricDistribution
{
    private const string Family = "pareto";

    /// <summary>Pareto type I with tail index α, scale s and an optional cap.</summary>
    /// <param name="alpha">Tail index α. Range: (0, 10⁴]; &gt; 1 unless capped (finite mean).</param>
    /// <param name="scale">Scale s, the lowest value. Range: &gt; 0, finite.</param>
    /// <param name="cap">Cap (atom of mass (s/cap)^α there). Range: &gt; scale, or +∞ for none.</param>
    /// <exception cref="InputException">A parameter is out of range, or the mean is infinite.</exception>
    public ParetoDistribution(double alpha, double scale = 1.0, double cap = double.PositiveInfinity) : base(cap)
    {
        ParameterCheck.InRange(Family, "alpha", alpha, ParameterCheck.MinimumScale, PowerLaw.MaximumTailIndex);
        ParameterCheck.Positive(Family, "scale", scale);
        ParameterCheck.Cap(Family, cap, scale);
        ParameterCheck.FiniteMean(Family, alpha, scale, cap);

        Alpha = alpha;
        Scale = scale;
        Spec = $"{Family}(alpha={ParameterCheck.Format(alpha)}, scale={ParameterCheck.Format(scale)}{CapSuffix(cap)})";
    }

    /// <summary>Tail index α. Range: &gt; 0.</summary>
    public double Alpha { get; }

    /// <summary>Scale s = v(1). Range: &gt; 0.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    internal static string CapSuffix(double cap)
        => double.IsPositiveInfinity(cap) ? string.Empty : $", cap={ParameterCheck.Format(cap)}";

    private protected override double BaseSupportLow => Scale;

    private protected override double BaseRevenueAtZero => Alpha == 1.0 ? Scale : Alpha < 1.0 ? double.PositiveInfinity : 0.0;

    private protected override double BaseValue(double quantile) => Scale * Math.Pow(quantile, -1.0 / Alpha);

    private protected override double BaseIntegratedValue(double quantile) => BaseIntegral(0.0, quantile);

    private protected override double BaseIntegral(double from, double to) => Scale * PowerLaw.Integral(from, to, -1.0 / Alpha);

    private protected override double BaseSurvival(double value) => value <= Scale ? 1.0 : Math.Pow(Scale / value, Alpha);

    private protected override double BaseDensity(double value) => value < Scale ? 0.0 : Alpha / value * Math.Pow(Scale / value, Alpha);
}
