using System.Text.Json;
using OrSolver.Core.Classes;
using OrSolver.Core.Numerics;
using OrSolver.Core.Output;

namespace OrSolver.Cli.Tests;

/// <summary>Buyers of several classes on the command line (<c>--class N:SPEC</c>), on coarse grids so that each run takes a
/// second or two. The market of the README: one buyer with values U[0,1] and one with U[0,2].</summary>
public class ClassTests
{
    private static readonly string[] Market = ["--class", "1:uniform(0,1)", "--class", "1:uniform(0,2)", "--grid", "60"];

    private static string[] With(params string[] args) => [.. args, .. Market];

    /// <summary>Closed forms of U[0,1] against U[0,2]: OPT = E[max] = ∫₀² (1 − F₁F₂) = 13/12; the second-price auction (the
    /// efficient point) earns E[min] = 5/12; U* = 1 (the U[0,2] buyer always gets the item at price 0: her mean less her lowest
    /// value beats the other's). The grid's welfare is within its discretisation error (second order, 60 cells: 1e-3).</summary>
    [Fact]
    public void Inspect_reports_the_classes_and_checked_landmarks_near_the_closed_forms()
    {
        var json = Cli.RunJson(With("inspect", "--format", "json"));
        Cli.AssertExactProperties(json, "classes", "buyers", "optimalWelfare", "revenueOptimal", "surplusOptimal", "secondPrice");
        Assert.Equal(2, json.GetProperty("classes").GetArrayLength());
        var grid = new Tolerance(1e-3, 0);
        Cli.AssertClose(13.0 / 12, Cli.Number(json, "optimalWelfare"), grid, "OPT");
        Cli.AssertPoint(json.GetProperty("secondPrice"), 5.0 / 12, 2.0 / 3, 13.0 / 12, grid, "second price");
        Cli.AssertClose(1, Cli.Number(json.GetProperty("surplusOptimal"), "surplus"), grid, "U*");
        foreach (string name in new[] { "revenueOptimal", "surplusOptimal", "secondPrice" })
        {
            var point = json.GetProperty(name);
            Cli.AssertCheckPassed(point.GetProperty("check"), ClassCheckRoutes.LpLagrangianAuction, name);
            Assert.Equal(2, point.GetProperty("mechanism").GetProperty("reserves").GetArrayLength());
        }
        // Myerson's reserves are φ_c⁻¹(0) = 1/2 and 1 (one cell of the 60-cell grid is at most 1/30 wide here).
        var reserves = json.GetProperty("revenueOptimal").GetProperty("mechanism").GetProperty("reserves");
        Assert.InRange(reserves[0].GetDouble(), 0.5 - 1.0 / 30, 0.5 + 1.0 / 30);
        Assert.InRange(reserves[1].GetDouble(), 1 - 2.0 / 30, 1 + 2.0 / 30);
        Assert.Equal("second-price", json.GetProperty("secondPrice").GetProperty("mechanism").GetProperty("kind").GetString());
    }

