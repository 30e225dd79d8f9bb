using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Mechanisms;

/// <summary>The best single posted price against the randomised optimum at one surplus floor U (one buyer).</summary>
/// <param name="Surplus">U, the floor on the buyer's surplus. Range: [U at Myerson, U*].</param>
/// <param name="SinglePrice">max Π over single posted prices leaving at least U (−∞ when none does).</param>
/// <param name="Optimal">Π(U) of the frontier: the best randomisation of (at most two) posted prices (Prop. 3.1).</param>
public sealed record PostedPriceComparison(double Surplus, double SinglePrice, double Optimal)
{
    /// <summary>Π(U) − best single price: how much revenue one price gives up. Range: ≥ 0 up to rounding.</summary>
    public double Shortfall => Optimal - SinglePrice;

    /// <summary>Best single price / Π(U), Def. E.1's ratio at this U. Range: [0, 1] up to rounding (0/0 at U*).</summary>
    public double Ratio => SinglePrice / Optimal;
}

/// <summary>An extreme point of the one-buyer frontier read as the posted price Prop. 3.1 says it is.</summary>
/// <param name="Vertex">The vertex of the exact grid frontier.</param>
/// <param name="Price">v(q_r), the value at the reserve point of the vertex's canonical optimum: the price posted.</param>
/// <param name="AllocationError">max_j |x_j − 1[j ≤ r]|: how far the vertex's allocation is from posting that price
/// (selling with certainty to every value at or above it). Range: [0, 1]; rounding-small when the vertex is a posted price.</param>
public sealed record PostedPriceVertex(FrontierVertex Vertex, double Price, double AllocationError)
{
    /// <summary>The vertex (see the record's parameter).</summary>
    public FrontierVertex Vertex { get; } = Vertex ?? throw new ArgumentNullException(nameof(Vertex));

    /// <summary>The distance from a posted price (see the record's parameter).</summary>
    public double AllocationError { get; } = AllocationError >= 0 ? AllocationError
        : throw new ArgumentOutOfRangeException(nameof(AllocationError), AllocationError, "a distance is ≥ 0");
}

/// <summary>The smallest ratio single price / randomised optimum over the surplus levels, and where. Validates itself.</summary>
/// <param name="Ratio">The smallest ratio (Def. E.1's ratio for this F). Range: [0, 1] up to rounding.</param>
/// <param name="Surplus">The U where it is reached.</param>
public sealed record WorstPriceRatio(double Ratio, double Surplus)
{
    /// <summary>The smallest ratio (see the record's parameter).</summary>
    public double Ratio { get; } = Ratio >= 0 ? Ratio : throw new ArgumentOutOfRangeException(nameof(Ratio), Ratio, "a ratio of revenues is ≥ 0");
}

/// <summary>
/// The posted prices of a one-buyer market on its grid (Prop. 3.1, 3.3, Appendix E; method.md §10), next to the exact grid
/// frontier. Posting the price v(q_k) sells with probability q_k and yields Π = R(q_k) and U_F(q_k) = V(q_k) − R(q_k), the
/// surplus of Appendix E's notation; U_F is non-decreasing in q (lower prices leave more surplus, Fact 3.2). Everything is
/// on one grid, so the comparisons below differ only by rounding where the paper says they are equal: a grid posted price
/// is itself a mechanism, and the grid frontier is the best randomisation of grid posted prices.
/// Where v jumps (a gap in the support, at a breakpoint b) every price p between v(b⁺) and v(b) also sells with
/// probability b: Π = R(b) − (U − U_F(b)) for U up to U_F(b) + b·(v(b) − v(b⁺)). These prices are no grid value, and the
/// single-price benchmark includes them.
/// </summary>
public sealed class PostedPrices
{
    private readonly double[] _revenue;
    private readonly double[] _surplus;
    private readonly int[] _bySurplus;
    private readonly double[] _sortedSurplus;
    private readonly double[] _bestFrom;
    private readonly List<(double Surplus, double Revenue)> _envelope;
    private readonly List<(double Surplus, double Revenue, double Reach)> _gapPrices = [];

