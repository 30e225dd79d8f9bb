using OrSolver.Core.Characterization;

namespace OrSolver.Core.Tests.Characterization;

/// <summary>
/// The upper concave hull (Andrew's monotone chain with symbolic tie-breaking) against its definition: a point is a
/// vertex iff no chord between a point left and a point right of it passes strictly above it. Tie rules: a point on a
/// chord in the primary curve is decided by the secondary one; on it in both, it is kept, unless it nearly coincides with
/// its left neighbour.
/// </summary>
public class ConcaveHullTests
{
    private static int[] Hull(double[] x, double[] y, double[]? z = null)
    {
        var unit = Enumerable.Repeat(1.0, x.Length).ToArray();
        return ConcaveHull.Upper(x, y, unit, z ?? new double[x.Length], unit);
    }

    /// <summary>The definition, in O(m³): j is a vertex iff for every i &lt; j &lt; k the point lies on or above the chord.</summary>
    private static int[] ByDefinition(double[] x, double[] y)
    {
        var vertices = new List<int>();
        for (int j = 0; j < x.Length; j++)
        {
            bool below = false;
            for (int i = 0; i < j && !below; i++)
                for (int k = j + 1; k < x.Length && !below; k++)
                    below = y[j] < y[i] + (y[k] - y[i]) * (x[j] - x[i]) / (x[k] - x[i]);
            if (!below) vertices.Add(j);
        }
        return [.. vertices];
    }

    [Fact]
    public void A_concave_curve_is_its_own_hull_and_a_convex_one_keeps_its_ends()
    {
        double[] x = [0, 1, 2, 3, 4];
        Assert.Equal([0, 1, 2, 3, 4], Hull(x, [.. x.Select(t => -t * t)]));
        Assert.Equal([0, 4], Hull(x, [.. x.Select(t => t * t)]));
    }

    [Fact]
    public void Random_points_match_the_definition()
    {
        var random = new Random(20261204);
        for (int trial = 0; trial < 200; trial++)
        {
            int m = random.Next(2, 40);
            var x = Enumerable.Range(0, m).Select(i => i + 0.5 * random.NextDouble()).ToArray();
            var y = x.Select(_ => random.NextDouble()).ToArray();
            Assert.Equal(ByDefinition(x, y), Hull(x, y));
        }
    }

    [Fact]
    public void A_tie_in_the_primary_curve_is_decided_by_the_secondary()
    {
        double[] x = [0, 1, 2], y = [0, 1, 2];
        Assert.Equal([0, 1, 2], Hull(x, y, [0, 1, 0]));   // above the secondary chord: a vertex
        Assert.Equal([0, 2], Hull(x, y, [0, -1, 0]));     // below it: pooled
        Assert.Equal([0, 1, 2], Hull(x, y, [0, 0, 0]));   // on it in both: kept (the finer bid space, same Π and U)
    }

    [Fact]
    public void A_tie_within_rounding_is_a_tie()
    {
        // y_1 is 1 + 1e-16: below the rounding of terms of size 1, so the secondary curve decides.
        double[] x = [0, 1, 2], y = [0, 1 + 1e-16, 2];
        Assert.Equal([0, 2], Hull(x, y, [0, -1, 0]));
        // A real excess (1e-9) decides by itself.
        Assert.Equal([0, 1, 2], Hull(x, [0, 1 + 1e-9, 2], [0, -1, 0]));
    }

    [Fact]
    public void A_tied_point_nearly_on_its_left_neighbour_is_dropped()
    {
        // x_1 − x_0 = 1e-9 of x_2 − x_0 (a refined grid): tied in both curves, it is not kept as a vertex.
        double[] x = [0, 1e-9, 1], y = [0, 1e-9, 1];
        Assert.Equal([0, 2], Hull(x, y, [0, 0, 0]));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ConcaveHull.Upper([0, 1], [0, 1], [1], [0, 0], [1, 1]));
    }
}
