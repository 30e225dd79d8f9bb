using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Grid;

/// <summary>
/// Border's cap on the cumulative interim allocation (SPEC §2, correction 1):
/// X̂(q) = (1 - (1-q)^n) / n, the probability that a given buyer of quantile at most q wins when the item
/// goes to the highest of n values (the second-price auction, Prop. B.14). Its derivative
/// X̂'(q) = (1-q)^{n-1} is the second-price auction's interim allocation. The paper's §3.4 and B.2 print
/// the cap as 1-(1-q)^n/n, a typo that changes results.
/// </summary>
public static class BorderCap
{
    /// <summary>X̂(q) computed as -expm1(n·log1p(-q))/n, accurate for n up to 10⁹ and q near 0.
    /// Range of q: [0, 1]; range of n: ≥ 1. X̂(0) = 0, X̂(1) = 1/n.</summary>
    public static double Cap(double quantile, double buyers)
    {
        if (quantile >= 1) return 1 / buyers;
        return -AccurateFunctions.ExpMinusOne(buyers * SpecialFunctions.Log1p(-quantile)) / buyers;
    }

    /// <summary>X̂(b) - X̂(a) without cancellation: ((1-a)^n - (1-b)^n)/n = (1-a)^n·(1 - ((1-b)/(1-a))^n)/n.
    /// Needed where X̂ is flat (q ≫ 1/n), so that cell averages of X̂' keep their relative accuracy.
    /// Range: 0 ≤ a ≤ b ≤ 1.</summary>
    public static double Increment(double a, double b, double buyers)
    {
        if (b <= a) return 0;
        if (a >= 1) return 0;
        if (b >= 1) return Math.Exp(buyers * SpecialFunctions.Log1p(-a)) / buyers;
        double head = Math.Exp(buyers * SpecialFunctions.Log1p(-a));
        double ratioLog = SpecialFunctions.Log1p(-(b - a) / (1 - a));
        return -head * AccurateFunctions.ExpMinusOne(buyers * ratioLog) / buyers;
    }

    /// <summary>X̂'(q) = (1-q)^{n-1}: the interim allocation of the second-price auction. Range: [0, 1].</summary>
    public static double Derivative(double quantile, double buyers)
    {
        if (buyers == 1) return 1;
        if (quantile >= 1) return 0;
        return Math.Exp((buyers - 1) * SpecialFunctions.Log1p(-quantile));
    }
}
