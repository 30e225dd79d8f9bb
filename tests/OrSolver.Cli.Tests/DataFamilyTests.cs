using System.Globalization;
using System.Text.Json;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary>The data families through the command line (method.md §11.3–11.4): tabulated and empirical distributions against
/// closed forms and hand-solved markets, and their bad-input contract.</summary>
public class DataFamilyTests
{
    private static readonly Tolerance Exact = new(1e-12, 1e-14);

    private static string Bids => Path.Combine(Repository.Models, "data", "bids.csv");

    /// <summary>method.md §14, Uniform[0,1], from the two-point table (0, 1), (1, 0): Myerson Π* = 2n(1-2^{-(n+1)})/(n+1) - (1-2^{-n})
    /// with U = n(1-2^{-(n+1)})/(n+1) - Π*, SPA ((n-1)/(n+1), 1/(n+1)), OPT = n/(n+1), U* = 1/2 by the lottery.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Quantile_table_of_the_uniform_law_gives_the_uniform_closed_forms(int n)
    {
        using var folder = new TemporaryDirectory();
        string table = folder.WriteFile("uniform.csv", "q,v\n0,1\n1,0\n");
        var json = Cli.RunJson("inspect", "--dist", $"quantiles(file={table})", "--buyers", $"{n}", "--format", "json");
        double half = Math.Pow(2, -n);
        double revenue = 2.0 * n * (1 - half / 2) / (n + 1) - (1 - half);
        double welfare = n * (1 - half / 2) / (n + 1);
        var tolerance = Tolerances.ClosedForm;
        Cli.AssertPoint(json.GetProperty("revenueOptimal"), revenue, welfare - revenue, welfare, tolerance, "Myerson");
        Cli.AssertPoint(json.GetProperty("secondPrice"), (n - 1.0) / (n + 1), 1.0 / (n + 1), n / (n + 1.0), tolerance.AtScale(1), "second price");
        Cli.AssertClose(0.5, Cli.Number(json.GetProperty("surplusOptimal"), "surplus"), tolerance, "U*");
        Cli.AssertClose(0.5, Cli.Number(json, "monopolyReserve"), tolerance, "reserve");
        Assert.True(json.GetProperty("regular").GetBoolean() && json.GetProperty("mhr").GetBoolean(), "Uniform is regular and MHR");
    }

    /// <summary>Values 1 and 2, half each, two buyers, worked by hand on the atoms (method.md §3.1, §11.3: ΔR = R(Q_j) - R(Q_{j-1})):
    /// the atom at 2 has virtual value ΔR/Δq = (½·2 - 0)/½ = 2, the atom at 1 has (1·1 - ½·2)/½ = 0, so the Myerson point
    /// (most surplus among revenue-optimal) allocates like the second-price auction: Π* = 2·(¾·2)/2 = 3/2, and
    /// OPT = E[max] = ¾·2 + ¼·1 = 7/4, U = 1/4. Surplus weight ΔV - ΔR is 0 on the top atom and ½ on the bottom one, so
    /// U* = 1/2 needs x = ½ everywhere: the lottery at price 1, Π = 1. The frontier is the segment Π = 2 - 2U between them;
    /// KS: Π = (3/2)t, U = (1/2)t on it gives t = 4/5, (Π, U) = (6/5, 2/5); Nash maximises (2 - 2U)·U² at U = 2/3 &gt; 1/2,
    /// so it is the lottery (1, 1/2).</summary>
    [Fact]
    public void Two_point_empirical_market_matches_the_hand_solution()
    {
        using var folder = new TemporaryDirectory();
        string file = folder.WriteFile("two.csv", "v\n2\n1\n");
        string spec = $"empirical(file={file})";
        var inspect = Cli.RunJson("inspect", "--dist", spec, "--buyers", "2", "--format", "json");
        Cli.AssertPoint(inspect.GetProperty("revenueOptimal"), 1.5, 0.25, 1.75, Exact, "Myerson");
        Cli.AssertPoint(inspect.GetProperty("secondPrice"), 1.5, 0.25, 1.75, Exact, "second price");
        Cli.AssertPoint(inspect.GetProperty("surplusOptimal"), 1.0, 0.5, 1.5, Exact, "buyer-optimal");
        Cli.AssertClose(1.5, Cli.Number(inspect, "mean"), Exact, "mean");
        var bargain = Cli.RunJson("bargain", "--dist", spec, "--buyers", "2", "--format", "json");
        Cli.AssertPoint(bargain.GetProperty("kalaiSmorodinsky"), 1.2, 0.4, 1.6, Tolerances.SolverAgreement, "KS");
        Cli.AssertPoint(bargain.GetProperty("nash"), 1.0, 0.5, 1.5, Exact, "Nash");
        Assert.Equal("lottery", bargain.GetProperty("nash").GetProperty("mechanism").GetProperty("kind").GetString());
    }

