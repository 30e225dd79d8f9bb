using System.Globalization;
using OrSolver.Core.Output;

namespace OrSolver.Core.Sweeps;

/// <summary>A row's input columns as the output writes them: what was solved.</summary>
/// <param name="Model">The scenario the row names, or "".</param>
/// <param name="Distribution">F: the canonical spec when the row could be read, else the text the table gave.</param>
/// <param name="Buyers">n, or null when unknown (a row that could not be read).</param>
/// <param name="Units">k, or null when unknown.</param>
/// <param name="Grid">m before refinement, or null when unknown.</param>
/// <param name="Surplus">The surplus levels U₀ asked for, in order.</param>
/// <param name="Verify">How the bargaining solutions were checked.</param>
public sealed record SweepInput(string Model, string Distribution, long? Buyers, int? Units, int? Grid, IReadOnlyList<double> Surplus, SweepVerification Verify)
{
    /// <summary>Whether <paramref name="other"/> names the same market and levels (compared as written, so that a row read
    /// back from a file matches the row it was written from).</summary>
    public bool SameAs(SweepInput other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SweepColumns.InputCells(this).SequenceEqual(SweepColumns.InputCells(other), StringComparer.Ordinal);
    }
}

/// <summary>One bargaining solution in a row: its point, its welfare against OPT and the mechanism that runs it.</summary>
/// <param name="Revenue">Π.</param>
/// <param name="Surplus">U.</param>
/// <param name="WelfareRatio">(Π + U)/OPT. Range: [0, 1].</param>
/// <param name="Mechanism">The mechanism in one line (e.g. "0.957×second-price-with-reserve reserve 0.54 | …").</param>
public sealed record SweepSolution(double Revenue, double Surplus, double WelfareRatio, string Mechanism);

/// <summary>What a sweep reports about one market: F's classes on the grid, the frontier's landmarks, the three bargaining
/// solutions, the frontier's revenue at the asked surplus levels, and the checks of all of them together.</summary>
/// <param name="Regular">F regular on the grid (R concave; Def. 2.2).</param>
/// <param name="Mhr">F MHR on the grid.</param>
/// <param name="AntiMhr">F anti-MHR on the grid.</param>
/// <param name="OptimalWelfare">OPT = E[max v_i] (the top k values' sum for k units).</param>
/// <param name="OptimalRevenue">Π*, the Myerson point's revenue.</param>
/// <param name="MyersonSurplus">U at the Myerson point (most surplus among revenue-optimal mechanisms).</param>
/// <param name="SecondPriceRevenue">Π of the second-price auction without reserve ((k+1)-th price for k units).</param>
/// <param name="SecondPriceSurplus">U of the second-price auction (U⁺).</param>
/// <param name="OptimalSurplus">U*, the buyer-optimal point's surplus.</param>
/// <param name="BuyerOptimalRevenue">Π at the buyer-optimal point (most revenue among surplus-optimal mechanisms).</param>
/// <param name="KalaiSmorodinsky">The KS solution (Def. 4.1).</param>
/// <param name="Nash">The Nash solution, max Π·(U/n)^n (Def. 5.1).</param>
/// <param name="CrossSideNash">The cross-side Nash solution, max Π·U (Def. 5.2).</param>
/// <param name="FrontierRevenue">max Π s.t. U ≥ U₀ at each asked level, in the input's order (NaN where the LP gave no point).</param>
/// <param name="Check">The routes of every check in the row (<see cref="Pareto.CheckSummary.Check"/>).</param>
/// <param name="Agrees">Whether every point of the row passed its check.</param>
/// <param name="WorstGap">The largest gap relative to OPT.</param>
/// <param name="Failure">What failed, or null.</param>
public sealed record SweepResult(bool Regular, bool Mhr, bool AntiMhr, double OptimalWelfare, double OptimalRevenue, double MyersonSurplus,
    double SecondPriceRevenue, double SecondPriceSurplus, double OptimalSurplus, double BuyerOptimalRevenue,
    SweepSolution KalaiSmorodinsky, SweepSolution Nash, SweepSolution CrossSideNash, IReadOnlyList<double> FrontierRevenue,
    string Check, bool Agrees, double WorstGap, string? Failure);

/// <summary>One row of a sweep's output: the market (its place in the table and its input columns) and either its
/// result or the error that stopped it.</summary>
/// <param name="Row">The row's place in the input table (from 1).</param>
/// <param name="Input">What was solved.</param>
/// <param name="Result">The result, or null when the row ended in an error.</param>
/// <param name="Error">Why the row has no result (one line), or null.</param>
public sealed record SweepRow(int Row, SweepInput Input, SweepResult? Result, string? Error)
{
    /// <summary>Whether the row ended in an error or a point of it failed its check.</summary>
    public bool Failed => Error is not null || Result is not { Agrees: true };

