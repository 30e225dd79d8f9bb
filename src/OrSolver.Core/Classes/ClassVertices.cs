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
    public static IReadOnlyList<FrontierVertex> Compute(ClassProblem problem) => [.. ComputeWithOptima(problem).Select(v => v.Vertex)];

    /// <summary>The vertices as <see cref="Compute"/> gives them, each with the Lagrangian optimum that attains it: the λ and
    /// tie side at which the search found it (<see cref="ClassLagrangian.Solve(ClassGrids, double, TieSide)"/> there gives exactly its Π and U).</summary>
    public static IReadOnlyList<(FrontierVertex Vertex, double FoundAt, TieSide Side)> ComputeWithOptima(ClassProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var tolerance = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        // A segment is accepted when no frontier point lies more than the solver tolerance (times 1 + λ, as the duality check
        // allows) above it: with two classes on graded grids the grid frontier has a bend wherever two classes' score steps
        // change order — tens of thousands at 400 cells — most far below what any check can see.
        var rounding = Tolerances.Rounding.AtScale(problem.OptimalWelfare);
        var first = new FrontierVertex(problem.RevenueOptimal.Revenue, problem.RevenueOptimal.Surplus, 0, TieSide.MostSurplus);
        var last = new FrontierVertex(problem.SurplusOptimal.Revenue, problem.SurplusOptimal.Surplus, double.PositiveInfinity, TieSide.LeastSurplus);
        var points = new List<FrontierVertex> { first };
        if (!tolerance.Close(first.Surplus, last.Surplus))
        {
            Between(problem, first, last, points, tolerance, depth: 0);
            points.Add(last);
        }
        // Only points on a chord up to rounding are dropped (equal scores of different classes tie uniformly and can land
        // inside a face); a coarser merge would let dropped bends add up beyond the solver tolerance.
        var kept = Prune(points, rounding);
        var result = new List<(FrontierVertex, double, TieSide)>(kept.Count);
        for (int i = 0; i < kept.Count; i++)
        {
            var found = points[kept[i]];
            double right = i + 1 < kept.Count
                ? (found.Revenue - points[kept[i + 1]].Revenue) / (points[kept[i + 1]].Surplus - found.Surplus)
                : double.PositiveInfinity;
            result.Add((found with { Lambda = right }, found.Lambda, found.Side));
        }
        return result;
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

    /// <summary>The indices of the points kept when points on the segment between their neighbours are dropped.</summary>
    private static List<int> Prune(List<FrontierVertex> points, Tolerance tolerance)
    {
        var kept = new List<int> { 0 };
        for (int i = 1; i < points.Count - 1; i++)
        {
            var left = points[kept[^1]];
            var right = points[i + 1];
            double onChord = left.Revenue + (right.Revenue - left.Revenue) * (points[i].Surplus - left.Surplus) / (right.Surplus - left.Surplus);
            if (!tolerance.Close(onChord, points[i].Revenue)) kept.Add(i);
        }
        if (points.Count > 1) kept.Add(points.Count - 1);
        return kept;
    }
}
