using MathNet.Numerics;

namespace OrSolver.Core.Numerics;

/// <summary>
/// Binomial probabilities of B ~ Bin(N, p) to ≈ 1e-13 relative for every N up to 10¹² and both tails, including the
/// far tails that underflow only below 1e-308. MathNet.Numerics 5.0.0's regularized incomplete beta (the usual route to a
/// binomial tail) is off by 1e-6 relative at N = 10⁹ (its prefactor takes differences of ln Γ near 2·10¹⁰ and ln(1 − p) for
/// p near 10⁻⁹), which the k-unit Border cap cannot afford.
/// A probability P(B = i) is Loader's saddle-point form ("Fast and accurate computation of binomial probabilities", 2000):
/// the Stirling errors of N, i and N − i and the deviances i·ln(i/Np) + Np − i, with no large cancelling logarithms.
/// A tail is summed on its small side only (P(B ≤ j) for j ≤ Np, P(B ≥ j) for j &gt; Np), starting at j and moving away from
/// the mean with the exact ratio of consecutive probabilities, until a geometric bound on what is left is below 1e-17 of the
/// sum; the large side is the complement of the small one (at most ≈ 1/2, so it loses no digits). The cost is the number of
/// terms that matter: a few where j is far in the tail, ≈ 9·√(Np(1 − p)) where j is near the mean.
/// </summary>
public static class Binomial
{
    /// <summary>P(B = <paramref name="count"/>) for B ~ Bin(<paramref name="trials"/>, <paramref name="probability"/>).</summary>
    /// <param name="trials">N, a whole number. Range: [0, 2⁵³].</param>
    /// <param name="probability">p. Range: [0, 1].</param>
    /// <param name="count">i, a whole number (0 outside [0, N]).</param>
    public static double Probability(double trials, double probability, double count)
    {
        Check(trials, probability, count);
        if (count < 0 || count > trials) return 0;
        if (probability == 0) return count == 0 ? 1 : 0;
        if (probability == 1) return count == trials ? 1 : 0;
        // 1 − p is exact for p ≥ 1/2 and relative-accurate below: both p and 1 − p keep their digits.
        double complement = 1 - probability;
        if (count == 0) return Math.Exp(trials * SpecialFunctions.Log1p(-probability));
        if (count == trials) return Math.Exp(trials * SpecialFunctions.Log1p(-complement));
        double exponent = StirlingError(trials) - StirlingError(count) - StirlingError(trials - count)
            - Deviance(count, trials * probability) - Deviance(trials - count, trials * complement);
        double logNormaliser = LogTwoPi + Math.Log(count) + SpecialFunctions.Log1p(-count / trials);
        return Math.Exp(exponent - 0.5 * logNormaliser);
    }

    /// <summary>P(B ≤ <paramref name="count"/>) for B ~ Bin(<paramref name="trials"/>, <paramref name="probability"/>).</summary>
    /// <param name="trials">N, a whole number. Range: [0, 2⁵³].</param>
    /// <param name="probability">p. Range: [0, 1].</param>
    /// <param name="count">j, a whole number (any sign).</param>
    public static double AtMost(double trials, double probability, double count)
    {
        Check(trials, probability, count);
        if (count < 0) return 0;
        if (count >= trials) return 1;
        if (probability == 0) return 1;
        if (probability == 1) return 0;
        return count <= trials * probability
            ? SumDownwards(trials, probability, count)
            : 1 - SumUpwards(trials, probability, count + 1);
    }

    /// <summary>P(B ≥ <paramref name="count"/>) for B ~ Bin(<paramref name="trials"/>, <paramref name="probability"/>).</summary>
    /// <param name="trials">N, a whole number. Range: [0, 2⁵³].</param>
    /// <param name="probability">p. Range: [0, 1].</param>
    /// <param name="count">j, a whole number (any sign).</param>
    public static double AtLeast(double trials, double probability, double count)
    {
        Check(trials, probability, count);
        if (count <= 0) return 1;
        if (count > trials) return 0;
        if (probability == 0) return 0;
        if (probability == 1) return 1;
        return count > trials * probability
            ? SumUpwards(trials, probability, count)
            : 1 - SumDownwards(trials, probability, count - 1);
    }

