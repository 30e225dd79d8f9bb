using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Auctions;

/// <summary>One bargaining solution on the frontier (Defs. 4.1, 5.1, 5.2).</summary>
/// <param name="Name">"kalai-smorodinsky", "nash" or "cross-side-nash".</param>
/// <param name="Revenue">Π.</param>
/// <param name="Surplus">U.</param>
/// <param name="OptimalWelfare">OPT = E[max v_i], for the ratio.</param>
/// <param name="RevenueShare">Π/Π*. Range: [0, 1].</param>
/// <param name="SurplusShare">U/U*. Range: [0, 1].</param>
/// <param name="Mechanism">The mechanism that implements it (often a randomisation of two indirect Vickrey auctions).</param>
/// <param name="Location">Where it lies on the exact frontier.</param>
public sealed record BargainingSolution(string Name, double Revenue, double Surplus, double OptimalWelfare, double RevenueShare,
    double SurplusShare, RecoveredMechanism Mechanism, FrontierLocation Location)
{
    /// <summary>W = Π + U.</summary>
    public double Welfare => Revenue + Surplus;

    /// <summary>W/OPT, the paper's welfare guarantee (Table 1). Range: [0, 1].</summary>
    public double WelfareRatio => Welfare / OptimalWelfare;
}

/// <summary>The three bargaining solutions of a market (method.md §8).</summary>
/// <param name="KalaiSmorodinsky">KS: the Pareto point with Π/Π* = U/U*, from one LP (Def. 4.1).</param>
/// <param name="Nash">Nash: maximises Π·(U/n)^n, i.e. log Π + n·log U, exactly on the grid frontier (Def. 5.1).</param>
/// <param name="CrossSideNash">Cross-side Nash: maximises Π·U exactly on the grid frontier (Def. 5.2).</param>
/// <param name="KalaiSmorodinskyStatus">The KS LP's status; the KS values are the LP's only when Optimal.</param>
public sealed record BargainingSolutions(BargainingSolution KalaiSmorodinsky, BargainingSolution Nash, BargainingSolution CrossSideNash,
    SolveStatus KalaiSmorodinskyStatus);

