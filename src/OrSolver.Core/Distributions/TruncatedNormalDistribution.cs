namespace OrSolver.Core.Distributions;

/// <summary>A normal N(mean, sd²) truncated to [low, high]. With α = (low - mean)/sd, β = (high - mean)/sd,
/// Z = P(α &lt; N &lt; β) and z = (v - mean)/sd: P(X &gt; v) = P(z &lt; N &lt; β)/Z and
/// V(q) = mean·q + sd·(φ(z(q)) - φ(β))/Z. Spec: <c>normal(mean, sd, low, high)</c>.</summary>
/// <remarks>Near q = 0 the quantile is solved for the distance d = β - z (not for z), so that d, the survival
/// and φ(z) - φ(β) = φ(β)·expm1(d(β - d/2)) keep their relative accuracy down to q ≈ 1e-300.</remarks>
public sealed class TruncatedNormalDistribution : ParametricDistribution
{
    private const string Family = "normal";
    private const double SmallestDistance = 1e-300;

    // Beyond this many standard deviations an unbounded upper tail holds no mass in double precision.
    private const double UnboundedReach = 40.0;

    // On a support narrower than this many sd the normal is nearly flat, and V = mean·q + sd·Δφ/Z cancels (normal(1, 1, 0, 1e-5)).
    private const double MinimumWidth = 1e-3;

    private readonly double lower;
    private readonly double upper;
    private readonly double mass;

    /// <summary>N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) truncated to [low, high].</summary>
    /// <param name="mean">Mean of the untruncated normal. Range: finite.</param>
    /// <param name="standardDeviation">Standard deviation of the untruncated normal (the spec's <c>sd</c>). Range: &gt; 0, finite.</param>
    /// <param name="low">Lower truncation point. Range: ≥ 0, finite.</param>
    /// <param name="high">Upper truncation point. Range: &gt; low; may be +∞.</param>
    /// <exception cref="InputException">A parameter is out of range, or [low, high] has no probability in double precision.</exception>
    public TruncatedNormalDistribution(double mean, double standardDeviation, double low, double high)
        : base(double.PositiveInfinity)
    {
        ParameterCheck.Finite(Family, "mean", mean);
        ParameterCheck.Positive(Family, "sd", standardDeviation);
        ParameterCheck.NonNegative(Family, "low", low);
        ParameterCheck.Above(Family, "high", high, "low", low, allowInfinite: true);
        MeanParameter = mean;
        StandardDeviation = standardDeviation;
        Low = low;
        High = high;
        if (!((high - low) / standardDeviation >= MinimumWidth))
            throw new InputException(
                $"{Family}: [low, high] = [{ParameterCheck.Format(low)}, {ParameterCheck.Format(high)}] is under {ParameterCheck.Format(MinimumWidth)} sd wide; the normal is flat there: use uniform(low, high)");
        lower = (low - mean) / standardDeviation;
        // A finite top more than UnboundedReach sd above the mean cuts off no mass in double precision: compute as if
        // unbounded (the distance-from-top form loses every digit there, e.g. normal(1, 1, 0, 1e7)).
        double top = (high - mean) / standardDeviation;
        upper = top <= UnboundedReach ? top : double.PositiveInfinity;
        mass = NormalFunctions.Probability(lower, upper);
        if (!(mass >= 1e-300))
            throw new InputException(
                $"{Family}: [low, high] = [{ParameterCheck.Format(low)}, {ParameterCheck.Format(high)}] has negligible probability under N({ParameterCheck.Format(mean)}, {ParameterCheck.Format(standardDeviation)}²)");
        Spec = $"{Family}(mean={ParameterCheck.Format(mean)}, sd={ParameterCheck.Format(standardDeviation)}, low={ParameterCheck.Format(low)}, high={ParameterCheck.Format(high)})";
    }

    /// <summary>Mean of the untruncated normal (the spec's <c>mean</c>; not E[v], which is <see cref="ValueDistribution.Mean"/>). Range: finite.</summary>
    public double MeanParameter { get; }

    /// <summary>Standard deviation of the untruncated normal (the spec's <c>sd</c>). Range: &gt; 0.</summary>
    public double StandardDeviation { get; }

    /// <summary>Lower truncation point, v(1). Range: ≥ 0.</summary>
    public double Low { get; }

