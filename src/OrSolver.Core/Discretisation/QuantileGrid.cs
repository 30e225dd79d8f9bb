namespace OrSolver.Core.Discretisation;

/// <summary>
/// A quantile grid 0 = q₀ &lt; q₁ &lt; … &lt; q_m = 1 (method.md §3.1). Cell j = (q_{j-1}, q_j], j = 1..m, carries one
/// value of the interim allocation. Immutable; validates itself on construction.
/// </summary>
public sealed class QuantileGrid
{
    private readonly double[] _points;

    /// <summary>Creates a grid from its points; throws <see cref="ArgumentException"/> unless they start at 0,
    /// end at 1 and increase strictly.</summary>
    public QuantileGrid(IReadOnlyList<double> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2) throw new ArgumentException("a grid needs at least the points 0 and 1", nameof(points));
        if (points[0] != 0 || points[^1] != 1) throw new ArgumentException("a grid starts at 0 and ends at 1", nameof(points));
        for (int i = 1; i < points.Count; i++)
        {
            if (!(points[i] > points[i - 1])) throw new ArgumentException($"grid points must increase strictly (index {i})", nameof(points));
        }
        _points = [.. points];
    }

    /// <summary>The points q₀ = 0, …, q_m = 1.</summary>
    public IReadOnlyList<double> Points => _points;

    /// <summary>The points as a span, for loops that run over every point many times (hull constructions).</summary>
    internal ReadOnlySpan<double> PointSpan => _points;

    /// <summary>m, the number of cells. Range: ≥ 1.</summary>
    public int Cells => _points.Length - 1;

    /// <summary>q_k. Range of k: 0..m.</summary>
    public double this[int k] => _points[k];

    /// <summary>Width Δ_j = q_j - q_{j-1} of cell j. Range of j: 1..m.</summary>
    public double Width(int cell) => _points[cell] - _points[cell - 1];

    /// <summary>Index k of the grid point nearest to <paramref name="quantile"/>.</summary>
    public int NearestPoint(double quantile)
    {
        int i = Array.BinarySearch(_points, quantile);
        if (i >= 0) return i;
        i = ~i;
        if (i == 0) return 0;
        if (i >= _points.Length) return _points.Length - 1;
        return quantile - _points[i - 1] <= _points[i] - quantile ? i - 1 : i;
    }
}
