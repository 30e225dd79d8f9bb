using OrSolver.Core.Structures;
using OrSolver.Plots;

namespace OrSolver.Experiments.Analysis;

/// <summary>
/// The two pictures of the mechanism-path theorems (3.5, 3.7): the reserve (over the lowest monopoly reserve) and the
/// pooled quantile mass of the bid-space gaps along the frontier, against U/U*, one series per market with a marker on
/// every vertex. Between two vertices the frontier randomises their auctions (Cor. 3.6, 3.8), so a line there is the
/// ν-weighted value, linear in U.
/// </summary>
public sealed class PathCharts
{
    private const string SurplusAxis = "buyers' surplus U / U*";

    /// <summary>Empty charts titled for <paramref name="theorem"/> on the class <paramref name="regime"/>.</summary>
    public PathCharts(string theorem, string regime)
    {
        Reserve = new Chart($"{theorem}: reserve along the frontier ({regime})", SurplusAxis, "reserve / monopoly reserve");
        Gaps = new Chart($"{theorem}: bid-space gaps along the frontier ({regime})", SurplusAxis, "pooled quantile mass Σ(q_b − q_a) of the gaps");
    }

    /// <summary>The reserve chart.</summary>
    public Chart Reserve { get; private set; }

    /// <summary>The gap chart.</summary>
    public Chart Gaps { get; private set; }

    /// <summary>Adds one market's vertices to both charts.</summary>
    public void Add(string legend, MechanismPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shares = path.SurplusShares;
        Reserve = Reserve.With(legend, shares, path.ReserveRatios, SeriesStyle.LineAndMarkers);
        Gaps = Gaps.With(legend, shares, path.GapMasses, SeriesStyle.LineAndMarkers);
    }
}
