using System.Globalization;
using CsvHelper;

namespace OrSolver.Core.Distributions;

/// <summary>One data row of a numeric CSV file: its line in the file (the header is line 1) and the chosen cells.</summary>
/// <param name="Line">1-based line of the file where the record starts.</param>
/// <param name="Values">The numbers of the chosen columns, in the order asked for.</param>
internal sealed record DataRow(long Line, double[] Values);

/// <summary>
/// The data files of the <c>empirical</c> and <c>quantiles</c> families: a comma-separated file with a header row,
/// read with CsvHelper. Every problem is a one-line <see cref="InputException"/> naming the family, the file and,
/// for a cell, its line and column.
/// </summary>
internal sealed class DataFile
{
    private const int MessagePathLength = 200;

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
    };

    private DataFile(string family, string path, string display, IReadOnlyList<string> header)
    {
        Family = family;
        FullPath = path;
        Display = display;
        Header = header;
    }

    /// <summary>The family reading the file (prefix of every message).</summary>
    public string Family { get; }

    /// <summary>The absolute path opened.</summary>
    public string FullPath { get; }

    /// <summary>The path as a spec shows it: relative to the current directory when the file lies under it, else absolute.</summary>
    public string Display { get; }

    /// <summary><see cref="Display"/> fit for a one-line message (line breaks flattened, a long path cut).</summary>
    public string Name => InputException.Excerpt(Display, MessagePathLength);

    /// <summary>The column names of the header row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Resolves <paramref name="path"/> (relative to <paramref name="baseDirectory"/> when one is given, e.g. the
    /// folder of a scenario file, else to the current directory), checks that it exists and reads its header.</summary>
    /// <exception cref="InputException">No such file, an empty file, or a header that is missing or numeric.</exception>
    public static DataFile Open(string family, string path, string? baseDirectory)
    {
        string full;
        try
        {
            full = Path.GetFullPath(Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path));
        }
        catch (ArgumentException)
        {
            throw new InputException($"{family}: '{InputException.Excerpt(path)}' is not a valid file path");
        }
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        string display = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        string shown = InputException.Excerpt(display, MessagePathLength);
        if (!File.Exists(full)) throw new InputException($"{family}: {shown}: no such file");
        // A device such as /dev/zero reports length 0 and never ends: refuse it with the empty files, unread.
        if (new FileInfo(full).Length == 0)
            throw new InputException($"{family}: {shown} is empty (or not a regular file); expected a header row and at least one data row");
        var header = Read(family, shown, full, reader =>
        {
            var names = reader.Headers.ToArray();
            if (names.Length == 0 || names.All(string.IsNullOrWhiteSpace))
                throw new InputException($"{family}: {shown} is empty; expected a header row and at least one data row");
            foreach (string name in names)
            {
                if (double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new InputException($"{family}: {shown} line 1 must be a header naming the columns (found the number {Shorten(name)})");
            }
            return names;
        });
        return new DataFile(family, full, display, header);
    }

    /// <summary>The index of the column named <paramref name="name"/> (exact, else ignoring case and surrounding space), or -1.</summary>
    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Header.Count; i++) if (Header[i] == name) return i;
        for (int i = 0; i < Header.Count; i++) if (string.Equals(Header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The header's names, quoted, for messages.</summary>
    public string ColumnList => string.Join(", ", Header.Select(h => $"'{Shorten(h)}'"));

    /// <summary>Reads every data row's cells in <paramref name="columns"/> as finite numbers of magnitude at most
    /// <see cref="ParameterCheck.MaximumMagnitude"/> (invariant culture).</summary>
    /// <exception cref="InputException">No data row, or a cell that is empty, not a number, not finite or too large (with its line and column).</exception>
    public IReadOnlyList<DataRow> Rows(IReadOnlyList<int> columns)
    {
        var rows = Read(Family, Name, FullPath, reader =>
        {
            var result = new List<DataRow>();
            while (reader.Read())
            {
                long line = reader.LineNumber;
                var values = new double[columns.Count];
                for (int c = 0; c < columns.Count; c++)
                {
                    int column = columns[c];
                    string cell = column < reader.FieldCount ? reader.GetString(column) : "";
                    string where = $"{Family}: {Name} line {line}, column '{Shorten(Header[column])}'";
                    if (cell.Length == 0) throw new InputException($"{where}: empty cell");
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                        throw new InputException($"{where}: '{Shorten(cell)}' is not a number");
                    if (!double.IsFinite(value)) throw new InputException($"{where}: {Shorten(cell)} is not a finite number");
                    if (Math.Abs(value) > ParameterCheck.MaximumMagnitude)
                        throw new InputException($"{where}: {Shorten(cell)} is too large; the largest magnitude accepted is {ParameterCheck.Format(ParameterCheck.MaximumMagnitude)}");
                    values[c] = value;
                }
                result.Add(new DataRow(line, values));
            }
            return result;
        });
        if (rows.Count == 0) throw new InputException($"{Family}: {Name} has a header but no data rows");
        return rows;
    }

    /// <summary>Runs <paramref name="body"/> on a reader of the file, turning I/O and CSV format errors into one line.</summary>
    private static T Read<T>(string family, string display, string full, Func<CsvReader, T> body)
    {
        try
        {
            using var reader = CsvReader.FromFile(full, Options);
            return body(reader);
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{family}: {display} is not a valid CSV file: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{family}: {display}: cannot read ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    // Keeps messages one short line whatever the file holds.
    private static string Shorten(string text) => InputException.Excerpt(text, 40);
}
