using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace OrSolver.Core.Sweeps;

/// <summary>
/// The markets of a sweep, one <see cref="SweepCase"/> per row, numbered from 1 in table order: read from a CSV table
/// (the header names the columns), a JSON array of objects with the same fields, or the product of lists. The columns are
/// <c>distribution</c> (or <c>model</c>), <c>buyers</c>, <c>units</c>, <c>grid</c> and <c>surplus</c> (levels separated by
/// ';'); any may be left out or left empty for its default. An unknown column, an unreadable file or a table without
/// rows is bad input; a bad cell only makes its own row an error.
/// </summary>
public sealed class SweepTable
{
    /// <summary>The columns (and JSON fields) a table may have.</summary>
    public static IReadOnlyList<string> Columns { get; } = Array.AsReadOnly(["distribution", "model", "buyers", "units", "grid", "surplus"]);

    private SweepTable(IReadOnlyList<SweepCase> cases, string? baseDirectory)
    {
        Cases = cases;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The markets, in row order (row r at index r − 1).</summary>
    public IReadOnlyList<SweepCase> Cases { get; }

    /// <summary>Where a relative <c>file=</c> path of a spec is read from: the table's folder (null: the current directory).</summary>
    public string? BaseDirectory { get; }

    /// <summary>The table of the given markets (rows renumbered 1, 2, … in order).</summary>
    public static SweepTable Of(IEnumerable<SweepCase> cases, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var list = cases.Select((c, i) => c with { Row = i + 1 }).ToList();
        if (list.Count == 0) throw new InputException("a sweep needs at least one market");
        return new SweepTable(list, baseDirectory);
    }

    /// <summary>
    /// Every combination, in this order: each distribution then each model (outermost), each n, each k. An empty list of
    /// buyers or units means the default (the model's, else 2 buyers and 1 unit).
    /// </summary>
    public static SweepTable Product(IReadOnlyList<string> distributions, IReadOnlyList<string> models, IReadOnlyList<long> buyers,
        IReadOnlyList<int> units, int? grid = null, IReadOnlyList<double>? surplus = null)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(buyers);
        ArgumentNullException.ThrowIfNull(units);
        IReadOnlyList<long?> ns = buyers.Count == 0 ? [null] : [.. buyers.Select(n => (long?)n)];
        IReadOnlyList<int?> ks = units.Count == 0 ? [null] : [.. units.Select(k => (int?)k)];
        var markets = distributions.Select(d => new SweepCase { Distribution = d }).Concat(models.Select(m => new SweepCase { Model = m }));
        return Of(from market in markets
                  from n in ns
                  from k in ks
                  select market with { Buyers = n, Units = k, Grid = grid, Surplus = surplus ?? [] });
    }

