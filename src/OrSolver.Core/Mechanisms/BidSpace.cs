namespace OrSolver.Core.Mechanisms;

/// <summary>
/// A bid space on a grid as a membership mask over the grid points: point k in 1..r (r the reserve point) is a bid unless
/// it lies strictly inside a pooled interval. The same set as <see cref="RecoveredMechanism.BidPoints"/>, in a form whose
/// inclusion test ("B‡ refines B†", Def. 2.4) is one pass over the points instead of a sorted set per vertex.
/// </summary>
internal static class BidSpace
{
    /// <summary>Allowed[k] for k in 0..<paramref name="reservePoint"/> (index 0, q = 0, is never a bid).</summary>
    /// <param name="reservePoint">r, the last grid point that may be a bid. Range: ≥ 0.</param>
    /// <param name="pooled">The pooled intervals; their interior points are not bids.</param>
    public static bool[] Mask(int reservePoint, IEnumerable<PooledInterval> pooled)
    {
        var allowed = new bool[reservePoint + 1];
        allowed.AsSpan(1).Fill(true);
        foreach (var p in pooled)
            for (int k = p.FromPoint + 1; k < Math.Min(p.ToPoint, reservePoint + 1); k++) allowed[k] = false;
        return allowed;
    }

    /// <summary>Whether every bid of <paramref name="inner"/> is a bid of <paramref name="outer"/>.</summary>
    public static bool IsSubset(bool[] inner, bool[] outer)
    {
        for (int k = 1; k < inner.Length; k++)
            if (inner[k] && (k >= outer.Length || !outer[k])) return false;
        return true;
    }

    /// <summary>The bids of <paramref name="mask"/> in increasing grid index.</summary>
    public static int[] Points(bool[] mask)
    {
        var points = new List<int>(mask.Length);
        for (int k = 1; k < mask.Length; k++)
            if (mask[k]) points.Add(k);
        return [.. points];
    }
}
