namespace OrSolver.Benchmarks;

/// <summary>One level of a grid refinement study (method.md §3.6: value at m, 2m, 4m; observed order; Richardson estimate).</summary>
/// <param name="Grid">m, the number of cells.</param>
/// <param name="Value">The quantity on that grid.</param>
/// <param name="Order">The observed order p from this level and the two coarser ones (NaN for the first two levels).</param>
/// <param name="Extrapolated">Richardson's estimate of the grid-independent value from this level and the one before,
/// with the observed order (NaN for the first two levels).</param>
public sealed record RefinementLevel(int Grid, double Value, double Order, double Extrapolated);

/// <summary>Observed order and Richardson extrapolation for values on grids that double in size (cell width h, h/2, h/4).</summary>
public static class Refinement
{
    /// <summary>The order p with Q(h) ≈ Q₀ + C·h^p, from three values at h, h/2, h/4: p = log₂(|Q_h − Q_{h/2}| / |Q_{h/2} − Q_{h/4}|).
    /// NaN when the finer difference is zero (the values agree to rounding).</summary>
    public static double ObservedOrder(double coarse, double middle, double fine)
    {
        double finer = Math.Abs(middle - fine);
        return finer == 0 ? double.NaN : Math.Log2(Math.Abs(coarse - middle) / finer);
    }

    /// <summary>Richardson's estimate Q₀ ≈ Q_{h/2} + (Q_{h/2} − Q_h)/(2^p − 1) from the values at h and h/2.</summary>
    public static double Extrapolate(double coarse, double fine, double order)
        => double.IsFinite(order) && order > 0 ? fine + (fine - coarse) / (Math.Pow(2, order) - 1) : double.NaN;

    /// <summary>The refinement table of values on grids that double in size, coarsest first.</summary>
    public static IReadOnlyList<RefinementLevel> Table(IReadOnlyList<(int Grid, double Value)> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var table = new List<RefinementLevel>(levels.Count);
        for (int i = 0; i < levels.Count; i++)
        {
            if (i > 0 && levels[i].Grid != 2 * levels[i - 1].Grid)
                throw new ArgumentException($"grid sizes must double: {levels[i - 1].Grid} then {levels[i].Grid}", nameof(levels));
            double order = i >= 2 ? ObservedOrder(levels[i - 2].Value, levels[i - 1].Value, levels[i].Value) : double.NaN;
            double extrapolated = i >= 2 ? Extrapolate(levels[i - 1].Value, levels[i].Value, order) : double.NaN;
            table.Add(new RefinementLevel(levels[i].Grid, levels[i].Value, order, extrapolated));
        }
        return table;
    }
}