    /// <summary>The row's cells in the order of <see cref="SweepColumns.Names"/>: numbers as round-trip text, booleans as
    /// True/False, empty for what the row does not have.</summary>
    public IReadOnlyList<string> ToCells() => SweepColumns.Cells(this);

    /// <summary>Reads a row back from its cells (the inverse of <see cref="ToCells"/>).</summary>
    /// <exception cref="FormatException">A cell is not what its column holds, or the count is not the columns'.</exception>
    public static SweepRow FromCells(IReadOnlyList<string> cells) => SweepColumns.Row(cells);
}

/// <summary>The type of a sweep column's values (how Parquet stores it).</summary>
public enum SweepColumnType
{
    /// <summary>A whole number (a 64-bit integer).</summary>
    Whole,
    /// <summary>A real number (a double).</summary>
    Real,
    /// <summary>True or False.</summary>
    Flag,
    /// <summary>Text.</summary>
    Text,
}

/// <summary>A column of the sweep table: its name and the type of its values.</summary>
/// <param name="Name">The header name (snake_case).</param>
/// <param name="Type">The type of its values; every column may be empty (null) in a row that has no such value.</param>
public sealed record SweepColumn(string Name, SweepColumnType Type);

/// <summary>
/// The columns of a sweep's output, in order, and the conversion of a row to cells and back. Numbers are written by
/// <see cref="NumberText.RoundTrip"/>, so a row read back and written again gives the same bytes: that is what lets a
/// resumed or sharded sweep write exactly the file of one uninterrupted run. Lists of levels are joined by ';'.
/// </summary>
public static class SweepColumns
{
    private const char ListSeparator = ';';

    private static readonly string[] SolutionPrefixes = ["ks", "nash", "csn"];

    /// <summary>The columns in order.</summary>
    public static IReadOnlyList<SweepColumn> All { get; } = Array.AsReadOnly<SweepColumn>(
    [
        new("row", SweepColumnType.Whole),
        new("model", SweepColumnType.Text),
        new("distribution", SweepColumnType.Text),
        new("buyers", SweepColumnType.Whole),
        new("units", SweepColumnType.Whole),
        new("grid", SweepColumnType.Whole),
        new("surplus", SweepColumnType.Text),
        new("verify", SweepColumnType.Text),
        new("regular", SweepColumnType.Flag),
        new("mhr", SweepColumnType.Flag),
        new("anti_mhr", SweepColumnType.Flag),
        new("opt", SweepColumnType.Real),
        new("optimal_revenue", SweepColumnType.Real),
        new("myerson_surplus", SweepColumnType.Real),
        new("second_price_revenue", SweepColumnType.Real),
        new("second_price_surplus", SweepColumnType.Real),
        new("optimal_surplus", SweepColumnType.Real),
        new("buyer_optimal_revenue", SweepColumnType.Real),
        .. SolutionPrefixes.SelectMany(p => new SweepColumn[]
        {
            new($"{p}_revenue", SweepColumnType.Real),
            new($"{p}_surplus", SweepColumnType.Real),
            new($"{p}_welfare_ratio", SweepColumnType.Real),
            new($"{p}_mechanism", SweepColumnType.Text),
        }),
        new("frontier_revenue", SweepColumnType.Text),
        new("check", SweepColumnType.Text),
        new("agrees", SweepColumnType.Flag),
        new("worst_gap", SweepColumnType.Real),
        new("failure", SweepColumnType.Text),
        new("error", SweepColumnType.Text),
    ]);

    /// <summary>The header: the columns' names in order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly([.. All.Select(c => c.Name)]);

    internal static string[] InputCells(SweepInput input) =>
    [
        Text(input.Model), Text(input.Distribution), Integer(input.Buyers), Integer(input.Units), Integer(input.Grid), List(input.Surplus),
        SweepVerifications.Name(input.Verify),
    ];

