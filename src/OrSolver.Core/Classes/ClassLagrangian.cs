using MathNet.Numerics.Integration;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Classes;

/// <summary>
/// The independent route for buyers of several classes (method.md §13.2): the Lagrangian program max Π + λ·U over the
/// polytope of Border for independent classes is solved by ironing R_{λ,c} = λ·V_c + (1 − λ)·R_c class by class (upper
/// concave hull on the class's grid, as for one class, Prop. B.6) and giving the item to the buyer with the highest ironed
/// score R̄'_{λ,c}(q) among those up to their class's reserve (the hull's maximiser), ties (pooled intervals, and equal
/// scores of different classes) broken uniformly. The interim allocation of every cell follows exactly from the classes'
/// score distributions. Its value G(λ) = Π + λ·U bounds every feasible point's Π + λ·U (weak duality), and the frontier
/// is Π(U) = min_λ G(λ) − λ·U.
/// </summary>
public static class ClassLagrangian
{
    /// <summary>The Lagrangian optimum at <paramref name="lambda"/> (λ ≥ 0, or +∞ for "most surplus, then most revenue"),
    /// taking the <paramref name="side"/> end of every class's tie in its hull's maximiser.</summary>
    public static ClassAllocation Solve(ClassGrids grids, double lambda, TieSide side = TieSide.MostSurplus)
        => Allocate(grids, Scores(grids, lambda, side));

    /// <summary>
    /// The Lagrangian optimum with one weight per class: max Π + Σ_c λ_c·U_c, with U_c = n_c·u_c class c's surplus. Class c
    /// irons R_{λ_c,c} = λ_c·V_c + (1 − λ_c)·R_c (its contribution is n_c·∫ x_c·R'_{λ_c,c}) and the rest is as for one λ:
    /// the highest ironed score wins, ties uniformly, taking the <paramref name="side"/> end of every class's own tie.
    /// </summary>
    /// <param name="grids">The market on its grids.</param>
    /// <param name="lambdas">λ_c per class. Range: finite, ≥ 0, one per class.</param>
    /// <param name="side">Which end of each class's tie in its hull's maximiser.</param>
    public static ClassAllocation Solve(ClassGrids grids, IReadOnlyList<double> lambdas, TieSide side = TieSide.MostSurplus)
    {
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentNullException.ThrowIfNull(lambdas);
        if (lambdas.Count != grids.Count) throw new ArgumentException($"expected {grids.Count} weights, got {lambdas.Count}", nameof(lambdas));
        if (lambdas.Any(l => !(l >= 0 && double.IsFinite(l))))
            throw new ArgumentOutOfRangeException(nameof(lambdas), "every class's weight must be finite and ≥ 0");
        return Allocate(grids, Scores(grids, [.. lambdas], side));
    }

    /// <summary>G(λ_1, …, λ_K) = Π + Σ_c λ_c·U_c of the per-class Lagrangian optimum: an upper bound on Π + Σ_c λ_c·U_c of
    /// every feasible allocation (weak duality).</summary>
    public static double Value(ClassGrids grids, IReadOnlyList<double> lambdas)
    {
        var allocation = Solve(grids, lambdas);
        return allocation.Revenue + lambdas.Select((l, c) => l * allocation.Classes[c].Surplus).Sum();
    }

    /// <summary>Each class's ironed score steps at λ, in falling score (the order of q), up to its reserve: the hull segments
    /// of R_{λ,c} with their chord slopes and tie-breaking slopes. What a mechanism of the class market is run by.</summary>
    internal static IReadOnlyList<ScoreStep>[] Scores(ClassGrids grids, double lambda, TieSide side)
    {
        ArgumentNullException.ThrowIfNull(grids);
        return Scores(grids, [.. Enumerable.Repeat(lambda, grids.Count)], side);
    }

    /// <summary>The score steps with one λ per class (all +∞ for "most surplus, then most revenue").</summary>
    internal static IReadOnlyList<ScoreStep>[] Scores(ClassGrids grids, double[] lambdas, TieSide side)
    {
        var runs = new IReadOnlyList<ScoreStep>[grids.Count];
        for (int c = 0; c < grids.Count; c++)
        {
            var market = grids.Classes[c];
            var workspace = new LagrangianWorkspace(market);
            workspace.Solve(lambdas[c], side);
            var vertices = workspace.Vertices;
            var steps = new List<ScoreStep>(vertices.Length);
            for (int h = 1; h < vertices.Length; h++) steps.Add(Score(market, lambdas[c], side, vertices[h - 1], vertices[h]));
            runs[c] = steps;
        }
        return runs;
    }

    /// <summary>The interim allocation of "highest score wins, ties uniformly" for the classes' score steps.</summary>
    internal static ClassAllocation Allocate(ClassGrids grids, IReadOnlyList<ScoreStep>[] runs)
        => Allocate(grids, runs, (d, from, to, above, tied) => WinningProbability(grids, d, from, to, above, tied));

