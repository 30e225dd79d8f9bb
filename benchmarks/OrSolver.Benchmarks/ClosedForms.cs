using MathNet.Numerics;
using MathNet.Numerics.Integration;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Benchmarks;

/// <summary>Reference values that do not come from the code under test: the closed forms of method.md §14 and one-dimensional
/// quadrature of the continuous definitions (MathNet).</summary>
public static class ClosedForms
{
    /// <summary>Π* for Uniform[0,1] and n buyers (method.md §14): 2n(1 − 2^{−(n+1)})/(n+1) − (1 − 2^{−n}).</summary>
    public static double UniformOptimalRevenue(double buyers)
        => 2 * buyers * (1 - Math.Pow(2, -(buyers + 1))) / (buyers + 1) - (1 - Math.Pow(2, -buyers));

    /// <summary>OPT = E[max v_i] = n/(n+1) for Uniform[0,1] (method.md §14).</summary>
    public static double UniformOptimalWelfare(double buyers) => buyers / (buyers + 1);

    /// <summary>U* = E[v] = 1/2 for Uniform[0,1] (the lottery: Uniform is MHR, method.md §7.3).</summary>
    public const double UniformOptimalSurplus = 0.5;

    /// <summary>
    /// Π* for Exponential(1): Myerson's revenue E[max(φ(v_i), 0)] with φ(v) = v − 1, i.e. ∫₁^∞ (1 − (1 − e^{−v})^n) dv
    /// = Σ_{k=1..n} (−1)^{k+1} C(n, k) e^{−k}/k. Range of n: small integers (an alternating sum).
    /// </summary>
    public static double ExponentialOptimalRevenue(int buyers)
    {
        double sum = 0;
        for (int k = 1; k <= buyers; k++) sum += (k % 2 == 1 ? 1 : -1) * SpecialFunctions.Binomial(buyers, k) * Math.Exp(-k) / k;
        return sum;
    }

    /// <summary>OPT = H_n for Exponential(1) (method.md §14).</summary>
    public static double ExponentialOptimalWelfare(int buyers) => Enumerable.Range(1, buyers).Sum(k => 1.0 / k);

    /// <summary>U* for the paper's Example 4.2 (MHR, so the lottery): E[v] = ∫₀^K e^{−v²} dv = (√π/2)·erf(K), K = √(ln n)/2.</summary>
    public static double Example42OptimalSurplus(double buyers)
        => 0.5 * Math.Sqrt(Math.PI) * SpecialFunctions.Erf(0.5 * Math.Sqrt(Math.Log(buyers)));

    /// <summary>
    /// OPT = E[max v_i] = ∫₀^sup (1 − F(v)^n) dv by adaptive Gauss–Kronrod quadrature on each piece between the
    /// support's breakpoints, with 1 − F^n = −expm1(n·log1p(−P(v' &gt; v))) (accurate for n up to 10⁹; MathNet's Expm1 is
    /// off by 5e-9 relative near 0, hence the project's accurate one). Only the distribution's survival function is used.
    /// Range: bounded supports.
    /// </summary>
    public static double ExpectedMaximum(IValueDistribution distribution, double buyers)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (!double.IsFinite(distribution.SupportHigh)) throw new ArgumentException("the quadrature needs a bounded support", nameof(distribution));
        var cuts = distribution.Breakpoints.Select(distribution.Value).Append(0).Append(distribution.SupportHigh)
            .Where(v => v >= 0 && v <= distribution.SupportHigh).Distinct().Order().ToList();
        double total = 0;
        for (int i = 1; i < cuts.Count; i++)
        {
            total += GaussKronrodRule.Integrate(v => -AccurateFunctions.ExpMinusOne(buyers * SpecialFunctions.Log1p(-distribution.Survival(v))),
                cuts[i - 1], cuts[i], out _, out _, 1e-13, 20, 61);
        }
        return total;
    }
}
