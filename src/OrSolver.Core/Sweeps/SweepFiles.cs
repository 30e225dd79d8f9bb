using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using OrSolver.Core.Output;

namespace OrSolver.Core.Sweeps;

/// <summary>
/// The files of a sweep in its output directory: <c>sweep.csv</c> (the whole table, rows in input order), a shard's
/// <c>sweep.shard-I-of-N.csv</c>, and while a run is going the journal <c>….part.csv</c> that finished rows are appended to.
/// Every file has the header <see cref="SweepColumns.Names"/> and one line per row; a finished file is written through a
/// temporary file and a rename, so it is either whole or absent.
/// </summary>
public static partial class SweepFiles
{
    /// <summary>The whole table's file.</summary>
    public const string FileName = "sweep.csv";

    /// <summary>The whole table's Parquet file (<c>--format parquet</c>).</summary>
    public const string ParquetFileName = "sweep.parquet";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The file a run writes: <c>sweep.csv</c>, or <c>sweep.shard-I-of-N.csv</c> for a shard.</summary>
    public static string Name(SweepShard? shard) => shard is { } s ? $"sweep.shard-{s.Index}-of-{s.Count}.csv" : FileName;

    /// <summary>The journal beside <paramref name="fileName"/>: <c>sweep.part.csv</c> for <c>sweep.csv</c>.</summary>
    public static string JournalName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.ChangeExtension(fileName, ".part.csv");
    }

    /// <summary>The Parquet file beside <paramref name="fileName"/>: <c>sweep.parquet</c> for <c>sweep.csv</c>.</summary>
    public static string ParquetName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.ChangeExtension(fileName, ".parquet");
    }

    /// <summary>One row as a CSV line, "\n" included.</summary>
    public static string Line(SweepRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Line(row.ToCells());
    }

    /// <summary>The header line, "\n" included.</summary>
    public static string HeaderLine => Line(SweepColumns.Names);

    private static string Line(IReadOnlyList<string> cells)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = OutputText.OpenCsv(text)) csv.WriteRecord([.. cells]);
        return text.ToString();
    }

    /// <summary>Writes <paramref name="rows"/>, in the order given, to <paramref name="path"/> (through a temporary file and a
    /// rename). The directory must exist.</summary>
    public static void Write(string path, IEnumerable<SweepRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary, append: false, Utf8);
            writer.Write(HeaderLine);
            foreach (var row in rows) writer.Write(Line(row));
        });
    }

    /// <summary>Writes a run's files into <paramref name="directory"/> (which must exist): the CSV of
    /// <paramref name="shard"/> (<see cref="Name"/>) and, when asked, the Parquet file beside it.</summary>
    /// <returns>The paths written (the Parquet one null when not asked for).</returns>
    public static (string Csv, string? Parquet) WriteTable(string directory, SweepShard? shard, IReadOnlyList<SweepRow> rows, bool parquet)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string csv = Path.Combine(directory, Name(shard));
        Write(csv, rows);
        if (!parquet) return (csv, null);
        string parquetPath = Path.Combine(directory, ParquetName(Name(shard)));
        SweepParquet.Write(parquetPath, rows);
        return (csv, parquetPath);
    }

    /// <summary>The rows of a sweep file (a finished one, or a journal: a last line cut short by a killed run is left
    /// out), in file order, and the length in bytes of the whole lines read (where the next row is appended).</summary>
    /// <exception cref="InputException">The file cannot be read, has another header, or a whole line is not a sweep row.</exception>
    public static (IReadOnlyList<SweepRow> Rows, long Length) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shown = InputException.Excerpt(path, 200);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {shown}: {InputException.Excerpt(e.Message, 200)}", e);
        }
        // Rows are appended one whole line at a time: anything after the last line end is a row a kill cut short.
        int length = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (length == 0) return ([], 0);
        string text = Utf8.GetString(bytes, 0, length);
        var rows = new List<SweepRow>();
        try
        {
            using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = false, SkipEmptyLines = true });
            if (!reader.Headers.ToArray().SequenceEqual(SweepColumns.Names, StringComparer.Ordinal))
                throw new InputException($"{shown} has other columns than this version of orsolver writes; move it away or use another --out");
            while (reader.Read())
            {
                var cells = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
                try
                {
                    rows.Add(SweepRow.FromCells(cells));
                }
                catch (FormatException e)
                {
                    throw new InputException($"{shown} line {reader.LineNumber} is not a sweep row ({e.Message}); move the file away or use another --out", e);
                }
            }
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{shown} is not a valid CSV file: {InputException.Excerpt(e.Message, 200)}", e);
        }
        return (rows, length);
    }

    [GeneratedRegex(@"^sweep\.shard-([0-9]+)-of-([0-9]+)\.(csv|part\.csv)$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardFile();

    /// <summary>
    /// The rows of every shard in <paramref name="directory"/>, in row order: exactly the rows one unsharded run of the
    /// same table writes. Every shard 1..N of one N must be there and finished (no journal left beside it), every row
    /// must sit in its own shard, and together they must hold rows 1..R without a gap.
    /// </summary>
    /// <exception cref="InputException">What is missing or inconsistent, in one line.</exception>
    public static IReadOnlyList<SweepRow> Merge(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string shown = InputException.Excerpt(directory, 200);
        if (!Directory.Exists(directory)) throw new InputException($"{shown}: no such directory");
        var found = Directory.GetFiles(directory).Select(Path.GetFileName).Select(name => ShardFile().Match(name!)).Where(m => m.Success)
            .Select(m => (Index: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Count: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                Journal: m.Groups[3].Value != "csv"))
            .ToList();
        if (found.Count == 0)
            throw new InputException($"{shown} holds no shard files (sweep.shard-I-of-N.csv): run orsolver sweep TABLE --out {shown} --shard I/N for I = 1..N first");
        var counts = found.Select(f => f.Count).Distinct().Order().ToList();
        if (counts.Count > 1)
            throw new InputException($"{shown} holds shards of {string.Join(" and ", counts.Select(c => $"{c}"))} shards: keep the files of one sharding only");
        int n = counts[0];
        var unfinished = found.Where(f => f.Journal).Select(f => f.Index).Distinct().Order().ToList();
        if (unfinished.Count > 0)
            throw new InputException($"{Shards(unfinished, n)} {(unfinished.Count == 1 ? "has" : "have")} not finished ({Path.Combine(shown, JournalName(Name(new SweepShard(unfinished[0], n))))} is there): run {(unfinished.Count == 1 ? "it" : "them")} again");
        var missing = Enumerable.Range(1, n).Where(i => !found.Any(f => f.Index == i)).ToList();
        if (missing.Count > 0)
            throw new InputException($"{Shards(missing, n)} {(missing.Count == 1 ? "is" : "are")} missing in {shown} (no {Name(new SweepShard(missing[0], n))})");
        var rows = new SortedDictionary<int, SweepRow>();
        for (int i = 1; i <= n; i++)
        {
            var shard = new SweepShard(i, n);
            string path = Path.Combine(directory, Name(shard));
            foreach (var row in Read(path).Rows)
            {
                if (!shard.Contains(row.Row))
                    throw new InputException($"{InputException.Excerpt(path, 200)} holds row {row.Row}, which belongs to shard {SweepShard.Of(row.Row, n)}");
                if (!rows.TryAdd(row.Row, row)) throw new InputException($"{InputException.Excerpt(path, 200)} holds row {row.Row} twice");
            }
        }
        int last = rows.Count == 0 ? 0 : rows.Keys.Max();
        var gaps = Enumerable.Range(1, last).Where(r => !rows.ContainsKey(r)).ToList();
        if (gaps.Count > 0)
            throw new InputException($"row{(gaps.Count == 1 ? "" : "s")} {NumberText.Indices(gaps)} of {last} {(gaps.Count == 1 ? "is" : "are")} in no shard: the shards were run on different tables");
        return [.. rows.Values];
    }

    private static string Shards(List<int> indices, int count)
        => indices.Count == 1 ? $"shard {indices[0]} of {count}" : $"shards {NumberText.Indices(indices)} of {count}";
}
