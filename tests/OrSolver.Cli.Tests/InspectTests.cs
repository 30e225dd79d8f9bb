using System.Text.Json;
using OrSolver.Core.Numerics;

namespace OrSolver.Cli.Tests;

/// <summary><c>inspect --format json</c>: the field names the README shows and the closed forms of method.md §14 at the default grid.</summary>
public class InspectTests
{
    private static readonly Tolerance ClosedForm = Tolerances.ClosedForm;

    private static readonly string[] TopLevelFields =
    [
        "distribution", "buyers", "regular", "mhr", "antiMhr", "mean", "monopolyReserve", "monopolyQuantile",
        "optimalWelfare", "revenueOptimal", "surplusOptimal", "secondPrice",
    ];

    private static readonly string[] PointFields = ["revenue", "surplus", "welfare", "check"];

    internal static void AssertInspectShape(JsonElement json)
    {
        Cli.AssertExactProperties(json, TopLevelFields);
        foreach (string point in (string[])["revenueOptimal", "surplusOptimal", "secondPrice"])
        {
            Cli.AssertExactProperties(json.GetProperty(point), PointFields);
            Cli.AssertCheckPassed(json.GetProperty(point).GetProperty("check"), "hull+auction", point);
        }
        Assert.Equal(JsonValueKind.String, json.GetProperty("distribution").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("buyers").ValueKind);
        foreach (string flag in (string[])["regular", "mhr", "antiMhr"])
            Assert.True(json.GetProperty(flag).ValueKind is JsonValueKind.True or JsonValueKind.False, flag + " is a boolean");
        foreach (string number in (string[])["mean", "monopolyReserve", "monopolyQuantile", "optimalWelfare"])
            Assert.Equal(JsonValueKind.Number, json.GetProperty(number).ValueKind);
    }

    [Fact]
    public void Json_has_exactly_the_documented_fields()
    {
        var json = Cli.RunJson("inspect", "--dist", "uniform(0,1)", "--buyers", "3", "--format", "json");
        AssertInspectShape(json);
        Assert.Equal(3, json.GetProperty("buyers").GetInt64());
        Assert.StartsWith("uniform", json.GetProperty("distribution").GetString(), StringComparison.Ordinal);
    }