    /// <summary>Upper truncation point, v(0). Range: &gt; <see cref="Low"/>, possibly +∞.</summary>
    public double High { get; }

    /// <inheritdoc />
    public override string Spec { get; }

    private protected override double BaseSupportLow => Low;

    private protected override double BaseSupportHigh => High;

    private protected override double BaseValue(double quantile)
    {
        if (quantile <= 0.5)
        {
            if (double.IsPositiveInfinity(upper)) return MeanParameter + StandardDeviation * UpperStandardQuantile(quantile);
            return High - StandardDeviation * DistanceFromTop(quantile);
        }

        return Low + StandardDeviation * DistanceFromBottom(quantile);
    }

    private protected override double BaseIntegratedValue(double quantile)
    {
        double difference;
        if (quantile >= 1.0)
        {
            difference = double.IsPositiveInfinity(upper)
                ? NormalFunctions.Density(lower)
                : NormalFunctions.DensityDifference(upper, upper - lower);
        }
        else if (quantile <= 0.5)
        {
            difference = double.IsPositiveInfinity(upper)
                ? NormalFunctions.Density(UpperStandardQuantile(quantile))
                : NormalFunctions.DensityDifference(upper, DistanceFromTop(quantile));
        }
        else
        {
            double e = DistanceFromBottom(quantile);
            difference = double.IsPositiveInfinity(upper)
                ? NormalFunctions.Density(lower + e)
                : NormalFunctions.DensityDifference(upper, (upper - lower) - e);
        }

        return MeanParameter * quantile + StandardDeviation * difference / mass;
    }

    private protected override double BaseSurvival(double value)
    {
        if (value <= Low) return 1.0;
        if (value >= High) return 0.0;
        double probability;
        if (double.IsPositiveInfinity(upper))
        {
            probability = NormalFunctions.UpperTail((value - MeanParameter) / StandardDeviation);
        }
        else
        {
            // The distance to the top keeps the digits of a small survival; a large one is the complement.
            probability = NormalFunctions.ProbabilityBelow(upper, (High - value) / StandardDeviation);
            if (probability > 0.5 * mass)
                probability = mass - NormalFunctions.ProbabilityAbove(lower, (value - Low) / StandardDeviation);
        }

        return Math.Clamp(probability / mass, 0.0, 1.0);
    }

    private protected override double BaseDensity(double value)
    {
        if (value < Low || value > High) return 0.0;
        return NormalFunctions.Density((value - MeanParameter) / StandardDeviation) / (StandardDeviation * mass);
    }

    /// <summary>z with P(N &gt; z) = q·Z, for an unbounded upper end.</summary>
    private double UpperStandardQuantile(double quantile)
        => Math.Sqrt(2.0) * MathNet.Numerics.SpecialFunctions.ErfcInv(2.0 * quantile * mass);

    /// <summary>d = β - z(q) with P(β - d &lt; N &lt; β) = q·Z, for a finite upper end.</summary>
    private double DistanceFromTop(double quantile)
    {
        double target = quantile * mass;
        if (!(target > 0.0)) return 0.0;
        double logTarget = Math.Log(target);
        double width = upper - lower;
        double guess = Math.Min(width, target / Math.Max(NormalFunctions.Density(upper), 1e-300));
        return RootSolver.SolveIncreasingPositive(
            d => Math.Log(NormalFunctions.ProbabilityBelow(upper, d)) - logTarget,
            guess, Math.Min(SmallestDistance, width), width);
    }

    /// <summary>e = z(q) - α with P(α &lt; N &lt; α + e) = (1 - q)·Z (1 - q is exact for q ≥ 1/2).</summary>
    private double DistanceFromBottom(double quantile)
    {
        double target = (1.0 - quantile) * mass;
        if (!(target > 0.0)) return 0.0;
        double logTarget = Math.Log(target);
        double width = double.IsPositiveInfinity(upper) ? Math.Max(0.0, -lower) + UnboundedReach : upper - lower;
        double guess = Math.Min(width, target / Math.Max(NormalFunctions.Density(lower), 1e-300));
        return RootSolver.SolveIncreasingPositive(
            e => Math.Log(NormalFunctions.ProbabilityAbove(lower, Math.Min(e, upper - lower))) - logTarget,
            guess, Math.Min(SmallestDistance, width), width);
    }
}
