using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>The check routes of buyers of several classes, as printed.</summary>
public static class ClassCheckRoutes
{
    /// <summary>The LP's point (certified against every grid threshold of Border) against the Lagrangian route: strong duality
    /// Π = G(λ) − λ·U at the LP's own dual λ, and Π against the Lagrangian frontier min_λ G(λ) − λ·U at the same U.</summary>
    public const string LpLagrangian = "lp+lagrangian";

    /// <summary><see cref="LpLagrangian"/>, and the mechanism of the exact frontier at the LP's U re-evaluated from its rules
    /// (<see cref="ClassMechanism.Evaluate"/>): its Π and U against the LP's.</summary>
    public const string LpLagrangianAuction = "lp+lagrangian+auction";

    /// <summary>A vertex of the exact frontier (the Lagrangian route's) against its mechanism re-evaluated from its rules.</summary>
    public const string LagrangianAuction = "lagrangian+auction";

    /// <summary>A mechanism the user names, run on the grids: its rules re-evaluated by binomial convolution against the
    /// Lagrangian solver's allocation routine on the same score steps.</summary>
    public const string AuctionAllocation = "auction+allocation";

    /// <summary>A Nash point against the Lagrangian route with one weight per class: the point maximises Π + Σ_c λ_c·U_c with
    /// λ_c = Π/u_c over the polytope, i.e. G(λ_1, …, λ_K) equals its Π + Σ_c λ_c·U_c (<see cref="ClassNashChecker"/>).</summary>
    public const string LpLagrangianPerClass = "lp+lagrangian-per-class";

    /// <summary><see cref="LpLagrangianPerClass"/>, and the Nash point's mechanism re-evaluated from its rules: Π, U and every
    /// class's surplus.</summary>
    public const string LpLagrangianPerClassAuction = "lp+lagrangian-per-class+auction";
}

/// <summary>
/// Checks an LP point of a market of several classes by the independent route (method.md §13.2): weak duality makes
/// G(λ) − λ·U an upper bound on Π for every feasible point and every λ ≥ 0, so agreement at the LP's λ proves both optimal;
/// the frontier value found by the Lagrangian route alone (bisection on λ) must agree too. Gaps are relative to OPT
/// (<see cref="Tolerances.SolverAgreement"/>), the duality gap divided by 1 + λ.
/// </summary>
public static class ClassDualityChecker
{
    /// <summary>The check of one solve (a failed check when the solve has no point).</summary>
    public static PointCheck Check(ClassProblem problem, ClassSolve solve)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solve);
        if (solve.Status != SolveStatus.Optimal || solve.Allocation is not { } allocation)
            return PointCheck.NotSolved(ClassCheckRoutes.LpLagrangian, solve.Note ?? $"the LP returned {solve.Status}");
        double opt = problem.OptimalWelfare;
        var failures = new List<string>();
        double worst = 0;
        double dualityGap = double.NaN;
        if (double.IsFinite(solve.Lambda))
        {
            double lambda = solve.Lambda;
            double bound = ClassLagrangian.Value(problem.Grids, lambda) - lambda * allocation.Surplus;
            dualityGap = Math.Abs(bound - allocation.Revenue);
            double relative = dualityGap / ((1 + lambda) * opt);
            worst = Math.Max(worst, relative);
            if (relative > Tolerances.SolverAgreement.Relative)
                failures.Add($"strong duality at λ = {lambda:G8}: G(λ) − λU = {bound:G12} against Π = {allocation.Revenue:G12}");
        }
        var (frontier, lambdaFrontier) = ClassLagrangian.FrontierAt(problem.Grids, allocation.Surplus);
        double revenueGap = Math.Abs(frontier - allocation.Revenue);
        // Near U* the frontier may be steep: allow its drop over the solver tolerance in U.
        double allowance = Tolerances.SolverAgreement.Relative * opt * (1 + (double.IsFinite(lambdaFrontier) ? lambdaFrontier : 0));
        worst = Math.Max(worst, revenueGap / opt);
        if (!(revenueGap <= allowance))
            failures.Add($"the Lagrangian frontier at U = {allocation.Surplus:G12} is Π = {frontier:G12}, the LP's {allocation.Revenue:G12}");
        return new PointCheck(ClassCheckRoutes.LpLagrangian, lambdaFrontier, null, revenueGap, 0, worst, failures.Count == 0,
            failures.Count == 0 ? null : string.Join("; ", failures))
        {
            LambdaLp = double.IsFinite(solve.Lambda) ? solve.Lambda : null,
        };
    }

    /// <summary>
    /// Checks a mechanism against the (Π, U) it is reported at: re-evaluated from its rules
    /// (<see cref="ClassMechanism.Evaluate"/>) it must give the same Π and U (to <see cref="Tolerances.SolverAgreement"/> of
    /// OPT), and each class's allocation must pass its own feasibility re-check (a rule "highest score wins" is feasible for
    /// the whole market by construction: it hands out one item in every profile). Route
    /// <see cref="ClassCheckRoutes.LagrangianAuction"/>.
    /// </summary>
    public static PointCheck CheckMechanism(ClassProblem problem, ClassMechanism mechanism, double revenue, double surplus, double lambda)
        => CheckMechanism(problem, mechanism, revenue, surplus, lambda, null);

    /// <summary>As <see cref="CheckMechanism(ClassProblem, ClassMechanism, double, double, double)"/>, and each class's surplus
    /// U_c against <paramref name="classSurplus"/> when given (for points that are not on the (Π, U) frontier, such as the
    /// Nash solution of unequal classes).</summary>
    public static PointCheck CheckMechanism(ClassProblem problem, ClassMechanism mechanism, double revenue, double surplus, double lambda,
        IReadOnlyList<double>? classSurplus)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(mechanism);
        double opt = problem.OptimalWelfare;
        var evaluated = mechanism.Evaluate();
        double revenueGap = Math.Abs(evaluated.Revenue - revenue), surplusGap = Math.Abs(evaluated.Surplus - surplus);
        double worst = Math.Max(revenueGap, surplusGap) / opt;
        var failures = new List<string>();
        // The exact frontier's vertex list is accurate to the solver tolerance times 1 + λ (method.md §13.2): allow that much in Π.
        double slope = double.IsFinite(lambda) ? Math.Max(0, lambda) : 0;
        if (!(surplusGap <= Tolerances.SolverAgreement.Relative * opt && revenueGap <= Tolerances.SolverAgreement.Relative * opt * (1 + slope)))
            failures.Add($"the mechanism re-evaluated from its rules gives (Π, U) = ({evaluated.Revenue:G12}, {evaluated.Surplus:G12}), not ({revenue:G12}, {surplus:G12})");
        for (int c = 0; c < evaluated.Classes.Count; c++)
        {
            if (classSurplus is not null)
            {
                double gap = Math.Abs(evaluated.Classes[c].Surplus - classSurplus[c]);
                worst = Math.Max(worst, gap / opt);
                if (!(gap <= Tolerances.SolverAgreement.Relative * opt))
                    failures.Add($"the mechanism gives class {c + 1} the surplus {evaluated.Classes[c].Surplus:G12}, not {classSurplus[c]:G12}");
            }
            var report = evaluated.Classes[c].CheckFeasibility(Tolerances.Feasibility);
            if (!report.Feasible) failures.Add($"the mechanism's allocation of class {c + 1}: {report}");
        }
        return new PointCheck(ClassCheckRoutes.LagrangianAuction, lambda, null, revenueGap, surplusGap, worst, failures.Count == 0,
            failures.Count == 0 ? null : string.Join("; ", failures));
    }
}
