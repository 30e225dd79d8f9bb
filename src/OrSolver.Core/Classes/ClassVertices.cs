using OrSolver.Core.Characterization;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Classes;

/// <summary>
/// The vertices of the grid frontier of a market of several classes by parametric search in λ on the Lagrangian route
/// (method.md §13.2, as §5.4 for one class): between two frontier points a (surplus U_a) and b (U_b &gt; U_a), the lines
/// Π_a + λ·U_a and Π_b + λ·U_b of their Lagrangian values meet at λ* = (Π_a − Π_b)/(U_b − U_a); if G(λ*) is on that line
/// the segment a–b is on the frontier, otherwise the optimum at λ* lies above it and both halves are searched. Points on
/// a segment between their neighbours (equal scores of different classes tie uniformly, which can land inside a face)
/// are dropped, so what remains are the vertices.
/// </summary>
public static class ClassVertices
{
    /// <summary>The frontier's vertices from the Myerson point to U*, in increasing U (λ is the slope of the segment to the
    /// right of each vertex, +∞ for the last).</summary>
    public static IReadOnlyList<FrontierVertex> Compute(ClassProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var tolerance = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        // The search goes down to rounding, so that no bend the solver tolerance can see is skipped; the pruning merges
        // the bends it cannot.
        var search = Tolerances.Rounding.AtScale(problem.OptimalWelfare);
        var first = new FrontierVertex(problem.RevenueOptimal.Revenue, problem.RevenueOptimal.Surplus, 0, TieSide.MostSurplus);
        var last = new FrontierVertex(problem.SurplusOptimal.Revenue, problem.SurplusOptimal.Surplus, double.PositiveInfinity, TieSide.LeastSurplus);
        var points = new List<FrontierVertex> { first };
        if (tolerance.Close(first.Surplus, last.Surplus)) return points;
        Between(problem, first, last, points, search, depth: 0);
        points.Add(last);
        return Prune(points, tolerance);
    }

    private static void Between(ClassProblem problem, FrontierVertex a, FrontierVertex b, List<FrontierVertex> points, Tolerance tolerance, int depth)
    {
        if (depth > 200 || Split(problem.Grids, a, b, tolerance) is not { } middle) return;
        Between(problem, a, middle, points, tolerance, depth + 1);
        points.Add(middle);
        Between(problem, middle, b, points, tolerance, depth + 1);
    }

    /// <summary>One step of the parametric search between frontier points a and b (U_a &lt; U_b): the Lagrangian optimum at
    /// λ* = (Π_a − Π_b)/(U_b − U_a), where their lines meet, when G(λ*) lies above that line by more than
    /// <paramref name="tolerance"/>·(1 + λ*) and its surplus is strictly between (the end of λ*'s tie that is); null when
    /// a–b is a frontier segment.</summary>
    internal static FrontierVertex? Split(ClassGrids grids, FrontierVertex a, FrontierVertex b, Tolerance tolerance)
    {
        double lambda = (a.Revenue - b.Revenue) / (b.Surplus - a.Surplus);
        if (!(lambda >= 0)) return null;
        var optimum = ClassLagrangian.Solve(grids, lambda, TieSide.MostSurplus);
        double line = a.Revenue + lambda * a.Surplus;
        double value = optimum.Revenue + lambda * optimum.Surplus;
        if (value - line <= tolerance.Bound(value, line) * (1 + lambda)) return null;
        var middle = new FrontierVertex(optimum.Revenue, optimum.Surplus, lambda, TieSide.MostSurplus);
        if (!(middle.Surplus > a.Surplus && middle.Surplus < b.Surplus))
        {
            // The optimum with the most surplus at λ* is b's end; the one with the least gives the other side.
            var least = ClassLagrangian.Solve(grids, lambda, TieSide.LeastSurplus);
            middle = new FrontierVertex(least.Revenue, least.Surplus, lambda, TieSide.LeastSurplus);
            if (!(middle.Surplus > a.Surplus && middle.Surplus < b.Surplus)) return null;
        }
        return middle;
    }

    /// <summary>Drops points on the segment between their neighbours and sets every λ to the slope to the right.</summary>
    private static List<FrontierVertex> Prune(List<FrontierVertex> points, Tolerance tolerance)
    {
        var kept = new List<FrontierVertex> { points[0] };
        for (int i = 1; i < points.Count - 1; i++)
        {
            var left = kept[^1];
            var right = points[i + 1];
            double onChord = left.Revenue + (right.Revenue - left.Revenue) * (points[i].Surplus - left.Surplus) / (right.Surplus - left.Surplus);
            if (!tolerance.Close(onChord, points[i].Revenue)) kept.Add(points[i]);
        }
        kept.Add(points[^1]);
        for (int i = 0; i < kept.Count - 1; i++)
            kept[i] = kept[i] with { Lambda = (kept[i].Revenue - kept[i + 1].Revenue) / (kept[i + 1].Surplus - kept[i].Surplus) };
        return kept;
    }
}
