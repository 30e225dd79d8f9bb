using OrSolver.Core.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>The monopoly (Myerson single-buyer) point: the rightmost maximiser q_m of R(q) = q·v(q) on [0, 1].</summary>
/// <param name="Quantile">q_m, the revenue-maximising quantile, the largest one among ties. Range: [0, 1].</param>
/// <param name="Reserve">The monopoly reserve price v(q_m). Range: [SupportLow, SupportHigh].</param>
/// <param name="Revenue">R(q_m), the optimal posted-price revenue. Range: ≥ 0.</param>
public sealed record MonopolyPoint(double Quantile, double Reserve, double Revenue);

/// <summary>
/// Finds the monopoly point (method.md §7.1: the rightmost maximiser of R, the most surplus among revenue-optimal
/// mechanisms). Candidates are q = 1, every breakpoint, the limit q → 0, and the local maxima inside each smooth piece
/// between breakpoints: sign changes + → − of R'(q)/v(q) = 1 - q/(v(q)·f(v(q))) on a sub-grid of the piece, refined with Brent.
/// For a tabulated distribution (<see cref="IPiecewiseLinearValue"/>) the local maxima have a closed form instead: R is
/// increasing on an atom and a quadratic on a falling linear piece.
/// The best revenue wins; revenues within <see cref="Tolerances.Rounding"/> of it are ties, broken to the largest q.
/// </summary>
public static class MonopolyPrice
{
    /// <summary>Linear scan points per smooth piece.</summary>
    private const int LinearPoints = 256;

    /// <summary>Log-spaced scan points in a piece starting at q = 0 when v is unbounded there.</summary>
    private const int LogarithmicPoints = 256;

    /// <summary>Smallest quantile scanned: below it f(v(q)) underflows for the heavy tails allowed here.</summary>
    private const double SmallestScannedQuantile = 1e-60;

    /// <summary>|R'/v| below this counts as zero (flat revenue, e.g. equal revenue), so rounding noise is not a sign change.</summary>
    private const double FlatSlope = 1e-12;

    /// <summary>Scan points are kept this far (relative to the piece) inside a piece, off its breakpoints.</summary>
    private const double EndOffset = 1e-12;

    /// <summary>The rightmost maximiser of R over [0, 1].</summary>
    /// <param name="distribution">The value distribution F.</param>
    /// <returns>q_m, v(q_m) and R(q_m); q_m = 0 only when the limit R(0) beats every q &gt; 0.</returns>
    public static MonopolyPoint Find(IValueDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var candidates = new List<double> { 1.0 };
        candidates.AddRange(distribution.Breakpoints);

        var edges = new List<double> { 0.0 };
        edges.AddRange(distribution.Breakpoints);
        edges.Add(1.0);
        for (int piece = 0; piece + 1 < edges.Count; piece++)
        {
            if (distribution is IPiecewiseLinearValue tabulated)
            {
                if (!tabulated.Atomic && PiecewiseLinearMaximum(distribution, edges[piece], edges[piece + 1]) is { } q) candidates.Add(q);
                continue;
            }
            bool logarithmic = piece == 0 && double.IsPositiveInfinity(distribution.SupportHigh);
            candidates.AddRange(LocalMaxima(distribution, edges[piece], edges[piece + 1], logarithmic));
        }

        double bestQuantile = 0.0, bestRevenue = distribution.RevenueAtZero;
        var revenues = candidates.Select(q => (Quantile: q, Revenue: distribution.Revenue(q))).ToList();
        double best = revenues.Max(c => c.Revenue);
        if (!(bestRevenue > best) || Tolerances.Rounding.Close(bestRevenue, best))
        {
            var winner = revenues.Where(c => c.Revenue >= best || Tolerances.Rounding.Close(c.Revenue, best))
                .MaxBy(c => c.Quantile);
            bestQuantile = winner.Quantile;
            bestRevenue = winner.Revenue;
        }

        return new MonopolyPoint(bestQuantile, distribution.Value(bestQuantile), bestRevenue);
    }

    /// <summary>R'(q)/v(q) = 1 - q/(v·f(v)): dimensionless, so the flat band and Brent's accuracy do not depend on
    /// the value scale. On an atom (v flat) R' = v &gt; 0.</summary>
    internal static double ScaledMarginalRevenue(IValueDistribution distribution, double quantile)
    {
        double value = distribution.Value(quantile);
        if (!(value > 0.0)) return -1.0;
        if (distribution.SurvivalInclusive(value) > distribution.Survival(value)) return 1.0;
        double density = distribution.Density(value);
        if (double.IsPositiveInfinity(density)) return 1.0;
        if (!(density > 0.0)) return -1e6;
        return Math.Max(-1e6, 1.0 - quantile / (value * density));
    }

    /// <summary>On a piece where v(q) = a + b·(q - s) with b &lt; 0, R = q·v has its maximum where R' = a + b·(2q - s) = 0,
    /// q* = s/2 - a/(2b); null unless q* lies strictly inside (s, e).</summary>
    private static double? PiecewiseLinearMaximum(IValueDistribution distribution, double start, double end)
    {
        double a = distribution.Value(start), slope = (distribution.Value(end) - a) / (end - start);
        if (!(slope < 0)) return null;
        double q = 0.5 * start - a / (2 * slope);
        return q > start && q < end ? q : null;
    }

    private static List<double> LocalMaxima(IValueDistribution distribution, double start, double end, bool logarithmic)
    {
        var points = ScanPoints(start, end, logarithmic);
        var slopes = points.Select(q => ScaledMarginalRevenue(distribution, q)).ToArray();
        int lastPositive = -1;
        var found = new List<double>();
        for (int i = 0; i < points.Length; i++)
        {
            if (slopes[i] > FlatSlope)
            {
                lastPositive = i;
            }
            else if (slopes[i] < -FlatSlope && lastPositive >= 0)
            {
                double lower = points[lastPositive], upper = points[i];
                found.Add(RootSolver.Solve(q => ScaledMarginalRevenue(distribution, q), lower, upper, 1e-16));
                // A flat stretch before the fall: its right end is a maximiser too (rightmost tie-break).
                if (i - 1 > lastPositive) found.Add(points[i - 1]);
                lastPositive = -1;
            }
        }

        return found;
    }

    private static double[] ScanPoints(double start, double end, bool logarithmic)
    {
        double width = end - start;
        var points = new SortedSet<double>();
        double first = start + EndOffset * width, last = end - EndOffset * width;
        for (int i = 0; i <= LinearPoints; i++) points.Add(first + (last - first) * i / LinearPoints);
        if (logarithmic && end > SmallestScannedQuantile)
        {
            double logStart = Math.Log(SmallestScannedQuantile), logEnd = Math.Log(last);
            for (int i = 0; i <= LogarithmicPoints; i++)
                points.Add(Math.Exp(logStart + (logEnd - logStart) * i / LogarithmicPoints));
        }

        return points.Where(q => q > start && q < end).ToArray();
    }
}
