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

    /// <summary>
    /// The cap with k identical units and unit demand (SPEC §8, Thm 4.2): X̂_k(q) = E[min(k, Bin(n, q))]/n, the chance
    /// that a given buyer of quantile at most q wins a unit in the (k+1)-th price auction. With B = Bin(n, q),
    /// E[min(k, B)] = Σ_{j=1..k} P(B ≥ j) = k − Σ_{j=0..k−1} P(B ≤ j); the first form is used while nq &lt; k (the
    /// upper tails are small and exact), the second beyond (the lower tails are). k = 1 is <see cref="Cap(double, double)"/>;
    /// k ≥ n gives X̂ = q (everyone is served). Range: X̂_k(1) = min(k, n)/n.
    /// </summary>
    public static double Cap(double quantile, double buyers, int units)
    {
        if (units <= 1) return Cap(quantile, buyers);
        if (units >= buyers) return Math.Min(quantile, 1);
        if (quantile >= 1) return units / buyers;
        if (quantile <= 0) return 0;
        double sum = 0;
        if (buyers * quantile < units)
        {
            for (int j = 1; j <= units; j++) sum += AtLeast(j, quantile, buyers);
            return sum / buyers;
        }
        for (int j = 0; j < units; j++) sum += AtMost(j, quantile, buyers);
        return (units - sum) / buyers;
    }

    /// <summary>X̂_k(b) − X̂_k(a) = (1/n)·Σ_{j=0..k−1} [P(Bin(n,a) ≤ j) − P(Bin(n,b) ≤ j)], from the tails that are
    /// small there (no cancellation where X̂_k is flat). Range: 0 ≤ a ≤ b ≤ 1.</summary>
    public static double Increment(double a, double b, double buyers, int units)
    {
        if (units <= 1) return Increment(a, b, buyers);
        if (units >= buyers) return Math.Max(0, Math.Min(b, 1) - a);
        if (b <= a) return 0;
        double sum = 0;
        if (buyers * a < units)
        {
            for (int j = 1; j <= units; j++) sum += AtLeast(j, b, buyers) - AtLeast(j, a, buyers);
        }
        else
        {
            for (int j = 0; j < units; j++) sum += AtMost(j, a, buyers) - AtMost(j, b, buyers);
        }
        return Math.Max(0, sum / buyers);
    }

    /// <summary>X̂_k'(q) = P(Bin(n−1, q) ≤ k−1): the (k+1)-th price auction's interim allocation. Range: [0, 1].</summary>
    public static double Derivative(double quantile, double buyers, int units)
    {
        if (units <= 1) return Derivative(quantile, buyers);
        if (units >= buyers) return 1;
        return AtMost(units - 1, quantile, buyers - 1);
    }

    /// <summary>P(Bin(n, q) ≥ j) = I_q(j, n − j + 1) for 1 ≤ j ≤ n.</summary>
    private static double AtLeast(int j, double quantile, double buyers)
        => quantile >= 1 ? 1 : quantile <= 0 ? 0 : SpecialFunctions.BetaRegularized(j, buyers - j + 1, quantile);

    /// <summary>P(Bin(n, q) ≤ j) = I_{1−q}(n − j, j + 1) for 0 ≤ j &lt; n.</summary>
    private static double AtMost(int j, double quantile, double buyers)
        => quantile >= 1 ? 0 : quantile <= 0 ? 1 : SpecialFunctions.BetaRegularized(buyers - j, j + 1, 1 - quantile);
}