    /// <summary>As <see cref="Allocate(ClassGrids, IReadOnlyList{ScoreStep}[])"/> with the chance that a buyer of class d in
    /// the tied cells (q_from, q_to] wins given by <paramref name="chance"/>(d, from, to, a, b), where a_e is the mass of class
    /// e scoring higher and b_e the mass scoring the same (a mechanism's re-evaluation brings its own, independent one).</summary>
    internal static ClassAllocation Allocate(ClassGrids grids, IReadOnlyList<ScoreStep>[] runs, Func<int, int, int, double[], double[], double> chance)
    {
        var cells = grids.Classes.Select(m => new double[m.Cells]).ToArray();
        var above = new double[grids.Count]; // a_d = q_{d, reached}
        var tied = new double[grids.Count];  // b_d: the mass of class d with the same score
        foreach (var (reached, groupEnd) in TieGroups(runs))
        {
            for (int d = 0; d < grids.Count; d++)
            {
                above[d] = grids.Classes[d].Grid[reached[d]];
                tied[d] = grids.Classes[d].Grid[groupEnd[d]] - above[d];
            }
            for (int d = 0; d < grids.Count; d++)
            {
                if (groupEnd[d] == reached[d]) continue;
                double x = chance(d, reached[d], groupEnd[d], above, tied);
                cells[d].AsSpan(reached[d], groupEnd[d] - reached[d]).Fill(x);
            }
        }
        return new ClassAllocation(grids, [.. cells.Select((x, c) => new InterimAllocation(grids.Classes[c], x))]);
    }

    /// <summary>
    /// The groups of equal score, highest first, as the rule ranks them: the classes' runs (each in falling score, the order
    /// of q) are merged; scores equal up to rounding are decided by the tie-breaking curve, and equal in both they tie. Each
    /// group is given by the grid point up to which every class d scores strictly higher (From[d]) and the point up to which
    /// it scores at least as high (To[d]). The arrays are reused between groups: read them before the next.
    /// </summary>
    internal static IEnumerable<(int[] From, int[] To)> TieGroups(IReadOnlyList<ScoreStep>[] runs)
    {
        int count = runs.Length;
        var next = new int[count];     // the next segment of class d
        var reached = new int[count];
        var groupEnd = new int[count];
        while (true)
        {
            int best = -1;
            for (int d = 0; d < count; d++)
            {
                if (next[d] < runs[d].Count && (best < 0 || Compare(runs[d][next[d]], runs[best][next[best]]) > 0)) best = d;
            }
            if (best < 0) yield break;
            var level = runs[best][next[best]];
            reached.CopyTo(groupEnd, 0);
            for (int d = 0; d < count; d++)
            {
                while (next[d] < runs[d].Count && Compare(runs[d][next[d]], level) == 0) groupEnd[d] = runs[d][next[d]++].To;
            }
            yield return (reached, groupEnd);
            groupEnd.CopyTo(reached, 0);
        }
    }

    /// <summary>G(λ) = Π + λ·U of the Lagrangian optimum (U alone at λ = +∞).</summary>
    public static double Value(ClassGrids grids, double lambda)
    {
        var allocation = Solve(grids, lambda);
        return double.IsPositiveInfinity(lambda) ? allocation.Surplus : allocation.Revenue + lambda * allocation.Surplus;
    }

