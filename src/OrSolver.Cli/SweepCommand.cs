using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OrSolver.Core;
using OrSolver.Core.Scenarios;
using OrSolver.Core.Sweeps;

namespace OrSolver.Cli;

/// <summary>
/// <c>orsolver sweep TABLE --out DIR</c> (or a product: <c>--dist A --dist B --buyers 1,2,5 --units 1,2</c>): every market
/// of the table solved as <c>bargain</c> solves one, one row each in <c>DIR/sweep.csv</c> (and <c>sweep.parquet</c>),
/// over <c>--jobs</c> cores, resuming where an earlier run in DIR stopped; <c>--shard i/N</c> runs every N-th row.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var table = new Argument<string?>("table") { Description = "CSV or JSON table of markets (columns distribution or model, buyers, units, grid, surplus).", Arity = ArgumentArity.ZeroOrOne };
        var distributions = new Option<string[]>("--dist") { Description = "A distribution of the product (repeat for more).", Arity = ArgumentArity.ZeroOrMore };
        var models = new Option<string[]>("--model") { Description = "A scenario of the product (repeat for more).", Arity = ArgumentArity.ZeroOrMore };
        var buyers = new Option<string?>("--buyers") { Description = "n for the product, e.g. 1,2,5,10 (default 2, or the model's)." };
        var units = new Option<string?>("--units") { Description = "k for the product, e.g. 1,2 (default 1, or the model's)." };
        var surplus = new Option<string?>("--surplus") { Description = "Surplus levels U₀ for the product's frontier revenue, e.g. 0.2,0.3." };
        var grid = new Option<int?>("--grid") { Description = $"m, grid cells for rows that name none (default {SweepSettings.StandardGrid}, or the model's)." };
        var output = new Option<string>("--out") { Description = "Directory of sweep.csv (and of an earlier run to resume).", Required = true };
        var shard = new Option<string?>("--shard") { Description = "i/N: run shard i of N (every N-th row from row i) into sweep.shard-i-of-N.csv." };
        var jobs = new Option<int?>("--jobs") { Description = "Markets solved at once (default: every core)." };
        var verify = new Option<string>("--verify")
        {
            Description = "How each bargaining solution is checked: hull (its auction re-evaluated from the rules against the hull, no LP) or lp (as bargain: an LP at its U too).",
            DefaultValueFactory = _ => "hull",
        };
        verify.AcceptOnlyFromAmong("hull", "lp");
        var format = FormatOption();
        var command = new Command("sweep", "Solve a table of markets: landmarks, bargaining solutions and checks, one row per market.");
        foreach (var option in new Option[] { distributions, models, buyers, units, surplus, grid, output, shard, jobs, verify, format }) command.Add(option);
        command.Add(table);
        command.SetAction(parse => context.Run(() =>
        {
            string? path = parse.GetValue(table);
            var dists = parse.GetValue(distributions) ?? [];
            var names = parse.GetValue(models) ?? [];
            string? ns = parse.GetValue(buyers), ks = parse.GetValue(units), levels = parse.GetValue(surplus);
            SweepTable markets;
            if (path is not null)
            {
                if (dists.Length > 0 || names.Length > 0) throw new InputException("give a TABLE or --dist/--model for a product, not both");
                if (ns is not null || ks is not null || levels is not null)
                    throw new InputException("with a TABLE, give buyers, units and surplus levels in its columns (--buyers, --units and --surplus make a product with --dist or --model)");
                markets = SweepTable.Read(path);
            }
            else
            {
                if (dists.Length == 0 && names.Length == 0) throw new InputException("give a TABLE of markets, or --dist SPEC / --model NAME (repeatable) with --buyers and --units lists");
                markets = SweepTable.Product(dists, names, List(ns, "--buyers", long.Parse), List(ks, "--units", int.Parse), null, List(levels, "--surplus", double.Parse));
            }
            string directory = parse.GetValue(output)!;
            OutputFiles.Check(directory);
            var options = new SweepOptions
            {
                OutputDirectory = directory,
                Shard = parse.GetValue(shard) is { } s ? SweepShard.Parse(s) : null,
                Jobs = parse.GetValue(jobs) ?? SweepOptions.EveryCore,
                Settings = new SweepSettings
                {
                    Grid = parse.GetValue(grid),
                    Verify = SweepVerifications.Parse(parse.GetValue(verify)!),
                    LoadModel = name => Scenario.Load(ModelFiles.Find(name)),
                },
                Parquet = IsParquet(parse.GetValue(format)),
            };
            return Run(markets, options, context);
        }));
        return command;
    }

    /// <summary>The <c>--format</c> option of <c>sweep</c> and <c>merge</c>.</summary>
    internal static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "csv (always written), or parquet to write sweep.parquet as well.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", Parquet);
        return format;
    }

    private const string Parquet = "parquet";

    /// <summary>Whether <c>--format</c> asks for the Parquet file too.</summary>
    internal static bool IsParquet(string? format) => format == Parquet;

    private static int Run(SweepTable table, SweepOptions options, CliContext context)
    {
        var plan = SweepPlan.Prepare(table, options);
        string what = options.Shard is { } shard ? $"sweep, shard {shard}" : "sweep";
        string description = plan.Reused > 0 ? $"{what} ({plan.Reused} rows done before)" : what;
        var clock = Stopwatch.StartNew();
        var summary = OutputFiles.Guard(options.OutputDirectory,
            () => Progress.Run(context.Error, description, plan.Pending, progress => plan.Run(context.NewSolver, progress), "rows"));
        double seconds = clock.Elapsed.TotalSeconds;
        string rate = summary.Computed > 0 && seconds > 0 ? $", {(summary.Computed / seconds).ToString("0.###", CultureInfo.InvariantCulture)} rows/s" : "";
        context.Output.WriteLine($"{what}: {summary.Rows.Count} rows ({summary.Computed} solved by this run, {summary.Reused} by earlier runs), "
            + $"{summary.Errors} errors, {summary.FailedChecks} failed checks; {Progress.Duration(clock.Elapsed)}{rate}");
        return Verdict(summary.Rows, summary.CsvPath, summary.ParquetPath, context);
    }

    /// <summary>Prints where the rows went, one line on stderr per failed row (the first 20) and returns the exit code:
    /// 1 when a row ended in an error or failed its check, else 0.</summary>
    internal static int Verdict(IReadOnlyList<SweepRow> rows, string csv, string? parquet, CliContext context)
    {
        context.Output.WriteLine($"wrote {csv}{(parquet is null ? "" : $" and {parquet}")}");
        const int shown = 20;
        var failed = rows.Where(r => r.Failed).ToList();
        foreach (var row in failed.Take(shown))
        {
            context.Error.WriteLine(row.Error is { } error
                ? $"orsolver: row {row.Row} ({row.Input.Distribution}, n = {row.Input.Buyers}): {error}"
                : $"orsolver: row {row.Row}: check failed ({row.Result!.Check}): {row.Result.Failure}");
        }
        if (failed.Count > shown) context.Error.WriteLine($"orsolver: … and {failed.Count - shown} more failed rows (see the error and failure columns)");
        return failed.Count == 0 ? OrSolverCommandLine.Success : OrSolverCommandLine.SolverFailure;
    }

    /// <summary>A comma-separated list of numbers ("1,2,5"), empty when not given.</summary>
    private static List<T> List<T>(string? text, string option, Func<string, IFormatProvider, T> parse)
    {
        if (text is null) return [];
        var values = new List<T>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            try
            {
                values.Add(parse(part, CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InputException($"{option}: '{InputException.Excerpt(part, 40)}' is not a number (give a list such as 1,2,5)", e);
            }
        }
        return values;
    }
}
