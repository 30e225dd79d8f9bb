using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>A generated data file: its bytes, and the column the <c>empirical</c> spec names (null: none named).</summary>
public sealed record CsvCase(string Text, bool ByteOrderMark, string? Column)
{
    public override string ToString()
        => $"{(ByteOrderMark ? "BOM + " : "")}\"{Text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\" column={Column ?? "(none)"}";
}

/// <summary>Generators of CSV files for <c>empirical(file=…)</c> and <c>quantiles(file=…)</c>: empty, header only, BOM,
/// CR/LF/CRLF, quoted fields with commas, quotes and line breaks, non-numbers, negatives, NaN and infinities, one distinct
/// value, huge and tiny magnitudes, ragged rows; and (q, v) tables that are mostly valid with one thing wrong.</summary>
internal static class CsvGenerators
{
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static readonly string[] Cells =
    [
        "1", "2", "3.5", "0", "-0", "-1", "1e308", "1.7976931348623157e308", "1e309", "5e-324", "1e-300", "-1e-300", "NaN", "nan",
        "inf", "-inf", "Infinity", "∞", "abc", "", " ", "\"1\"", "\"1,5\"", "\"a\"\"b\"", "\"line\nbreak\"", "\"2\r\n\"", "1,5", "\"",
        "0x1F", "1_000", "\u0661", "\uFF11", "1\u200B", "+5", "  7  ", "1e", ".5", "5.", "\"\"", "12345678901234567890",
    ];

    private static readonly string[] Headers =
        ["v", "bid", "q,v", "v,q", "q,v,w", "\"bid\"", "\"b,id\"", "\"bi\nd\"", "", "1.5", "bid,bid", "Bid", " bid ", "λ", "\"q\",\"v\""];

    private static readonly Gen<string> Number = Gen.Frequency(
        (12, Gen.Choose(0, 400).Select(k => F(k / 8.0))),
        (2, Gen.Choose(-320, 308).Select(e => $"1e{e}")),
        (1, Gen.Elements(Cells)));

    private static readonly Gen<string> LineEnd = Gen.Elements("\n", "\r\n", "\r");

    /// <summary>Rows of 1–3 cells (ragged on purpose), up to the generator's size.</summary>
    private static readonly Gen<string[]> Rows =
        from width in Gen.Choose(1, 3)
        from rows in Gen.ListOf(Gen.ListOf(Number, width).Select(cells => string.Join(",", cells)))
        select rows.ToArray();

    /// <summary>A free-form file: a header from the list and random rows.</summary>
    private static readonly Gen<string> Free =
        from header in Gen.Elements(Headers)
        from rows in Rows
        from end in LineEnd
        from trailing in Gen.Elements(true, false)
        select string.Join(end, new[] { header }.Concat(rows)) + (trailing ? end : "");

