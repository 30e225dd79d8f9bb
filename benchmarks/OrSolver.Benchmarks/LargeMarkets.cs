using OrSolver.Core;
using OrSolver.Core.Auctions;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 5 of docs/performance.md (method.md §12.4): n = 10⁹ buyers against n = 10 at the default grid, on Uniform[0,1] and on the paper's Example 4.2
/// (built for the same n). The timed work is the main job: discretise, find the landmarks, and an 11-point warm-started
/// LP sweep. Accuracy is against references that do not come from the grid: Uniform's closed forms (Π*, U* = 1/2,
/// OPT = n/(n+1)); Example 4.2's U* = E[v] = (√π/2)·erf(K) and OPT = E[max v_i] by quadrature.
/// </summary>
public static class LargeMarkets
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "5 huge markets";

    /// <summary>Points of the sweep.</summary>
    public const int SweepPoints = 11;

    /// <summary>"No extra cost": the large market may take at most this multiple of the small one's median (noise).</summary>
    public const double CostRatio = 1.5;

    /// <summary>Runs the benchmark; yields one row per market.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (bool example42 in new[] { false, true })
        {
            BenchmarkResult? small = null;
            foreach (long n in new[] { settings.SmallBuyers, settings.LargeBuyers })
            {
                IValueDistribution distribution = example42 ? new Example42Distribution(n) : DistributionSpec.Parse("uniform(0, 1)");
                var market = new Market(distribution, n);
                // Rows 1–4 have warmed up every code path here (grid, hull, GLOP), and each run takes seconds: no warm-up.
                var (timing, answer) = Measure.Whole(settings.Repeat.AtMost(3) with { WarmUp = false }, () =>
                {
                    var problem = new FrontierProblem(market, settings.LargeMarketGrid);
                    using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
                    var sweep = solver.Sweep(SweepPoints);
                    return (Problem: problem, Optimal: sweep.Count(s => s.Status == SolveStatus.Optimal));
                });
                var p = answer.Problem;
                double deviation = example42
                    ? Math.Max(Math.Abs(p.OptimalSurplus / ClosedForms.Example42OptimalSurplus(n) - 1),
                        Math.Abs(p.OptimalWelfare / ClosedForms.ExpectedMaximum(distribution, n) - 1))
                    : new[]
                    {
                        Math.Abs(p.OptimalRevenue / ClosedForms.UniformOptimalRevenue(n) - 1),
                        Math.Abs(p.OptimalSurplus / ClosedForms.UniformOptimalSurplus - 1),
                        Math.Abs(p.OptimalWelfare / ClosedForms.UniformOptimalWelfare(n) - 1),
                    }.Max();
                string reference = example42 ? "U* = (√π/2)·erf(K), OPT by quadrature (worst relative)" : "closed forms Π*, U*, OPT (worst relative)";
                var row = BenchmarkResult.Of(Name, $"{(example42 ? "example42" : "uniform")} n={n}", $"{distribution.Spec} n={n} m={p.Discretised.Cells} ({SweepPoints}-point sweep)",
                    timing, $"Π*={Formatting.Precise(p.OptimalRevenue)} U*={Formatting.Precise(p.OptimalSurplus)} OPT={Formatting.Precise(p.OptimalWelfare)}; {answer.Optimal}/{SweepPoints} optimal",
                    deviation, reference).WithAccuracyTarget(Tolerance);
                if (small is null) small = row;
                else row = row.WithTarget($"time < {CostRatio}x n={settings.SmallBuyers}'s", row.MedianSeconds / small.MedianSeconds, CostRatio, "x");
                yield return row;
            }
        }
    }

    /// <summary>The accuracy both market sizes must reach (the closed forms of method.md §14 at the default grid).</summary>
    public const double Tolerance = 1e-6;
}
