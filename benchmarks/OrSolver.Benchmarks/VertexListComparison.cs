using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 3 of docs/performance.md: the exact vertex list of the grid frontier at m = 10⁴, two ways. The hull route is
/// <see cref="ExactVertices.Compute"/> (parametric search in λ over the closed-form hull, Appendix B). The LP route solves
/// one warm-started LP per vertex, at the vertex's U in increasing order, and its Π is compared with the vertex's. The
/// certified route computes the list by the hull and proves every vertex optimal for the LP by weak duality
/// (<see cref="LpCertificate.OfVertices"/>, method.md §5.8): the LP's own rows checked against each vertex and its
/// Lagrangian multipliers, no simplex.
/// </summary>
public static class VertexListComparison
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "3 exact vertex list";

    /// <summary>Target (docs/performance.md, Targets): the exact vertex list at m = 10⁴ in under 1 s.</summary>
    public const double TargetSeconds = 1;

    /// <summary>The grid size the target applies to.</summary>
    public const int TargetGrid = 10_000;

    /// <summary>Target: the LP-proven vertex list within this multiple of the hull route's time.</summary>
    public const double CertifiedShare = 10;

    /// <summary>Runs the comparison; yields three rows per distribution.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (string spec in settings.VertexDistributions)
        {
            var problem = new FrontierProblem(settings.Market(spec), settings.VertexGrid);
            string parameters = $"{spec} n={settings.Buyers} m={problem.Discretised.Cells}";
            var (hullTiming, exact) = Measure.Whole(settings.Repeat, () => ExactVertices.Compute(problem.Discretised));
            var hullRow = BenchmarkResult.Of(Name, $"hull route m={settings.VertexGrid}", parameters, hullTiming, $"{exact.Vertices.Count} vertices",
                double.NaN, "");
            if (problem.Discretised.Cells >= TargetGrid) hullRow = hullRow.WithTimeTarget(TargetSeconds);
            yield return hullRow;

            var (certifiedTiming, certificates) = Measure.Whole(settings.Repeat, () =>
            {
                var vertices = ExactVertices.Compute(problem.Discretised);
                return LpCertificate.OfVertices(BorderProgram.Build(problem.Discretised), vertices);
            });
            int proven = certificates.Count(c => c.Holds);
            double worstGap = certificates.Max(c => Math.Abs(c.Gap));
            double share = certifiedTiming.Median / hullTiming.Median;
            yield return BenchmarkResult.Of(Name, $"LP-certified route m={settings.VertexGrid}", parameters + " (hull route, then every vertex proven optimal for the LP by weak duality: timed together)",
                    certifiedTiming, $"{proven}/{certificates.Count} proven; {Formatting.Number(share)}x the hull route's time", worstGap,
                    "LP bound − Π at each vertex (worst /W)")
                .WithTarget($"≤ {Formatting.Number(CertifiedShare)}x the hull route", share, CertifiedShare, "x");

            var (lpTiming, solves) = Measure.Whole(settings.RepeatFor(settings.VertexGrid).AtMost(1) with { WarmUp = false }, () =>
            {
                using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
                return exact.Vertices.Select(v => solver.Solve(v.Surplus)).ToList();
            });
            int optimal = solves.Count(s => s.Status == SolveStatus.Optimal);
            double worst = optimal < solves.Count ? double.NaN : exact.Vertices.Zip(solves)
                .Max(pair => Math.Abs(pair.First.Revenue - pair.Second.Point.Revenue) / problem.OptimalWelfare);
            yield return BenchmarkResult.Of(Name, $"LP route m={settings.VertexGrid}", parameters + $" (one warm-started GLOP solve per vertex, {exact.Vertices.Count} solves, model loaded: timed)",
                lpTiming, $"{optimal}/{solves.Count} optimal; {Formatting.Number(lpTiming.Median / hullTiming.Median)}x the hull route's time", worst,
                "the hull's vertices (worst Π deviation /OPT)");
        }
    }
}
