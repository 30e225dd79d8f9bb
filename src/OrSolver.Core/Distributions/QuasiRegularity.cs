using OrSolver.Core.Numerics;

namespace OrSolver.Core.Distributions;

/// <summary>
/// Quasi-regularity (Def. E.2, from Feng and Jin 2024): R(q')/(1 − q') ≥ R(q)/(1 − q) for all q &lt; q' &lt; 1, i.e.
/// g(q) = R(q)/(1 − q) is non-decreasing on [0, 1) — the point (q', R(q')) is never below the chord from (q, R(q)) to
/// (1, 0). Checked on a fine grid of quantiles that includes both sides of every breakpoint, where a jump of v (a gap
/// in the support) makes R, hence g, drop.
/// </summary>
public static class QuasiRegularity
{
    /// <summary>The worst fall of g between consecutive sampled quantiles, relative to the larger of the two values (0 when
    /// g never falls). Quasi-regular when at most <see cref="Tolerances.Shape"/>'s relative part.</summary>
    /// <param name="distribution">F.</param>
    /// <param name="points">Uniform sample points in (0, 1). Range: ≥ 2.</param>
    public static double WorstFall(IValueDistribution distribution, int points)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var quantiles = Enumerable.Range(1, points - 1).Select(i => (double)i / points)
            .Concat(distribution.Breakpoints.SelectMany(b => new[] { b, Math.BitIncrement(b) }))
            .Where(q => q > 0 && q < 1).Distinct().Order().ToList();
        double worst = 0, previous = double.NaN;
        foreach (double q in quantiles)
        {
            double g = distribution.Revenue(q) / (1 - q);
            if (previous > g) worst = Math.Max(worst, (previous - g) / previous);
            previous = g;
        }
        return worst;
    }

    /// <summary>Whether F is quasi-regular on the sampled quantiles (see <see cref="WorstFall"/>).</summary>
    public static bool Holds(IValueDistribution distribution, int points) => WorstFall(distribution, points) <= Tolerances.Shape.Relative;
}
