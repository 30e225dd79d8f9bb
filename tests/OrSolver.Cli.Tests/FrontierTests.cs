using System.Globalization;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary><c>frontier --points P</c>: CSV columns, monotonicity, even spacing in U, and <c>--out</c>.</summary>
public class FrontierTests
{
    private static readonly string[] ExponentialFrontier =
        ["frontier", "--dist", "exponential(1)", "--buyers", "3", "--points", "5", "--grid", "400", "--format", "csv"];

    private sealed record Row(double Surplus, double Revenue, double Welfare, double Lambda);

    /// <summary>The sampled points (extreme = False) of a frontier CSV; the vertex rows (extreme = True) are checked to be
    /// sorted with the rest and to run from the Myerson point to U*.</summary>
    private static List<Row> ParseCsv(string csv, int expectedRows)
    {
        var lines = csv.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("surplus,revenue,welfare,lambda,kind,reserve,gaps,extreme,solution,check,agrees,worstGap,failure", lines[0]);
        var all = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            Assert.Equal(13, cells.Length);
            Assert.True(bool.Parse(cells[10]), $"every point passes its check ({cells[9]}): {line}");
            Assert.Contains(cells[9], new[] { "lp+hull+auction", "lp-dual+hull+auction", "certificate+hull+auction" });
            var v = cells.Take(4).Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.Contains(cells[4], new[] { "second-price", "second-price-with-reserve", "indirect-vickrey", "lottery", "randomization" });
            return (Row: new Row(v[0], v[1], v[2], v[3]), Extreme: bool.Parse(cells[7]), Solution: cells[8]);
        }).ToList();
        // The three bargaining solutions are marked rows of their own (README, frontier: the solution column).
        Assert.Equal(new[] { "cross-side-nash", "kalai-smorodinsky", "nash" }, all.Where(r => r.Solution.Length > 0).Select(r => r.Solution).Order());
        all = all.Where(r => r.Solution.Length == 0).ToList();
        var vertices = all.Where(r => r.Extreme).Select(r => r.Row).ToList();
        Assert.True(vertices.Count >= 2, "the exact vertex list is included");
        for (int i = 1; i < all.Count; i++) Assert.True(all[i].Row.Surplus >= all[i - 1].Row.Surplus, $"rows sorted by surplus (row {i})");
        var samples = all.Where(r => !r.Extreme).Select(r => r.Row).ToList();
        Assert.Equal(expectedRows, samples.Count);
        return samples;
    }

    [Fact]
    public void Csv_has_the_header_and_a_monotone_frontier()
    {
        var result = Cli.RunOk(ExponentialFrontier);
        var rows = ParseCsv(result.Stdout, 5);
        var tolerance = Tolerances.SolverAgreement;
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Cli.AssertClose(r.Revenue + r.Surplus, r.Welfare, tolerance, $"row {i}: W = Π + U");
            Assert.True(r.Lambda >= 0, $"row {i}: lambda {r.Lambda} >= 0");
            if (i == 0) continue;
            Assert.True(rows[i].Surplus > rows[i - 1].Surplus, $"surplus increases: row {i - 1} {rows[i - 1].Surplus} then {rows[i].Surplus}");
            Cli.AssertAtMost(rows[i].Revenue, rows[i - 1].Revenue, tolerance, $"revenue does not increase (row {i})");
            Cli.AssertAtMost(rows[i - 1].Lambda, rows[i].Lambda, new Tolerance(1e-6, 1e-9), $"lambda does not decrease (row {i}): the frontier is concave");
        }
    }

    [Fact]
    public void Points_run_evenly_from_the_Myerson_point_to_U_star()
    {
        var rows = ParseCsv(Cli.RunOk(ExponentialFrontier).Stdout, 5);
        var landmarks = Cli.RunJson("inspect", "--dist", "exponential(1)", "--buyers", "3", "--grid", "400", "--format", "json");
        var tolerance = Tolerances.SolverAgreement;
        var myerson = landmarks.GetProperty("revenueOptimal");
        Cli.AssertClose(Cli.Number(myerson, "surplus"), rows[0].Surplus, tolerance, "first point's surplus = Myerson's");
        Cli.AssertClose(Cli.Number(myerson, "revenue"), rows[0].Revenue, tolerance, "first point's revenue = Myerson's");
        var buyerOptimal = landmarks.GetProperty("surplusOptimal");
        Cli.AssertClose(Cli.Number(buyerOptimal, "surplus"), rows[^1].Surplus, tolerance, "last point's surplus = U*");
        Cli.AssertClose(Cli.Number(buyerOptimal, "revenue"), rows[^1].Revenue, tolerance, "last point's revenue = buyer-optimal revenue");
        double step = (rows[^1].Surplus - rows[0].Surplus) / (rows.Count - 1);
        for (int i = 1; i < rows.Count; i++)
            Cli.AssertClose(step, rows[i].Surplus - rows[i - 1].Surplus, new Tolerance(1e-9, 1e-12), $"step {i} in U");
    }

    [Fact]
    public void Out_writes_frontier_csv_with_the_same_content_and_no_temporary_files()
    {
        using var directory = new TemporaryDirectory(create: true);
        var result = Cli.RunOk([.. ExponentialFrontier, "--out", directory.Path]);
        Assert.Equal(["frontier.csv"], directory.Entries);
        Assert.Equal(["out"], directory.ParentEntries);
        string written = File.ReadAllText(Path.Combine(directory.Path, "frontier.csv"));
        Assert.Equal(result.Stdout, written);
        ParseCsv(written, 5);
    }

    [Fact]
    public void Out_creates_a_missing_directory_and_overwrites_an_earlier_file()
    {
        using var directory = new TemporaryDirectory(create: false);
        Cli.RunOk("frontier", "--dist", "uniform(0,1)", "--buyers", "2", "--points", "3", "--grid", "400", "--format", "csv", "--out", directory.Path);
        var second = Cli.RunOk([.. ExponentialFrontier, "--out", directory.Path]);
        Assert.Equal(["frontier.csv"], directory.Entries);
        Assert.Equal(second.Stdout, File.ReadAllText(Path.Combine(directory.Path, "frontier.csv")));
    }

    [Fact]
    public void Table_format_prints_a_Pareto_frontier_table()
    {
        var result = Cli.RunOk("frontier", "--dist", "uniform(0,1)", "--buyers", "5", "--points", "3", "--grid", "400");
        Assert.Contains("Pareto frontier", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-3")]
    public void Fewer_than_two_points_is_bad_input(string points)
        => Cli.AssertBadInput(Cli.Run("frontier", "--dist", "uniform(0,1)", "--points", points, "--grid", "400"), "points");
}
