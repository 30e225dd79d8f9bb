using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 1 of docs/performance.md: one LP solve of the same Border program (the scaled chain formulation of method.md
/// §4.1–4.2) by each backend that ships in the Google.OrTools package, at growing grids. The surplus floor is halfway
/// between the Myerson point and U*; each answer is compared with the closed-form hull's Π at the same U (method.md
/// §5.7), so "same answer" is visible. The time is a cold solve: loading the program into a new solver session and solving it once.
/// </summary>
public static class BackendComparison
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "1 one LP, backends";

    /// <summary>Target (docs/performance.md, Targets): one LP at m = 10⁴ in under 1 s.</summary>
    public const double TargetSeconds = 1;

    /// <summary>The grid size the time target applies to.</summary>
    public const int TargetGrid = 10_000;

    /// <summary>Target (docs/performance.md, Targets): peak memory at m = 5·10⁴ under 300 MB.</summary>
    public const double TargetMegabytes = 300;

    /// <summary>The grid size the memory target applies to.</summary>
    public const int MemoryGrid = 50_000;

    /// <summary>Runs the comparison; yields one row per backend and grid.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (int grid in settings.LpGrids)
        {
            var problem = new FrontierProblem(settings.Market(settings.LpDistribution), grid);
            double surplus = problem.MyersonSurplus + 0.5 * (problem.OptimalSurplus - problem.MyersonSurplus);
            var hull = ExactVertices.LocateBySearch(problem.Discretised, surplus, double.NaN);
            string parameters = $"{settings.LpDistribution} n={settings.Buyers} m={problem.Discretised.Cells} U={Formatting.Precise(surplus)}";
            foreach (var backend in settings.Backends)
            {
                var (timing, solve) = ColdSolve(settings, problem, grid, backend, surplus);
                bool optimal = solve.Status == SolveStatus.Optimal;
                double deviation = optimal ? Math.Abs(solve.Point.Revenue - hull.Revenue) / problem.OptimalWelfare : double.NaN;
                // A backend without duals (HiGHS through MPSolver) has no λ to compare: the row says so.
                string lambda = double.IsFinite(solve.Lambda) ? Formatting.Precise(solve.Lambda) : $"none ({solve.LambdaUnavailable})";
                string answer = optimal
                    ? $"Π={Formatting.Precise(solve.Point.Revenue)} λ={lambda}"
                    : $"{solve.Status} ({solve.BackendStatus}){(solve.Note is null ? "" : ": " + solve.Note)}";
                var row = BenchmarkResult.Of(Name, $"{backend.ToString().ToLowerInvariant()} m={grid}", parameters, timing, answer, deviation,
                    $"hull Π={Formatting.Precise(hull.Revenue)} λ={Formatting.Precise(hull.Lambda)} (deviation /OPT)");
                if (grid == TargetGrid && backend == OrToolsBackend.Glop) row = row.WithTimeTarget(TargetSeconds);
                if (grid == MemoryGrid) row = row.WithMemoryTarget(TargetMegabytes);
                yield return row;
            }
        }
    }

    /// <summary>One cold solve as the rows time it: the program loaded into a new session of <paramref name="backend"/>
    /// and solved once at <paramref name="surplus"/>, repeated as <paramref name="settings"/> say for a grid of
    /// <paramref name="grid"/> cells.</summary>
    public static (Timing Timing, SurplusSolve Solve) ColdSolve(BenchmarkSettings settings, FrontierProblem problem, int grid, OrToolsBackend backend, double surplus)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Measure.Run(settings.RepeatFor(grid), clock =>
        {
            clock.Start();
            using var solver = new FrontierSolver(problem, new OrToolsLinearSolver(backend));
            var result = solver.Solve(surplus);
            clock.Stop();
            return result;
        });
    }
}
