using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Sweeps;

namespace OrSolver.Core.Tests.Sweeps;

/// <summary>
/// Resumption: a run takes the rows an earlier run in the same directory finished (from its file or its journal, a last
/// line cut short by a kill left out) when their market is the table's, solves the rest, and writes exactly the file of
/// one uninterrupted run; rows whose market changed are solved again.
/// </summary>
public sealed class SweepPlanTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orsolver-sweep-plans-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly SweepTable Table = SweepTable.Product(["uniform(0,1)", "exponential(1)"], [], [2, 3], [], grid: 64);

    private SweepOptions Options(string name) => new() { OutputDirectory = Path.Combine(_directory, name), Jobs = 2 };

    private static SweepSummary Run(SweepTable table, SweepOptions options) => SweepPlan.Prepare(table, options).Run(() => new OrToolsLinearSolver());

    [Fact]
    public void A_journal_cut_short_is_resumed_into_the_uninterrupted_file()
    {
        var whole = Run(Table, Options("whole"));
        Assert.Equal((4, 0), (whole.Computed, whole.Reused));
        Assert.False(File.Exists(Path.Combine(_directory, "whole", "sweep.part.csv")), "the journal is removed when the file is written");
        byte[] expected = File.ReadAllBytes(whole.CsvPath);

        // A run killed after rows 3 and 1 finished, in the middle of writing row 2.
        var options = Options("killed");
        Directory.CreateDirectory(options.OutputDirectory);
        var rows = whole.Rows;
        File.WriteAllText(Path.Combine(options.OutputDirectory, "sweep.part.csv"),
            SweepFiles.HeaderLine + SweepFiles.Line(rows[2]) + SweepFiles.Line(rows[0]) + SweepFiles.Line(rows[1])[..25]);
        var plan = SweepPlan.Prepare(Table, options);
        Assert.Equal((4, 2, 2), (plan.Rows, plan.Reused, plan.Pending));
        var resumed = plan.Run(() => new OrToolsLinearSolver());
        Assert.Equal((2, 2), (resumed.Computed, resumed.Reused));
        Assert.Equal(expected, File.ReadAllBytes(resumed.CsvPath));
    }

    [Fact]
    public void Rows_whose_market_changed_are_solved_again_and_rows_gone_from_the_table_are_dropped()
    {
        var options = Options("changing");
        Run(Table, options);
        var changed = SweepTable.Of(Table.Cases.Take(3).Select((c, i) => i == 1 ? c with { Grid = 80 } : c));
        var plan = SweepPlan.Prepare(changed, options);
        Assert.Equal((3, 2, 1), (plan.Rows, plan.Reused, plan.Pending));
        var rerun = plan.Run(() => new OrToolsLinearSolver());
        Assert.Equal([1, 2, 3], rerun.Rows.Select(r => r.Row));
        Assert.Equal(80, rerun.Rows[1].Input.Grid);
        Assert.Equal(File.ReadAllBytes(Run(changed, Options("fresh")).CsvPath), File.ReadAllBytes(rerun.CsvPath));
    }

    /// <summary>Shards written by separate runs merge into the unsharded file, and merging refuses rows in the wrong shard.</summary>
    [Fact]
    public void Shards_merge_into_the_unsharded_file()
    {
        byte[] expected = File.ReadAllBytes(Run(Table, Options("unsharded")).CsvPath);
        string sharded = Path.Combine(_directory, "sharded");
        foreach (int i in new[] { 2, 1 })
            Run(Table, new SweepOptions { OutputDirectory = sharded, Shard = new SweepShard(i, 2), Jobs = 1 });
        var merged = SweepFiles.Merge(sharded);
        SweepFiles.WriteTable(sharded, null, merged, parquet: false);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(sharded, SweepFiles.FileName)));

        File.Move(Path.Combine(sharded, "sweep.shard-1-of-2.csv"), Path.Combine(sharded, "swap"));
        File.Move(Path.Combine(sharded, "sweep.shard-2-of-2.csv"), Path.Combine(sharded, "sweep.shard-1-of-2.csv"));
        File.Move(Path.Combine(sharded, "swap"), Path.Combine(sharded, "sweep.shard-2-of-2.csv"));
        var e = Assert.Throws<InputException>(() => SweepFiles.Merge(sharded));
        Assert.Contains("belongs to shard", e.Message, StringComparison.Ordinal);
    }
}
