using System.Globalization;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary><c>solve --surplus U</c>.</summary>
/// <remarks>
/// Uniform[0,1]: R(q) = q(1-q) and V(q) = q - q²/2, so the mixed curve at λ = 2 is R_2 = 2V - R = q, a line. Its hull
/// is itself, its rightmost maximiser is q = 1, and G(2) = n·X̂(1) = 1: every mechanism that always sells (X(1) = 1/n) is
/// Lagrangian-optimal at λ = 2 and lies on Π + 2U = 1. The SPA ((n-1)/(n+1), 1/(n+1)) and the lottery (0, 1/2) both do,
/// so for U between the SPA's surplus and U* = 1/2 the frontier is Π = 1 - 2U with λ = 2. ΔR_2 = Δq holds cell by cell,
/// so the same is exact on any grid (the grid only moves the SPA's own surplus slightly).
/// </remarks>
public class SolveTests
{
    private static readonly string[] SolveFields = ["status", "revenue", "surplus", "welfare", "lambda", "mechanism", "check"];

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void Uniform_five_buyers_at_surplus_0_3_is_on_the_line_through_the_lottery()
    {
        var result = Cli.RunOk("solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.3", "--grid", "400", "--format", "json");
        using var document = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var json = document.RootElement;
        Cli.AssertExactProperties(json, SolveFields);
        Assert.Equal("optimal", json.GetProperty("status").GetString());
        double revenue = Cli.Number(json, "revenue"), surplus = Cli.Number(json, "surplus"), welfare = Cli.Number(json, "welfare");
        Assert.True(surplus >= 0.3 - 1e-9, $"surplus {surplus} must meet the floor 0.3");
        Cli.AssertClose(revenue + surplus, welfare, Tolerances.SolverAgreement, "W = Π + U");
        var tolerance = new Tolerance(1e-6, 1e-9);
        Cli.AssertClose(0.4, revenue, tolerance, "revenue = 1 - 2U");
        Cli.AssertClose(2, Cli.Number(json, "lambda"), tolerance, "lambda");
    }

    [Theory]
    [InlineData(2, 0.4)]
    [InlineData(3, 0.3)]
    [InlineData(5, 0.2)]
    [InlineData(5, 0.45)]
    public void Uniform_frontier_above_the_second_price_surplus_is_one_minus_two_U(int n, double u)
    {
        Assert.True(u > 1.0 / (n + 1) && u < 0.5, "test data: U must lie between the SPA's surplus and U*");
        var json = Cli.RunJson("solve", "--dist", "uniform(0,1)", "--buyers", n.ToString(CultureInfo.InvariantCulture), "--surplus", Text(u), "--grid", "400", "--format", "json");
        Assert.Equal("optimal", json.GetProperty("status").GetString());
        var tolerance = new Tolerance(1e-6, 1e-9);
        Cli.AssertClose(u, Cli.Number(json, "surplus"), tolerance, "surplus (the constraint binds)");
        Cli.AssertClose(1 - 2 * u, Cli.Number(json, "revenue"), tolerance, "revenue");
        Cli.AssertClose(2, Cli.Number(json, "lambda"), tolerance, "lambda");
    }

    [Fact]
    public void Surplus_above_U_star_is_bad_input_that_states_U_star()
    {
        var result = Cli.Run("solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.7", "--grid", "400", "--format", "json");
        Cli.AssertBadInput(result, "U*");
        Assert.Contains("0.5", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Surplus_below_the_Myerson_point_returns_the_Myerson_point_and_says_so()
    {
        string[] common = ["--dist", "uniform(0,1)", "--buyers", "5", "--grid", "400", "--format", "json"];
        var result = Cli.Run(["solve", "--surplus", "0.01", .. common]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.Contains("Myerson", result.Stderr, StringComparison.Ordinal);

        using var document = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var json = document.RootElement;
        Cli.AssertExactProperties(json, SolveFields);
        Assert.Equal("optimal", json.GetProperty("status").GetString());
        var myerson = Cli.RunJson(["inspect", .. common]).GetProperty("revenueOptimal");
        Cli.AssertPoint(json, Cli.Number(myerson, "revenue"), Cli.Number(myerson, "surplus"), Cli.Number(myerson, "welfare"),
            Tolerances.SolverAgreement, "solve at U below Myerson vs inspect's revenueOptimal");
        Assert.True(Cli.Number(json, "lambda") >= 0, "lambda >= 0");
    }

    [Fact]
    public void Missing_surplus_is_bad_input()
        => Cli.AssertBadInput(Cli.Run("solve", "--dist", "uniform(0,1)", "--grid", "400"), "--surplus");

    [Fact]
    public void Table_format_prints_the_point()
    {
        var result = Cli.RunOk("solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.3", "--grid", "400");
        Assert.Contains("0.4", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("optimal", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }
}