/// <summary>Computes the Kalai–Smorodinsky, Nash and cross-side Nash solutions (method.md §8).</summary>
public static class AuctionBargaining
{
    /// <summary>The three solutions with their roles, in the order KS, Nash, cross-side Nash.</summary>
    public static IReadOnlyList<(PointRole Role, BargainingSolution Solution)> Points(BargainingSolutions solutions)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        return
        [
            (PointRole.KalaiSmorodinsky, solutions.KalaiSmorodinsky),
            (PointRole.Nash, solutions.Nash),
            (PointRole.CrossSideNash, solutions.CrossSideNash),
        ];
    }

    /// <summary>Points added around each feature of a solution (reserve, pooling ends), per side.</summary>
    private const int RefinementPoints = 100;

    /// <summary>Refinement passes: each shrinks the local spacing about 33-fold (3 cells split into 100 each side).</summary>
    private const int RefinementPasses = 3;

    /// <summary>
    /// The three solutions on a grid refined where they lie. On a grid the Nash maximiser sits on a vertex or a chord
    /// next to the continuous one, so its Π and U are off by O(h) (1e-4 for one buyer at 4000 cells) although the
    /// objective is off by O(h²). A first pass on the graded grid finds the solutions; each further pass adds
    /// <see cref="RefinementPoints"/> points on each side of every reserve and pooling end of their mechanisms, within
    /// three cells, and solves again (<see cref="RefinementPasses"/> passes, 3·10⁴-fold finer locally): the answer is
    /// exact for the final grid. The KS LP confirms the final grid's KS point only: the passes before it place the next
    /// grid's points, which the hull's solutions alone decide.
    /// </summary>
    public static (FrontierProblem Problem, BargainingSolutions Solutions) SolveRefined(Market market, int? gridSize, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(solver);
        return SolveRefined(new FrontierProblem(market, gridSize), gridSize, solver);
    }

    /// <summary>As <see cref="SolveRefined(Market, int?, ILinearSolver)"/> from the unrefined problem <paramref name="first"/>
    /// (built with <paramref name="gridSize"/>); without a solver the KS LP is not run (its status is NotSolved), for grids
    /// where a cold simplex solve would take minutes.</summary>
    public static (FrontierProblem Problem, BargainingSolutions Solutions) SolveRefined(FrontierProblem first, int? gridSize, ILinearSolver? solver)
    {
        ArgumentNullException.ThrowIfNull(first);
        var market = first.Market;
        var problem = first;
        var forced = new List<double>();
        BargainingSolutions? unconfirmed = null;
        for (int pass = 0; pass < RefinementPasses; pass++)
        {
            // Where the solutions lie on this grid: the hull's, without the LP.
            var solutions = unconfirmed = Solve(problem, solver: null);
            var grid = problem.Discretised.Grid;
            int before = forced.Count;
            foreach (var solution in new[] { solutions.KalaiSmorodinsky, solutions.Nash, solutions.CrossSideNash })
            {
                foreach (int point in Features(solution.Mechanism).Distinct())
                {
                    if (point <= 0 || point >= grid.Cells) continue;
                    double spacing = 3 * Math.Max(grid.Width(point), grid.Width(point + 1));
                    double center = grid[point];
                    for (int k = -RefinementPoints; k <= RefinementPoints; k++)
                    {
                        double q = center + spacing * k / RefinementPoints;
                        if (q > 0 && q < 1) forced.Add(q);
                    }
                }
            }
            if (forced.Count == before) break;
            // A pass's window ends can land on an earlier pass's points up to rounding: keep one of each.
            forced.Sort();
            forced = forced.Where((q, i) => i == 0 || q - forced[i - 1] > 1e-10 * q).ToList();
            var refined = new FrontierProblem(market, gridSize, forced);
            // An exact grid (the atom ends of an empirical distribution) takes no refinement.
            if (refined.Discretised.Cells == problem.Discretised.Cells) break;
            problem = refined;
            unconfirmed = null;
        }
        // Without a solver the last pass's solutions are already the final grid's.
        return (problem, solver is null && unconfirmed is not null ? unconfirmed : Solve(problem, solver));
    }

    private static IEnumerable<int> Features(RecoveredMechanism mechanism)
    {
        if (mechanism.Kind == MechanismKind.Randomization)
        {
            foreach (var c in mechanism.Components) foreach (int p in Features(c.Mechanism)) yield return p;
            yield break;
        }
        yield return mechanism.ReservePoint;
        foreach (var pooled in mechanism.Pooled)
        {
            yield return pooled.FromPoint;
            yield return pooled.ToPoint;
        }
    }

    /// <summary>Solves all three on <paramref name="problem"/>'s grid without its full vertex list: each solution's
    /// segment is found by a parametric search (<see cref="AuctionPareto.BySearch"/>), O(m·log) instead of O(m·V).</summary>
    public static BargainingSolutions Solve(FrontierProblem problem, ILinearSolver? solver)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var frontier = AuctionPareto.BySearch(problem);
        double surplus = ParetoBargaining.KalaiSmorodinsky(frontier).Surplus;
        var status = KalaiSmorodinskyByProgram(problem, solver, ref surplus);
        double n = problem.Market.Buyers;
        return new BargainingSolutions(AtSearched(problem, "kalai-smorodinsky", surplus),
            AtSearched(problem, "nash", ParetoBargaining.WeightedNash(frontier, n).Surplus),
            AtSearched(problem, "cross-side-nash", ParetoBargaining.CrossSideNash(frontier).Surplus), status);
    }

    /// <summary>Solves all three on <paramref name="problem"/>'s grid; <paramref name="frontier"/> is its exact frontier.
    /// Without a solver the KS LP is not run (status NotSolved).</summary>
    public static BargainingSolutions Solve(FrontierProblem problem, ExactVertices frontier, ILinearSolver? solver)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frontier);
        var pareto = AuctionPareto.Of(frontier);
        double surplus = ParetoBargaining.KalaiSmorodinsky(pareto).Surplus;
        var status = KalaiSmorodinskyByProgram(problem, solver, ref surplus);
        double n = problem.Market.Buyers;
        return new BargainingSolutions(At(problem, frontier, "kalai-smorodinsky", surplus),
            At(problem, frontier, "nash", ParetoBargaining.WeightedNash(pareto, n).Surplus),
            At(problem, frontier, "cross-side-nash", ParetoBargaining.CrossSideNash(pareto).Surplus), status);
    }

    /// <summary>
    /// Runs the KS LP (NotSolved without a solver) and checks it against <paramref name="surplus"/>, the exact intersection of the ray
    /// Π/Π* = U/U* with the grid frontier. The LP's own point is fair only to its tolerance (|Π/Π* − U/U*| ≈ 1e-8 on
    /// some mixtures), so the reported KS point is the exact one, and the LP is its independent confirmation (maximise t
    /// subject to Π ≥ t·Π* and U ≥ t·U*, method.md §8.1): Optimal only when the LP is optimal, feasible and within
    /// <see cref="Tolerances.ClosedForm"/> of it.
    /// </summary>
    private static SolveStatus KalaiSmorodinskyByProgram(FrontierProblem problem, ILinearSolver? solver, ref double surplus)
    {
        // Without a solver (grids where BargainingAnalysis certifies instead) the LP is not run.
        if (solver is null) return SolveStatus.NotSolved;
        double revenueIdeal = problem.OptimalRevenue, surplusIdeal = problem.OptimalSurplus;
        if (!(revenueIdeal > 0) || !(surplusIdeal > 0)) return SolveStatus.NotSolved;
        var program = BorderProgram.BuildKalaiSmorodinsky(problem.Discretised, revenueIdeal, surplusIdeal);
        using var session = solver.Load(program.Program);
        var solution = session.Solve();
        if (solution.Status != SolveStatus.Optimal) return solution.Status;
        var allocation = program.ReadAllocation(solution);
        if (!allocation.CheckFeasibility(Tolerances.Feasibility).Feasible) return SolveStatus.NumericalFailure;
        return Tolerances.ClosedForm.AtScale(problem.OptimalWelfare).Close(allocation.Surplus, surplus)
            ? SolveStatus.Optimal
            : SolveStatus.NumericalFailure;
    }

    private static BargainingSolution AtSearched(FrontierProblem problem, string name, double surplus)
    {
        var market = problem.Discretised;
        var location = ExactVertices.LocateBySearch(market, surplus, double.NaN);
        surplus = location.Surplus; // a vertex within the tolerance is the point itself
        var mechanism = DualityChecker.Canonical(location, location.Left.Optimum(market), location.Right.Optimum(market));
        double revenueShare = problem.OptimalRevenue > 0 ? location.Revenue / problem.OptimalRevenue : 1;
        double surplusShare = problem.OptimalSurplus > 0 ? surplus / problem.OptimalSurplus : 1;
        return new BargainingSolution(name, location.Revenue, surplus, problem.OptimalWelfare, revenueShare, surplusShare, mechanism, location);
    }

    private static BargainingSolution At(FrontierProblem problem, ExactVertices frontier, string name, double surplus)
    {
        var location = frontier.Locate(surplus);
        surplus = location.Surplus; // a vertex within the tolerance is the point itself
        var market = problem.Discretised;
        var mechanism = DualityChecker.Canonical(location, location.Left.Optimum(market), location.Right.Optimum(market));
        double revenueShare = problem.OptimalRevenue > 0 ? location.Revenue / problem.OptimalRevenue : 1;
        double surplusShare = problem.OptimalSurplus > 0 ? surplus / problem.OptimalSurplus : 1;
        return new BargainingSolution(name, location.Revenue, surplus, problem.OptimalWelfare, revenueShare, surplusShare, mechanism, location);
    }
}
