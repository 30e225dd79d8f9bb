using MathNet.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>Weibull values, F(v) = 1 - exp(-(v/scale)^shape): v(q) = scale·(-ln q)^{1/shape},
/// V(q) = scale·Γ(1 + 1/shape)·Q(1 + 1/shape, -ln q) with Q the regularised upper incomplete gamma.
/// Spec: <c>weibull(shape, scale=1)</c>.</summary>
public sealed class WeibullDistribution : ParametricDistribution
{
    private const string Family = "weibull";
    private readonly WeibullLaw law;

    /// <summary>Weibull with shape k and scale λ.</summary>
    /// <param name="shape">Shape k (k &gt; 1: MHR; k &lt; 1: anti-MHR; k = 1: exponential). Range: &gt; 0, finite.</param>
    /// <param name="scale">Scale λ. Range: &gt; 0, finite.</param>
    /// <exception cref="InputException">A parameter is out of range.</exception>
    public WeibullDistribution(double shape, double scale = 1.0) : base(double.PositiveInfinity)
    {
        ParameterCheck.Positive(Family, "shape", shape);
        ParameterCheck.Positive(Family, "scale", scale);
        law = new WeibullLaw(shape, scale);
        if (!(law.MeanFactor <= ParameterCheck.MaximumMagnitude))
            throw new InputException($"{Family}: shape ({ParameterCheck.Format(shape)}) is too small: the mean overflows");
        Spec = $"{Family}(shape={ParameterCheck.Format(shape)}, scale={ParameterCheck.Format(scale)})";
    }

    /// <summary>Shape k. Range: &gt; 0.</summary>
    public double Shape => law.Shape;

    /// <summary>Scale λ. Range: &gt; 0.</summary>
    public double Scale => law.Scale;

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => 0.0;

    private protected override double BaseValue(double quantile) => law.Value(quantile);

    private protected override double BaseIntegratedValue(double quantile) => law.IntegratedValue(quantile);

    private protected override double BaseSurvival(double value) => law.Survival(value);

    private protected override double BaseDensity(double value) => law.Density(value);
}

/// <summary>The uncapped Weibull law, shared by <see cref="WeibullDistribution"/> and <see cref="Example42Distribution"/>.</summary>
internal sealed class WeibullLaw
{
    public WeibullLaw(double shape, double scale)
    {
        Shape = shape;
        Scale = scale;
        MeanFactor = scale * SpecialFunctions.Gamma(1.0 + 1.0 / shape);
    }

    public double Shape { get; }

    public double Scale { get; }

    /// <summary>scale·Γ(1 + 1/k) = E[v].</summary>
    public double MeanFactor { get; }

    public double Value(double quantile) => Scale * Math.Pow(-Math.Log(quantile), 1.0 / Shape);

    public double IntegratedValue(double quantile)
        => quantile >= 1.0 ? MeanFactor : MeanFactor * GammaDistribution.UpperRegularized(1.0 + 1.0 / Shape, -Math.Log(quantile));

    public double Survival(double value) => value <= 0.0 ? 1.0 : Math.Exp(-Math.Pow(value / Scale, Shape));

    public double Density(double value)
    {
        if (value < 0.0) return 0.0;
        double x = value / Scale;
        return Shape / Scale * Math.Pow(x, Shape - 1.0) * Math.Exp(-Math.Pow(x, Shape));
    }
}
