using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>
/// Checks a Nash point of a market of several classes by the Lagrangian route with one weight per class (method.md §13.2).
/// f = log Π + Σ_c n_c·log u_c is a concave function of the linear maps (Π, u_1, …, u_K), so z* maximises f over the
/// polytope if and only if it maximises the linearisation Π/Π* + Σ_c n_c·u_c/u_c* there; multiplied by Π* that is the
/// Lagrangian Π + Σ_c λ_c·U_c with λ_c = Π*/u_c*, whose maximum G(λ_1, …, λ_K) the class-wise ironing computes exactly
/// (<see cref="ClassLagrangian.Solve(ClassGrids, IReadOnlyList{double}, Characterization.TieSide)"/>). G is at least the
/// point's value for every feasible point (weak duality); their gap, divided by (1 + max_c λ_c)·OPT as the one-λ check
/// divides by (1 + λ)·OPT, must be within <see cref="Tolerances.SolverAgreement"/>. G − (Π + Σ λ_c U_c) is Π* times the
/// first-order gap of f, so it vanishes only at the maximiser: a point short of it along a face of the polytope fails.
/// </summary>
public static class ClassNashChecker
{
    /// <summary>The check of one Nash solve (a failed check when the solve has no point).</summary>
    public static PointCheck Check(ClassProblem problem, ClassNashSolve solve)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solve);
        const string route = ClassCheckRoutes.LpLagrangianPerClass;
        if (solve.Allocation is not { } allocation)
            return PointCheck.NotSolved(route, solve.Note ?? $"the Nash loop returned {solve.Status}");
        if (!(allocation.Revenue > 0) || allocation.Classes.Any(x => !(x.Surplus > 0)))
            return PointCheck.NotSolved(route, "the point leaves the seller or a class nothing, where the Nash product is 0");
        double revenue = allocation.Revenue;
        var lambdas = Weights(allocation);
        double value = revenue + lambdas.Select((l, c) => l * allocation.Classes[c].Surplus).Sum();
        double bound = ClassLagrangian.Value(problem.Grids, lambdas);
        double gap = Math.Abs(bound - value);
        double worst = gap / ((1 + lambdas.Max()) * problem.OptimalWelfare);
        bool agrees = worst <= Tolerances.SolverAgreement.Relative;
        string? failure = agrees
            ? null
            : $"per-class Lagrangian at λ = ({string.Join(", ", lambdas.Select(l => l.ToString("G8", System.Globalization.CultureInfo.InvariantCulture)))}): "
              + $"G = {bound:G12} against the point's Π + Σ λ_c U_c = {value:G12}";
        if (solve.Status != SolveStatus.Optimal)
        {
            agrees = false;
            failure = string.Join("; ", new[] { failure, $"the Nash loop stopped with {solve.Status}: {solve.Note}" }.Where(f => f is not null));
        }
        return new PointCheck(route, double.NaN, null, gap, 0, worst, agrees, failure);
    }

    /// <summary>λ_c = Π·n_c/U_c = Π/u_c: the per-class weights of the Lagrangian whose maximiser a Nash point is (the
    /// gradient of ln Π + Σ_c n_c·ln u_c, times Π).</summary>
    internal static double[] Weights(ClassAllocation allocation)
        => [.. allocation.Classes.Select(x => allocation.Revenue * x.Market.Buyers / x.Surplus)];
}
