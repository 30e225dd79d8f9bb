using System.CommandLine;
using System.Globalization;
using CsvHelper;
using OrSolver.Benchmarks;
using OrSolver.Core;
using OrSolver.Core.Output;
using Spectre.Console;

namespace OrSolver.Cli;

/// <summary>
/// <c>orsolver bench [--quick] [--row N] [--out DIR]</c>: the benchmark of docs/performance.md (rows 1–9). Each case has an
/// untimed warm-up and several repetitions (slow cases fewer); rows are printed as they finish, then as one table, and
/// written to <c>DIR/bench.csv</c> (default: the current directory) through a temporary file and a rename.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The CSV file's name.</summary>
    public const string FileName = "bench.csv";

    /// <summary>The <c>bench</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes of the same rows: under two minutes on two cores." };
        var directory = new Option<string?>("--out") { Description = $"Directory to write {FileName} into (default: the current directory)." };
        var row = new Option<int?>("--row") { Description = $"Run only this row of the benchmark (1 to {BenchmarkSuite.RowCount})." };
        var command = new Command("bench", "Benchmark: LP backends, warm vs rebuilt sweeps, hull vs LP vertex lists, 10⁶-cell hulls, 10⁹ buyers, accuracy vs grid, buyer classes.");
        command.Add(quick);
        command.Add(directory);
        command.Add(row);
        command.SetAction(parse => context.Run(() => Execute(parse.GetValue(quick) ? BenchmarkSettings.Quick : BenchmarkSettings.Full, parse.GetValue(directory), context.Output,
            parse.GetValue(row))));
        return command;
    }

    /// <summary>Runs the benchmark with <paramref name="settings"/> (only row <paramref name="only"/> when given), prints it
    /// and writes the CSV.</summary>
    internal static int Execute(BenchmarkSettings settings, string? directory, TextWriter output, int? only = null)
    {
        if (only is < 1 || only > BenchmarkSuite.RowCount) throw new InputException($"--row must be 1 to {BenchmarkSuite.RowCount} (got {only})");
        string target = Path.GetFullPath(Path.Combine(directory ?? ".", FileName));
        // Fail before a long run, not after it.
        Writable(target);
        output.WriteLine($"orsolver bench{(settings.IsQuick ? " --quick" : "")}{(only is int r ? $" --row {r}" : "")}: {BenchmarkSuite.Machine()}");
        var rows = BenchmarkSuite.Run(settings, row => output.WriteLine(Line(row)), only);
        var console = CliOutput.Console(output);
        if (console.Profile.Capabilities.Ansi) Table(console, rows);
        OutputFiles.Write(Path.GetDirectoryName(target)!, Path.GetFileName(target), path => File.WriteAllText(path, Csv(rows)));
        output.WriteLine($"wrote {rows.Count} rows to {target}");
        return OrSolverCommandLine.Success;
    }

    /// <summary>One row as a plain line: name, median (min–max) over repetitions, peak memory (and the baseline it started
    /// from), answer, deviation, verdict.</summary>
    internal static string Line(BenchmarkResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string verdict = row.Verdict.Length == 0 ? "" : $" [{row.Target}: {row.Verdict}]";
        string deviation = double.IsNaN(row.Deviation) ? "" : $"; deviation {row.Deviation.ToString("0.0E+0", CultureInfo.InvariantCulture)} from {row.Reference}";
        return $"{row.Benchmark} | {row.Case}: {Formatting.Number(row.MedianSeconds)} s (min {Formatting.Number(row.MinSeconds)}, max {Formatting.Number(row.MaxSeconds)}, "
            + $"{row.Repetitions} rep), peak {Formatting.Number(row.PeakMemoryMegabytes)} MB (from {Formatting.Number(row.BaselineMemoryMegabytes)}); {row.Answer}{deviation}{verdict}";
    }

    private static void Table(IAnsiConsole console, IReadOnlyList<BenchmarkResult> rows)
    {
        var table = new Table().Title("[bold]orsolver bench[/]").AddColumn("benchmark").AddColumn("case")
            .AddColumn(new TableColumn("median s").RightAligned()).AddColumn(new TableColumn("min–max s").RightAligned())
            .AddColumn(new TableColumn("reps").RightAligned()).AddColumn(new TableColumn("peak MB").RightAligned())
            .AddColumn("answer").AddColumn(new TableColumn("deviation").RightAligned()).AddColumn("target");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Benchmark), Markup.Escape(row.Case), Formatting.Number(row.MedianSeconds),
                $"{Formatting.Number(row.MinSeconds)}–{Formatting.Number(row.MaxSeconds)}", row.Repetitions.ToString(CultureInfo.InvariantCulture),
                Formatting.Number(row.PeakMemoryMegabytes), Markup.Escape(row.Answer),
                double.IsNaN(row.Deviation) ? "" : row.Deviation.ToString("0.0E+0", CultureInfo.InvariantCulture),
                Markup.Escape(row.Verdict.Length == 0 ? "" : $"{row.Target}: {row.Verdict}"));
        }
        console.Write(table);
    }

    /// <summary>The rows as CSV (CsvHelper): every column of <see cref="BenchmarkResult"/>.</summary>
    internal static string Csv(IEnumerable<BenchmarkResult> rows)
    {
        return OutputText.ToCsv(rows.Select(BenchCsvRow.Of));
    }

    private static void Writable(string target)
    {
        try
        {
            string folder = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".{FileName}.{Environment.ProcessId}.probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write to {Path.GetDirectoryName(target)}: {e.Message}");
        }
    }
}

/// <summary>One row of <c>bench.csv</c>.</summary>
[CsvRecord]
internal sealed partial record BenchCsvRow(
    [property: CsvColumn("benchmark")] string Benchmark,
    [property: CsvColumn("case")] string Case,
    [property: CsvColumn("parameters")] string Parameters,
    [property: CsvColumn("repetitions")] int Repetitions,
    [property: CsvColumn("median_seconds")] double MedianSeconds,
    [property: CsvColumn("min_seconds")] double MinSeconds,
    [property: CsvColumn("max_seconds")] double MaxSeconds,
    [property: CsvColumn("peak_memory_mb")] double PeakMemoryMegabytes,
    [property: CsvColumn("baseline_memory_mb")] double BaselineMemoryMegabytes,
    [property: CsvColumn("answer")] string Answer,
    [property: CsvColumn("deviation")] double Deviation,
    [property: CsvColumn("reference")] string Reference,
    [property: CsvColumn("target")] string Target,
    [property: CsvColumn("verdict")] string Verdict)
{
    public static BenchCsvRow Of(BenchmarkResult r) => new(r.Benchmark, r.Case, r.Parameters, r.Repetitions, r.MedianSeconds, r.MinSeconds,
        r.MaxSeconds, r.PeakMemoryMegabytes, r.BaselineMemoryMegabytes, r.Answer, r.Deviation, r.Reference, r.Target, r.Verdict);
}
