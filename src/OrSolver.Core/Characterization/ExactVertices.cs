using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Characterization;

/// <summary>A vertex (extreme point) of the grid frontier: the canonical Lagrangian optimum at λ on one side of a tie.</summary>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Lambda">A λ at which this vertex is a Lagrangian optimum (+∞ for the buyer-optimal end).</param>
/// <param name="Side">Which end of that λ's tie it is.</param>
public sealed record FrontierVertex(double Revenue, double Surplus, double Lambda, TieSide Side)
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;

    /// <summary>Recomputes the vertex's canonical allocation (O(m); vertices do not keep theirs to save memory).</summary>
    public LagrangianOptimum Optimum(DiscretisedMarket market) => LagrangianOptimum.Solve(market, Lambda, Side);
}

/// <summary>Where a surplus level U falls on the exact grid frontier.</summary>
/// <param name="Left">The vertex at or below U (smaller surplus).</param>
/// <param name="Right">The vertex at or above U.</param>
/// <param name="Probability">ν, the weight of <paramref name="Left"/> in the randomisation ν·Left + (1−ν)·Right that
/// achieves U (Cor. 3.6/3.8); 1 when U is at a vertex. Range: [0, 1].</param>
/// <param name="Lambda">The frontier's slope −dΠ/dU on the segment (Left, Right); at a vertex, the slope of the segment
/// to its right (the left one for the last vertex).</param>
/// <param name="LambdaLow">The smallest slope a point with this U can have, given that U is known to the solver
/// tolerance: the slope of the segment containing U − tolerance (at a vertex, at most the slope on its left).</param>
/// <param name="LambdaHigh">The largest such slope: the segment containing U + tolerance (+∞ past the last vertex).</param>
/// <param name="Revenue">Π(U) on the exact frontier (linear interpolation between the two vertices).</param>
public sealed record FrontierLocation(FrontierVertex Left, FrontierVertex Right, double Probability, double Lambda,
    double LambdaLow, double LambdaHigh, double Revenue)
{
    /// <summary>Whether U is at a vertex (no randomisation needed).</summary>
    public bool AtVertex => ReferenceEquals(Left, Right);

    /// <summary>A finite slope λ at which the point is a Lagrangian optimum, what a certificate of optimality for the LP is
    /// built at (method.md §5.8): <see cref="Lambda"/>, or at the buyer-optimal end (where λ is +∞) the slope of the segment
    /// on its left, <see cref="LambdaLow"/>. +∞ when that is not known (a vertex placed by a direct search knows no
    /// neighbours): every λ from the unknown slope on up supports it.</summary>
    public double SupportingSlope
        => double.IsFinite(Lambda) ? Lambda : double.IsFinite(LambdaLow) && LambdaLow > 0 ? LambdaLow : double.PositiveInfinity;

    /// <summary>U of the point this location describes: the vertex's when U was within the solver tolerance of a vertex
    /// (the location then snaps to it, so that its mechanism is one auction), else ν·U_Left + (1 − ν)·U_Right, the U
    /// asked for. (Π, U) = (<see cref="Revenue"/>, <see cref="Surplus"/>) is a point of the exact frontier.</summary>
    public double Surplus => AtVertex ? Left.Surplus : Probability * Left.Surplus + (1 - Probability) * Right.Surplus;

    /// <summary>Π of the exact frontier at exactly the U asked for, without snapping to a vertex (clamped to the
    /// frontier's ends). Differs from <see cref="Revenue"/> by up to λ times the snapping distance: where the frontier is
    /// steep (λ ≫ 1 near U*) that is more than the solver tolerance, so a point known at a U of its own (an LP's) is
    /// compared with this value. NaN when not computed.</summary>
    public double RevenueAtAsked { get; init; } = double.NaN;

    /// <summary>The interim allocation of the point: ν·x_Left + (1 − ν)·x_Right of the two vertices' canonical
    /// allocations (Cor. 3.6/3.8); the vertex's own at a vertex.</summary>
    public InterimAllocation Allocation(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var left = Left.Optimum(market).Allocation;
        if (AtVertex) return left;
        var right = Right.Optimum(market).Allocation;
        var cells = new double[market.Cells];
        for (int j = 1; j <= market.Cells; j++) cells[j - 1] = Probability * left.Cell(j) + (1 - Probability) * right.Cell(j);
        return new InterimAllocation(market, cells);
    }
}

