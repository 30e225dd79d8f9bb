namespace OrSolver.Core.Pareto;

/// <summary>
/// A vertex (extreme point) of a Pareto frontier between the seller's utility Π and the buyers' utility U, with the
/// mechanism that attains it. Knows no market: an auction, a bilateral trade or any other model can make one.
/// </summary>
/// <typeparam name="TMechanism">The market's description of a mechanism.</typeparam>
/// <param name="Surplus">U at the vertex.</param>
/// <param name="Revenue">Π at the vertex.</param>
/// <param name="Lambda">A slope λ ≥ 0 of a line supporting the frontier at the vertex (−dΠ/dU of the segment to its left or
/// right, or any value between); +∞ at a vertical end. Used to tell on which side of a bargaining point the vertex
/// lies.</param>
/// <param name="Mechanism">The mechanism at the vertex, computed when first asked for (a frontier may have thousands of
/// vertices, each mechanism costing a pass over the market's grid).</param>
public sealed record ParetoVertex<TMechanism>(double Surplus, double Revenue, double Lambda, Lazy<TMechanism> Mechanism)
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;
}

/// <summary>A point of a Pareto frontier: on the segment between two vertices, or at a vertex.</summary>
/// <typeparam name="TMechanism">The market's description of a mechanism.</typeparam>
/// <param name="Surplus">U.</param>
/// <param name="Revenue">Π.</param>
/// <param name="Left">The vertex at or below U.</param>
/// <param name="Right">The vertex at or above U (the same object as <paramref name="Left"/> at a vertex).</param>
/// <param name="Probability">ν, the weight of <paramref name="Left"/> in the randomisation ν·Left + (1 − ν)·Right that
/// attains the point (Cor. 3.6, 3.8); 1 at a vertex. Range: [0, 1].</param>
/// <param name="Lambda">−dΠ/dU of the segment (at a vertex: the vertex's <see cref="ParetoVertex{TMechanism}.Lambda"/>).</param>
public sealed record ParetoPoint<TMechanism>(double Surplus, double Revenue, ParetoVertex<TMechanism> Left, ParetoVertex<TMechanism> Right,
    double Probability, double Lambda)
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;

    /// <summary>Whether the point is a vertex (no randomisation needed).</summary>
    public bool AtVertex => ReferenceEquals(Left, Right);
}

/// <summary>
/// A Pareto frontier Π(U) that knows no market: a concave, non-increasing, piecewise-linear curve through its vertices
/// (in increasing U), the ideal point (Π*, U*) — the most revenue and the most surplus any mechanism gives — and a welfare
/// benchmark (OPT for auctions, first best for trade) that welfare ratios are taken against. Bargaining, plots and
/// frontier tables take only this type.
/// <para>
/// Two ways to build one: from the full vertex list (<see cref="ParetoFrontier.FromVertices"/>), or, where the list is long and a
/// market can locate a segment faster than by scanning (a parametric search in λ for auctions, method.md §5.4), from its
/// two ends and that search (<see cref="ParetoFrontier.FromSearch"/>). Everything else works the same on both.
/// </para>
/// </summary>
/// <typeparam name="TMechanism">The market's description of a mechanism.</typeparam>
public sealed class ParetoFrontier<TMechanism>
{
    private readonly IReadOnlyList<ParetoVertex<TMechanism>>? _vertices;
    private readonly Func<Func<ParetoVertex<TMechanism>, double>, (ParetoVertex<TMechanism>, ParetoVertex<TMechanism>)>? _search;

    internal ParetoFrontier(ParetoVertex<TMechanism> first, ParetoVertex<TMechanism> last, double welfareBenchmark,
        IReadOnlyList<ParetoVertex<TMechanism>>? vertices,
        Func<Func<ParetoVertex<TMechanism>, double>, (ParetoVertex<TMechanism>, ParetoVertex<TMechanism>)>? search,
        Func<TMechanism, TMechanism, double, TMechanism> randomise)
    {
        if (!(double.IsFinite(welfareBenchmark) && welfareBenchmark > 0))
            throw new ArgumentOutOfRangeException(nameof(welfareBenchmark), welfareBenchmark, "the welfare benchmark must be finite and positive");
        First = first;
        Last = last;
        WelfareBenchmark = welfareBenchmark;
        _vertices = vertices;
        _search = search;
        Randomise = randomise;
    }

    /// <summary>The revenue-optimal end: (U at the revenue optimum, Π*).</summary>
    public ParetoVertex<TMechanism> First { get; }

