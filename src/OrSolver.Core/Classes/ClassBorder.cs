using MathNet.Numerics;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Classes;

/// <summary>A grid threshold t = (q_{1,k_1}, …, q_{K,k_K}) of Border's condition for independent classes and how far an
/// allocation exceeds it.</summary>
/// <param name="Points">k_c, the grid point of class c (0 means t_c = 0).</param>
/// <param name="Violation">(Σ_c n_c·X_c(t_c) − cap(t)) / cap(t): the excess relative to the cap. Negative when it holds.</param>
public sealed record BorderThreshold(IReadOnlyList<int> Points, double Violation);

/// <summary>How the final allocation of a solve was certified against every grid threshold of Border's condition.</summary>
/// <param name="Method">"single class" (K = 1: the class's own Border rows are in the program), "exhaustive" (every grid
/// threshold, K = 2) or "sorted candidates + coordinate search" (K ≥ 3).</param>
/// <param name="Thresholds">How many thresholds were evaluated.</param>
/// <param name="Worst">The most violated threshold found (relative excess; ≤ 0 when Border holds strictly there).</param>
/// <param name="Holds">Whether the worst excess is within <see cref="ClassBorder.CertificateAllowance"/>.</param>
public sealed record BorderCertificate(string Method, long Thresholds, BorderThreshold Worst, bool Holds);

/// <summary>
/// Border's condition for independent classes on the grids (method.md §13.2): for every threshold t with t_c a grid point of
/// class c, Σ_c n_c·X_c(t_c) ≤ 1 − ∏_c (1 − t_c)^{n_c}. Checking grid thresholds only is exact for cell-constant allocations.
/// This class evaluates thresholds, separates violated ones (the sorted candidates) and certifies an allocation.
/// </summary>
public static class ClassBorder
{
    /// <summary>A threshold's relative excess up to which the certificate accepts it: the feasibility re-check's
    /// <see cref="Tolerances.Feasibility"/> plus the rounding of cumulative masses summed over up to Σ m_c cells.</summary>
    public static double CertificateAllowance(ClassGrids grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        return Tolerances.Feasibility.Relative + 16 * 1.1102230246251565e-16 * grids.Classes.Sum(c => c.Cells);
    }

    /// <summary>The cap 1 − ∏_c (1 − q_{c,k_c})^{n_c}, computed as −expm1(Σ n_c·log1p(−q)) (accurate near t = 0).</summary>
    public static double Cap(ClassGrids grids, IReadOnlyList<int> points)
    {
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentNullException.ThrowIfNull(points);
        return CapFromLog(LogSurvival(grids, points));
    }