    /// <summary>A (q, v) table from 0 to 1 with falling v, often with one cell replaced by a hostile one.</summary>
    private static readonly Gen<string> Table =
        from points in Gen.Choose(2, 12)
        from steps in Gen.ListOf(Gen.Choose(1, 9), points - 1)
        from drops in Gen.ListOf(Gen.Choose(0, 5), points)
        from scale in Gen.Elements(1.0, 1e-300, 1e300, 1e-5, 1e5)
        from corrupt in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(0, 2 * points - 1)))
        from replacement in Gen.Elements(Cells)
        from end in LineEnd
        select TableText([.. steps], [.. drops], scale, corrupt, replacement, end);

    private static string TableText(List<int> steps, List<int> drops, double scale, int corrupt, string replacement, string end)
    {
        double total = steps.Sum();
        var cells = new List<string>();
        int cumulative = 0, value = drops.Sum() + 1;
        for (int i = 0; i <= steps.Count; i++)
        {
            cells.Add(i == steps.Count ? "1" : F(cumulative / total));
            cells.Add(F(value * scale));
            if (i < steps.Count) cumulative += steps[i];
            value -= drops[i];
        }
        if (corrupt >= 0) cells[corrupt] = replacement;
        var text = new StringBuilder("q,v");
        for (int i = 0; i < cells.Count; i += 2) text.Append(end).Append(cells[i]).Append(',').Append(cells[i + 1]);
        return text.ToString();
    }

    /// <summary>Degenerate files: empty, blank, header only, one value repeated, a lone quote.</summary>
    private static readonly Gen<string> Degenerate = Gen.Elements(
        "", "\n", "\r\n\r\n", "bid", "bid\n", "q,v\n", "bid\n5\n5\n5", "bid\n\"5\"\n5.0\n5e0", "\"", "bid\n\"", "bid\n1\n\"2",
        "q,v\n0,1\n1,1", "q,v\n0,1\n0,1\n1,0", "q,v\n1,0\n0,1", "q,v\n0,0\n1,1", ",\n,", "bid\n-0\n0\n0.0");

    public static readonly Gen<CsvCase> Case =
        from text in Gen.Frequency((4, Free), (4, Table), (1, Degenerate))
        from bom in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from column in Gen.Elements<string?>(null, null, "bid", "v", "q", "Bid", "nope", "b,id", "\"bi\nd\"", "λ")
        select new CsvCase(text, bom, column);
}

/// <summary>Any data file read by <c>empirical</c> or <c>quantiles</c> gives a sane distribution or a one-line refusal.</summary>
[Trait("Category", Fuzz.Category)]
[Collection(Fuzz.Collection)]
public sealed class DataFileFuzzTests : IDisposable
{
    private readonly DataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(CsvCase csv) => _folder.WriteCase("csv", csv.Text, csv.ByteOrderMark);

    [Property(MaxTest = Fuzz.ParserCases, Replay = Fuzz.Seed, QuietOnSuccess = false)]
    public Property Any_file_gives_a_sane_distribution_or_a_one_line_refusal()
        => Prop.ForAll(CsvGenerators.Case.ToArbitrary(), csv =>
        {
            string path = Write(csv);
            string column = csv.Column is null ? "" : $", column={csv.Column}";
            var accepted = new[] { $"empirical(file=\"{path}\"{column})", $"quantiles(file=\"{path}\")" }.Select(spec =>
            {
                var distribution = Fuzz.ResultOrRefusal(spec, () => DistributionSpec.Parse(spec), out _);
                if (distribution is not null) Fuzz.AssertSane(distribution, spec);
                return distribution is not null;
            }).ToArray();
            File.Delete(path);
            return true.Classify(accepted[0], "empirical accepted").Classify(accepted[1], "quantiles accepted");
        });

    /// <summary>10⁶ equal samples: refused (one value is no frontier) within the time limit; one sample more that
    /// differs makes two atoms, with the mean worked out by hand.</summary>
    [Fact]
    public void A_million_equal_samples_are_read_quickly()
    {
        var text = new StringBuilder("bid\n", 2_000_010);
        for (int i = 0; i < 1_000_000; i++) text.Append("5\n");
        string path = Write(new CsvCase(text.ToString(), false, null));
        string spec = $"empirical(file=\"{path}\")";
        Assert.Null(Fuzz.ResultOrRefusal(spec, () => DistributionSpec.Parse(spec), out string? refusal));
        Assert.Contains("every sample", refusal, StringComparison.Ordinal);

        File.AppendAllText(path, "1000005\n");
        var distribution = Fuzz.ResultOrRefusal(spec, () => DistributionSpec.Parse(spec), out _);
        Assert.NotNull(distribution);
        // (10⁶·5 + 1000005)/(10⁶ + 1) = 6000005/1000001.
        Support.Close(6_000_005.0 / 1_000_001.0, distribution.Mean, Tolerances.Rounding, "mean");
        Fuzz.AssertSane(distribution, spec);
    }
}
