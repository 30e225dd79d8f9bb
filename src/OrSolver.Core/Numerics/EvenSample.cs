namespace OrSolver.Core.Numerics;

/// <summary>Evenly spread picks from an ordered list: the one rule every thinned sample (re-evaluated vertices, plotted
/// segments) uses, so two samples of the same list and size pick the same items.</summary>
public static class EvenSample
{
    /// <summary>Up to <paramref name="count"/> indices into a list of <paramref name="total"/> items, evenly spread and
    /// including the first and the last: every index when count ≥ total, index 0 alone when count is 1, none when count
    /// or total is 0. Increasing, without repeats.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative total or count.</exception>
    public static IReadOnlyList<int> Indices(int total, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= total) return [.. Enumerable.Range(0, total)];
        if (count == 0) return [];
        if (count == 1) return [0];
        return [.. Enumerable.Range(0, count).Select(k => (int)Math.Round(k * (total - 1.0) / (count - 1))).Distinct()];
    }
}
