using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;

namespace OrSolver.Core.Mechanisms;

/// <summary>A point of Appendix E.2's parameter domain 0 &lt; ℓ &lt; q† &lt; 1 and a formula's value there.</summary>
/// <param name="Value">The formula at (ℓ, q†).</param>
/// <param name="Low">ℓ. Range: (0, q†).</param>
/// <param name="Dagger">q†. Range: (ℓ, 1).</param>
public sealed record AppendixE2Point(double Value, double Low, double Dagger);

/// <summary>
/// The closed forms of Appendix E (Theorem E.1) on one buyer's price-posting ratio, Def. E.1: the best single posted
/// price's revenue under a surplus floor U over the optimal (randomised) revenue there.
/// </summary>
public static class PostedPriceBounds
{
    /// <summary>E.1's instance at U = K/2, as the proof computes it with U_F(1/K) = V(1/K) − R(1/K) = K/2 − 1/4:
    /// (K + ln K − ln 2 − 1/2)/(K(ln K − ln 2 + 1/2)).</summary>
    /// <param name="logK">ln K, K = e^{ln K}. Range: [ln 2, 115] (K ≤ 1e50).</param>
    public static double AppendixE1Ratio(double logK)
    {
        double k = Math.Exp(logK), logHalf = Math.Log(k / 2);
        return (k + logHalf - 0.5) / (k * (logHalf + 0.5));
    }

    /// <summary>E.1's ratio as the paper prints it, (K + ln K − ln 2)/(K ln K + K − K ln 2), which takes U_F(1/K) = K/2 and
    /// so is not an upper bound on the ratio.</summary>
    /// <param name="logK">ln K. Range: [ln 2, 115].</param>
    public static double AppendixE1PrintedRatio(double logK)
    {
        double k = Math.Exp(logK);
        return (k + Math.Log(k / 2)) / (k * logK + k - k * Math.Log(2));
    }

    /// <summary>2/ln K, the bound E.1's ratio stays below (so it vanishes as K grows: Theorem E.1 for general F).</summary>
    /// <param name="logK">ln K. Range: &gt; 0.</param>
    public static double AppendixE1Bound(double logK) => 2.0 / logK;

    /// <summary>E.2.1's lower bound on the ratio of quasi-regular F after its Step 2:
    /// (q†(ln q† − ln ℓ) + (1 − q†)²)/(q†(ln q† − ln ℓ) + (1 − ℓ)(1 − q†)); its minimum over the domain is Theorem E.1's
    /// 0.8246.</summary>
    /// <param name="low">ℓ. Range: (0, q†).</param>
    /// <param name="dagger">q†. Range: (ℓ, 1).</param>
    public static double QuasiRegularLowerBound(double low, double dagger)
    {
        double log = Math.Log(dagger) - Math.Log(low);
        return (dagger * log + (1 - dagger) * (1 - dagger)) / (dagger * log + (1 - low) * (1 - dagger));
    }

    /// <summary>E.2.2's ratio on its instance (<see cref="Distributions.PiecewiseValueDistribution.AppendixE2"/>) at
    /// U = U_F(q†): (q† ln q† − ln ℓ)/(ℓ ln q† − ln ℓ); its minimum over the domain is Theorem E.1's 0.8532.</summary>
    /// <param name="low">ℓ. Range: (0, q†).</param>
    /// <param name="dagger">q†. Range: (ℓ, 1).</param>
    public static double AppendixE2Ratio(double low, double dagger) =>
        (dagger * Math.Log(dagger) - Math.Log(low)) / (low * Math.Log(dagger) - Math.Log(low));

    /// <summary>U_F(q†) = c·ln(q†/ℓ) with c = q†/(1 − q†): the surplus where E.2.2's instance is measured.</summary>
    /// <param name="low">ℓ. Range: (0, q†).</param>
    /// <param name="dagger">q†. Range: (ℓ, 1).</param>
    public static double AppendixE2Surplus(double low, double dagger) => dagger / (1 - dagger) * Math.Log(dagger / low);

    /// <summary>λ* = (q† − ℓ)/(q† ln q† − ln ℓ): the slope of the frontier at U_F(q†) on E.2.2's instance, where the optimum
    /// randomises the prices v(ℓ) and v(1) (R_λ*(ℓ) = R_λ*(1)); the first-order condition makes it ℓ at the minimising
    /// (ℓ, q†).</summary>
    /// <param name="low">ℓ. Range: (0, q†).</param>
    /// <param name="dagger">q†. Range: (ℓ, 1).</param>
    public static double AppendixE2Slope(double low, double dagger) => (dagger - low) / (dagger * Math.Log(dagger) - Math.Log(low));

    /// <summary>The minimum of <paramref name="formula"/>(ℓ, q†) over 0 &lt; ℓ &lt; q† &lt; 1 by Nelder–Mead from
    /// (<paramref name="low"/>, <paramref name="dagger"/>) (outside the domain the objective is 2, above every ratio).</summary>
    public static AppendixE2Point Minimise(Func<double, double, double> formula, double low, double dagger)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var objective = ObjectiveFunction.Value(x => x[0] > 0 && x[0] < x[1] && x[1] < 1 ? formula(x[0], x[1]) : 2);
        var result = NelderMeadSimplex.Minimum(objective, new DenseVector([low, dagger]), 1e-15, 10_000);
        var point = result.MinimizingPoint;
        return new AppendixE2Point(formula(point[0], point[1]), point[0], point[1]);
    }
}
