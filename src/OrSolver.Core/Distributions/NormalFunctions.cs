using MathNet.Numerics;
using MathNet.Numerics.Integration;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>Standard normal φ, Φ, Φ̄ and interval probabilities, each accurate to a few ulps relative in the tails.</summary>
internal static class NormalFunctions
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    public static double Density(double z) => InverseSqrtTwoPi * Math.Exp(-0.5 * z * z);

    /// <summary>Φ(z) = P(N ≤ z), via erfc so that the lower tail keeps its relative accuracy.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2.0));

    /// <summary>Φ̄(z) = P(N &gt; z), via erfc so that the upper tail keeps its relative accuracy.</summary>
    public static double UpperTail(double z) => 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2.0));

    /// <summary>P(z1 &lt; N &lt; z2) for z1 ≤ z2 (z2 may be +∞).</summary>
    public static double Probability(double z1, double z2)
    {
        if (!(z2 > z1)) return 0.0;
        if (double.IsPositiveInfinity(z2)) return UpperTail(z1);
        return ProbabilityAbove(z1, z2 - z1);
    }

    /// <summary>P(top - width &lt; N &lt; top) for width ≥ 0, with the width passed separately so that a tiny width
    /// keeps its digits (top - width would round them away).</summary>
    public static double ProbabilityBelow(double top, double width)
    {
        if (!(width > 0.0)) return 0.0;
        if (IsShort(top, width)) return GaussLegendreRule.Integrate(s => Density(top - s), 0.0, width, QuadratureOrder);
        return Difference(top - width, top);
    }

    /// <summary>P(bottom &lt; N &lt; bottom + width) for width ≥ 0 (width may be +∞).</summary>
    public static double ProbabilityAbove(double bottom, double width)
    {
        if (!(width > 0.0)) return 0.0;
        if (double.IsPositiveInfinity(width)) return UpperTail(bottom);
        if (IsShort(bottom, width)) return GaussLegendreRule.Integrate(s => Density(bottom + s), 0.0, width, QuadratureOrder);
        return Difference(bottom, bottom + width);
    }

    // On a short interval φ varies by at most a factor e, and 20-point Gauss–Legendre is exact to rounding;
    // on a longer one the difference of tails below loses at most a few bits.
    private const int QuadratureOrder = 20;

    private static bool IsShort(double end, double width) => width * Math.Max(1.0, Math.Abs(end) + width) <= 1.0;

    private static double Difference(double z1, double z2)
    {
        if (z1 >= 0.0) return UpperTail(z1) - UpperTail(z2);
        if (z2 <= 0.0) return Cdf(z2) - Cdf(z1);
        return 0.5 * (SpecialFunctions.Erf(-z1 / Math.Sqrt(2.0)) + SpecialFunctions.Erf(z2 / Math.Sqrt(2.0)));
    }

    /// <summary>φ(z2 - d) - φ(z2) for d ≥ 0, through expm1 when the difference is small relative to φ.</summary>
    public static double DensityDifference(double z2, double d)
    {
        if (double.IsPositiveInfinity(z2)) return Density(z2 - d);
        double exponent = d * (z2 - 0.5 * d);
        if (Math.Abs(exponent) < 1.0) return Density(z2) * AccurateFunctions.ExpMinusOne(exponent);
        return Density(z2 - d) - Density(z2);
    }
}