    /// <summary>Σ_c n_c·X_c(t_c), the probability mass the allocation gives the buyers below the threshold.</summary>
    public static double Load(ClassAllocation allocation, IReadOnlyList<int> points)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(points);
        double load = 0;
        for (int c = 0; c < points.Count; c++) load += allocation.Grids.Classes[c].Buyers * allocation.Classes[c].Cumulative(points[c]);
        return load;
    }

    /// <summary>The relative excess of the allocation over the cap at one threshold (−∞ at t = 0, where both are 0).</summary>
    public static BorderThreshold Evaluate(ClassAllocation allocation, IReadOnlyList<int> points)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        double cap = Cap(allocation.Grids, points);
        double violation = cap > 0 ? (Load(allocation, points) - cap) / cap : double.NegativeInfinity;
        return new BorderThreshold([.. points], violation);
    }

    /// <summary>
    /// The sorted candidates (method.md §13.2): at a most violated threshold the first-order conditions equalise
    /// x_c(t_c)·(1 − t_c) across classes, whose grid form on cell j of class c is
    /// κ_{c,j} = x_{c,j}·Δ_j·(1 − q_j)^{n_c} / (X̂_c(q_j) − X̂_c(q_{j−1})) (X̂_c the class's own cap). Each class's κ is made
    /// non-increasing by a running minimum, all cells are sorted by it, and the thresholds are the prefixes cut at each
    /// common level: at most Σ m_c of them. Returns those whose relative excess exceeds <paramref name="threshold"/>,
    /// most violated first, at most <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<BorderThreshold> SortedCandidates(ClassAllocation allocation, double threshold, int limit)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var grids = allocation.Grids;
        var levels = new List<(double Level, int Class, int Point)>();
        for (int c = 0; c < grids.Count; c++)
        {
            var market = grids.Classes[c];
            double running = double.PositiveInfinity;
            for (int j = 1; j <= market.Cells; j++)
            {
                double increment = market.CapIncrement(j);
                double survival = Math.Exp(market.Buyers * SpecialFunctions.Log1p(-Math.Min(market.Grid[j], 1)));
                double kappa = increment > 0 ? allocation.Classes[c].Cell(j) * market.Width(j) * survival / increment : 0;
                running = Math.Min(running, kappa);
                levels.Add((running, c, j));
            }
        }
        // Descending level; within a class the running minimum is non-increasing, so ties keep the cells in order.
        levels.Sort((a, b) => b.Level != a.Level ? b.Level.CompareTo(a.Level) : a.Class != b.Class ? a.Class.CompareTo(b.Class) : a.Point.CompareTo(b.Point));
        var points = new int[grids.Count];
        var logSurvival = new double[grids.Count];
        var found = new List<BorderThreshold>();
        double load = 0;
        foreach (var (_, c, j) in levels)
        {
            var market = grids.Classes[c];
            load += market.Buyers * (allocation.Classes[c].Cumulative(j) - allocation.Classes[c].Cumulative(points[c]));
            points[c] = j;
            logSurvival[c] = ClassLogSurvival(market.Buyers, market.Grid[j]);
            double cap = CapFromLog(logSurvival.Sum());
            double violation = (load - cap) / cap;
            if (violation > threshold) found.Add(new BorderThreshold([.. points], violation));
        }
        return [.. found.OrderByDescending(t => t.Violation).Take(limit)];
    }

    /// <summary>Every grid threshold, enumerated (∏_c (m_c + 1) of them): the exact check, affordable for K = 2.</summary>
    public static BorderCertificate Exhaustive(ClassAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var grids = allocation.Grids;
        int classes = grids.Count;
        var points = new int[classes];
        var worst = new BorderThreshold(new int[classes], double.NegativeInfinity);
        long count = 0;
        var logSurvival = ClassLogSurvivals(grids);
        while (true)
        {
            // Odometer over all tuples; the last class varies fastest, in one inner loop.
            int last = classes - 1;
            double loadRest = 0, logRest = 0;
            for (int c = 0; c < last; c++)
            {
                loadRest += grids.Classes[c].Buyers * allocation.Classes[c].Cumulative(points[c]);
                logRest += logSurvival[c][points[c]];
            }
            var lastMarket = grids.Classes[last];
            for (int k = 0; k <= lastMarket.Cells; k++)
            {
                double cap = CapFromLog(logRest + logSurvival[last][k]);
                if (!(cap > 0)) continue;
                count++;
                double violation = (loadRest + lastMarket.Buyers * allocation.Classes[last].Cumulative(k) - cap) / cap;
                if (violation > worst.Violation)
                {
                    points[last] = k;
                    worst = new BorderThreshold([.. points], violation);
                }
            }
            int d = last - 1;
            while (d >= 0 && points[d] == grids.Classes[d].Cells) points[d--] = 0;
            if (d < 0) break;
            points[d]++;
        }
        return new BorderCertificate("exhaustive", count, worst, worst.Violation <= CertificateAllowance(grids));
    }

    /// <summary>
    /// The certificate of a final allocation: exhaustive for K ≤ 2; for K ≥ 3 the sorted candidates, then coordinate-wise
    /// maximisation of the excess (each class's threshold in turn set to its best grid point with the others fixed, until
    /// none improves) from the <paramref name="starts"/> most violated candidates and as many seeded random thresholds.
    /// </summary>
    public static BorderCertificate Certify(ClassAllocation allocation, int starts = 16, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var grids = allocation.Grids;
        if (grids.Count == 1)
        {
            // The class's own Border rows X_k ≤ X̂(q_k) are bounds of the program and are re-checked with the allocation.
            var worstSingle = new BorderThreshold([0], double.NegativeInfinity);
            for (int k = 1; k <= grids.Classes[0].Cells; k++)
            {
                var t = Evaluate(allocation, [k]);
                if (t.Violation > worstSingle.Violation) worstSingle = t;
            }
            return new BorderCertificate("single class", grids.Classes[0].Cells, worstSingle, worstSingle.Violation <= CertificateAllowance(grids));
        }
        if (grids.Count == 2) return Exhaustive(allocation);

        var candidates = SortedCandidates(allocation, double.NegativeInfinity, int.MaxValue);
        long count = candidates.Count;
        var worst = candidates.Count > 0 ? candidates[0] : new BorderThreshold(new int[grids.Count], double.NegativeInfinity);
        var logSurvival = ClassLogSurvivals(grids);
        var random = new Random(seed);
        var startPoints = candidates.Take(starts).Select(t => t.Points.ToArray()).ToList();
        for (int s = 0; s < starts; s++) startPoints.Add([.. grids.Classes.Select(m => random.Next(0, m.Cells + 1))]);
        foreach (var start in startPoints)
        {
            var (best, evaluated) = CoordinateAscent(allocation, logSurvival, start);
            count += evaluated;
            if (best.Violation > worst.Violation) worst = best;
        }
        return new BorderCertificate("sorted candidates + coordinate search", count, worst, worst.Violation <= CertificateAllowance(grids));
    }

    /// <summary>Coordinate-wise maximisation of the absolute excess Σ n_c X_c(t_c) − cap(t) from a start; every threshold
    /// scanned on the way counts, and the largest relative excess among them is returned.</summary>
    private static (BorderThreshold Worst, long Evaluated) CoordinateAscent(ClassAllocation allocation, double[][] logSurvival, int[] points)
    {
        var grids = allocation.Grids;
        var worst = new BorderThreshold([.. points], double.NegativeInfinity);
        long evaluated = 0;
        double current = double.NegativeInfinity;
        for (int round = 0; round < 64; round++)
        {
            bool improved = false;
            for (int c = 0; c < grids.Count; c++)
            {
                double loadRest = 0, logRest = 0;
                for (int d = 0; d < grids.Count; d++)
                {
                    if (d == c) continue;
                    loadRest += grids.Classes[d].Buyers * allocation.Classes[d].Cumulative(points[d]);
                    logRest += logSurvival[d][points[d]];
                }
                var market = grids.Classes[c];
                int bestPoint = points[c];
                for (int k = 0; k <= market.Cells; k++)
                {
                    double cap = CapFromLog(logRest + logSurvival[c][k]);
                    if (!(cap > 0)) continue;
                    evaluated++;
                    double excess = loadRest + market.Buyers * allocation.Classes[c].Cumulative(k) - cap;
                    if (excess / cap > worst.Violation)
                    {
                        var tuple = (int[])points.Clone();
                        tuple[c] = k;
                        worst = new BorderThreshold(tuple, excess / cap);
                    }
                    if (excess > current)
                    {
                        current = excess;
                        bestPoint = k;
                        improved = true;
                    }
                }
                points[c] = bestPoint;
            }
            if (!improved) break;
        }
        return (worst, evaluated);
    }

    private static double[][] ClassLogSurvivals(ClassGrids grids)
        => [.. grids.Classes.Select(m => Enumerable.Range(0, m.Cells + 1).Select(k => ClassLogSurvival(m.Buyers, m.Grid[k])).ToArray())];

    private static double LogSurvival(ClassGrids grids, IReadOnlyList<int> points)
    {
        if (points.Count != grids.Count) throw new ArgumentException($"a threshold needs {grids.Count} grid points (got {points.Count})", nameof(points));
        double log = 0;
        for (int c = 0; c < points.Count; c++) log += ClassLogSurvival(grids.Classes[c].Buyers, grids.Classes[c].Grid[points[c]]);
        return log;
    }

    /// <summary>n·log(1 − q), −∞ at q = 1.</summary>
    private static double ClassLogSurvival(double buyers, double quantile)
        => quantile >= 1 ? double.NegativeInfinity : buyers * SpecialFunctions.Log1p(-quantile);

    private static double CapFromLog(double logSurvival)
        => double.IsNegativeInfinity(logSurvival) ? 1 : -AccurateFunctions.ExpMinusOne(logSurvival);
}