    /// <summary>One buyer: the Myerson revenue is the best posted price, max_p p·#{bids ≥ p}/N over the sample bids,
    /// computed here from the raw file.</summary>
    [Fact]
    public void Sample_bids_single_buyer_revenue_is_the_best_posted_price()
    {
        var bids = File.ReadAllLines(Bids).Skip(1).Where(l => l.Length > 0)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        double best = bids.Max(p => p * bids.Count(b => b >= p) / bids.Length);
        double price = bids.Where(p => Exact.Close(p * bids.Count(b => b >= p) / bids.Length, best)).Min();
        var json = Cli.RunJson("inspect", "--dist", $"empirical(file={Bids}, column=bid)", "--buyers", "1", "--format", "json");
        Cli.AssertClose(best, Cli.Number(json.GetProperty("revenueOptimal"), "revenue"), Exact, "Π* for n = 1");
        Assert.Equal(price, Cli.Number(json, "monopolyReserve"));
        Cli.AssertClose(bids.Average(), Cli.Number(json, "mean"), Exact, "mean");
    }

    /// <summary>The sample bids at n = 5: the LP sweep and the closed-form hull agree at every point (<c>--method both</c>
    /// fails otherwise), and KS lies on the ray Π/Π* = U/U*.</summary>
    [Fact]
    public void Sample_bids_frontier_lp_agrees_with_the_hull_and_ks_is_fair()
    {
        Cli.RunOk("frontier", "--model", "bids", "--points", "5", "--method", "both", "--format", "csv");
        var json = Cli.RunJson("bargain", "--model", "bids", "--format", "json");
        var ks = json.GetProperty("kalaiSmorodinsky");
        double revenueShare = Cli.Number(ks, "revenue") / Cli.Number(json.GetProperty("revenueOptimal"), "revenue");
        double surplusShare = Cli.Number(ks, "surplus") / Cli.Number(json.GetProperty("surplusOptimal"), "surplus");
        Cli.AssertClose(revenueShare, surplusShare, new Tolerance(1e-8, 0), "Π/Π* = U/U*");
    }

    /// <summary>Appendix E.2 (one buyer, quasi-regular, ℓ = 0.325268, q† = 0.589198) from its tabulated value function: at
    /// U = U_F(q†) the single posted price v(q†) = 1 earns q† while the optimal mechanism randomises the prices v(ℓ) and
    /// v(1) at λ* = ℓ, so the ratio is (q†·ln q† - ln ℓ)/(ℓ·ln q† - ln ℓ) ≈ 0.8532 (Theorem E.1). The table interpolates
    /// v linearly between 402 points, which moves U and Π by about 2e-6 (relative).</summary>
    [Fact]
    public void Appendix_e2_posted_price_keeps_the_papers_share_of_the_optimal_revenue()
    {
        const double l = 0.325268, dagger = 0.589198;
        var tabulation = new Tolerance(1e-5, 0);
        var json = Cli.RunJson("evaluate", "--model", "appendix-e2", "--reserve", "1", "--format", "json");
        Cli.AssertClose(dagger, Cli.Number(json, "revenue"), Exact, "posted-price revenue q†");
        Cli.AssertClose(dagger / (1 - dagger) * (Math.Log(dagger) - Math.Log(l)), Cli.Number(json, "surplus"), tabulation, "U_F(q†)");
        double ratio = (dagger * Math.Log(dagger) - Math.Log(l)) / (l * Math.Log(dagger) - Math.Log(l));
        Cli.AssertClose(ratio, Cli.Number(json, "revenue") / Cli.Number(json, "frontierRevenue"), tabulation, "revenue ratio");
        Cli.AssertClose(l, Cli.Number(json, "lambda"), tabulation, "λ* = ℓ");
    }