    internal static IReadOnlyList<string> Cells(SweepRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var cells = new List<string>(All.Count) { Integer(row.Row) };
        cells.AddRange(InputCells(row.Input));
        var r = row.Result;
        cells.AddRange([Boolean(r?.Regular), Boolean(r?.Mhr), Boolean(r?.AntiMhr)]);
        cells.AddRange(new[] { r?.OptimalWelfare, r?.OptimalRevenue, r?.MyersonSurplus, r?.SecondPriceRevenue, r?.SecondPriceSurplus,
            r?.OptimalSurplus, r?.BuyerOptimalRevenue }.Select(Real));
        foreach (var s in new[] { r?.KalaiSmorodinsky, r?.Nash, r?.CrossSideNash })
            cells.AddRange([Real(s?.Revenue), Real(s?.Surplus), Real(s?.WelfareRatio), Text(s?.Mechanism)]);
        cells.AddRange([r is null ? "" : List(r.FrontierRevenue), Text(r?.Check), Boolean(r?.Agrees), Real(r?.WorstGap), Text(r?.Failure), Text(row.Error)]);
        return cells;
    }

    internal static SweepRow Row(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != All.Count) throw new FormatException($"a sweep row has {All.Count} cells (got {cells.Count})");
        var read = new CellReader(cells);
        int row = (int)(read.Integer() ?? throw new FormatException("the row number is missing"));
        var input = new SweepInput(read.Text(), read.Text(), read.Integer(), (int?)read.Integer(), (int?)read.Integer(), read.List(),
            SweepVerifications.Parse(read.Text()));
        bool? regular = read.Boolean(), mhr = read.Boolean(), antiMhr = read.Boolean();
        double? opt = read.Real(), revenue = read.Real(), myerson = read.Real(), spRevenue = read.Real(), spSurplus = read.Real(),
            surplus = read.Real(), buyerRevenue = read.Real();
        var solutions = SolutionPrefixes.Select(_ => (read.Real(), read.Real(), read.Real(), read.Text())).ToList();
        var frontier = read.List();
        string check = read.Text();
        bool? agrees = read.Boolean();
        double? worst = read.Real();
        string failure = read.Text(), error = read.Text();
        SweepResult? result = null;
        if (agrees is { } passed)
        {
            SweepSolution Solution(int i) => new(Required(solutions[i].Item1), Required(solutions[i].Item2), Required(solutions[i].Item3), solutions[i].Item4);
            result = new SweepResult(Required(regular), Required(mhr), Required(antiMhr), Required(opt), Required(revenue), Required(myerson),
                Required(spRevenue), Required(spSurplus), Required(surplus), Required(buyerRevenue), Solution(0), Solution(1), Solution(2),
                frontier, check, passed, Required(worst), failure.Length == 0 ? null : failure);
        }
        return new SweepRow(row, input, result, error.Length == 0 ? null : error);
    }

    private static T Required<T>(T? value) where T : struct => value ?? throw new FormatException("a result cell is empty");

    // One line per row, whatever a message holds: the files are read back line by line.
    private static string Text(string? value) => value is null ? "" : value.ReplaceLineEndings(" ");

    private static string Integer(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Real(double? value) => value is { } v ? NumberText.RoundTrip(v) : "";

    private static string Boolean(bool? value) => value switch { null => "", true => "True", false => "False" };

    /// <summary>Levels as "0.1;0.25" (round-trip text joined by ';').</summary>
    public static string List(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(ListSeparator, values.Select(NumberText.RoundTrip));
    }

    /// <summary>Reads a list written by <see cref="List"/>, or typed by a user ("0.1; 0.25"; empty for none).</summary>
    /// <exception cref="FormatException">An entry is not a number.</exception>
    public static IReadOnlyList<double> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return [];
        return [.. text.Split(ListSeparator).Select(part => double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new FormatException($"'{InputException.Excerpt(part.Trim(), 40)}' is not a number"))];
    }

    /// <summary>Reads cells in order, each as its column's type.</summary>
    private sealed class CellReader(IReadOnlyList<string> cells)
    {
        private int _next;

        private string Next() => cells[_next++];

        public string Text() => Next();

        public long? Integer()
        {
            string cell = Next();
            return cell.Length == 0 ? null
                : long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v
                : throw new FormatException($"'{InputException.Excerpt(cell, 40)}' is not an integer");
        }

        public double? Real()
        {
            string cell = Next();
            return cell.Length == 0 ? null
                : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new FormatException($"'{InputException.Excerpt(cell, 40)}' is not a number");
        }

        public bool? Boolean()
        {
            string cell = Next();
            return cell switch
            {
                "" => null,
                "True" => true,
                "False" => false,
                _ => throw new FormatException($"'{InputException.Excerpt(cell, 40)}' is not True or False"),
            };
        }

        public IReadOnlyList<double> List() => ParseList(Next());
    }
}