/// <summary>
/// The exact frontier of the grid program: every vertex of the piecewise-linear concave curve Π(U), found by a
/// parametric search in λ (Appendix B; method.md §5.4): between two known vertices A and B the chord's slope λ_AB is the only
/// λ at which a vertex between them can be a Lagrangian optimum; if G(λ_AB) = max Π + λ_AB·U exceeds the chord's
/// Π_A + λ_AB·U_A, its canonical optimum is a new vertex and the search recurses on both sides, otherwise A and B are
/// adjacent. No sampling: each vertex costs a few O(m) hull constructions, made in reused workspaces, on every core
/// for large grids.
/// </summary>
public sealed class ExactVertices
{
    private readonly List<FrontierVertex> _vertices;

    private ExactVertices(DiscretisedMarket market, List<FrontierVertex> vertices)
    {
        Market = market;
        _vertices = vertices;
    }

    /// <summary>The market and grid.</summary>
    public DiscretisedMarket Market { get; }

    /// <summary>The vertices in increasing U (the first is the Myerson point, the last the buyer-optimal point).</summary>
    public IReadOnlyList<FrontierVertex> Vertices => _vertices;

    /// <summary>Computes every vertex of the grid frontier of <paramref name="market"/>.</summary>
    public static ExactVertices Compute(DiscretisedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var workspace = new LagrangianWorkspace(market);
        var first = Evaluate(workspace, 0, TieSide.MostSurplus);
        var last = Evaluate(workspace, double.PositiveInfinity, TieSide.MostSurplus);
        var tolerance = VertexTolerance(first.Welfare, last.Welfare);
        var vertices = new List<FrontierVertex> { first };
        if (tolerance.Close(first.Surplus, last.Surplus) || last.Surplus < first.Surplus)
            return new ExactVertices(market, vertices);

        // Brackets between known vertices are independent: on large grids the first levels of the search fork onto the
        // thread pool (which balances the uneven brackets), each thread with its own workspace; deeper levels run
        // depth-first. The parts are joined left to right, so vertices keep increasing U.
        if (market.Cells >= ParallelGrid && Environment.ProcessorCount > 1)
        {
            using var workspaces = new ThreadLocal<LagrangianWorkspace>(() => new LagrangianWorkspace(market));
            vertices.AddRange(Fork(workspaces, first, last, tolerance, ForkDepth));
        }
        else
        {
            vertices.AddRange(Finish(workspace, first, last, tolerance));
        }
        return new ExactVertices(market, vertices);
    }

    /// <summary>How close in U two points of a frontier whose ends have welfare <paramref name="firstWelfare"/> and
    /// <paramref name="lastWelfare"/> may be and still count as one vertex: rounding, not solver level, since a refined
    /// grid has vertices 1e-9 apart in U. Ends this close make the frontier one point.</summary>
    internal static Tolerance VertexTolerance(double firstWelfare, double lastWelfare)
        => Tolerances.Rounding.AtScale(Math.Max(Math.Abs(firstWelfare), Math.Abs(lastWelfare)));

    /// <summary>Grids from this many cells share the vertex search among the cores.</summary>
    private const int ParallelGrid = 4000;

    /// <summary>Levels of the search that fork (up to 2^depth parallel brackets): enough for the pool to balance brackets
    /// whose sizes differ by orders of magnitude.</summary>
    private const int ForkDepth = 10;

    /// <summary>Every vertex strictly between <paramref name="a"/> and <paramref name="b"/>, then <paramref name="b"/>:
    /// the two halves of a split bracket searched in parallel while <paramref name="depth"/> lasts.</summary>
    private static List<FrontierVertex> Fork(ThreadLocal<LagrangianWorkspace> workspaces, FrontierVertex a, FrontierVertex b, Tolerance tolerance, int depth)
    {
        if (depth == 0) return Finish(workspaces.Value!, a, b, tolerance);
        var between = FindBetween(workspaces.Value!, a, b, tolerance);
        if (between is null) return [b];
        List<FrontierVertex>? left = null, right = null;
        Parallel.Invoke(
            () => left = Fork(workspaces, a, between, tolerance, depth - 1),
            () => right = Fork(workspaces, between, b, tolerance, depth - 1));
        left!.AddRange(right!);
        return left;
    }

