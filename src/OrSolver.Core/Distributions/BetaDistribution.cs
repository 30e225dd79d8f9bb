using MathNet.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>Beta(a, b) values scaled to [low, high]: v = low + (high - low)·y, y ~ Beta(a, b).
/// With w = 1 - y, P(X &gt; v) = I_w(b, a) and V(q) = low·q + (high - low)·(a/(a + b))·I_w(b, a + 1): the
/// upper tail is written through the symmetry I_y(a, b) = 1 - I_{1-y}(b, a) so q near 0 keeps its digits.
/// Spec: <c>beta(a, b, low=0, high=1)</c>.</summary>
public sealed class BetaDistribution : ParametricDistribution
{
    private const string Family = "beta";
    private const double SmallestFraction = 1e-300;

    // Outside [0.1, 10⁴] MathNet's regularised incomplete beta loses digits near 1 (V of beta(2, 0.01) is off by
    // 1e-7) and its inversion returns NaN (beta(5.25, 1e307)).
    private const double MinimumShape = 0.1;
    private const double MaximumShape = 1e4;
    private readonly double logBeta;

    /// <summary>Beta(<paramref name="shapeA"/>, <paramref name="shapeB"/>) on [low, high].</summary>
    /// <param name="shapeA">First shape a (the spec's <c>a</c>). Range: [0.1, 10⁴].</param>
    /// <param name="shapeB">Second shape b (the spec's <c>b</c>). Range: [0.1, 10⁴].</param>
    /// <param name="low">Lowest value. Range: ≥ 0, finite.</param>
    /// <param name="high">Highest value. Range: &gt; low, finite.</param>
    /// <exception cref="InputException">A parameter is out of range.</exception>
    public BetaDistribution(double shapeA, double shapeB, double low = 0.0, double high = 1.0) : base(double.PositiveInfinity)
    {
        ParameterCheck.InRange(Family, "a", shapeA, MinimumShape, MaximumShape);
        ParameterCheck.InRange(Family, "b", shapeB, MinimumShape, MaximumShape);
        ParameterCheck.NonNegative(Family, "low", low);
        ParameterCheck.Above(Family, "high", high, "low", low);
        ShapeA = shapeA;
        ShapeB = shapeB;
        Low = low;
        High = high;
        logBeta = SpecialFunctions.BetaLn(shapeA, shapeB);
        Spec = $"{Family}(a={ParameterCheck.Format(shapeA)}, b={ParameterCheck.Format(shapeB)}, low={ParameterCheck.Format(low)}, high={ParameterCheck.Format(high)})";
    }

    /// <summary>First shape a. Range: &gt; 0.</summary>
    public double ShapeA { get; }

    /// <summary>Second shape b. Range: &gt; 0.</summary>
    public double ShapeB { get; }

    /// <summary>Lowest value, v(1). Range: ≥ 0.</summary>
    public double Low { get; }

    /// <summary>Highest value, v(0). Range: &gt; <see cref="Low"/>.</summary>
    public double High { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private double Width => High - Low;

    private double MeanFraction => ShapeA / (ShapeA + ShapeB);

    private protected override double BaseSupportLow => Low;

    private protected override double BaseSupportHigh => High;

    private protected override double BaseValue(double quantile)
        => quantile <= 0.5 ? High - Width * UpperFraction(quantile) : Low + Width * LowerFraction(quantile);

    private protected override double BaseIntegratedValue(double quantile)
    {
        double upperMean;
        if (quantile >= 1.0) upperMean = MeanFraction;
        else if (quantile <= 0.5)
        {
            double w = UpperFraction(quantile);
            // w below the representable range: v(t) = high for every t ≤ q, to double precision.
            if (w <= SmallestFraction) return High * quantile;
            upperMean = MeanFraction * SpecialFunctions.BetaRegularized(ShapeB, ShapeA + 1.0, w);
        }
        else upperMean = MeanFraction * (1.0 - SpecialFunctions.BetaRegularized(ShapeA + 1.0, ShapeB, LowerFraction(quantile)));
        return Low * quantile + Width * upperMean;
    }

    private protected override double BaseSurvival(double value)
    {
        if (value <= Low) return 1.0;
        if (value >= High) return 0.0;
        return SpecialFunctions.BetaRegularized(ShapeB, ShapeA, (High - value) / Width);
    }

    private protected override double BaseDensity(double value)
    {
        if (value < Low || value > High) return 0.0;
        double y = (value - Low) / Width, w = (High - value) / Width;
        return Math.Exp((ShapeA - 1.0) * Math.Log(y) + (ShapeB - 1.0) * Math.Log(w) - logBeta) / Width;
    }

    /// <summary>w = 1 - y(q) with I_w(b, a) = q (q ≤ 1/2).</summary>
    private double UpperFraction(double quantile)
    {
        double logTarget = Math.Log(quantile);
        // I_w(b, a) ≈ w^b / (b·B(a, b)) for small w.
        double guess = Math.Min(0.5, Math.Exp((logTarget + Math.Log(ShapeB) + logBeta) / ShapeB));
        return RootSolver.SolveIncreasingPositive(
            w => Math.Log(SpecialFunctions.BetaRegularized(ShapeB, ShapeA, w)) - logTarget, guess, SmallestFraction, 1.0);
    }

    /// <summary>y(q) with I_y(a, b) = 1 - q (q &gt; 1/2, so 1 - q is exact).</summary>
    private double LowerFraction(double quantile)
    {
        double logTarget = Math.Log(1.0 - quantile);
        double guess = Math.Min(0.5, Math.Exp((logTarget + Math.Log(ShapeA) + logBeta) / ShapeA));
        return RootSolver.SolveIncreasingPositive(
            y => Math.Log(SpecialFunctions.BetaRegularized(ShapeA, ShapeB, y)) - logTarget, guess, SmallestFraction, 1.0);
    }
}