    /// <summary>Reads a table: JSON when the file name ends in .json, CSV otherwise.</summary>
    /// <exception cref="InputException">No such file, an unknown or repeated column, malformed CSV or JSON, or no rows.</exception>
    public static SweepTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shown = InputException.Excerpt(path, 200);
        if (!File.Exists(path)) throw new InputException($"{shown}: no such file");
        // A device such as /dev/zero reports length 0 and never ends: refuse it with the empty files, unread.
        if (new FileInfo(path).Length == 0) throw new InputException($"{shown} is empty (or not a regular file); expected a header row and a row per market");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            var cases = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(path, shown) : ReadCsv(path, shown);
            if (cases.Count == 0) throw new InputException($"{shown} has no markets");
            return new SweepTable(cases, folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{shown}: cannot read ({InputException.Excerpt(e.Message, 200)})", e);
        }
    }

    private static List<SweepCase> ReadCsv(string path, string shown)
    {
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, SkipEmptyLines = true };
        try
        {
            using var reader = CsvReader.FromFile(path, options);
            var header = reader.Headers.ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                string name = header[i].Trim().ToLowerInvariant();
                if (!Columns.Contains(name))
                    throw new InputException($"{shown}: unknown column '{InputException.Excerpt(header[i], 40)}'; the columns are {string.Join(", ", Columns)}");
                if (!index.TryAdd(name, i)) throw new InputException($"{shown}: column '{name}' is given twice");
            }
            if (!index.ContainsKey("distribution") && !index.ContainsKey("model"))
                throw new InputException($"{shown} has no distribution or model column (the header names the columns, e.g. distribution,buyers,units,grid)");
            var cases = new List<SweepCase>();
            while (reader.Read())
            {
                string Cell(string column) => index.TryGetValue(column, out int i) && i < reader.FieldCount ? reader.GetString(i).Trim() : "";
                var problems = new List<string>();
                if (reader.FieldCount != header.Length)
                    problems.Add($"{reader.FieldCount} cells for {header.Length} columns (a spec with commas goes in double quotes, e.g. \"uniform(0, 1)\")");
                var row = new SweepCase
                {
                    Row = cases.Count + 1,
                    Distribution = NullIfEmpty(Cell("distribution")),
                    Model = NullIfEmpty(Cell("model")),
                    Buyers = Whole(Cell("buyers"), "buyers", problems),
                    Units = (int?)Whole(Cell("units"), "units", problems, int.MaxValue),
                    Grid = (int?)Whole(Cell("grid"), "grid", problems, int.MaxValue),
                    Surplus = Levels(Cell("surplus"), problems),
                };
                cases.Add(problems.Count == 0 ? row : row with { Problem = $"line {reader.LineNumber}: {string.Join("; ", problems)}" });
            }
            return cases;
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{shown} is not a valid CSV file: {InputException.Excerpt(e.Message, 200)}", e);
        }
    }

    private static List<SweepCase> ReadJson(string path, string shown)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new InputException($"{shown}: malformed JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new InputException($"{shown}: expected a JSON array with one object per market, e.g. [{{\"distribution\": \"uniform(0,1)\", \"buyers\": 5}}]");
            var cases = new List<SweepCase>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                int row = cases.Count + 1;
                if (element.ValueKind != JsonValueKind.Object) throw new InputException($"{shown}: market {row} is not a JSON object");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!Columns.Contains(property.Name))
                        throw new InputException($"{shown}: market {row} has an unknown field '{InputException.Excerpt(property.Name, 40)}'; the fields are {string.Join(", ", Columns)}");
                    if (!seen.Add(property.Name)) throw new InputException($"{shown}: market {row} gives '{property.Name}' twice");
                }
                var problems = new List<string>();
                var market = new SweepCase
                {
                    Row = row,
                    Distribution = JsonText(element, "distribution", problems),
                    Model = JsonText(element, "model", problems),
                    Buyers = JsonWhole(element, "buyers", problems, long.MaxValue),
                    Units = (int?)JsonWhole(element, "units", problems, int.MaxValue),
                    Grid = (int?)JsonWhole(element, "grid", problems, int.MaxValue),
                    Surplus = JsonLevels(element, problems),
                };
                cases.Add(problems.Count == 0 ? market : market with { Problem = string.Join("; ", problems) });
            }
            return cases;
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static long? Whole(string text, string column, List<string> problems, long maximum = long.MaxValue)
    {
        if (text.Length == 0) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value <= maximum) return value;
        problems.Add($"{column}: '{InputException.Excerpt(text, 40)}' is not a whole number{(maximum < long.MaxValue ? $" up to {maximum}" : "")}");
        return null;
    }

    private static IReadOnlyList<double> Levels(string text, List<string> problems)
    {
        try
        {
            return SweepColumns.ParseList(text);
        }
        catch (FormatException e)
        {
            problems.Add($"surplus: {e.Message} (levels are separated by ';')");
            return [];
        }
    }

    private static string? JsonText(JsonElement element, string field, List<string> problems)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return NullIfEmpty(value.GetString()!.Trim());
        problems.Add($"{field} must be a string");
        return null;
    }

    private static long? JsonWhole(JsonElement element, string field, List<string> problems, long maximum)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n <= maximum) return n;
        problems.Add($"{field}: {InputException.Excerpt(value.GetRawText(), 40)} is not a whole number{(maximum < long.MaxValue ? $" up to {maximum}" : "")}");
        return null;
    }

    private static IReadOnlyList<double> JsonLevels(JsonElement element, List<string> problems)
    {
        if (!element.TryGetProperty("surplus", out var value) || value.ValueKind == JsonValueKind.Null) return [];
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return [value.GetDouble()];
            case JsonValueKind.String:
                return Levels(value.GetString()!, problems);
            case JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number):
                return [.. value.EnumerateArray().Select(v => v.GetDouble())];
            default:
                problems.Add("surplus must be a number, an array of numbers or a string of levels separated by ';'");
                return [];
        }
    }
}
