using System.Text.Json;
using OrSolver.Core.BilateralTrade;
using OrSolver.Core.Numerics;
using OrSolver.Core.Output;

namespace OrSolver.Cli.Tests;

/// <summary><c>orsolver trade</c> (bilateral trade, Appendix D.4), on a coarse grid so that each run takes a second.</summary>
public class TradeTests
{
    private static readonly string[] TopFields =
    [
        "buyer", "seller", "buyerCells", "sellerCells", "degenerate", "firstBest", "firstBestQuadrature", "secondBest", "idealSum",
        "sellerOptimal", "buyerOptimal", "sellerOffer", "buyerOffer", "secondBestPoint", "kalaiSmorodinsky", "nash",
    ];

    private static readonly string[] PointFields = ["sellerUtility", "buyerUtility", "gainsFromTrade", "lambda", "ratios", "mechanism", "check"];

    private static readonly Lazy<JsonElement> Uniform = new(() =>
        Cli.RunJson("trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--grid", "40", "--points", "3", "--format", "json"));

    [Fact]
    public void Json_has_the_fields_of_the_issue_and_every_point_is_checked()
    {
        var json = Uniform.Value;
        Cli.AssertExactProperties(json, TopFields);
        foreach (string name in new[] { "sellerOptimal", "buyerOptimal", "sellerOffer", "buyerOffer", "secondBestPoint", "kalaiSmorodinsky", "nash" })
        {
            var point = json.GetProperty(name);
            Cli.AssertExactProperties(point, PointFields);
            Cli.AssertCheckPassed(point.GetProperty("check"), TradeCheckRoutes.LpLagrangianMechanism, name);
            Cli.AssertClose(Cli.Number(point, "sellerUtility") + Cli.Number(point, "buyerUtility"), Cli.Number(point, "gainsFromTrade"),
                Tolerances.Rounding, $"{name}: Π + U = GFT");
        }
    }

    /// <summary>The closed forms of U[0,1]²: a 40-cell grid is within 1.3e-3 of the maxima and of KS (method.md §13.1),
    /// inside the 5e-3 the flat ends need, and never above them (the grid's mechanisms are among the continuous ones).</summary>
    [Fact]
    public void Uniform_landmarks_approach_the_closed_forms_from_below()
    {
        var json = Uniform.Value;
        var near = Tolerances.TradeGridFlatEnd;
        Cli.AssertClose(1.0 / 6, Cli.Number(json, "firstBest"), near, "first best");
        Cli.AssertClose(9.0 / 64, Cli.Number(json, "secondBest"), near, "second best");
        Cli.AssertClose(1.0 / 12, Cli.Number(json.GetProperty("sellerOffer"), "sellerUtility"), near, "Π*");
        Cli.AssertClose(1.0 / 12, Cli.Number(json.GetProperty("buyerOffer"), "buyerUtility"), near, "U*");
        Cli.AssertClose(9.0 / 128, Cli.Number(json.GetProperty("kalaiSmorodinsky"), "sellerUtility"), near, "KS Π");
        Cli.AssertClose(9.0 / 128, Cli.Number(json.GetProperty("kalaiSmorodinsky"), "buyerUtility"), near, "KS U");
        Assert.True(Cli.Number(json, "firstBest") <= 1.0 / 6 && Cli.Number(json, "secondBest") <= 9.0 / 64);
        Cli.AssertClose(1.0 / 6, Cli.Number(json, "firstBestQuadrature"), new Tolerance(1e-9, 0), "first best by quadrature");
    }

    [Fact]
    public void Csv_lists_samples_vertices_and_bargaining_solutions_with_their_checks()
    {
        var result = Cli.RunOk("trade", "--buyer", "exponential(1)", "--seller", "exponential(2)", "--grid", "20", "--points", "4", "--format", "csv");
        var lines = result.OutputLines;
        Assert.Equal(string.Join(",", FrontierTable.Header<TradeMechanism>()), lines[0]);
        Assert.Contains(lines, l => l.Contains(",kalai-smorodinsky,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",nash,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",True,,lagrangian+mechanism,True,", StringComparison.Ordinal));
        int agrees = FrontierTable.Header<TradeMechanism>().ToList().IndexOf("agrees");
        Assert.All(lines.Skip(1), l => Assert.Equal("True", l.Split(',')[agrees]));
    }

