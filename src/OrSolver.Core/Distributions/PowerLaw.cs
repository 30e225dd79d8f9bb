using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>∫ t^e dt in the forms that keep relative accuracy for close limits and for e near -1.</summary>
internal static class PowerLaw
{
    /// <summary>The largest tail index α of the Pareto and Lomax families: above it V of lomax(α) (mean 1/(α − 1)) keeps
    /// fewer digits than <c>Tolerances.Quadrature</c> asks at the bottom of the support (lomax(10⁵)).</summary>
    public const double MaximumTailIndex = 1e4;

    /// <summary>∫_from^to t^exponent dt for 0 ≤ from ≤ to; from = 0 needs exponent &gt; -1.</summary>
    public static double Integral(double from, double to, double exponent)
    {
        if (!(to > from)) return 0.0;
        double p = exponent + 1.0;
        if (from == 0.0) return p > 0.0 ? Math.Pow(to, p) / p : double.PositiveInfinity;
        // ln(to/from) through log1p of the exact-ish ratio (to - from)/from: keeps digits when to ≈ from.
        double logRatio = SpecialFunctions.Log1p((to - from) / from);
        if (p == 0.0) return logRatio;
        double exponentTimesLog = p * logRatio;
        if (Math.Abs(exponentTimesLog) <= 1.0) return Math.Pow(from, p) * AccurateFunctions.ExpMinusOne(exponentTimesLog) / p;
        return (Math.Pow(to, p) - Math.Pow(from, p)) / p;
    }
}