    [Theory]
    [InlineData("missing file", "empirical(file=FOLDER/nope.csv)", "", "no such file")]
    [InlineData("empty file", "empirical(file=FOLDER/data.csv)", "", "empty")]
    [InlineData("header only", "empirical(file=FOLDER/data.csv)", "bid\n", "no data rows")]
    [InlineData("missing column", "empirical(file=FOLDER/data.csv, column=price)", "auction,bid\n1,2\n", "no column 'price'")]
    [InlineData("column needed", "empirical(file=FOLDER/data.csv)", "auction,bid\n1,2\n", "column=NAME")]
    [InlineData("non-numeric cell", "empirical(file=FOLDER/data.csv, column=bid)", "auction,bid\n1,2\n2,abc\n", "line 3, column 'bid': 'abc' is not a number")]
    [InlineData("empty cell", "empirical(file=FOLDER/data.csv, column=bid)", "auction,bid\n1,2\n2,\n", "line 3, column 'bid': empty cell")]
    [InlineData("negative sample", "empirical(file=FOLDER/data.csv)", "bid\n1\n-2\n", "line 3")]
    [InlineData("numeric header", "empirical(file=FOLDER/data.csv)", "1\n2\n", "header")]
    [InlineData("point mass", "empirical(file=FOLDER/data.csv)", "bid\n3\n3\n", "two distinct values")]
    [InlineData("unsorted q", "quantiles(file=FOLDER/data.csv)", "q,v\n0,1\n0.5,0.5\n0.4,0.4\n1,0\n", "line 4: q = 0.4")]
    [InlineData("increasing v", "quantiles(file=FOLDER/data.csv)", "q,v\n0,1\n0.5,0.5\n0.7,0.6\n1,0\n", "line 4: v = 0.6")]
    [InlineData("negative v", "quantiles(file=FOLDER/data.csv)", "q,v\n0,1\n1,-1\n", "negative")]
    [InlineData("q outside [0, 1]", "quantiles(file=FOLDER/data.csv)", "q,v\n0,1\n1.5,0\n", "outside [0, 1]")]
    [InlineData("q not from 0", "quantiles(file=FOLDER/data.csv)", "q,v\n0.1,1\n1,0\n", "start at q = 0")]
    [InlineData("q not to 1", "quantiles(file=FOLDER/data.csv)", "q,v\n0,1\n0.9,0\n", "end at q = 1")]
    [InlineData("non-numeric q", "quantiles(file=FOLDER/data.csv)", "q,v\n0,1\nhalf,0.5\n1,0\n", "line 3, column 'q'")]
    [InlineData("no q and v columns", "quantiles(file=FOLDER/data.csv)", "a,b,c\n0,1,2\n", "'q' and 'v'")]
    [InlineData("missing file parameter", "empirical(column=bid)", "", "file")]
    public void Bad_data_is_one_line_and_exit_code_2(string what, string spec, string content, string mentions)
    {
        using var folder = new TemporaryDirectory();
        if (content.Length > 0 || what == "empty file") folder.WriteFile("data.csv", content);
        string parent = Path.GetDirectoryName(folder.WriteFile("marker", ""))!;
        var result = Cli.Run("inspect", "--dist", spec.Replace("FOLDER", parent, StringComparison.Ordinal), "--grid", "100");
        Cli.AssertBadInput(result, mentions);
        Assert.True(result.ExitCode == 2, what);
    }

    /// <summary>A data file named in a scenario is found next to the scenario, not in the current directory.</summary>
    [Fact]
    public void Scenario_data_paths_are_relative_to_the_scenario_file()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("two.csv", "v\n2\n1\n");
        string model = folder.WriteFile("two.json", "{ \"distribution\": \"empirical(file=two.csv)\", \"buyers\": 2 }");
        var json = Cli.RunJson("inspect", "--model", model, "--format", "json");
        Cli.AssertClose(1.5, Cli.Number(json, "mean"), Exact, "mean");
        Cli.AssertBadInput(Cli.Run("inspect", "--dist", "empirical(file=two.csv)"), "no such file");
    }
}