    /// <summary>
    /// Σ_{i = lowest..highest} P(B = i)·w(i) for B ~ Bin(<paramref name="trials"/>, <paramref name="probability"/>) and a
    /// weight 0 ≤ w ≤ <paramref name="weightBound"/>. Starts at the mode clamped into the range and moves outwards in both
    /// directions with the exact ratio of consecutive probabilities; past the mode each ratio ρ is below 1 and falls further
    /// out, so P(B = i)·ρ/(1 − ρ)·bound bounds the rest of a direction, and a direction stops when that is below 1e-17 of the
    /// sum. Every term is non-negative: the sum has no cancellation.
    /// </summary>
    /// <param name="trials">N, a whole number. Range: [0, 2⁵³].</param>
    /// <param name="probability">p. Range: [0, 1].</param>
    /// <param name="lowest">First i, a whole number. Range: [0, N].</param>
    /// <param name="highest">Last i, a whole number. Range: [lowest, N].</param>
    /// <param name="weight">w(i). Range: [0, weightBound].</param>
    /// <param name="weightBound">An upper bound on w over the range.</param>
    public static double Sum(double trials, double probability, double lowest, double highest, Func<double, double> weight, double weightBound)
    {
        ArgumentNullException.ThrowIfNull(weight);
        Check(trials, probability, lowest);
        if (!(lowest >= 0 && highest >= lowest && highest <= trials && double.IsInteger(highest)))
            throw new ArgumentOutOfRangeException(nameof(highest), $"the range [{lowest}, {highest}] must lie in [0, N = {trials}]");
        double start = Math.Clamp(Math.Floor((trials + 1) * probability), lowest, highest);
        double first = Probability(trials, probability, start);
        double sum = first * weight(start);
        double complement = 1 - probability;
        double term = first;
        for (double i = start; i < highest && term > 0; i++)
        {
            double ratio = (trials - i) * probability / ((i + 1) * complement);
            term *= ratio;
            sum += term * weight(i + 1);
            if (ratio < 1 && term * ratio * weightBound <= Remainder * sum * (1 - ratio)) break;
        }
        term = first;
        for (double i = start; i > lowest && term > 0; i--)
        {
            double ratio = i * complement / ((trials - i + 1) * probability);
            term *= ratio;
            sum += term * weight(i - 1);
            if (ratio < 1 && term * ratio * weightBound <= Remainder * sum * (1 - ratio)) break;
        }
        return sum;
    }

    /// <summary>Stop a direction when the geometric bound on the terms left is below this fraction of the sum.</summary>
    private const double Remainder = 1e-17;

    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private static double One(double count) => 1;

    /// <summary>P(B ≤ j) for 0 ≤ j ≤ Np: the mode is at or above j, so the sum runs from j downwards.</summary>
    private static double SumDownwards(double trials, double probability, double count) => Sum(trials, probability, 0, count, One, 1);

    /// <summary>P(B ≥ j) for Np &lt; j ≤ N: the mode is at or below j, so the sum runs from j upwards.</summary>
    private static double SumUpwards(double trials, double probability, double count) => Sum(trials, probability, count, trials, One, 1);

    /// <summary>ln(m!) − (m + ½)·ln m + m − ½·ln(2π), the error of Stirling's formula, for a whole m ≥ 1: exact values up to
    /// 15, the asymptotic series beyond (its first omitted term is below 1e-16 there).</summary>
    private static double StirlingError(double m)
    {
        if (m <= 15) return SmallStirlingErrors[(int)m];
        double square = m * m;
        if (m > 500) return (S0 - S1 / square) / m;
        if (m > 80) return (S0 - (S1 - S2 / square) / square) / m;
        if (m > 35) return (S0 - (S1 - (S2 - S3 / square) / square) / square) / m;
        return (S0 - (S1 - (S2 - (S3 - S4 / square) / square) / square) / square) / m;
    }

    private const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680, S4 = 1.0 / 1188;

    /// <summary>Stirling's error at m = 0..15 (m = 0 is never used), to 22 digits.</summary>
    private static readonly double[] SmallStirlingErrors =
    [
        0,
        0.08106146679532725821967, 0.04134069595540929409382, 0.02767792568499833914879, 0.02079067210376509311152,
        0.01664469118982119216319, 0.01387612882307074799875, 0.01189670994589177009506, 0.01041126526197209649748,
        0.009255462182712732917729, 0.008330563433362871256469, 0.007573675487951840794972, 0.006942840107209529865664,
        0.00640899418800420706844, 0.005951370112758847735624, 0.005554733551962801371039,
    ];

    /// <summary>The deviance x·ln(x/μ) + μ − x ≥ 0 for x, μ &gt; 0; near x = μ through the series
    /// 2x·Σ v^{2j+1}/(2j+1) − (x − μ)·v with v = (x − μ)/(x + μ), which avoids the cancellation.</summary>
    private static double Deviance(double x, double mean)
    {
        if (Math.Abs(x - mean) < 0.1 * (x + mean))
        {
            double v = (x - mean) / (x + mean);
            double sum = (x - mean) * v;
            double power = 2 * x * v;
            double square = v * v;
            for (int j = 1; j < 1000; j++)
            {
                power *= square;
                double next = sum + power / (2 * j + 1);
                if (next == sum) return next;
                sum = next;
            }
            return sum;
        }
        return x * Math.Log(x / mean) + mean - x;
    }

    private static void Check(double trials, double probability, double count)
    {
        if (!(trials >= 0 && trials <= 9007199254740992.0 && double.IsInteger(trials)))
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "N must be a whole number in [0, 2^53]");
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "p must lie in [0, 1]");
        if (!double.IsInteger(count))
            throw new ArgumentOutOfRangeException(nameof(count), count, "the count must be a whole number");
    }
}
