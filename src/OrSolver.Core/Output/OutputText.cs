using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;

namespace OrSolver.Core.Output;

/// <summary>
/// How every JSON and CSV output of the project is written, in one place: camelCase indented JSON that escapes only
/// what JSON requires (a spec such as <c>uniform(low=0, high=1E+308)</c> reads as written, not as <c>1E\u002B308</c>),
/// and RFC 4180 CSV with "\n" line ends and invariant-culture numbers, so that the same result gives the same bytes
/// on every machine.
/// </summary>
public static class OutputText
{
    /// <summary>The JSON settings: camelCase names, indented, NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity"
    /// (JSON has no such numbers), and no escaping of ordinary characters (+, &lt;, &gt;, &amp;, ', non-ASCII).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><paramref name="value"/> as JSON with <see cref="Json"/>.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary><paramref name="rows"/> as CSV: a header row from the record's CSV column names, then one row each.</summary>
    public static string ToCsv<T>(IEnumerable<T> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(text, rows);
        return text.ToString();
    }

    /// <summary>Writes <paramref name="rows"/> as CSV to <paramref name="writer"/> (left open).</summary>
    public static void WriteCsv<T>(TextWriter writer, IEnumerable<T> rows)
    {
        using var csv = OpenCsv(writer);
        csv.WriteRecords(rows);
    }

    /// <summary>A CSV writer on <paramref name="writer"/> (left open when the CSV writer is disposed) with the project's
    /// one CSV dialect (comma separated, "\n" line ends).</summary>
    public static CsvWriter OpenCsv(TextWriter writer) => CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
}
