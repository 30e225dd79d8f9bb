using OrSolver.Core.Characterization;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Classes;

/// <summary>
/// The Border rows to start a cutting-plane solve at surplus floor U₀ with (method.md §13.2, seeding): the frontier point at
/// U₀ lies on a segment between two Lagrangian optima that are both optimal at the segment's slope λ, and Border binds at
/// the thresholds of their score levels (<see cref="ClassLagrangian.TightThresholds"/>), the rows that carry the
/// optimum's multipliers. The segment is found by the parametric search of <see cref="ClassVertices"/>, one step at a
/// time and only inside the bracket of U₀; the optima found stay known, so a sweep searches each part of the frontier
/// once. Every seed is a valid Border row, so seeding changes what the LP starts from, never what it solves. Not
/// thread-safe.
/// </summary>
internal sealed class ClassCutSeeds
{
    /// <summary>Steps of the search per floor before the bracket found so far is used as it is (a cap that the parametric
    /// search of the vertex list also has).</summary>
    private const int MaximumSteps = 200;

    private readonly ClassGrids _grids;
    private readonly Tolerance _search;

    /// <summary>Lagrangian optima found so far, in increasing U, from the Myerson point to the surplus optimum.</summary>
    private readonly List<FrontierVertex> _known;

    /// <summary>Whether the pair (i, i + 1) of <see cref="_known"/> is proven to be a frontier segment.</summary>
    private readonly List<bool> _segment;

    /// <summary>Starts from the problem's ends (λ = 0 with the most surplus, λ = ∞).</summary>
    public ClassCutSeeds(ClassProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _grids = problem.Grids;
        // As the vertex list's search: down to rounding, so that no bend the solver could see is skipped.
        _search = Tolerances.Rounding.AtScale(problem.OptimalWelfare);
        var first = new FrontierVertex(problem.RevenueOptimal.Revenue, problem.RevenueOptimal.Surplus, 0, TieSide.MostSurplus);
        var last = new FrontierVertex(problem.SurplusOptimal.Revenue, problem.SurplusOptimal.Surplus, double.PositiveInfinity, TieSide.LeastSurplus);
        _known = [first];
        _segment = [];
        if (last.Surplus > first.Surplus)
        {
            _known.Add(last);
            _segment.Add(false);
        }
    }

    /// <summary>Lagrangian solves spent on the search so far.</summary>
    public int Steps { get; private set; }

    /// <summary>
    /// λ of the frontier at <paramref name="surplusFloor"/> (0 at or below the Myerson point's surplus; the slope of the
    /// frontier segment that contains U₀ otherwise) and the thresholds where Border binds at both Lagrangian optima of that λ
    /// (each end of its ties), without repeats.
    /// </summary>
    public (double Lambda, IReadOnlyList<int[]> Thresholds) At(double surplusFloor)
    {
        double lambda = surplusFloor <= _known[0].Surplus || _known.Count == 1 ? 0
            // At U* (to rounding) the point is the surplus optimum itself: its own thresholds, not the last segment's mix
            // (GLOP's dual simplex cycled on small pivots with those, K = 5, m = 200).
            : _search.AtMost(_known[^1].Surplus, surplusFloor) ? double.PositiveInfinity
            : SegmentSlope(surplusFloor);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var thresholds = new List<int[]>();
        foreach (var side in (TieSide[])[TieSide.MostSurplus, TieSide.LeastSurplus])
        {
            foreach (var threshold in ClassLagrangian.TightThresholds(_grids, lambda, side))
            {
                if (seen.Add(string.Join(',', threshold))) thresholds.Add(threshold);
            }
        }
        return (lambda, thresholds);
    }

    /// <summary>The slope of the frontier segment that contains U₀ (U₀ above the Myerson point's surplus), splitting the
    /// bracket of U₀ among the known optima until it is proven a segment.</summary>
    private double SegmentSlope(double surplus)
    {
        int i = Bracket(surplus);
        for (int step = 0; step < MaximumSteps && !_segment[i]; step++)
        {
            Steps++;
            if (ClassVertices.Split(_grids, _known[i], _known[i + 1], _search) is not { } middle)
            {
                _segment[i] = true;
                break;
            }
            _known.Insert(i + 1, middle);
            _segment.Insert(i + 1, false);
            if (surplus >= middle.Surplus) i++;
        }
        var (a, b) = (_known[i], _known[i + 1]);
        return (a.Revenue - b.Revenue) / (b.Surplus - a.Surplus);
    }

    /// <summary>The i with U_i ≤ U₀ ≤ U_{i+1} (the last pair for U₀ at or above U*).</summary>
    private int Bracket(double surplus)
    {
        int low = 0, high = _known.Count - 1;
        if (surplus >= _known[high].Surplus) return high - 1;
        // Invariant: U_low ≤ U₀ < U_high.
        while (high - low > 1)
        {
            int middle = (low + high) / 2;
            if (_known[middle].Surplus <= surplus) low = middle; else high = middle;
        }
        return low;
    }
}