    [Fact]
    public void Bargain_solve_and_frontier_check_every_point()
    {
        var bargain = Cli.RunJson(With("bargain", "--format", "json"));
        foreach (string name in new[] { "kalaiSmorodinsky", "crossSideNash" })
        {
            var point = bargain.GetProperty(name);
            Cli.AssertCheckPassed(point.GetProperty("check"), ClassCheckRoutes.LpLagrangianAuction, name);
            Assert.InRange(Cli.Number(point, "welfareRatio"), 0.5, 1 + 1e-12);
        }
        // KS lies on the ray Π/Π* = U/U* (up to the grid frontier's tolerance).
        var ks = bargain.GetProperty("kalaiSmorodinsky");
        double ratio = Cli.Number(ks, "revenue") / Cli.Number(bargain.GetProperty("revenueOptimal"), "revenue")
            - Cli.Number(ks, "surplus") / Cli.Number(bargain.GetProperty("surplusOptimal"), "surplus");
        Assert.True(Math.Abs(ratio) < 1e-8, $"KS off its ray by {ratio}");

        var solve = Cli.RunJson(With("solve", "--surplus", "0.5", "--format", "json"));
        Assert.Equal("optimal", solve.GetProperty("status").GetString());
        Cli.AssertCheckPassed(solve.GetProperty("check"), ClassCheckRoutes.LpLagrangianAuction, "solve");
        Assert.True(solve.GetProperty("certificate").GetProperty("holds").GetBoolean());
        Assert.Equal("exhaustive", solve.GetProperty("certificate").GetProperty("method").GetString());
        Cli.AssertAtMost(0.5, Cli.Number(solve, "surplus"), Tolerances.SolverAgreement, "U ≥ U₀");

        var lines = Cli.RunOk(With("frontier", "--points", "4", "--format", "csv")).OutputLines;
        Assert.Equal(string.Join(",", FrontierTable.Header<ClassMechanism>()), lines[0]);
        Assert.Contains(lines, l => l.Contains(",kalai-smorodinsky,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(",True,", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_scenario_file_with_classes_runs_like_the_options()
    {
        string folder = Directory.CreateTempSubdirectory("orsolver-classes-").FullName;
        try
        {
            string path = Path.Combine(folder, "weak-strong.json");
            File.WriteAllText(path, """
                { "description": "a weak and a strong buyer",
                  "classes": [ { "distribution": "uniform(0,1)", "buyers": 1 }, { "distribution": "uniform(0,2)", "buyers": 1 } ], "grid": 60 }
                """);
            var fromFile = Cli.RunJson("inspect", "--model", path, "--format", "json");
            var fromOptions = Cli.RunJson(With("inspect", "--format", "json"));
            Assert.Equal(fromOptions.GetProperty("revenueOptimal").GetProperty("revenue").GetDouble(), fromFile.GetProperty("revenueOptimal").GetProperty("revenue").GetDouble());
            File.WriteAllText(path, """{ "classes": [ { "distribution": "uniform(0,1)", "buyers": 0 } ] }""");
            Cli.AssertBadInput(Cli.Run("inspect", "--model", path), "at least 1 buyer");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Second-price auctions named by the user, against hand integration: with class reserves (1/2, 1) between
    /// U[0,1] and U[0,2] the revenue is 5/8 (Myerson's reserves, but the highest value wins: it leaves revenue on the table);
    /// with no reserve between U[2,3] and U[0,4] the auction is efficient, so with its lowest type's rent ∫₀² s/4 ds = 1/2
    /// charged it is the frontier's efficient point and leaves nothing on the table.</summary>
    [Fact]
    public void Evaluate_runs_a_second_price_auction_with_class_or_anonymous_reserves()
    {
        var classReserves = Cli.RunJson(With("evaluate", "--reserves", "0.5,1", "--format", "json"));
        Cli.AssertClose(5.0 / 8, Cli.Number(classReserves, "revenue"), Tolerances.AuctionQuadrature, "Π with reserves 1/2 and 1");
        Assert.False(classReserves.GetProperty("outsideClass").GetBoolean());
        Assert.True(Cli.Number(classReserves, "revenueLeftOnTable") > 1e-3);
        Cli.AssertCheckPassed(classReserves.GetProperty("check"), ClassCheckRoutes.AuctionAllocation, "auction");
        Cli.AssertCheckPassed(classReserves.GetProperty("frontierCheck"), ClassCheckRoutes.LpLagrangianAuction, "frontier");

        var rent = Cli.RunJson("evaluate", "--class", "1:uniform(2,3)", "--class", "1:uniform(0,4)", "--reserve", "0", "--grid", "60", "--format", "json");
        Cli.AssertClose(0.5, rent.GetProperty("rents")[0].GetDouble(), Tolerances.AuctionQuadrature, "rent of the U[2,3] buyer's lowest type");
        Assert.True(rent.GetProperty("outsideClass").GetBoolean());
        Assert.True(Math.Abs(Cli.Number(rent, "revenueLeftOnTable")) <= Tolerances.SolverAgreement.Relative * 4, "the efficient auction is on the frontier");
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["evaluate", "--dist", "uniform(0,1)", "--reserves", "0.5"], "--reserves needs --class" },
        { ["evaluate", "--class", "1:uniform(0,1)", "--class", "1:uniform(0,2)", "--reserves", "0.5"], "one reserve per class" },
        { ["evaluate", "--class", "1:uniform(0,1)", "--reserve", "0.5", "--gaps", "0.1:0.2"], "--gaps" },
        { ["evaluate", "--class", "1:uniform(0,1)"], "--reserve" },
        { ["evaluate", "--class", "1:uniform(0,1)", "--reserves", "x"], "non-negative number" },
        { ["inspect", "--class", "0:uniform(0,1)", "--class", "1:uniform(0,2)"], "at least 1 buyer" },
        { ["inspect", "--class", "x:uniform(0,1)"], "N:SPEC" },
        { ["inspect", "--class", "uniform(0,1)"], "N:SPEC" },
        { ["inspect", "--class", "2:"], "no distribution" },
        { ["inspect", "--class", "2:uniform(1,0)"], "uniform" },
        { ["inspect", "--class", "1:uniform(0,1)", "--dist", "uniform(0,1)"], "not both" },
        { ["inspect", "--class", "1:uniform(0,1)", "--buyers", "3"], "--buyers" },
        { ["solve", "--class", "1:uniform(0,1)", "--units", "2", "--surplus", "0.1"], "one unit" },
        { ["inspect", "--class", "600:uniform(0,1)", "--class", "600:uniform(0,2)"], "at most 1000 buyers" },
        { ["inspect", "--class", "1:uniform(0,1)", "--class", "1:uniform(0,1)", "--class", "1:uniform(0,1)", "--class", "1:uniform(0,1)",
            "--class", "1:uniform(0,1)", "--class", "1:uniform(0,1)"], "at most 5 classes" },
        { ["inspect", "--class", "1:uniform(0,1)", "--grid", "5000"], "grid per class" },
        { ["solve", "--class", "1:uniform(0,1)", "--class", "1:uniform(0,2)", "--grid", "30", "--surplus", "5"], "above U*" },
        { ["frontier", "--class", "1:uniform(0,1)", "--model", "uniform"], "not both" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_class_input_is_one_line_and_exit_code_2(string[] args, string mentions)
        => Cli.AssertBadInput(Cli.Run(args), mentions);
}
