using MathNet.Numerics;
using MathNet.Numerics.RootFinding;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Discretisation;

/// <summary>
/// The graded quantile grid (method.md §3.4–3.5). Points are equidistributed with respect to a point density that adds
/// three needs, so that neighbouring cells never differ abruptly in width (slivers make the LP ill-conditioned):
/// (1) uniform in q (40% of the points), for smooth v and for allocations spread over all quantiles (lotteries);
/// (2) uniform in the Border cap, u = 1 - (1-q)^n (25%), which resolves the scale 1/n near q = 0 where
///     X̂'(q) = (1-q)^{n-1} changes;
/// (3) logarithmic towards 0, G₀(q) = ln(1 + q/q_lo)/ln(1 + 1/q_lo) (20%), which grades geometrically towards
///     q_lo = 10⁻⁹/n where v is unbounded (10⁻³/n where it is bounded) and covers every scale between 1/n and the
///     uniform spacing;
/// (4) logarithmic towards 1, 1 - G₁(1 - q) with the same form and ε = 10⁻⁹ (15%): where the density vanishes at
///     the bottom of the support (lognormal, gamma and Weibull with shape &gt; 1) v'(q) → −∞ as q → 1, and uniform
///     cells there cost 1e-4 of the second-price revenue (lognormal(0, 0.4), n = 2, m = 4000).
/// Point i solves C(q) = i with C(q) = m₁·q + m₂·(1-(1-q)^n) + m₃·G₀(q) + m₄·(1 - G₁(1-q)). Then every breakpoint of v (kinks, jumps,
/// atom ends) and every forced quantile (the monopoly quantile q_m) replaces its nearest free point, so the Myerson
/// reserve and the atoms lie exactly on the grid.
/// A purely atomic F (<see cref="IPiecewiseLinearValue.Atomic"/>, the empirical distribution of samples) gets exactly its
/// atom ends instead, whatever size is asked for: on them the LP is the exact finite program, and a point inside an atom
/// that follows a gap in the support would let x vary within the atom, which no auction on the bids can do (equal bids
/// tie). K distinct sample values make K cells.
/// </summary>
public static class GridBuilder
{
    /// <summary>Default number of cells m. The LP's discretisation error for uniform cells of width h is ≈ n·h²/6
    /// (Uniform's closed forms, method.md §14, need 1e-6 relative for n ≤ 5), and the uniform component has 0.4·m cells.</summary>
    public const int DefaultSize = 4000;

    /// <summary>The smallest grid size accepted.</summary>
    public const int MinimumSize = 16;

    /// <summary>The largest grid size accepted: 10⁷ cells already take minutes per LP and gigabytes of memory.</summary>
    public const int MaximumSize = 10_000_000;

    /// <summary>Builds the graded grid for <paramref name="market"/> with about <paramref name="size"/> cells.</summary>
    /// <param name="market">Distribution and n.</param>
    /// <param name="size">Number of cells m before forced points are added. Range: ≥ <see cref="MinimumSize"/>.</param>
    /// <param name="forcedQuantiles">Quantiles in (0, 1) that must be grid points (e.g. the monopoly quantile). For a purely
    /// atomic F only the atom ends are used: the monopoly quantile and the quantiles of any price are atom ends already.</param>
    public static QuantileGrid Build(Market market, int size, IEnumerable<double> forcedQuantiles)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(forcedQuantiles);
        if (size < MinimumSize || size > MaximumSize)
            throw new InputException($"grid size must be between {MinimumSize} and {MaximumSize} (got {size})");
        if (market.Distribution is IPiecewiseLinearValue { Atomic: true } atomic)
            return new QuantileGrid([0, .. atomic.Breakpoints, 1]);
        double n = market.Buyers;
        bool unbounded = double.IsPositiveInfinity(market.Distribution.SupportHigh);
        double lowest = (unbounded ? 1e-9 : 1e-3) / n;

        const double highest = 1e-9;
        // k units: the cap changes on the scale k/n, and the market component is uniform in X̂_k instead.
        int units = market.Units;
        double capAtOne = BorderCap.Cap(1, n, units);
        double uniformShare = 0.40 * size, marketShare = 0.25 * size, towardsZeroShare = 0.20 * size;
        double towardsOneShare = size - uniformShare - marketShare - towardsZeroShare;
        double towardsZeroNormaliser = SpecialFunctions.Log1p(1 / lowest), towardsOneNormaliser = SpecialFunctions.Log1p(1 / highest);
        double Cumulative(double q) =>
            uniformShare * q
            + marketShare * (units == 1 ? -AccurateFunctions.ExpMinusOne(n * SpecialFunctions.Log1p(-Math.Min(q, 1))) : BorderCap.Cap(q, n, units) / capAtOne)
            + towardsZeroShare * SpecialFunctions.Log1p(q / lowest) / towardsZeroNormaliser
            + towardsOneShare * (1 - SpecialFunctions.Log1p((1 - q) / highest) / towardsOneNormaliser);

        var points = new List<double>(size + 8) { 0 };
        double floor = Math.Log(lowest) - 40;
        for (int i = 1; i < size; i++)
        {
            // Solve in s = ln q so that the accuracy is relative: points go down to 1e-18 and below.
            double target = i;
            double s = Brent.FindRoot(t => Cumulative(Math.Exp(t)) - target, floor, 0, 1e-13, 500);
            double q = Math.Exp(s);
            if (q > points[^1] && q < 1) points.Add(q);
        }
        points.Add(1);

        var forced = forcedQuantiles.Concat(market.Distribution.Breakpoints).Where(q => q > 0 && q < 1).Distinct().Order().ToList();
        return new QuantileGrid(Place(points, forced));
    }

    /// <summary>Moves the nearest free point onto each forced quantile (or inserts it when the nearest point is an end
    /// or already forced), keeping the points sorted and the cell widths smooth.</summary>
    /// <remarks>One merge pass over both sorted lists (linear time: a tabulated distribution can force 10⁵ points): the
    /// placed prefix is in <c>result</c>, the free points not yet passed wait at <c>next</c>.</remarks>
    private static List<double> Place(List<double> points, List<double> forced)
    {
        var result = new List<double>(points.Count + forced.Count);
        var flags = new List<bool>(points.Count + forced.Count);
        int next = 0;
        void Take(double q, bool flag)
        {
            result.Add(q);
            flags.Add(flag);
        }
        foreach (double f in forced)
        {
            while (points[next] < f) Take(points[next++], false);
            if (points[next] == f)
            {
                Take(points[next++], true);
                continue;
            }
            if (result[^1] == f)
            {
                flags[^1] = true;
                continue;
            }
            // result[^1] < f < points[next]: the nearest of the two neighbours moves onto f, unless it is fixed.
            bool previousNearest = f - result[^1] <= points[next] - f;
            double nearestValue = previousNearest ? result[^1] : points[next];
            bool nearestFixed = previousNearest ? flags[^1] || result.Count == 1 : next == points.Count - 1;
            // A forced point within 1e-10 (relative) of a point already forced, or of an end, would leave a sliver cell.
            if (nearestFixed && Math.Abs(nearestValue - f) <= 1e-10 * f) continue;
            if (nearestFixed)
            {
                Take(f, true);
            }
            else if (previousNearest)
            {
                result[^1] = f;
                flags[^1] = true;
            }
            else
            {
                next++;
                Take(f, true);
            }
        }
        while (next < points.Count) Take(points[next++], false);
        return result;
    }
}