    /// <summary>The surplus-optimal end: (U*, Π there).</summary>
    public ParetoVertex<TMechanism> Last { get; }

    /// <summary>Π*, the most revenue on the frontier.</summary>
    public double IdealRevenue => First.Revenue;

    /// <summary>U*, the most surplus on the frontier.</summary>
    public double IdealSurplus => Last.Surplus;

    /// <summary>The welfare benchmark (OPT, first best, …). Range: &gt; 0.</summary>
    public double WelfareBenchmark { get; }

    /// <summary>Builds the randomisation of two vertices' mechanisms (first with probability ν).</summary>
    public Func<TMechanism, TMechanism, double, TMechanism> Randomise { get; }

    /// <summary>The vertices in increasing U, when the frontier was built from them; null when it explores by search.</summary>
    public IReadOnlyList<ParetoVertex<TMechanism>>? Vertices => _vertices;

    /// <summary>
    /// The two adjacent vertices between which <paramref name="side"/> changes sign: it must be ≥ 0 left of the target
    /// and &lt; 0 right of it. (V, V) when the whole frontier is one vertex, or the predicate is negative at
    /// <see cref="First"/> (V = First) or non-negative at <see cref="Last"/> (V = Last).
    /// </summary>
    public (ParetoVertex<TMechanism> Left, ParetoVertex<TMechanism> Right) Segment(Func<ParetoVertex<TMechanism>, double> side)
    {
        ArgumentNullException.ThrowIfNull(side);
        if (_search is not null) return _search(side);
        var v = _vertices!;
        if (v.Count == 1 || side(v[0]) < 0) return (v[0], v[0]);
        if (side(v[^1]) >= 0) return (v[^1], v[^1]);
        int lo = 0, hi = v.Count - 1; // side(v[lo]) ≥ 0 > side(v[hi])
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (side(v[mid]) >= 0) lo = mid; else hi = mid;
        }
        return (v[lo], v[hi]);
    }

    /// <summary>The frontier's point at U = <paramref name="surplus"/> (clamped to [U at <see cref="First"/>, U*]).</summary>
    public ParetoPoint<TMechanism> At(double surplus)
    {
        var (left, right) = Segment(v => surplus - v.Surplus);
        return ParetoFrontier.OnSegment(left, right, surplus);
    }

    /// <summary>The mechanism that attains <paramref name="point"/>: its vertex's, or the randomisation of its two
    /// vertices' with probability ν on the left one (a point within rounding of a vertex in U and Π, relative to the welfare
    /// benchmark, is that vertex alone: a randomisation with weight 1e-12 on the other is noise).</summary>
    public TMechanism MechanismOf(ParetoPoint<TMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        // Within rounding of a vertex in both U and Π (on a steep segment a tiny step in U is a large one in Π).
        double near = Numerics.Tolerances.Rounding.Relative * WelfareBenchmark;
        double span = Math.Max(point.Right.Surplus - point.Left.Surplus, Math.Abs(point.Right.Revenue - point.Left.Revenue));
        if (point.AtVertex || (1 - point.Probability) * span <= near) return point.Left.Mechanism.Value;
        if (point.Probability * span <= near) return point.Right.Mechanism.Value;
        return Randomise(point.Left.Mechanism.Value, point.Right.Mechanism.Value, point.Probability);
    }
}

