using System.Diagnostics;
using System.Globalization;
using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;

namespace OrSolver.Benchmarks;

/// <summary>
/// Row 6 of docs/performance.md: accuracy against grid size. For Uniform[0,1], Exponential(1) and an irregular (bimodal) mixture,
/// Π* and OPT on grids of m, 2m, 4m, … cells, with the observed order and Richardson's estimate (method.md §3.6), and the
/// error against a reference that does not come from the grid: the closed forms of method.md §14 (uniform, exponential), OPT by
/// quadrature (mixture), and for the mixture's Π*, which has no closed form, the finest Richardson estimate. The
/// problems are independent and built on every core; each row's time is its own problem's construction.
/// </summary>
public static class GridRefinement
{
    /// <summary>The benchmark's name in the table.</summary>
    public const string Name = "6 accuracy vs grid";

    /// <summary>Target (docs/performance.md, Targets; method.md §3.6): the default grid reaches this relative accuracy on smooth distributions.</summary>
    public const double TargetAccuracy = 1e-6;

    /// <summary>Second-order convergence on smooth distributions: the observed order within this of 2.</summary>
    public const double OrderSlack = 0.3;

    /// <summary>Runs the study; yields one row per distribution, quantity and grid.</summary>
    public static IEnumerable<BenchmarkResult> Run(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int n = checked((int)settings.Buyers);
        var distributions = new[]
        {
            (Spec: "uniform(0, 1)", Smooth: true, Revenue: ClosedForms.UniformOptimalRevenue(n), Welfare: ClosedForms.UniformOptimalWelfare(n)),
            (Spec: "exponential(1)", Smooth: true, Revenue: ClosedForms.ExponentialOptimalRevenue(n), Welfare: ClosedForms.ExponentialOptimalWelfare(n)),
            (Spec: settings.IrregularMixture, Smooth: false, Revenue: double.NaN,
                Welfare: ClosedForms.ExpectedMaximum(DistributionSpec.Parse(settings.IrregularMixture), n)),
        };
        var jobs = distributions.SelectMany(d => settings.RefinementGrids.Select(m => (d.Spec, Grid: m))).ToList();
        double baseline = PeakMemory.Reset();
        var built = Workers.Map(jobs, job =>
        {
            var clock = Stopwatch.StartNew();
            var problem = new FrontierProblem(settings.Market(job.Spec), job.Grid);
            return (Problem: problem, Seconds: clock.Elapsed.TotalSeconds);
        });
        double peak = PeakMemory.Megabytes();
        foreach (var d in distributions)
        {
            var levels = jobs.Select((job, i) => (job, built[i])).Where(x => x.job.Spec == d.Spec).ToList();
            foreach (var (quantity, reference, getter) in new (string, double, Func<FrontierProblem, double>)[]
                { ("Π*", d.Revenue, p => p.OptimalRevenue), ("OPT", d.Welfare, p => p.OptimalWelfare) })
            {
                var table = Refinement.Table(levels.Select(l => (l.job.Grid, getter(l.Item2.Problem))).ToList());
                bool closed = double.IsFinite(reference);
                double target = closed ? reference : table[^1].Extrapolated;
                string against = closed
                    ? (d.Spec == settings.IrregularMixture ? "OPT by quadrature (relative)" : "closed form (relative)")
                    : "the finest Richardson estimate (relative; no closed form)";
                for (int i = 0; i < table.Count; i++)
                {
                    var level = table[i];
                    var timing = new Timing([levels[i].Item2.Seconds], peak, baseline);
                    string order = double.IsNaN(level.Order) ? "" : $"; order {level.Order:F2}, Richardson {Formatting.Precise(level.Extrapolated)}"
                        + (double.IsFinite(target) && double.IsFinite(level.Extrapolated) ? $" (deviation {Math.Abs(level.Extrapolated / target - 1).ToString("0.0E+0", CultureInfo.InvariantCulture)})" : "");
                    var row = BenchmarkResult.Of(Name, $"{Short(d.Spec)} {quantity} m={level.Grid}", $"{d.Spec} n={n} m={levels[i].Item2.Problem.Discretised.Cells}",
                        timing, $"{quantity}={Formatting.Precise(level.Value)}{order}", double.IsFinite(target) ? Math.Abs(level.Value / target - 1) : double.NaN, against);
                    if (d.Smooth && level.Grid == GridBuilder.DefaultSize) row = row.WithAccuracyTarget(TargetAccuracy);
                    if (d.Smooth && !double.IsNaN(level.Order)) row = row.WithTarget("order 2", Math.Abs(level.Order - 2), OrderSlack, "off 2 by");
                    yield return row;
                }
            }
        }
    }

    private static string Short(string spec) => spec.StartsWith("mixture", StringComparison.Ordinal) ? "mixture" : spec[..spec.IndexOf('(', StringComparison.Ordinal)];
}