    /// <summary>
    /// The grid frontier at surplus <paramref name="surplus"/> by the Lagrangian route alone: Π(U) = min_λ G(λ) − λ·U, with λ
    /// found by bisection on U(λ), which is non-decreasing (the surplus of the optimum with the most surplus at λ is at
    /// least that with the least). Returns Π and the λ that attains it (+∞ at U* when no finite λ reaches it); NaN when U is
    /// above U*.
    /// </summary>
    public static (double Revenue, double Lambda) FrontierAt(ClassGrids grids, double surplus)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var start = Solve(grids, 0, TieSide.MostSurplus);
        if (surplus <= start.Surplus) return (start.Revenue, 0);
        // λ = t/(1 − t) maps t ∈ [0, 1) onto [0, ∞).
        double low = 0, high = 1;
        for (int i = 0; i < 200 && high - low > 1e-16; i++)
        {
            double t = 0.5 * (low + high);
            var most = Solve(grids, t / (1 - t), TieSide.MostSurplus);
            if (most.Surplus < surplus) low = t; else high = t;
        }
        double lambda = high >= 1 ? double.PositiveInfinity : high / (1 - high);
        if (double.IsPositiveInfinity(lambda))
        {
            // No finite λ reaches U: only the surplus optimum does, if U is U* (up to rounding).
            var end = Solve(grids, double.PositiveInfinity);
            return (Tolerances.Rounding.AtScale(end.Welfare).AtMost(surplus, end.Surplus) ? end.Revenue : double.NaN, lambda);
        }
        return (Value(grids, lambda) - lambda * surplus, lambda);
    }


    /// <summary>Rounding guard of a chord slope: this many ulps of the terms it was computed from, over the width.</summary>
    private const double UlpsPerTerm = 64 * 1.1102230246251565e-16;

    private static ScoreStep Score(DiscretisedMarket market, double lambda, TieSide side, int a, int b)
    {
        double width = market.Grid[b] - market.Grid[a];
        double ra = market.Revenue(a), rb = market.Revenue(b), va = market.IntegratedValue(a), vb = market.IntegratedValue(b);
        double revenueScale = Math.Abs(ra) + Math.Abs(rb), valueScale = Math.Abs(va) + Math.Abs(vb);
        double surplus = (vb - rb - (va - ra)) / width, surplusError = UlpsPerTerm * (revenueScale + valueScale) / width;
        if (double.IsPositiveInfinity(lambda))
            return new ScoreStep(a, b, surplus, surplusError, (rb - ra) / width, UlpsPerTerm * revenueScale / width);
        double score = (lambda * (vb - va) + (1 - lambda) * (rb - ra)) / width;
        double scoreError = UlpsPerTerm * (lambda * valueScale + Math.Abs(1 - lambda) * revenueScale) / width;
        return new ScoreStep(a, b, score, scoreError, side == TieSide.MostSurplus ? surplus : -surplus, surplusError);
    }

    /// <summary>+1 when s scores higher than t, −1 when lower, 0 when they tie (equal up to rounding in both curves).</summary>
    internal static int Compare(ScoreStep s, ScoreStep t)
    {
        if (Math.Abs(s.Score - t.Score) > s.ScoreError + t.ScoreError) return s.Score.CompareTo(t.Score);
        if (Math.Abs(s.Tie - t.Tie) > s.TieError + t.TieError) return s.Tie.CompareTo(t.Tie);
        return 0;
    }

    /// <summary>
    /// The chance that a buyer of class c in the tied cells (q_from, q_to] wins: every other buyer of class d scores higher with probability a_d, the same
    /// with b_d, lower otherwise; she wins when nobody scores higher and then with chance 1/(1 + T) among T tied others,
    /// E[1/(1 + T)] = ∫₀¹ ∏_d (1 − a_d − b_d + b_d·z)^{n_d − [d = c]} dz. When only her own class ties this is the cap's
    /// increment over the segment divided by its width, times ∏_{d≠c} (1 − a_d)^{n_d} (as for one class); otherwise the
    /// polynomial is integrated exactly by Gauss–Legendre quadrature.
    /// </summary>
    private static double WinningProbability(ClassGrids grids, int ownClass, int from, int to, double[] above, double[] tied)
    {
        var own = grids.Classes[ownClass];
        double others = 1;
        bool crossTies = false;
        for (int d = 0; d < grids.Count; d++)
        {
            if (d == ownClass) continue;
            if (tied[d] > 0) crossTies = true;
            else others *= Math.Exp(grids.Classes[d].Buyers * Math.Log(Math.Max(0, 1 - above[d])));
        }
        if (!crossTies)
        {
            // (1 − a_c)^{n_c} − (1 − a_c − b_c)^{n_c}, over n_c·b_c, with a_c and a_c + b_c grid points of the class.
            return others * own.CapIncrement(from, to) / (own.Grid[to] - own.Grid[from]);
        }
        long degree = grids.Classes.Sum(m => (long)m.Buyers) - 1;
        var rule = new GaussLegendreRule(0, 1, (int)Math.Min(degree / 2 + 2, 1024));
        double integral = 0;
        for (int i = 0; i < rule.Order; i++)
        {
            double z = rule.Abscissas[i], log = 0;
            bool zero = false;
            for (int d = 0; d < grids.Count; d++)
            {
                double exponent = grids.Classes[d].Buyers - (d == ownClass ? 1 : 0);
                if (exponent == 0) continue;
                double factor = Math.Max(0, 1 - above[d] - tied[d]) + tied[d] * z;
                if (factor <= 0) { zero = true; break; }
                log += exponent * Math.Log(factor);
            }
            if (!zero) integral += rule.Weights[i] * Math.Exp(log);
        }
        return integral;
    }

    /// <summary>
    /// The grid thresholds where Border binds at the Lagrangian optimum at <paramref name="lambda"/> (the <paramref name="side"/>
    /// end of its ties): for every score level s, t_c = the grid point up to which class c's ironed score is at least s. The
    /// item goes to a buyer scoring at least s whenever there is one, so Σ_c n_c·X_c(t_c) = cap(t) there; these are the
    /// rows that carry the optimum's Border multipliers (the nested sets of a greedy order). At most Σ_c m_c of them, in
    /// falling score, each with the classes' grid points in class order.
    /// </summary>
    public static IReadOnlyList<int[]> TightThresholds(ClassGrids grids, double lambda, TieSide side = TieSide.MostSurplus)
    {
        ArgumentNullException.ThrowIfNull(grids);
        return [.. TieGroups(Scores(grids, lambda, side)).Select(g => (int[])g.To.Clone())];
    }
}

/// <summary>One step of a class's ironed score: the hull segment (q_a, q_b] of R_{λ,c} (a pooled interval when it spans more
/// than one cell), its score (the chord slope of R_{λ,c} over it), the slope of the tie-breaking curve (±(V − R) as the
/// hull's ties, R at λ = ∞), and the rounding error of each (scores equal within their errors tie).</summary>
internal readonly record struct ScoreStep(int From, int To, double Score, double ScoreError, double Tie, double TieError);

