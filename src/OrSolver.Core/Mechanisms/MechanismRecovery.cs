using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Mechanisms;

/// <summary>
/// Recovery of the auction behind a point of the frontier (method.md §6): the reserve point r = max{j : x_j &gt; 0} gives the
/// reserve price v(q_r), and the runs where X lies below the Border cap X̂ are pooled intervals whose values are removed
/// from the bid space. Three readings: an allocation known to rounding accuracy, an explicit bid space, and a canonical
/// Lagrangian optimum (exact, from its hull vertices; how LP points are read).
/// </summary>
public static class MechanismRecovery
{
    /// <summary>Recovers the mechanism behind <paramref name="allocation"/> if it is a single indirect Vickrey auction:
    /// X touches X̂ at the ends of maximal runs with constant x, and x is zero after the reserve. Returns null when the
    /// allocation is not of that shape (e.g. a randomisation of two auctions).
    /// Meant for allocations known to rounding accuracy (built by hand or by the closed form): x counts as zero only
    /// when it is zero, and X touches X̂ within rounding. An LP's allocation carries solver round-off (1e-10 of its
    /// natural scale) that no threshold separates from a real reserve near q = 1, where the second-price auction's x is
    /// itself below 1e-10; the duality checker therefore reads LP points through the hull (<see cref="FromOptimum"/>).</summary>
    public static RecoveredMechanism? FromAllocation(InterimAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var market = allocation.Market;
        int m = market.Cells;
        var tolerance = Tolerances.Rounding;

        int reservePoint = 0;
        for (int j = m; j >= 1; j--)
        {
            if (allocation.Cell(j) > 0) { reservePoint = j; break; }
        }
        if (reservePoint == 0) return null;

        // Touch points: X_k = X̂(q_k). Between consecutive touch points x must be constant (one pooled bid level).
        var pooled = new List<PooledInterval>();
        int previous = 0;
        for (int k = 1; k <= reservePoint; k++)
        {
            // The cumulative is a running sum of k terms: allow its rounding.
            double cap = market.Cap(k);
            bool touches = cap - allocation.Cumulative(k) <= 16 * k * tolerance.Relative * cap;
            if (!touches) continue;
            if (k > previous + 1)
            {
                double level = allocation.Cell(previous + 1);
                for (int j = previous + 2; j <= k; j++)
                {
                    if (!tolerance.AtScale(market.AllocationScale(j)).Close(allocation.Cell(j), level)) return null;
                }
                pooled.Add(new PooledInterval(previous, k));
            }
            previous = k;
        }
        if (previous != reservePoint) return null; // X must touch X̂ at the reserve point
        return Build(market, reservePoint, pooled);
    }

    /// <summary>The single auction whose bids are the grid values at <paramref name="bidPoints"/> (grid indices in 1..m):
    /// the largest is the reserve point, and every run of grid points between two consecutive bid points (or before the
    /// first) is pooled.</summary>
    /// <exception cref="ArgumentException">No bid point, or one outside 1..m.</exception>
    public static RecoveredMechanism FromBidPoints(DiscretisedMarket market, IEnumerable<int> bidPoints)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(bidPoints);
        var points = new SortedSet<int>(bidPoints);
        if (points.Count == 0) throw new ArgumentException("an auction needs at least one bid point", nameof(bidPoints));
        if (points.Min < 1 || points.Max > market.Cells) throw new ArgumentException($"bid points must lie in 1..{market.Cells}", nameof(bidPoints));
        var pooled = new List<PooledInterval>();
        int previous = 0;
        foreach (int k in points)
        {
            if (k > previous + 1) pooled.Add(new PooledInterval(previous, k));
            previous = k;
        }
        return Build(market, points.Max, pooled);
    }

    /// <summary>The mechanism of a canonical Lagrangian optimum, read exactly from its hull vertices: consecutive vertices
    /// a &lt; b with b &gt; a + 1 are a pooled interval, and the last vertex is the reserve point.</summary>
    public static RecoveredMechanism FromOptimum(LagrangianOptimum optimum)
    {
        ArgumentNullException.ThrowIfNull(optimum);
        var market = optimum.Allocation.Market;
        var vertices = optimum.HullVertices;
        var pooled = new List<PooledInterval>();
        for (int h = 1; h < vertices.Count; h++)
            if (vertices[h] > vertices[h - 1] + 1) pooled.Add(new PooledInterval(vertices[h - 1], vertices[h]));
        return Build(market, optimum.ReservePoint, pooled);
    }

    private static RecoveredMechanism Build(DiscretisedMarket market, int reservePoint, List<PooledInterval> pooled)
    {
        int m = market.Cells;
        bool noReserve = reservePoint == m;
        // With one buyer, or at least as many units as buyers, Border's cap is X̂(q) = q: everyone who bids at least the
        // reserve is served, so pooling changes nothing (x = 1 across the interval either way). The auction is the
        // posted price at the reserve, whatever the hull's vertices say about collinear points.
        if (market.Market.Units >= market.Market.Buyers) pooled = [];
        var gaps = pooled.Select(p => new BidSpaceGap(market.Value(p.ToPoint), market.Value(p.FromPoint))).Reverse().ToList();
        MechanismKind kind;
        if (pooled.Count == 0) kind = noReserve ? MechanismKind.SecondPrice : MechanismKind.SecondPriceWithReserve;
        else if (noReserve && pooled.Count == 1 && pooled[0].FromPoint == 0 && pooled[0].ToPoint == m) kind = MechanismKind.Lottery;
        else kind = MechanismKind.IndirectVickrey;
        return new RecoveredMechanism(kind, market.Value(reservePoint), market.Grid[reservePoint], gaps, pooled, [])
        {
            ReservePoint = reservePoint,
        };
    }
}
