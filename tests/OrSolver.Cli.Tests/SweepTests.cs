using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OrSolver.Core.Sweeps;
using Parquet;
using Parquet.Schema;

namespace OrSolver.Cli.Tests;

/// <summary>
/// <c>orsolver sweep</c> and <c>orsolver merge</c>: the rows in input order whatever the workers' order, a bad row reported
/// in its own row, shards merged into exactly the bytes of the unsharded run, a killed run resumed into exactly the bytes
/// of an uninterrupted one without solving its finished rows again, Parquet holding the CSV's values, and bad input
/// refused with one line and nothing written. Small grids: the numbers are checked against closed forms in the core tests.
/// </summary>
public partial class SweepTests
{
    /// <summary>Seven markets, one of them bad (row 5), solved on 100 cells.</summary>
    private const string Table = """
        distribution,buyers,units,grid
        "uniform(0,1)",2,,100
        "uniform(0,1)",3,,100
        "exponential(1)",2,1,100
        lomax(3),2,,100
        foo(1),2,,100
        "uniform(0,1)",4,2,100
        exponential(1),3,,100
        """;

    private const int BadRow = 5;

    [GeneratedRegex(@"\((\d+) solved by this run, (\d+) by earlier runs\)")]
    private static partial Regex Counts();

    /// <summary>(solved by this run, taken from earlier runs) from the summary line.</summary>
    private static (int Solved, int Reused) SummaryCounts(CliResult result)
    {
        var match = Counts().Match(result.Stdout);
        Assert.True(match.Success, $"no summary line\n{result}");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^orsolver: sweep[^:]*: \d+ of \d+ rows")]
    private static partial Regex ProgressLine();

    /// <summary>Runs and requires exit code 0 and nothing on stderr but progress lines (a run longer than 5 s prints them
    /// when stderr is not a terminal).</summary>
    private static CliResult RunOk(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == OrSolverCommandLine.Success, $"orsolver {string.Join(' ', args)}\n{result}");
        Assert.True(result.ErrorLines.All(ProgressLine().IsMatch), $"expected only progress lines on stderr\n{result}");
        return result;
    }

    private static List<string[]> ReadCells(string path)
    {
        var (rows, _) = SweepFiles.Read(path);
        return [.. rows.Select(r => r.ToCells().ToArray())];
    }

    private static int Column(string name) => SweepColumns.Names.ToList().IndexOf(name);

    /// <summary>Runs the unsharded sweep of <see cref="Table"/> into <paramref name="directory"/> (exit 1: the bad row).</summary>
    private static CliResult RunTable(TemporaryDirectory directory, string output, params string[] extra)
    {
        string table = directory.WriteFile("markets.csv", Table);
        var result = Cli.Run(["sweep", table, "--out", output, .. extra]);
        Assert.True(result.ExitCode == OrSolverCommandLine.SolverFailure, $"the bad row makes the exit code 1\n{result}");
        return result;
    }

    [Fact]
    public void A_bad_row_is_reported_in_its_own_row_and_the_others_are_solved()
    {
        using var directory = new TemporaryDirectory();
        var result = RunTable(directory, directory.Path, "--jobs", "2");
        string csv = Path.Combine(directory.Path, SweepFiles.FileName);
        Assert.Equal([SweepFiles.FileName], directory.Entries);
        var rows = ReadCells(csv);
        Assert.Equal(Enumerable.Range(1, 7).Select(r => r.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[Column("row")]));
        foreach (var row in rows)
        {
            bool bad = row[Column("row")] == BadRow.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(bad, row[Column("error")].Length > 0);
            Assert.Equal(bad ? "" : "True", row[Column("agrees")]);
            Assert.Equal(bad, row[Column("opt")].Length == 0);
        }
        Assert.Contains("unknown distribution family 'foo'", rows[BadRow - 1][Column("error")], StringComparison.Ordinal);
        // The table's values, with the defaults filled in (k = 1) and specs in canonical form.
        Assert.Equal(["uniform(low=0, high=1)", "4", "2", "100"], rows[5][Column("distribution")..(Column("grid") + 1)]);
        Assert.Equal("1", rows[0][Column("units")]);
        // One line on stderr for the bad row, naming it.
        Assert.Single(result.ErrorLines, l => l.StartsWith($"orsolver: row {BadRow} ", StringComparison.Ordinal));
        Assert.Equal((7, 0), SummaryCounts(result));
    }