    [Fact]
    public void A_market_where_trade_cannot_gain_is_reported_as_degenerate()
    {
        var json = Cli.RunJson("trade", "--buyer", "uniform(0,1)", "--seller", "uniform(2,3)", "--grid", "16", "--format", "json");
        Assert.True(json.GetProperty("degenerate").GetBoolean());
        Assert.Equal(0, Cli.Number(json, "firstBest"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nash").ValueKind);
    }

    [Theory]
    [InlineData("only a buyer", new[] { "trade", "--buyer", "uniform(0,1)" })]
    [InlineData("only a seller", new[] { "trade", "--seller", "uniform(0,1)" })]
    [InlineData("--dist mixed in", new[] { "trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--dist", "uniform(0,1)" })]
    [InlineData("a bad spec", new[] { "trade", "--buyer", "uniform(0,1)", "--seller", "nonsense(1)" })]
    [InlineData("a grid too small", new[] { "trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--grid", "5" })]
    [InlineData("one point", new[] { "trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--points", "1" })]
    [InlineData("an unknown region", new[] { "trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--plot", "--region", "myerson" })]
    public void Bad_input_is_one_line_and_exit_code_2(string what, string[] args)
    {
        Assert.False(string.IsNullOrEmpty(what));
        Cli.AssertBadInput(Cli.Run(args));
    }

    [Fact]
    public void Plot_draws_the_frontier_and_the_trade_region()
    {
        string folder = Path.Combine(Path.GetTempPath(), "orsolver-trade-plot-" + Guid.NewGuid().ToString("N"));
        try
        {
            Cli.RunOk("trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--grid", "16", "--points", "2", "--plot", "--out", folder);
            foreach (string name in new[] { "frontier.png", "frontier.svg", "trade-region-kalai-smorodinsky.png", "trade-region-kalai-smorodinsky.svg", "trade.json", "trade.csv" })
                Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 0, name);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Region_draws_the_chosen_landmarks_mechanism()
    {
        string folder = Path.Combine(Path.GetTempPath(), "orsolver-trade-region-" + Guid.NewGuid().ToString("N"));
        try
        {
            Cli.RunOk("trade", "--buyer", "uniform(0,1)", "--seller", "uniform(0,1)", "--grid", "16", "--points", "2", "--plot", "--region", "seller-offer", "--out", folder);
            Assert.True(new FileInfo(Path.Combine(folder, "trade-region-seller-offer.png")).Length > 0);
            Assert.False(File.Exists(Path.Combine(folder, "trade-region-kalai-smorodinsky.png")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_trade_scenario_gives_the_market_of_its_specs()
    {
        var byName = Cli.RunJson("trade", "--model", "uniform", "--grid", "16", "--points", "2", "--format", "json");
        var bySpecs = Cli.RunJson("trade", "--buyer", "uniform(0, 1)", "--seller", "uniform(0, 1)", "--grid", "16", "--points", "2", "--format", "json");
        Assert.Equal(bySpecs.GetProperty("buyer").GetString(), byName.GetProperty("buyer").GetString());
        Assert.Equal(Cli.Number(bySpecs, "secondBest"), Cli.Number(byName, "secondBest"));
    }

    [Fact]
    public void A_trade_scenario_with_an_unknown_field_is_bad_input()
    {
        string folder = Path.Combine(Path.GetTempPath(), "orsolver-trade-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string file = Path.Combine(folder, "bad.json");
            File.WriteAllText(file, "{ \"buyer\": \"uniform(0, 1)\", \"seller\": \"uniform(0, 1)\", \"grids\": 40 }");
            Cli.AssertBadInput(Cli.Run("trade", "--model", file), "grids");
            File.WriteAllText(file, "{ \"buyer\": \"uniform(0, 1)\" }");
            Cli.AssertBadInput(Cli.Run("trade", "--model", file), "seller");
            Cli.AssertBadInput(Cli.Run("trade", "--model", file, "--buyer", "uniform(0, 1)"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bad_input_writes_no_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "orsolver-trade-cli-" + Guid.NewGuid().ToString("N"));
        Cli.AssertBadInput(Cli.Run("trade", "--buyer", "uniform(0,1)", "--seller", "nonsense(1)", "--out", folder));
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
    }
}
