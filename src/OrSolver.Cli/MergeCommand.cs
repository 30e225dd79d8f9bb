using System.CommandLine;
using OrSolver.Core.Sweeps;

namespace OrSolver.Cli;

/// <summary><c>orsolver merge DIR</c>: joins the shard files <c>sweep.shard-i-of-N.csv</c> in DIR into <c>DIR/sweep.csv</c>,
/// the same bytes one unsharded run writes; every shard must be there and finished.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("dir") { Description = "The directory the shards were written into (their --out)." };
        var format = SweepCommand.FormatOption();
        var command = new Command("merge", "Join the shards of a sweep into one sweep.csv (byte for byte the unsharded run's).");
        command.Add(directory);
        command.Add(format);
        command.SetAction(parse => context.Run(() =>
        {
            string dir = parse.GetValue(directory)!;
            var rows = SweepFiles.Merge(dir);
            var (csv, parquet) = OutputFiles.Guard(dir, () => SweepFiles.WriteTable(dir, null, rows, SweepCommand.IsParquet(parse.GetValue(format))));
            context.Output.WriteLine($"merge: {rows.Count} rows, {rows.Count(r => r.Error is not null)} errors, {rows.Count(r => r.Result is { Agrees: false })} failed checks");
            return SweepCommand.Verdict(rows, csv, parquet, context);
        }));
        return command;
    }
}