    private PostedPrices(FrontierProblem problem)
    {
        Problem = problem;
        Frontier = ExactVertices.Compute(problem.Discretised);
        var market = problem.Discretised;
        int m = market.Cells;
        _revenue = new double[m + 1];
        _surplus = new double[m + 1];
        for (int k = 0; k <= m; k++)
        {
            _revenue[k] = market.Revenue(k);
            _surplus[k] = market.IntegratedValue(k) - market.Revenue(k);
        }
        // Sorted by U (ties: more revenue first), with the best revenue among all prices at or after each position.
        _bySurplus = [.. Enumerable.Range(0, m + 1).OrderBy(k => _surplus[k]).ThenByDescending(k => _revenue[k])];
        _sortedSurplus = [.. _bySurplus.Select(k => _surplus[k])];
        _bestFrom = new double[m + 2];
        _bestFrom[m + 1] = double.NegativeInfinity;
        for (int i = m; i >= 0; i--) _bestFrom[i] = Math.Max(_bestFrom[i + 1], _revenue[_bySurplus[i]]);
        _envelope = UpperEnvelope();
        var f = problem.Market.Distribution;
        foreach (double b in f.Breakpoints)
        {
            int k = market.Grid.NearestPoint(b);
            double drop = market.Value(k) - f.Value(Math.BitIncrement(market.Grid[k]));
            if (market.Grid[k] == b && drop > 0) _gapPrices.Add((_surplus[k], _revenue[k], market.Grid[k] * drop));
        }
    }

    /// <summary>The posted prices and the exact frontier of a single buyer with values from <paramref name="distribution"/>.</summary>
    /// <param name="distribution">F.</param>
    /// <param name="gridSize">Grid cells m. Range: ≥ 16.</param>
    public static PostedPrices Compute(IValueDistribution distribution, int gridSize) => new(new FrontierProblem(new Market(distribution, 1), gridSize));