    /// <summary>method.md §14, Uniform[0,1]: Myerson Π* = 2n(1-2^{-(n+1)})/(n+1) - (1-2^{-n}) with welfare
    /// n(1-2^{-(n+1)})/(n+1) (reserve 1/2); SPA (n-1)/(n+1), 1/(n+1); OPT n/(n+1); U* = 1/2 by the lottery (Π = 0).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Uniform_matches_the_closed_forms_at_the_default_grid(int n)
    {
        var json = Cli.RunJson("inspect", "--dist", "uniform(0,1)", "--buyers", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        AssertInspectShape(json);
        Assert.Equal(n, json.GetProperty("buyers").GetInt64());

        Assert.True(json.GetProperty("regular").GetBoolean(), "uniform is regular");
        Assert.True(json.GetProperty("mhr").GetBoolean(), "uniform is MHR");
        Assert.False(json.GetProperty("antiMhr").GetBoolean(), "uniform is not anti-MHR");

        Cli.AssertClose(0.5, Cli.Number(json, "mean"), ClosedForm, "mean");
        Cli.AssertClose(0.5, Cli.Number(json, "monopolyReserve"), ClosedForm, "monopolyReserve");
        Cli.AssertClose(0.5, Cli.Number(json, "monopolyQuantile"), ClosedForm, "monopolyQuantile");
        double opt = n / (n + 1.0);
        Cli.AssertClose(opt, Cli.Number(json, "optimalWelfare"), ClosedForm, "optimalWelfare");

        double myersonWelfare = n * (1 - Math.Pow(2, -(n + 1))) / (n + 1);
        double myersonRevenue = 2 * myersonWelfare - (1 - Math.Pow(2, -n));
        Cli.AssertPoint(json.GetProperty("revenueOptimal"), myersonRevenue, myersonWelfare - myersonRevenue, myersonWelfare, ClosedForm, "revenueOptimal");
        Cli.AssertPoint(json.GetProperty("secondPrice"), (n - 1) / (n + 1.0), 1 / (n + 1.0), opt, ClosedForm, "secondPrice");
        Cli.AssertPoint(json.GetProperty("surplusOptimal"), 0, 0.5, 0.5, ClosedForm, "surplusOptimal");
    }

    /// <summary>The table of method.md §14 itself (not only the formula), so that a wrong formula here cannot hide a wrong solver.</summary>
    [Theory]
    [InlineData(1, 0.25, 0.125)]
    [InlineData(2, 0.416667, 0.166667)]
    [InlineData(3, 0.53125, 0.171875)]
    [InlineData(4, 0.6125, 0.1625)]
    [InlineData(5, 0.671875, 0.1484375)]
    public void Uniform_Myerson_point_matches_the_closed_forms(int n, double revenue, double surplus)
    {
        var json = Cli.RunJson("inspect", "--dist", "uniform(0,1)", "--buyers", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        var myerson = json.GetProperty("revenueOptimal");
        var table = new Tolerance(1e-6, 5e-7); // the table is printed to six decimals
        Cli.AssertClose(revenue, Cli.Number(myerson, "revenue"), table, "Myerson revenue");
        Cli.AssertClose(surplus, Cli.Number(myerson, "surplus"), table, "Myerson surplus");
    }

    /// <summary>method.md §14, Exponential(1): both MHR and anti-MHR; OPT = H_n; the SPA's surplus is 1 for every n and the
    /// SPA is surplus-optimal (it ties with the lottery on U = 1 and wins on revenue). Myerson (reserve 1, virtual value
    /// v - 1): Π* = E[max_i (v_i - 1)^+] = Σ_k C(n,k)(-1)^{k+1} e^{-k}/k and U = P(max v ≥ 1) = 1 - (1 - 1/e)^n.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Exponential_matches_the_closed_forms_at_the_default_grid(int n)
    {
        var json = Cli.RunJson("inspect", "--dist", "exponential(1)", "--buyers", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        AssertInspectShape(json);

        Assert.True(json.GetProperty("regular").GetBoolean(), "exponential is regular");
        Assert.True(json.GetProperty("mhr").GetBoolean(), "exponential is MHR");
        Assert.True(json.GetProperty("antiMhr").GetBoolean(), "exponential is anti-MHR");

        double harmonic = Enumerable.Range(1, n).Sum(k => 1.0 / k);
        Cli.AssertClose(1, Cli.Number(json, "mean"), ClosedForm, "mean");
        Cli.AssertClose(1, Cli.Number(json, "monopolyReserve"), ClosedForm, "monopolyReserve");
        Cli.AssertClose(Math.Exp(-1), Cli.Number(json, "monopolyQuantile"), ClosedForm, "monopolyQuantile");
        Cli.AssertClose(harmonic, Cli.Number(json, "optimalWelfare"), ClosedForm, "optimalWelfare = H_n");
        Cli.AssertPoint(json.GetProperty("secondPrice"), harmonic - 1, 1, harmonic, ClosedForm, "secondPrice");
        Cli.AssertPoint(json.GetProperty("surplusOptimal"), harmonic - 1, 1, harmonic, ClosedForm, "surplusOptimal");

        double myersonRevenue = 0, binomial = 1;
        for (int k = 1; k <= n; k++)
        {
            binomial = binomial * (n - k + 1) / k;
            myersonRevenue += (k % 2 == 1 ? 1 : -1) * binomial * Math.Exp(-k) / k;
        }
        double myersonSurplus = 1 - Math.Pow(1 - Math.Exp(-1), n);
        Cli.AssertPoint(json.GetProperty("revenueOptimal"), myersonRevenue, myersonSurplus, myersonRevenue + myersonSurplus, ClosedForm, "revenueOptimal");
    }

    [Fact]
    public void Landmarks_are_consistent_with_each_other()
    {
        var json = Cli.RunJson("inspect", "--dist", "lomax(2)", "--buyers", "4", "--grid", "400", "--format", "json");
        var tolerance = Tolerances.SolverAgreement;
        foreach (string name in (string[])["revenueOptimal", "surplusOptimal", "secondPrice"])
        {
            var point = json.GetProperty(name);
            Cli.AssertClose(Cli.Number(point, "revenue") + Cli.Number(point, "surplus"), Cli.Number(point, "welfare"), tolerance, name + ": W = Π + U");
        }
        Cli.AssertClose(Cli.Number(json, "optimalWelfare"), Cli.Number(json.GetProperty("secondPrice"), "welfare"), tolerance, "OPT = SPA welfare");
        var myerson = json.GetProperty("revenueOptimal");
        var buyerOptimal = json.GetProperty("surplusOptimal");
        Cli.AssertAtMost(Cli.Number(buyerOptimal, "revenue"), Cli.Number(myerson, "revenue"), tolerance, "Π at U* <= Π*");
        Cli.AssertAtMost(Cli.Number(myerson, "surplus"), Cli.Number(buyerOptimal, "surplus"), tolerance, "U at Myerson <= U*");
    }
}