    [Fact]
    public void Three_shards_merged_are_the_unsharded_run_byte_for_byte()
    {
        using var whole = new TemporaryDirectory();
        RunTable(whole, whole.Path);
        using var sharded = new TemporaryDirectory();
        var counts = new List<int>();
        for (int i = 1; i <= 3; i++)
        {
            var shard = RunShard(sharded, i);
            counts.Add(SummaryCounts(shard).Solved);
        }
        // Round robin: rows 1, 4, 7 / 2, 5 / 3, 6.
        Assert.Equal([3, 2, 2], counts);
        Assert.Equal(["1", "4", "7"], ReadCells(Path.Combine(sharded.Path, "sweep.shard-1-of-3.csv")).Select(r => r[0]));
        var merge = Cli.Run("merge", sharded.Path);
        Assert.True(merge.ExitCode == OrSolverCommandLine.SolverFailure, $"the bad row makes merge exit 1 too\n{merge}");
        byte[] expected = File.ReadAllBytes(Path.Combine(whole.Path, SweepFiles.FileName));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(sharded.Path, SweepFiles.FileName)));
    }

    private static CliResult RunShard(TemporaryDirectory directory, int index)
    {
        string table = directory.WriteFile("markets.csv", Table);
        var result = Cli.Run("sweep", table, "--out", directory.Path, "--shard", $"{index}/3", "--jobs", "1");
        Assert.True(result.ExitCode is OrSolverCommandLine.Success or OrSolverCommandLine.SolverFailure, result.ToString());
        return result;
    }

    [Fact]
    public void Merge_refuses_a_missing_or_unfinished_shard()
    {
        using var directory = new TemporaryDirectory();
        RunShard(directory, 1);
        RunShard(directory, 3);
        var missing = Cli.Run("merge", directory.Path);
        Cli.AssertBadInput(missing, "shard 2 of 3 is missing");
        File.WriteAllText(Path.Combine(directory.Path, "sweep.shard-2-of-3.part.csv"), SweepFiles.HeaderLine);
        Cli.AssertBadInput(Cli.Run("merge", directory.Path), "shard 2 of 3 has not finished");
        Assert.DoesNotContain(SweepFiles.FileName, directory.Entries);
        Cli.AssertBadInput(Cli.Run("merge", Path.Combine(directory.Path, "nowhere")), "no such directory");
    }

    [Fact]
    public void A_rerun_takes_every_row_from_the_finished_file_and_writes_the_same_bytes()
    {
        using var directory = new TemporaryDirectory();
        RunTable(directory, directory.Path);
        string csv = Path.Combine(directory.Path, SweepFiles.FileName);
        byte[] first = File.ReadAllBytes(csv);
        var again = RunTable(directory, directory.Path);
        // The bad row has no result: it is tried again; the six others are taken as they are.
        Assert.Equal((1, 6), SummaryCounts(again));
        Assert.Equal(first, File.ReadAllBytes(csv));
    }

    /// <summary>The same markets as a JSON table give the same file as the CSV table.</summary>
    [Fact]
    public void A_json_table_gives_the_csv_tables_file()
    {
        using var csv = new TemporaryDirectory();
        RunTable(csv, csv.Path);
        using var json = new TemporaryDirectory();
        string table = json.WriteFile("markets.json", """
            [
              { "distribution": "uniform(0,1)", "buyers": 2, "grid": 100 },
              { "distribution": "uniform(0,1)", "buyers": 3, "grid": 100 },
              { "distribution": "exponential(1)", "buyers": 2, "units": 1, "grid": 100 },
              { "distribution": "lomax(3)", "buyers": 2, "grid": 100 },
              { "distribution": "foo(1)", "buyers": 2, "grid": 100 },
              { "distribution": "uniform(0,1)", "buyers": 4, "units": 2, "grid": 100 },
              { "distribution": "exponential(1)", "buyers": 3, "grid": 100 }
            ]
            """);
        var result = Cli.Run("sweep", table, "--out", json.Path);
        Assert.Equal(OrSolverCommandLine.SolverFailure, result.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(csv.Path, SweepFiles.FileName)), File.ReadAllBytes(Path.Combine(json.Path, SweepFiles.FileName)));
    }

    /// <summary>A product on the command line is the table of every combination, distribution-major.</summary>
    [Fact]
    public void A_product_on_the_command_line_is_every_combination_in_order()
    {
        using var directory = new TemporaryDirectory();
        var result = RunOk("sweep", "--dist", "uniform(0,1)", "--model", "exponential", "--buyers", "2,3", "--grid", "64",
            "--surplus", "0.2", "--out", directory.Path);
        var rows = ReadCells(Path.Combine(directory.Path, SweepFiles.FileName));
        Assert.Equal(["uniform(low=0, high=1)", "uniform(low=0, high=1)", "exponential(rate=1)", "exponential(rate=1)"], rows.Select(r => r[Column("distribution")]));
        Assert.Equal(["", "", "exponential", "exponential"], rows.Select(r => r[Column("model")]));
        Assert.Equal(["2", "3", "2", "3"], rows.Select(r => r[Column("buyers")]));
        Assert.All(rows, r => Assert.Equal("0.2", r[Column("surplus")]));
        Assert.All(rows, r => Assert.Single(r[Column("frontier_revenue")].Split(';')));
        Assert.Equal((4, 0), SummaryCounts(result));
    }

    /// <summary>The Parquet file holds the CSV's rows with typed columns: read back with Parquet.Net, every value is the
    /// CSV cell's (to the bit for doubles), and an empty cell is null.</summary>
    [Fact]
    public async Task Parquet_holds_the_csv_values_with_their_types()
    {
        using var directory = new TemporaryDirectory();
        RunTable(directory, directory.Path, "--format", "parquet");
        var csv = ReadCells(Path.Combine(directory.Path, SweepFiles.FileName));
        await using var stream = File.OpenRead(Path.Combine(directory.Path, SweepFiles.ParquetFileName));
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(SweepColumns.Names, reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(csv.Count, group.RowCount);
        var fields = reader.Schema.GetDataFields();
        for (int c = 0; c < fields.Length; c++)
        {
            var expected = csv.Select(r => r[c]).ToList();
            var actual = await ReadText(group, fields[c], SweepColumns.All[c].Type, csv.Count);
            Assert.True(expected.SequenceEqual(actual), $"column {fields[c].Name}: parquet [{string.Join(" | ", actual)}] against csv [{string.Join(" | ", expected)}]");
        }
    }

    /// <summary>A Parquet column's values as the CSV writes them (typed values formatted back; null as "").</summary>
    private static async Task<List<string>> ReadText(ParquetRowGroupReader group, DataField field, SweepColumnType type, int count)
    {
        switch (type)
        {
            case SweepColumnType.Whole:
            {
                var values = new long?[count];
                await group.ReadAsync<long>(field, values.AsMemory());
                Assert.Equal(typeof(long), field.ClrType);
                return [.. values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "")];
            }
            case SweepColumnType.Real:
            {
                var values = new double?[count];
                await group.ReadAsync<double>(field, values.AsMemory());
                Assert.Equal(typeof(double), field.ClrType);
                return [.. values.Select(v => v?.ToString("R", CultureInfo.InvariantCulture) ?? "")];
            }
            case SweepColumnType.Flag:
            {
                var values = new bool?[count];
                await group.ReadAsync<bool>(field, values.AsMemory());
                Assert.Equal(typeof(bool), field.ClrType);
                return [.. values.Select(v => v is null ? "" : v.Value ? "True" : "False")];
            }
            default:
            {
                var values = new string?[count];
                await group.ReadAsync(field, values.AsMemory());
                return [.. values.Select(v => v ?? "")];
            }
        }
    }

    /// <summary>
    /// A sweep killed mid-run (the process killed, as by a scheduler or Ctrl-C) and run again writes exactly the file of a
    /// run that was never interrupted, and solves only the rows that were not finished: the journal's finished rows are
    /// taken as they are (the summary line counts them), a row cut short by the kill is left out.
    /// </summary>
    [Fact]
    public void A_killed_sweep_resumes_into_the_bytes_of_an_uninterrupted_run()
    {
        const string table = """
            distribution,buyers,grid
            "uniform(0,1)",2,300
            "uniform(0,1)",3,300
            exponential(1),2,300
            exponential(1),3,300
            "uniform(0,1)",5,300
            exponential(1),5,300
            lomax(3),2,300
            lomax(3),3,300
            """;
        using var directory = new TemporaryDirectory();
        string markets = directory.WriteFile("markets.csv", table);
        string journal = Path.Combine(directory.Path, SweepFiles.JournalName(SweepFiles.FileName));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "orsolver.dll"), "sweep", markets, "--out", directory.Path, "--jobs", "2" })
            start.ArgumentList.Add(arg);
        int killedAt;
        using (var process = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (FinishedRows(journal) < 2 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
            Assert.False(process.HasExited, $"the sweep ended before it could be killed (exit {(process.HasExited ? process.ExitCode : 0)})");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            killedAt = FinishedRows(journal);
        }
        Assert.False(File.Exists(Path.Combine(directory.Path, SweepFiles.FileName)), "a killed sweep has not written sweep.csv");
        Assert.InRange(killedAt, 2, 7);

        var resumed = RunOk("sweep", markets, "--out", directory.Path, "--jobs", "2");
        Assert.Equal((8 - killedAt, killedAt), SummaryCounts(resumed));
        Assert.Equal([SweepFiles.FileName], directory.Entries);

        using var uninterrupted = new TemporaryDirectory();
        RunOk("sweep", markets, "--out", uninterrupted.Path, "--jobs", "1");
        Assert.Equal(File.ReadAllBytes(Path.Combine(uninterrupted.Path, SweepFiles.FileName)), File.ReadAllBytes(Path.Combine(directory.Path, SweepFiles.FileName)));
    }

    /// <summary>Rows in the journal: whole lines after the header (a line cut short has no line end yet).</summary>
    private static int FinishedRows(string journal)
    {
        if (!File.Exists(journal)) return 0;
        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int lines = 0;
        for (int b = stream.ReadByte(); b >= 0; b = stream.ReadByte()) if (b == '\n') lines++;
        return Math.Max(0, lines - 1);
    }

    public static TheoryData<string, string[], string> BadInput() => new()
    {
        { "distribution,buyers,colour\nlomax(2),2,red\n", [], "unknown column 'colour'" },
        { "buyers\n2\n", [], "no distribution or model column" },
        { "distribution,buyers\n", [], "has no markets" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--shard", "4/3"], "--shard" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--shard", "two/3"], "--shard" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--jobs", "0"], "--jobs" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--grid", "3"], "grid" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--dist", "uniform(0,1)"], "not both" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--buyers", "2,3"], "columns" },
        { "distribution,buyers\n\"uniform(0,1)\",2\n", ["--format", "xlsx"], "xlsx" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_one_line_and_writes_nothing(string table, string[] options, string mentions)
    {
        using var directory = new TemporaryDirectory(create: false);
        string path = directory.WriteFile("markets.csv", table);
        Cli.AssertBadInput(Cli.Run(["sweep", path, "--out", directory.Path, .. options]), mentions);
        Assert.False(Directory.Exists(directory.Path), "nothing is written on bad input");
    }

    [Fact]
    public void An_unreadable_table_or_no_markets_is_bad_input()
    {
        using var directory = new TemporaryDirectory(create: false);
        Cli.AssertBadInput(Cli.Run("sweep", Path.Combine(directory.Path, "missing.csv"), "--out", directory.Path), "no such file");
        Cli.AssertBadInput(Cli.Run("sweep", "--out", directory.Path), "give a TABLE");
        string json = directory.WriteFile("markets.json", """[{ "distribution": "uniform(0,1)", "colour": "red" }]""");
        Cli.AssertBadInput(Cli.Run("sweep", json, "--out", directory.Path), "unknown field 'colour'");
        Assert.False(Directory.Exists(directory.Path));
    }
}
