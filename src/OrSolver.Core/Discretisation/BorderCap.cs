using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Discretisation;

/// <summary>
/// Border's cap on the cumulative interim allocation (method.md §2.2):
/// X̂(q) = (1 - (1-q)^n) / n, the probability that a given buyer of quantile at most q wins when the item
/// goes to the highest of n values (the second-price auction, Prop. B.14). Its derivative
/// X̂'(q) = (1-q)^{n-1} is the second-price auction's interim allocation. The paper's §3.4 and B.2 print
/// the cap as 1-(1-q)^n/n, a typo that changes results.
/// </summary>
public static class BorderCap
{
    /// <summary>X̂(q) computed as -expm1(n·log1p(-q))/n, accurate for n up to 10¹² and q near 0.
    /// Range of q: [0, 1]; range of n: ≥ 1. X̂(0) = 0, X̂(1) = 1/n.</summary>
    public static double Cap(double quantile, double buyers)
    {
        if (quantile >= 1) return 1 / buyers;
        return -AccurateFunctions.ExpMinusOne(buyers * SpecialFunctions.Log1p(-quantile)) / buyers;
    }

    /// <summary>X̂(b) - X̂(a) without cancellation: ((1-a)^n - (1-b)^n)/n = (1-a)^n·(1 - ((1-b)/(1-a))^n)/n, a product of
    /// positive factors. Needed where X̂ is flat (q ≫ 1/n), so that cell averages of X̂' keep their relative accuracy.
    /// Range: 0 ≤ a ≤ b ≤ 1 (anything else is a caller's bug and throws).</summary>
    public static double Increment(double a, double b, double buyers)
    {
        CheckInterval(a, b);
        if (!(b > a)) return 0;
        double head = Math.Exp(buyers * SpecialFunctions.Log1p(-a));
        if (b >= 1) return head / buyers;
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
    /// The cap with k identical units and unit demand (Thm 4.2): X̂_k(q) = E[min(k, Bin(n, q))]/n, the chance
    /// that a given buyer of quantile at most q wins a unit in the (k+1)-th price auction. Computed as the sum of two
    /// non-negative terms (<see cref="ExpectedServed"/>), so it keeps its relative accuracy at every q and n up to 10¹².
    /// k = 1 is <see cref="Cap(double, double)"/>; k ≥ n gives X̂ = q (everyone is served). Range: X̂_k(1) = min(k, n)/n.
    /// </summary>
    public static double Cap(double quantile, double buyers, int units)
    {
        if (units <= 1) return Cap(quantile, buyers);
        if (units >= buyers) return Math.Min(quantile, 1);
        if (quantile >= 1) return units / buyers;
        if (quantile <= 0) return 0;
        return ExpectedServed(units, buyers, quantile) / buyers;
    }

    /// <summary>
    /// X̂_k(b) − X̂_k(a), positive for a &lt; b (zero only where it is below the smallest double) and accurate to ≈ 1e-13
    /// relative. Where X̂_k(a) ≤ X̂_k(b)/2 the difference of the two caps loses at most a factor 3. Elsewhere (thin
    /// cells, or X̂_k flat) it couples the two binomials: with
    /// A ~ Bin(n, a) buyers below a, each of the other n − A is below b with probability r = (b − a)/(1 − a), so
    /// n·(X̂_k(b) − X̂_k(a)) = E[min(k, A + C)] − E[min(k, A)] = Σ_{i&lt;k} P(A = i)·E[min(k − i, Bin(n − i, r))],
    /// a sum of positive terms (for k = 1 it is the product form of <see cref="Increment(double, double, double)"/>).
    /// Range: 0 ≤ a ≤ b ≤ 1 (anything else is a caller's bug and throws).
    /// </summary>
    public static double Increment(double a, double b, double buyers, int units)
    {
        if (units <= 1) return Increment(a, b, buyers);
        CheckInterval(a, b);
        if (!(b > a)) return 0;
        if (units >= buyers) return b - a;
        double low = Cap(a, buyers, units), high = Cap(b, buyers, units);
        if (2 * low <= high) return high - low;
        double ratio = Math.Min(1, (b - a) / (1 - a));
        double coupled = Binomial.Sum(buyers, a, 0, units - 1,
            below => ExpectedServed(units - below, buyers - below, ratio), Math.Min(units, buyers * ratio));
        return coupled / buyers;
    }

    /// <summary>X̂_k'(q) = P(Bin(n−1, q) ≤ k−1): the (k+1)-th price auction's interim allocation. Range: [0, 1].</summary>
    public static double Derivative(double quantile, double buyers, int units)
    {
        if (units <= 1) return Derivative(quantile, buyers);
        if (units >= buyers) return 1;
        return Binomial.AtMost(buyers - 1, quantile, units - 1);
    }

    /// <summary>E[min(K, Bin(N, p))], the expected number of K units served to N buyers each present with probability p:
    /// E[B·1{B ≤ K}] + K·P(B &gt; K) = N·p·P(Bin(N − 1, p) ≤ K − 1) + K·P(Bin(N, p) ≥ K + 1), two non-negative terms
    /// (i·P(B = i) = N·p·P(Bin(N − 1, p) = i − 1)). K = 1 is P(B ≥ 1) = −expm1(N·log1p(−p)); K ≥ N is N·p.</summary>
    private static double ExpectedServed(double units, double trials, double probability)
    {
        if (units >= trials) return trials * probability;
        if (units == 1) return -AccurateFunctions.ExpMinusOne(trials * SpecialFunctions.Log1p(-probability));
        return trials * probability * Binomial.AtMost(trials - 1, probability, units - 1)
            + units * Binomial.AtLeast(trials, probability, units + 1);
    }

    private static void CheckInterval(double a, double b)
    {
        if (!(a >= 0 && a <= b && b <= 1))
            throw new ArgumentOutOfRangeException(nameof(a), $"a cap increment needs 0 ≤ a ≤ b ≤ 1 (got a = {a:R}, b = {b:R})");
    }
}