/// <summary>Builds <see cref="ParetoFrontier{TMechanism}"/>s and points on them.</summary>
public static class ParetoFrontier
{
    /// <summary>
    /// The frontier through <paramref name="vertices"/> (in increasing U; one vertex for a degenerate frontier; their λ is
    /// replaced by the slope of the segment to their right, +∞ at the last). Validates
    /// that U increases strictly, Π does not increase, and the slopes −dΠ/dU do not decrease (concavity), each up to
    /// <paramref name="tolerance"/> of the benchmark.
    /// </summary>
    /// <param name="vertices">The vertices. Range: at least one; finite U and Π.</param>
    /// <param name="welfareBenchmark">The welfare W/benchmark ratios are taken against. Range: finite, &gt; 0.</param>
    /// <param name="randomise">The mechanism that runs the first with probability ν and the second otherwise.</param>
    /// <param name="tolerance">Relative (to the benchmark) slack in the shape checks, for frontiers computed in floating
    /// point. Range: ≥ 0.</param>
    public static ParetoFrontier<TMechanism> FromVertices<TMechanism>(IReadOnlyList<ParetoVertex<TMechanism>> vertices, double welfareBenchmark,
        Func<TMechanism, TMechanism, double, TMechanism> randomise, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        ArgumentNullException.ThrowIfNull(randomise);
        if (vertices.Count == 0) throw new ArgumentException("a frontier needs at least one vertex", nameof(vertices));
        double slack = tolerance * Math.Abs(welfareBenchmark);
        double previousSlope = 0;
        for (int i = 0; i < vertices.Count; i++)
        {
            var v = vertices[i];
            if (!double.IsFinite(v.Surplus) || !double.IsFinite(v.Revenue))
                throw new ArgumentException($"vertex {i} is not finite ({v.Surplus}, {v.Revenue})", nameof(vertices));
            if (i == 0) continue;
            var p = vertices[i - 1];
            if (!(v.Surplus > p.Surplus)) throw new ArgumentException($"U must increase strictly (vertex {i})", nameof(vertices));
            if (v.Revenue > p.Revenue + slack) throw new ArgumentException($"Π must not increase along the frontier (vertex {i})", nameof(vertices));
            double slope = (p.Revenue - v.Revenue) / (v.Surplus - p.Surplus);
            if (slope < previousSlope - slack / (v.Surplus - p.Surplus)) throw new ArgumentException($"the frontier must be concave (vertex {i})", nameof(vertices));
            previousSlope = Math.Max(previousSlope, slope);
        }
        // Each vertex's λ becomes the slope of the segment to its right (+∞ at the last): then "the objective rises to
        // the right of V" reads off V alone, which is what a bargaining solution's search asks.
        var normalised = new ParetoVertex<TMechanism>[vertices.Count];
        for (int i = 0; i < vertices.Count; i++)
        {
            double right = i + 1 < vertices.Count
                ? Math.Max(0, (vertices[i].Revenue - vertices[i + 1].Revenue) / (vertices[i + 1].Surplus - vertices[i].Surplus))
                : double.PositiveInfinity;
            normalised[i] = vertices[i] with { Lambda = right };
        }
        return new ParetoFrontier<TMechanism>(normalised[0], normalised[^1], welfareBenchmark, normalised, null, randomise);
    }

    /// <summary>
    /// The frontier between <paramref name="first"/> (the revenue-optimal end) and <paramref name="last"/> (the
    /// surplus-optimal end), whose interior the market explores by <paramref name="search"/>: given a predicate that is
    /// ≥ 0 on the vertices left of a target and &lt; 0 right of it (monotone along the frontier), it returns the two
    /// adjacent vertices between which the sign changes ((V, V) when one vertex decides it).
    /// </summary>
    public static ParetoFrontier<TMechanism> FromSearch<TMechanism>(ParetoVertex<TMechanism> first, ParetoVertex<TMechanism> last, double welfareBenchmark,
        Func<Func<ParetoVertex<TMechanism>, double>, (ParetoVertex<TMechanism>, ParetoVertex<TMechanism>)> search,
        Func<TMechanism, TMechanism, double, TMechanism> randomise)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(randomise);
        if (last.Surplus < first.Surplus) throw new ArgumentException("the surplus-optimal end must not lie left of the revenue-optimal end", nameof(last));
        return new ParetoFrontier<TMechanism>(first, last, welfareBenchmark, null, search, randomise);
    }

    /// <summary>The point of the segment (<paramref name="left"/>, <paramref name="right"/>) at U = <paramref name="surplus"/>
    /// (clamped to the segment), or the vertex when the segment is one vertex.</summary>
    public static ParetoPoint<TMechanism> OnSegment<TMechanism>(ParetoVertex<TMechanism> left, ParetoVertex<TMechanism> right, double surplus)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (ReferenceEquals(left, right) || !(right.Surplus > left.Surplus))
            return new ParetoPoint<TMechanism>(left.Surplus, left.Revenue, left, left, 1, left.Lambda);
        double u = Math.Clamp(surplus, left.Surplus, right.Surplus);
        if (u == left.Surplus) return new ParetoPoint<TMechanism>(left.Surplus, left.Revenue, left, left, 1, left.Lambda);
        if (u == right.Surplus) return new ParetoPoint<TMechanism>(right.Surplus, right.Revenue, right, right, 1, right.Lambda);
        double nu = (right.Surplus - u) / (right.Surplus - left.Surplus);
        double slope = (left.Revenue - right.Revenue) / (right.Surplus - left.Surplus);
        return new ParetoPoint<TMechanism>(u, nu * left.Revenue + (1 - nu) * right.Revenue, left, right, nu, slope);
    }
}
