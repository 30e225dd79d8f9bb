using System.Text.Json;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary>Mechanism recovery and the three-way check on the command line (method.md §5.7, §6): the mechanism and the
/// check of <c>solve</c>, <c>frontier --method</c>, and <c>evaluate</c>.</summary>
public class MechanismOutputTests
{
    [Fact]
    public void Solve_reports_the_mechanism_and_a_passing_check()
    {
        // Lomax(2) is regular and anti-MHR: between vertices the frontier mixes two second-price auctions with
        // adjacent reserves (Thm 3.4, Cor. 3.6).
        var json = Cli.RunJson("solve", "--dist", "lomax(2)", "--buyers", "3", "--surplus", "1.4", "--grid", "800", "--format", "json");
        var mechanism = json.GetProperty("mechanism");
        var check = json.GetProperty("check");
        Assert.True(check.GetProperty("agrees").GetBoolean(), check.GetProperty("failure").ToString());
        string kind = mechanism.GetProperty("kind").GetString()!;
        Assert.Contains(kind, new[] { "second-price-with-reserve", "randomization" });
        if (kind == "randomization")
        {
            var components = mechanism.GetProperty("components");
            Assert.Equal(2, components.GetArrayLength());
            double total = 0;
            foreach (var c in components.EnumerateArray())
            {
                total += c.GetProperty("probability").GetDouble();
                Assert.Equal("second-price-with-reserve", c.GetProperty("mechanism").GetProperty("kind").GetString());
                Assert.Equal(0, c.GetProperty("mechanism").GetProperty("bidSpaceGaps").GetArrayLength());
            }
            Cli.AssertClose(1, total, Tolerances.Rounding, "probabilities sum to 1");
        }
        Cli.AssertClose(Cli.Number(json, "lambda"), Cli.Number(check, "lambdaHull"), new Tolerance(1e-6, 1e-6), "LP λ = hull λ");
    }

    [Fact]
    public void Uniform_buyer_optimal_point_is_the_lottery()
    {
        var json = Cli.RunJson("solve", "--dist", "uniform(0,1)", "--buyers", "4", "--surplus", "0.5", "--grid", "400", "--format", "json");
        Assert.Equal("lottery", json.GetProperty("mechanism").GetProperty("kind").GetString());
        Assert.True(json.GetProperty("check").GetProperty("agrees").GetBoolean());
    }

