using System.Globalization;
using CsvHelper;
using OrSolver.Benchmarks;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary>
/// <c>orsolver bench</c> (the benchmark of docs/performance.md) at tiny sizes. Its answers are checked against references
/// that do not come from it: the LP backends against the closed-form hull (strong duality, method.md §5.3), Uniform's
/// closed forms, and the refinement table's observed order against the second order of method.md §3.6. Times are never asserted.
/// </summary>
public class BenchTests
{
    /// <summary>Every row of the benchmark at sizes that take seconds.</summary>
    private static readonly BenchmarkSettings Tiny = new()
    {
        Repeat = new Repeat(2, true, 1),
        SlowGrid = 300,
        Buyers = 3,
        LpGrids = [200, 400],
        SweepDistributions = ["uniform(0, 1)", "exponential(1)"],
        SweepGrid = 200,
        SweepPoints = 10,
        RebuildPoints = 3,
        VertexGrid = 300,
        VertexDistributions = ["exponential(1)"],
        HullGrid = 20_000,
        LargeMarketGrid = 400,
        RefinementGrids = [400, 800, 1600],
        ClassMarkets = [BenchmarkSettings.Full.ClassMarkets[0], BenchmarkSettings.Full.ClassMarkets[2]],
        ClassGrids = [24],
        ClassPoints = 5,
        ClassUnseededCells = 60,
        ScipyColdGrid = 300,
        ScipyColdDistributions = ["exponential(1)"],
        BidCount = 3000,
        OrSolverCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "orsolver.dll")],
    };

    /// <summary>One run of <c>bench</c> with <see cref="Tiny"/>, shared by the tests: its printed lines and its CSV file.</summary>
    private static readonly Lazy<(int Exit, string Output, string Csv)> Run = new(() =>
    {
        using var directory = new TemporaryDirectory();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        int exit = BenchCommand.Execute(Tiny, directory.Path, output);
        string csv = File.ReadAllText(Path.Combine(directory.Path, BenchCommand.FileName));
        return (exit, output.ToString(), csv);
    });

    private static List<BenchCsvRow> Rows()
    {
        Assert.Equal(OrSolverCommandLine.Success, Run.Value.Exit);
        using var reader = CsvReader.FromText(Run.Value.Csv, null);
        return reader.GetRecords<BenchCsvRow>().ToList();
    }

    private static List<BenchCsvRow> Rows(string benchmark) => Rows().Where(r => r.Benchmark == benchmark).ToList();

    /// <summary>LP against hull: the solver agreement of method.md §5.7, relative to OPT.</summary>
    private const double Agreement = 1e-9;

    [Fact]
    public void Csv_has_the_header_and_one_record_per_printed_row_for_every_benchmark()
    {
        string header = Run.Value.Csv.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.Equal("benchmark,case,parameters,repetitions,median_seconds,min_seconds,max_seconds,peak_memory_mb,baseline_memory_mb,answer,deviation,reference,target,verdict", header);
        var rows = Rows();
        foreach (string name in new[] { BackendComparison.Name, SweepComparison.Name, VertexListComparison.Name, HullScaling.Name, LargeMarkets.Name, GridRefinement.Name, ClassMarkets.Name,
            ScipyComparison.Name, BidFiles.Name })
            Assert.Contains(rows, r => r.Benchmark == name);
        // Row 1: every backend on every grid; row 6: three distributions × two quantities × every grid.
        Assert.Equal(Tiny.LpGrids.Count * Tiny.Backends.Count, Rows(BackendComparison.Name).Count);
        Assert.Equal(3 * 2 * Tiny.RefinementGrids.Count, Rows(GridRefinement.Name).Count);
        int printed = Run.Value.Output.ReplaceLineEndings("\n").Split('\n').Count(line => line.Contains(" | ", StringComparison.Ordinal));
        Assert.Equal(rows.Count, printed);
        // Rows that time a child process (or scipy) measure no memory of this one.
        var timed = rows.Where(r => r.Repetitions > 0).ToList();
        Assert.All(timed, r => Assert.True(r.MinSeconds <= r.MedianSeconds && r.MedianSeconds <= r.MaxSeconds && !(r.PeakMemoryMegabytes <= 0) && !(r.BaselineMemoryMegabytes > r.PeakMemoryMegabytes), r.ToString()));
        Assert.Contains(timed, r => r.PeakMemoryMegabytes > 0);
    }

    /// <summary>Rows 8 and 9 run the real command line: the frontier and the three commands on a generated bid file exit 0
    /// (every reported point checked); scipy's sweep, where scipy is installed, agrees with the exact frontier.</summary>
    [Fact]
    public void Whole_processes_exit_cleanly_and_scipy_agrees_with_the_exact_frontier()
    {
        var ours = Rows(ScipyComparison.Name).Where(r => r.Case.StartsWith("orsolver", StringComparison.Ordinal) || r.Case.StartsWith("glop", StringComparison.Ordinal)).ToList();
        var scipy = Rows(ScipyComparison.Name).Where(r => r.Case.StartsWith("scipy ", StringComparison.Ordinal)).ToList();
        if (scipy.Count > 0)
        {
            Assert.All(ours, r => Assert.True(r.Answer.StartsWith("exit 0", StringComparison.Ordinal) || r.Answer.StartsWith("optimal", StringComparison.Ordinal), r.ToString()));
            // HiGHS at its own tolerances: its optimum agrees with the exact grid frontier to 1e-6 of OPT.
            Assert.All(scipy, r => Assert.True(r.Deviation <= 1e-6, r.ToString()));
        }
        else
        {
            Assert.Contains("not measured", Assert.Single(Rows(ScipyComparison.Name)).Answer, StringComparison.Ordinal);
        }
        var bids = Rows(BidFiles.Name);
        Assert.Equal(3, bids.Count);
        Assert.All(bids, r => Assert.StartsWith("exit 0", r.Answer, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_backend_solves_the_same_program_to_the_hull_value()
    {
        var rows = Rows(BackendComparison.Name);
        Assert.All(rows, r => Assert.True(r.Answer.StartsWith("Π=", StringComparison.Ordinal) && r.Deviation <= Agreement,
            $"{r.Case}: {r.Answer}, deviation {r.Deviation:E2} from {r.Reference}"));
        // Same answer across backends: the revenues printed agree with each other (each is within 1e-9·OPT of the hull).
        foreach (var grid in rows.GroupBy(r => r.Parameters))
        {
            var revenues = grid.Select(r => double.Parse(r.Answer.Split(' ')[0][2..], CultureInfo.InvariantCulture)).ToList();
            Assert.True(revenues.Max() - revenues.Min() <= 2 * Agreement * revenues.Max(), $"{grid.Key}: {string.Join(", ", revenues)}");
        }
        // HiGHS through MPSolver has no duals: its row states that instead of printing a number; the others print λ ≥ 0.
        foreach (var r in rows)
        {
            string lambda = r.Answer.Split(" λ=", 2)[1];
            if (r.Case.StartsWith("highs", StringComparison.Ordinal)) Assert.StartsWith("none (", lambda, StringComparison.Ordinal);
            else Assert.True(double.Parse(lambda, CultureInfo.InvariantCulture) >= 0, $"{r.Case}: {r.Answer}");
        }
    }

    [Fact]
    public void Warm_and_rebuilt_sweeps_and_the_LP_vertex_route_lie_on_the_exact_frontier()
    {
        var lp = Rows(SweepComparison.Name).Where(r => r.Answer.Contains("optimal", StringComparison.Ordinal))
            .Concat(Rows(VertexListComparison.Name).Where(r => r.Case.StartsWith("LP route", StringComparison.Ordinal))).ToList();
        Assert.True(lp.Count >= 3 * Tiny.SweepDistributions.Count + Tiny.VertexDistributions.Count, "every LP row is there");
        Assert.All(lp, r =>
        {
            var counts = r.Answer.Split(' ')[0].Split('/');
            Assert.True(counts[0] == counts[1], $"{r.Case}: {r.Answer}");
            Assert.True(r.Deviation <= Agreement, $"{r.Case}: deviation {r.Deviation:E2} from {r.Reference}");
        });
    }

    [Fact]
    public void Hull_route_on_a_fine_grid_meets_the_uniform_closed_forms()
    {
        // Uniform, n = 3: Π* = 0.53125 (method.md §14), U* = 1/2, and Π = 1 − 2U above the second-price auction. The grid's
        // error is about n·h²/6 for cells of width h = 1/8000 (the uniform share of 20000 cells): 1e-8.
        var rows = Rows(HullScaling.Name);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.Deviation <= 1e-7, $"{r.Case}: {r.Answer}, deviation {r.Deviation:E2}"));
        double revenue = double.Parse(rows[^1].Answer.Split(' ')[0][3..], CultureInfo.InvariantCulture);
        Assert.True(new Tolerance(1e-7, 0).Close(0.53125, revenue), rows[^1].Answer);
    }

    [Fact]
    public void Billion_buyers_solve_like_ten()
    {
        var rows = Rows(LargeMarkets.Name);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Contains($"{LargeMarkets.SweepPoints}/{LargeMarkets.SweepPoints} optimal", r.Answer, StringComparison.Ordinal);
            // At 400 cells the grid's own error is ≈ 1e-5 (n·h²/6 with h = 1/160); both market sizes stay within it.
            Assert.True(r.Deviation <= 1e-4, $"{r.Case}: deviation {r.Deviation:E2} from {r.Reference}");
        });
        Assert.Contains(rows, r => r.Case.EndsWith($"n={Tiny.LargeBuyers}", StringComparison.Ordinal));
    }

    [Fact]
    public void Refinement_on_uniform_converges_at_second_order_to_the_closed_form()
    {
        var rows = Rows(GridRefinement.Name).Where(r => r.Case.StartsWith("uniform", StringComparison.Ordinal)).ToList();
        foreach (string quantity in new[] { "Π*", "OPT" })
        {
            var levels = rows.Where(r => r.Case.StartsWith($"uniform {quantity} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Tiny.RefinementGrids.Count, levels.Count);
            // Errors against the closed form fall by about 4 per doubling of the grid (second order, method.md §3.6).
            for (int i = 1; i < levels.Count; i++)
            {
                double ratio = levels[i - 1].Deviation / levels[i].Deviation;
                Assert.True(ratio > 3 && ratio < 5, $"{levels[i].Case}: error ratio {ratio:G4}");
            }
            string order = levels[^1].Answer.Split("order ")[1].Split(',')[0];
            Assert.True(Math.Abs(double.Parse(order, CultureInfo.InvariantCulture) - 2) < 0.25, $"{levels[^1].Case}: {levels[^1].Answer}");
        }
    }

    [Fact]
    public void Class_market_sweeps_are_certified_and_agree_with_the_Lagrangian_route()
    {
        // Two markets, seeded; the two-class one (48 cells in all) also by the cut loop alone.
        var rows = Rows(ClassMarkets.Name);
        Assert.Equal(Tiny.ClassMarkets.Count + 1, rows.Count);
        Assert.Single(rows, r => r.Case.EndsWith("cut loop alone", StringComparison.Ordinal));
        string all = $"{Tiny.ClassPoints}/{Tiny.ClassPoints}";
        Assert.All(rows, r =>
        {
            Assert.StartsWith($"{all} optimal and certified", r.Answer, StringComparison.Ordinal);
            Assert.Contains($"{all} checks agree", r.Answer, StringComparison.Ordinal);
            // LP against the independent Lagrangian route at each point's U, relative to OPT.
            Assert.True(r.Deviation <= Agreement, $"{r.Case}: deviation {r.Deviation:E2} from {r.Reference}");
        });
    }

    [Fact]
    public void Richardson_extrapolation_recovers_a_second_order_sequence()
    {
        // Q(h) = 1 + 3h² on h = 1/100, 1/200, 1/400: order exactly 2 and the extrapolated value exactly 1.
        var table = Refinement.Table([(100, 1 + 3e-4), (200, 1 + 0.75e-4), (400, 1 + 0.1875e-4)]);
        Assert.True(double.IsNaN(table[0].Order) && double.IsNaN(table[1].Order));
        Assert.True(new Tolerance(1e-9, 0).Close(2, table[2].Order), $"order {table[2].Order:R}");
        Assert.True(new Tolerance(1e-12, 0).Close(1, table[2].Extrapolated), $"extrapolated {table[2].Extrapolated:R}");
        // First order: Q(h) = 2 − h.
        Assert.True(new Tolerance(1e-9, 0).Close(1, Refinement.ObservedOrder(2 - 0.01, 2 - 0.005, 2 - 0.0025)));
        Assert.Throws<ArgumentException>(() => Refinement.Table([(100, 1), (300, 1)]));
    }

    [Fact]
    public void Reference_values_match_hand_computations()
    {
        // One buyer, Exponential(1): the monopoly price 1 sells with probability e^{-1}. Two: 2e^{-1} − e^{-2}/2.
        Assert.True(new Tolerance(1e-15, 0).Close(Math.Exp(-1), ClosedForms.ExponentialOptimalRevenue(1)));
        Assert.True(new Tolerance(1e-15, 0).Close(2 * Math.Exp(-1) - Math.Exp(-2) / 2, ClosedForms.ExponentialOptimalRevenue(2)));
        // E[max of n uniforms] = n/(n+1), by quadrature of the survival function alone.
        Assert.True(new Tolerance(1e-12, 0).Close(5.0 / 6, ClosedForms.ExpectedMaximum(DistributionSpec.Parse("uniform(0, 1)"), 5)));
        Assert.Equal(2.0, new Timing([3.0, 1.0, 2.0], 0).Median);
        Assert.Equal(2.5, new Timing([4.0, 1.0, 2.0, 3.0], 0).Median);
    }

    [Fact]
    public void A_row_outside_the_benchmark_is_bad_input_before_anything_runs()
    {
        Cli.AssertBadInput(Cli.Run("bench", "--quick", "--row", "0"), "--row must be 1 to");
        Cli.AssertBadInput(Cli.Run("bench", "--quick", "--row", $"{BenchmarkSuite.RowCount + 1}"), "--row must be 1 to");
    }

    [Fact]
    public void An_unwritable_out_directory_is_bad_input_before_anything_runs()
    {
        using var temporary = new TemporaryDirectory();
        string file = temporary.WriteFile("not-a-directory", "x");
        var result = Cli.Run("bench", "--quick", "--out", Path.Combine(file, "sub"));
        Cli.AssertBadInput(result, "cannot write");
    }
}
