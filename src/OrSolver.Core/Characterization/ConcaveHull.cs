namespace OrSolver.Core.Characterization;

/// <summary>
/// Upper concave hull of points (x_k, y_k) with increasing x, in O(m) (Andrew's monotone chain).
/// Ties are resolved symbolically: when three points are collinear in y up to rounding, the secondary values
/// z decide as if the curve were y + ε·z with ε → 0⁺. A point collinear in both is kept as a vertex: pooling across it
/// would leave Π, U and W unchanged, and keeping it gives the finer bid space. It is dropped only when it nearly
/// coincides with its left neighbour compared with the right one: a refined grid has points 1e-12 apart, where every cross product is below its rounding, and
/// keeping such a point would stop the chain from popping the points that lie below the hull.
/// </summary>
public static class ConcaveHull
{
    /// <summary>Rounding guard: a cross product smaller than this many ulps of its terms counts as zero.</summary>
    private const double UlpsPerTerm = 64 * 1.1102230246251565e-16;

    /// <summary>Relative distance below which a tied point counts as coinciding with its left neighbour.</summary>
    private const double NearCoincident = 1e-6;

    /// <summary>Indices of the upper hull's vertices, in increasing x, always including the first and last point.</summary>
    /// <param name="x">Abscissae, strictly increasing.</param>
    /// <param name="primary">y_k, the curve whose hull is taken.</param>
    /// <param name="primaryScale">Magnitude of the terms y_k was computed from (its rounding error is ≈ ulp·scale).</param>
    /// <param name="secondary">z_k, the tie-breaking curve.</param>
    /// <param name="secondaryScale">Magnitude of the terms z_k was computed from.</param>
    public static int[] Upper(ReadOnlySpan<double> x, ReadOnlySpan<double> primary, ReadOnlySpan<double> primaryScale,
        ReadOnlySpan<double> secondary, ReadOnlySpan<double> secondaryScale)
    {
        var stack = new int[x.Length];
        int count = Upper(x, primary, primaryScale, secondary, secondaryScale, stack);
        return stack[..count];
    }

    /// <summary>As <see cref="Upper(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>,
    /// into a caller's buffer (no allocation: a parametric search takes thousands of hulls); returns the number of
    /// vertices, which are <paramref name="stack"/>[0..count).</summary>
    /// <param name="x">Abscissae, strictly increasing.</param>
    /// <param name="primary">y_k, the curve whose hull is taken.</param>
    /// <param name="primaryScale">Magnitude of the terms y_k was computed from.</param>
    /// <param name="secondary">z_k, the tie-breaking curve.</param>
    /// <param name="secondaryScale">Magnitude of the terms z_k was computed from.</param>
    /// <param name="stack">Buffer for the vertex indices. Range: length ≥ the number of points.</param>
    public static int Upper(ReadOnlySpan<double> x, ReadOnlySpan<double> primary, ReadOnlySpan<double> primaryScale,
        ReadOnlySpan<double> secondary, ReadOnlySpan<double> secondaryScale, Span<int> stack)
    {
        int count = x.Length;
        if (primary.Length < count || primaryScale.Length < count || secondary.Length < count || secondaryScale.Length < count || stack.Length < count)
            throw new ArgumentException("every curve and the stack need one entry per point");
        int top = 0;
        for (int k = 0; k < count; k++)
        {
            while (top >= 2 && IsBelow(x, primary, primaryScale, secondary, secondaryScale, stack[top - 2], stack[top - 1], k)) top--;
            stack[top++] = k;
        }
        return top;
    }

    /// <summary>Whether j lies strictly below the chord from i to k (then it is not a vertex of the upper hull).</summary>
    private static bool IsBelow(ReadOnlySpan<double> x, ReadOnlySpan<double> primary, ReadOnlySpan<double> primaryScale,
        ReadOnlySpan<double> secondary, ReadOnlySpan<double> secondaryScale, int i, int j, int k)
    {
        int sign = Orientation(x, primary, primaryScale, i, j, k);
        if (sign == 0) sign = Orientation(x, secondary, secondaryScale, i, j, k);
        if (sign == 0) return x[j] - x[i] < NearCoincident * (x[k] - x[i]);
        return sign < 0;
    }

    /// <summary>+1 if j is above the chord i–k, −1 if below, 0 if on it up to rounding.</summary>
    private static int Orientation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> scale, int i, int j, int k)
    {
        double left = (y[j] - y[i]) * (x[k] - x[i]);
        double right = (y[k] - y[i]) * (x[j] - x[i]);
        double cross = left - right;
        double error = UlpsPerTerm * ((scale[j] + scale[i]) * (x[k] - x[i]) + (scale[k] + scale[i]) * (x[j] - x[i]));
        if (cross > error) return 1;
        if (cross < -error) return -1;
        return 0;
    }
}