    [Theory]
    [InlineData("lp")]
    [InlineData("hull")]
    [InlineData("both")]
    public void Frontier_methods_agree_and_mark_the_vertices(string method)
    {
        var result = Cli.RunOk("frontier", "--dist", "exponential(1)", "--buyers", "3", "--points", "6", "--grid", "300", "--method", method, "--format", "csv");
        var lines = result.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("surplus,revenue,welfare,lambda,kind,reserve,gaps,extreme,solution,check,agrees,worstGap,failure", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        int samples = rows.Count(r => r[7] == "False" && r[8] == "");
        var vertices = rows.Where(r => r[7] == "True").ToList();
        Assert.Equal(6, samples);
        Assert.True(vertices.Count >= 2);
        // Every point carries a passed check: the samples by the route of their method (the LP route proves a segment's
        // further levels by its multipliers), the vertices by the hull route with the LP certificate.
        Assert.All(rows, r => Assert.Equal("True", r[10]));
        string[] sampleRoutes = method switch
        {
            "hull" => ["certificate+hull+auction"],
            "lp" => ["lp+hull+auction", "lp-dual+hull+auction"],
            _ => ["lp+hull+auction"],
        };
        Assert.All(rows.Where(r => r[7] == "False" && r[8] == ""), r => Assert.Contains(r[9], sampleRoutes));
        Assert.All(vertices, r => Assert.Equal("certificate+hull+auction", r[9]));
        // Exponential is regular and anti-MHR: no vertex restricts the bid space (Thm 3.4).
        foreach (var vertex in vertices)
            Assert.Contains(vertex[4], new[] { "second-price", "second-price-with-reserve" });
    }

    [Fact]
    public void Evaluating_the_Myerson_auction_leaves_nothing_on_the_table()
    {
        // Uniform[0,1], n = 5: the second-price auction with reserve 1/2 is revenue-optimal (method.md §14: Π* = 0.671875).
        var json = Cli.RunJson("evaluate", "--dist", "uniform(0,1)", "--buyers", "5", "--reserve", "0.5", "--format", "json");
        Cli.AssertClose(0.671875, Cli.Number(json, "revenue"), Tolerances.ClosedForm, "Π of the Myerson auction");
        Cli.AssertClose(0.1484375, Cli.Number(json, "surplus"), Tolerances.ClosedForm, "U of the Myerson auction");
        Assert.True(Math.Abs(Cli.Number(json, "revenueLeftOnTable")) < 1e-9, $"left on the table: {Cli.Number(json, "revenueLeftOnTable")}");
    }

    [Fact]
    public void A_restricted_bid_space_leaves_revenue_on_the_table_and_matches_its_closed_form()
    {
        // Uniform[0,1], n = 2, no reserve, bids in (0.2, 0.6) removed; the threshold payment is
        // pay(v) = Σ b·(jump of x at b) + ∫ b dx(b) over the continuous parts.
        // v < 0.2: x = v, pay = v²/2.  v ∈ [0.2, 0.6): all bid 0.2 and tie, x = 0.2 + 0.4/2 = 0.4,
        // pay = 0.02 + 0.2·(0.4 − 0.2) = 0.06.  v ≥ 0.6: x = v, pay = 0.06 + 0.6·(0.6 − 0.4) + (v² − 0.36)/2.
        // Π = 2·[∫₀^0.2 v²/2 + 0.4·0.06 + ∫_0.6^1 (0.18 + (v² − 0.36)/2)] = 2·[0.008/6 + 0.024 + 0.072 + 0.0586667] = 0.312.
        var json = Cli.RunJson("evaluate", "--dist", "uniform(0,1)", "--buyers", "2", "--reserve", "0", "--gaps", "0.2:0.6", "--format", "json");
        double expected = 2 * (0.008 / 6 + 0.024 + 0.4 * 0.18 + ((1 - 0.216) / 3 - 0.36 * 0.4) / 2);
        Cli.AssertClose(expected, Cli.Number(json, "revenue"), new Tolerance(1e-5, 1e-9), "Π with the bids (0.2, 0.6) removed");
        // For Uniform[0,1], R₂ = 2V − R = q is linear, so every auction without reserve has Π + 2U = 1 and lies on the
        // frontier's upper segment (method.md §14: the line through the second-price auction and the lottery).
        Cli.AssertClose(1, Cli.Number(json, "revenue") + 2 * Cli.Number(json, "surplus"), new Tolerance(1e-9, 1e-9), "Π + 2U = 1");
        Assert.True(Math.Abs(Cli.Number(json, "revenueLeftOnTable")) < 1e-8, $"left on the table: {Cli.Number(json, "revenueLeftOnTable")}");
    }

    [Fact]
    public void A_bid_space_gap_costs_revenue_when_the_distribution_is_regular_and_anti_MHR()
    {
        // Exponential(1) is regular and anti-MHR: every frontier mechanism is a second-price auction with a reserve
        // (Thm 3.4), so a gap in the bid space leaves revenue on the table at its own surplus.
        var json = Cli.RunJson("evaluate", "--dist", "exponential(1)", "--buyers", "3", "--reserve", "0.5", "--gaps", "1:2", "--grid", "1000", "--format", "json");
        Assert.True(Cli.Number(json, "revenueLeftOnTable") > 1e-4, $"left on the table: {Cli.Number(json, "revenueLeftOnTable")}");
    }

    [Theory]
    [InlineData("0.6:0.2")]
    [InlineData("a:b")]
    [InlineData("0.1")]
    public void Bad_gaps_are_bad_input(string gaps)
        => Cli.AssertBadInput(Cli.Run("evaluate", "--dist", "uniform(0,1)", "--reserve", "0.1", "--gaps", gaps), "--gaps");

    [Fact]
    public void Units_option_sells_k_units()
    {
        // Uniform[0,1], n = 5, k = 2: OPT = E[v_(1) + v_(2)] = 5/6 + 4/6 = 1.5; the third-price auction earns 2·E[v_(3)] = 1.
        var json = Cli.RunJson("inspect", "--dist", "uniform(0,1)", "--buyers", "5", "--units", "2", "--format", "json");
        Cli.AssertClose(1.5, Cli.Number(json, "optimalWelfare"), Tolerances.ClosedForm, "OPT with two units");
        Cli.AssertClose(1, Cli.Number(json.GetProperty("secondPrice"), "revenue"), Tolerances.ClosedForm, "third-price revenue");
        Cli.AssertBadInput(Cli.Run("inspect", "--dist", "uniform(0,1)", "--units", "0"), "units");
    }
}