    /// <summary>The posted prices and the exact frontier of <paramref name="problem"/>, a one-buyer problem.</summary>
    /// <exception cref="ArgumentException">The problem has more than one buyer or more than one unit.</exception>
    public static PostedPrices Compute(FrontierProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Market.Buyers != 1 || problem.Market.Units != 1)
            throw new ArgumentException($"posted prices compare mechanisms for one buyer and one item (got n = {problem.Market.Buyers}, k = {problem.Market.Units})", nameof(problem));
        return new PostedPrices(problem);
    }

    /// <summary>The problem (n = 1), its grid and landmarks.</summary>
    public FrontierProblem Problem { get; }

    /// <summary>The exact grid frontier (Appendix B's hull route).</summary>
    public ExactVertices Frontier { get; }

    /// <summary>Payoffs closer than this are equal up to the grid's rounding (1e-12 of OPT).</summary>
    public Tolerance Rounding => Tolerances.Rounding.AtScale(Problem.OptimalWelfare);

    /// <summary>The best single posted price under a surplus floor: max{R(q_k) : U_F(q_k) ≥ U} (to rounding), or a price
    /// inside a gap of the support where that is better; −∞ above U*.</summary>
    public double BestSinglePrice(double surplus)
    {
        double floor = surplus - Rounding.Bound(surplus, surplus);
        int lo = 0, hi = _sortedSurplus.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_sortedSurplus[mid] >= floor) hi = mid; else lo = mid + 1;
        }
        double best = _bestFrom[lo];
        foreach (var (u, r, reach) in _gapPrices)
            if (u <= surplus && surplus <= u + reach) best = Math.Max(best, r - (surplus - u));
        return best;
    }

    /// <summary>The surplus levels where a single price and the randomised optimum are compared, in increasing U: every
    /// U_F(q_k) and every frontier vertex on [U at Myerson, U*], and the ends of the gap prices' reach. Between two
    /// consecutive levels both revenues are linear in U, or the single-price one steps down just after a level (a
    /// grid effect, O(cell width), not the continuous curve), so gaps and ratios are extreme at these levels.</summary>
    public IReadOnlyList<double> ComparisonLevels()
    {
        double low = Problem.MyersonSurplus, high = Problem.OptimalSurplus;
        var rounding = Rounding;
        return [.. _surplus.Skip(1).Concat(Frontier.Vertices.Select(v => v.Surplus)).Concat(_gapPrices.Select(g => g.Surplus + g.Reach))
            .Where(u => rounding.AtMost(low, u) && rounding.AtMost(u, high)).Distinct().Order()];
    }

    /// <summary>Every extreme point of the frontier as a posted price (Prop. 3.1): the price at its reserve point and how
    /// far its allocation is from posting it, in increasing U.</summary>
    public IReadOnlyList<PostedPriceVertex> VertexPrices()
    {
        var market = Problem.Discretised;
        return [.. Frontier.Vertices.Select(vertex =>
        {
            var optimum = vertex.Optimum(market);
            int r = optimum.ReservePoint;
            double error = Enumerable.Range(1, market.Cells).Max(j => Math.Abs(optimum.Allocation.Cell(j) - (j <= r ? 1 : 0)));
            return new PostedPriceVertex(vertex, market.Value(r), error);
        })];
    }

    /// <summary>The optimal (randomised) revenue under the surplus floor U: the exact grid frontier's Π(U).</summary>
    public double Randomised(double surplus) => Frontier.Locate(surplus).Revenue;

    /// <summary>
    /// Prop. 3.1's route to the frontier: the upper concave envelope of the posted-price points (U_F(q_k), R(q_k)) at U
    /// (a randomisation of two posted prices reaches every point of a chord). Computed by Andrew's monotone chain on the
    /// payoff plane, independently of the Lagrangian hulls of R_λ in quantile space behind <see cref="Frontier"/>.
    /// Range of U: [U at Myerson, U*].
    /// </summary>
    public double Envelope(double surplus)
    {
        var hull = _envelope;
        if (surplus <= hull[0].Surplus) return hull[0].Revenue;
        for (int i = 1; i < hull.Count; i++)
        {
            if (surplus > hull[i].Surplus) continue;
            var (a, b) = (hull[i - 1], hull[i]);
            double t = (surplus - a.Surplus) / (b.Surplus - a.Surplus);
            return a.Revenue + t * (b.Revenue - a.Revenue);
        }
        return hull[^1].Revenue;
    }

    /// <summary>Single price against the randomised optimum at every comparison level (Def. E.1's ratio for this F is the
    /// smallest <see cref="PostedPriceComparison.Ratio"/>).</summary>
    public IEnumerable<PostedPriceComparison> Comparisons() =>
        ComparisonLevels().Select(u => new PostedPriceComparison(u, BestSinglePrice(u), Randomised(u)));

    /// <summary>The smallest optimal revenue at which a ratio is measured: Locate places U to 1e-9 of OPT
    /// (<see cref="Tolerances.SolverAgreement"/>), which moves Π(U) by as much, so the ratio is accurate to
    /// <see cref="Tolerances.ClosedForm"/> (1e-6) only where Π(U) ≥ 1e-3 of OPT. Towards U* both revenues vanish (at U*
    /// itself the ratio is 0/0).</summary>
    public double SmallestMeasuredRevenue =>
        Tolerances.SolverAgreement.AtScale(Problem.OptimalWelfare).Absolute / Tolerances.ClosedForm.Relative;

    /// <summary>The smallest ratio single price / randomised optimum over the levels with Π(U) at least
    /// <see cref="SmallestMeasuredRevenue"/>, and where it is: 1 when the frontier is one point.</summary>
    public WorstPriceRatio WorstRatio()
    {
        var worst = new WorstPriceRatio(1.0, Problem.MyersonSurplus);
        foreach (var comparison in Comparisons())
        {
            if (comparison.Optimal < SmallestMeasuredRevenue) continue;
            if (comparison.Ratio < worst.Ratio) worst = new WorstPriceRatio(comparison.Ratio, comparison.Surplus);
        }
        return worst;
    }

    // Upper hull of the posted-price points, sorted by U (ties: the highest revenue only).
    private List<(double Surplus, double Revenue)> UpperEnvelope()
    {
        var hull = new List<(double Surplus, double Revenue)>();
        for (int i = 0; i < _bySurplus.Length; i++)
        {
            int k = _bySurplus[i];
            if (hull.Count > 0 && hull[^1].Surplus == _surplus[k]) continue;
            var p = (_surplus[k], _revenue[k]);
            while (hull.Count >= 2 && !Above(hull[^2], hull[^1], p)) hull.RemoveAt(hull.Count - 1);
            hull.Add(p);
        }
        return hull;

        // Whether b lies strictly above the chord from a to c.
        static bool Above((double U, double R) a, (double U, double R) b, (double U, double R) c)
            => (b.R - a.R) * (c.U - a.U) - (c.R - a.R) * (b.U - a.U) > 0;
    }
}