    /// <summary>Every vertex strictly between the vertices <paramref name="a"/> and <paramref name="b"/>, then
    /// <paramref name="b"/>, in increasing U (depth-first).</summary>
    private static List<FrontierVertex> Finish(LagrangianWorkspace workspace, FrontierVertex a, FrontierVertex b, Tolerance tolerance)
    {
        var vertices = new List<FrontierVertex>();
        var stack = new Stack<(FrontierVertex A, FrontierVertex B)>();
        stack.Push((a, b));
        while (stack.Count > 0)
        {
            var (left, right) = stack.Pop();
            var between = FindBetween(workspace, left, right, tolerance);
            if (between is null)
            {
                vertices.Add(right);
                continue;
            }
            // Right part first on the stack, so that the left part is finished (and emitted) first.
            stack.Push((between, right));
            stack.Push((left, between));
        }
        return vertices;
    }

    /// <summary>
    /// A vertex strictly between the vertices <paramref name="a"/> and <paramref name="b"/> (U_a &lt; U_b), or null when
    /// they are adjacent: the chord's slope λ is the only λ at which a vertex between them can be a Lagrangian optimum, and
    /// one is there iff G(λ) exceeds the chord's Π_a + λ·U_a. The least-surplus optimum ℓ(λ) is tried first, then r(λ).
    /// In exact arithmetic G(λ) is the same at both ends of λ's tie, so one hull would decide adjacency; but the hull's
    /// tie rule can keep, as vertices, points of a refinement window that lie below the chord over it, and on such a
    /// grid ℓ(λ)'s G fell 2.6e-9 short of r(λ)'s and of the strict hull's (Beta(2, 5), n = 9, the refined grid of its
    /// bargaining solutions), hiding a vertex. So r(λ) is tried too before the pair is called adjacent.
    /// </summary>
    private static FrontierVertex? FindBetween(LagrangianWorkspace workspace, FrontierVertex a, FrontierVertex b, Tolerance tolerance)
    {
        // Π falls as U rises along the frontier (the Myerson point has the most revenue), so the chord's slope is ≥ 0 up to
        // the rounding of the two sums; a rise beyond the solver tolerance is a bug, not a slope to clamp.
        double fall = a.Revenue - b.Revenue;
        if (fall < 0 && !Tolerances.SolverAgreement.AtScale(Math.Max(Math.Abs(a.Welfare), Math.Abs(b.Welfare))).Close(a.Revenue, b.Revenue))
            throw new InvalidOperationException($"the frontier's revenue rises from {a.Revenue:R} to {b.Revenue:R} as U goes from {a.Surplus:R} to {b.Surplus:R}");
        double lambda = fall > 0 ? fall / (b.Surplus - a.Surplus) : 0;
        double chord = a.Revenue + lambda * a.Surplus;
        foreach (var side in new[] { TieSide.LeastSurplus, TieSide.MostSurplus })
        {
            var candidate = Evaluate(workspace, lambda, side);
            bool strictlyInside = candidate.Surplus > a.Surplus && candidate.Surplus < b.Surplus
                && !tolerance.Close(candidate.Surplus, a.Surplus) && !tolerance.Close(candidate.Surplus, b.Surplus);
            double value = candidate.Revenue + lambda * candidate.Surplus;
            bool above = value > chord && !tolerance.Close(value, chord);
            if (above && strictlyInside) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Places one surplus level on the exact frontier without computing every vertex: bisection in λ between a λ whose
    /// most-surplus optimum lies at or below U and one whose least-surplus optimum lies at or above it, until the two
    /// optima are adjacent vertices (no Lagrangian optimum strictly above their chord). O(m·log) instead of O(m·V);
    /// <paramref name="lambdaGuess"/> (e.g. the LP's dual) usually settles it in two hull constructions.
    /// </summary>
    public static FrontierLocation LocateBySearch(DiscretisedMarket market, double surplus, double lambdaGuess)
    {
        ArgumentNullException.ThrowIfNull(market);
        var (left, right) = SearchSegment(market, v => surplus - v.Surplus, lambdaGuess);
        var tolerance = Tolerances.SolverAgreement.AtScale(Math.Max(Math.Abs(left.Welfare), Math.Abs(right.Welfare)));
        double asked = Interpolate(left, right, surplus);
        if (tolerance.Close(surplus, left.Surplus)) return Between(left, left, surplus, tolerance) with { RevenueAtAsked = asked };
        if (tolerance.Close(surplus, right.Surplus)) return Between(right, right, surplus, tolerance) with { RevenueAtAsked = asked };
        return Between(left, right, surplus, tolerance) with { RevenueAtAsked = asked };
    }

    /// <summary>
    /// Finds, without computing every vertex, the two adjacent vertices A, B of the grid frontier between which a
    /// predicate changes sign: <paramref name="side"/>(V) ≥ 0 for vertices left of the target and &lt; 0 right of it
    /// (it must be monotone along the frontier). The chord slope of the current bracket is the only λ at which a vertex
    /// inside it can be a Lagrangian optimum, so each step finds a vertex inside or proves the bracket adjacent. Returns
    /// (V, V) when the whole frontier is one vertex or the predicate is never positive / never negative.
    /// </summary>
    /// <param name="market">The discretised market.</param>
    /// <param name="side">The predicate: ≥ 0 left of the target, &lt; 0 right of it.</param>
    /// <param name="lambdaGuess">A λ near the target (e.g. an LP's dual), to start with a tight bracket; NaN for none.</param>
    public static (FrontierVertex Left, FrontierVertex Right) SearchSegment(DiscretisedMarket market, Func<FrontierVertex, double> side,
        double lambdaGuess = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(side);
        var workspace = new LagrangianWorkspace(market);
        var below = Evaluate(workspace, 0, TieSide.MostSurplus);
        var above = Evaluate(workspace, double.PositiveInfinity, TieSide.MostSurplus);
        var tolerance = VertexTolerance(below.Welfare, above.Welfare);
        if (tolerance.Close(below.Surplus, above.Surplus) || side(below) < 0) return (below, below);
        if (side(above) >= 0) return (above, above);
        if (double.IsFinite(lambdaGuess) && lambdaGuess >= 0)
        {
            foreach (var tie in new[] { TieSide.LeastSurplus, TieSide.MostSurplus })
            {
                var guess = Evaluate(workspace, lambdaGuess, tie);
                if (side(guess) >= 0 && guess.Surplus > below.Surplus) below = guess;
                else if (side(guess) < 0 && guess.Surplus < above.Surplus) above = guess;
            }
        }
        for (int iteration = 0; iteration < 10_000; iteration++)
        {
            var between = FindBetween(workspace, below, above, tolerance);
            if (between is null) return (below, above);
            if (side(between) >= 0) below = between; else above = between;
        }
        throw new InvalidOperationException("the parametric search did not converge");
    }

    private static FrontierLocation Between(FrontierVertex left, FrontierVertex right, double surplus, Tolerance tolerance)
    {
        if (ReferenceEquals(left, right) || tolerance.Close(left.Surplus, right.Surplus))
        {
            // A direct search does not know the vertex's neighbours, hence not its range of supporting slopes: the
            // caller checks a λ by duality instead (G(λ) = Π + λ·U at the vertex).
            return new FrontierLocation(left, left, 1, left.Lambda, 0, double.PositiveInfinity, left.Revenue) { RevenueAtAsked = left.Revenue };
        }
        double nu = (right.Surplus - surplus) / (right.Surplus - left.Surplus);
        double slope = (left.Revenue - right.Revenue) / (right.Surplus - left.Surplus);
        return new FrontierLocation(left, right, nu, slope, slope, slope, nu * left.Revenue + (1 - nu) * right.Revenue);
    }

    /// <summary>Π on the chord from <paramref name="a"/> to <paramref name="b"/> at <paramref name="surplus"/>, clamped to
    /// the chord's ends.</summary>
    private static double Interpolate(FrontierVertex a, FrontierVertex b, double surplus)
    {
        if (surplus <= a.Surplus || !(b.Surplus > a.Surplus)) return surplus <= a.Surplus ? a.Revenue : b.Revenue;
        if (surplus >= b.Surplus) return b.Revenue;
        double t = (surplus - a.Surplus) / (b.Surplus - a.Surplus);
        return a.Revenue + t * (b.Revenue - a.Revenue);
    }

    /// <summary>The canonical Lagrangian optimum at λ on one side of a tie, as a vertex: (Π, U) without building the
    /// allocation (the same bits as <see cref="LagrangianOptimum.Solve"/>'s allocation gives).</summary>
    private static FrontierVertex Evaluate(LagrangianWorkspace workspace, double lambda, TieSide side)
    {
        workspace.Solve(lambda, side);
        var (revenue, surplus) = workspace.Value();
        return new FrontierVertex(revenue, surplus, lambda, side);
    }

    /// <summary>Places a surplus level on the frontier: its two neighbouring vertices, the randomisation weight ν and
    /// the slope λ there. U is clamped to [U at Myerson, U*].</summary>
    public FrontierLocation Locate(double surplus)
    {
        var v = _vertices;
        var tolerance = Tolerances.SolverAgreement.AtScale(Math.Max(Math.Abs(v[0].Welfare), Math.Abs(v[^1].Welfare)));
        double Slope(int i) => i <= 0 || i >= v.Count ? double.NaN : (v[i - 1].Revenue - v[i].Revenue) / (v[i].Surplus - v[i - 1].Surplus);
        if (v.Count == 1) return new FrontierLocation(v[0], v[0], 1, 0, 0, double.PositiveInfinity, v[0].Revenue) { RevenueAtAsked = v[0].Revenue };
        // A point's U is known to the tolerance only, so its λ is pinned only to the slopes of the segments within
        // reach: from the segment containing U − tolerance to the one containing U + tolerance (0 before the first
        // vertex, +∞ after the last). Near a flat end of the frontier, vertices and segments can be narrower than that.
        double reach = tolerance.Bound(surplus, surplus);
        double SlopeAt(double u)
        {
            if (u <= v[0].Surplus) return 0;
            if (u >= v[^1].Surplus) return double.PositiveInfinity;
            return Slope(SegmentEnd(u));
        }
        int SegmentEnd(double u)
        {
            int lo = 0, hi = v.Count - 1;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (v[mid].Surplus <= u) lo = mid; else hi = mid;
            }
            return hi;
        }
        double low = SlopeAt(surplus - reach), high = SlopeAt(surplus + reach);
        if (surplus <= v[0].Surplus) return new FrontierLocation(v[0], v[0], 1, Slope(1), 0, high, v[0].Revenue) { RevenueAtAsked = v[0].Revenue };
        if (surplus >= v[^1].Surplus)
            return new FrontierLocation(v[^1], v[^1], 1, Slope(v.Count - 1), low, double.PositiveInfinity, v[^1].Revenue) { RevenueAtAsked = v[^1].Revenue };
        int end = SegmentEnd(surplus), start = end - 1;
        double asked = Interpolate(v[start], v[end], surplus);
        int nearer = surplus - v[start].Surplus <= v[end].Surplus - surplus ? start : end;
        if (tolerance.Close(surplus, v[nearer].Surplus))
        {
            double lambda = nearer < v.Count - 1 ? Slope(nearer + 1) : Slope(nearer);
            return new FrontierLocation(v[nearer], v[nearer], 1, lambda, Math.Min(low, lambda), Math.Max(high, lambda), v[nearer].Revenue) { RevenueAtAsked = asked };
        }
        var (a, b) = (v[start], v[end]);
        double nu = (b.Surplus - surplus) / (b.Surplus - a.Surplus);
        double slope = Slope(end);
        return new FrontierLocation(a, b, nu, slope, Math.Min(low, slope), Math.Max(high, slope), nu * a.Revenue + (1 - nu) * b.Revenue) { RevenueAtAsked = asked };
    }
}
