using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>Lomax (Pareto type II) values, F(v) = 1 - (1 + v/scale)^{-α} on [0, ∞), optionally capped:
/// v(q) = min(cap, scale·(q^{-1/α} - 1)), V(q) = scale·(q^{1-1/α}/(1 - 1/α) - q) uncapped (needs α &gt; 1).
/// Spec: <c>lomax(alpha, scale=1, cap=inf)</c>.</summary>
public sealed class LomaxDistribution : ParametricDistribution
{
    private const string Family = "lomax";

    /// <summary>Lomax with tail index α, scale s and an optional cap.</summary>
    /// <param name="alpha">Tail index α. Range: (0, 10⁴]; &gt; 1 unless capped (finite mean).</param>
    /// <param name="scale">Scale s. Range: &gt; 0, finite.</param>
    /// <param name="cap">Cap (atom of mass (1 + cap/s)^{-α} there). Range: &gt; 0, or +∞ for none.</param>
    /// <exception cref="InputException">A parameter is out of range, or the mean is infinite.</exception>
    public LomaxDistribution(double alpha, double scale = 1.0, double cap = double.PositiveInfinity) : base(cap)
    {
        ParameterCheck.InRange(Family, "alpha", alpha, ParameterCheck.MinimumScale, PowerLaw.MaximumTailIndex);
        ParameterCheck.Positive(Family, "scale", scale);
        ParameterCheck.Cap(Family, cap, 0.0);
        ParameterCheck.FiniteMean(Family, alpha, scale, cap);

        Alpha = alpha;
        Scale = scale;
        Spec = $"{Family}(alpha={ParameterCheck.Format(alpha)}, scale={ParameterCheck.Format(scale)}{ParetoDistribution.CapSuffix(cap)})";
    }

    /// <summary>Tail index α. Range: &gt; 0.</summary>
    public double Alpha { get; }

    /// <summary>Scale s. Range: &gt; 0.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => 0.0;

    private protected override double BaseRevenueAtZero => Alpha == 1.0 ? Scale : Alpha < 1.0 ? double.PositiveInfinity : 0.0;

    // expm1 keeps the digits of small values near q = 1.
    private protected override double BaseValue(double quantile) => Scale * AccurateFunctions.ExpMinusOne(-Math.Log(quantile) / Alpha);

    private protected override double BaseIntegratedValue(double quantile) => BaseIntegral(0.0, quantile);

    private protected override double BaseIntegral(double from, double to)
        => Scale * (PowerLaw.Integral(from, to, -1.0 / Alpha) - (to - from));

    private protected override double BaseSurvival(double value)
        => value <= 0.0 ? 1.0 : Math.Exp(-Alpha * SpecialFunctions.Log1p(value / Scale));

    private protected override double BaseDensity(double value)
        => value < 0.0 ? 0.0 : Alpha / Scale * Math.Exp(-(Alpha + 1.0) * SpecialFunctions.Log1p(value / Scale));
}
