using System.Globalization;
using System.Text.Json;
using OrSolver.Cli.Tests;
using OrSolver.Core.Numerics;

namespace OrSolver.Deployment.Tests;

/// <summary>
/// The <c>orsolver</c> .NET tool as a user gets it (README, "Install"): installed from the packed package into a
/// temporary tool path (never ~/.dotnet/tools) and run from a directory outside the repository. Its numbers are checked
/// against the closed forms of method.md §14 for Uniform[0,1] and five buyers, at the default grid of 4000 cells
/// (README, "Accuracy": 1e-6).
/// </summary>
[Collection(PackageFolder.Name)]
public sealed class ToolPackageTests(PackedPackages packages) : IDisposable
{
    private const int Buyers = 5;

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly TemporaryDirectory _temporary = new();

    [Fact]
    public void The_tool_installs_from_the_package_folder_and_matches_the_closed_forms()
    {
        Assert.True(File.Exists(packages.PackagePath(PackedPackages.ToolId)), $"dotnet pack wrote no {packages.PackagePath(PackedPackages.ToolId)}");
        string tools = Path.Combine(_temporary.Path, "tools");
        ExternalProcess.RunOk("dotnet",
            ["tool", "install", PackedPackages.ToolId, "--version", packages.Version, "--tool-path", tools, "--add-source", packages.Folder],
            _temporary.Path, InstallTimeout);
        string orsolver = Path.Combine(tools, "orsolver");
        Assert.True(File.Exists(orsolver), $"the tool path has no command orsolver: {string.Join(", ", Directory.GetFileSystemEntries(tools))}");

        // inspect: the landmarks by the closed-form hull (no LP).
        var inspect = Json(ExternalProcess.RunOk(orsolver,
            ["inspect", "--dist", "uniform(0,1)", "--buyers", "5", "--format", "json"], _temporary.Path, RunTimeout));
        Assert.Equal(Buyers, inspect.GetProperty("buyers").GetInt32());
        double n = Buyers;
        double myersonWelfare = n * (1 - Math.Pow(2, -(n + 1))) / (n + 1);
        double myersonRevenue = 2 * myersonWelfare - (1 - Math.Pow(2, -n)); // Π* = 0.671875
        AssertClose(0.5, inspect, "monopolyReserve");
        AssertClose(n / (n + 1), inspect, "optimalWelfare");
        AssertClose(myersonRevenue, inspect.GetProperty("revenueOptimal"), "revenue", "Π*");
        AssertClose(myersonWelfare - myersonRevenue, inspect.GetProperty("revenueOptimal"), "surplus", "U at the Myerson point");
        AssertClose(0.5, inspect.GetProperty("surplusOptimal"), "surplus", "U*");
        AssertClose(0, inspect.GetProperty("surplusOptimal"), "revenue", "Π at U*");
        AssertClose((n - 1) / (n + 1), inspect.GetProperty("secondPrice"), "revenue", "second-price revenue");

        // solve: one LP through the native OR-Tools library the package carries. Above the second-price auction the
        // frontier is the segment Π = 1 − 2U (slope λ = 2), so U ≥ 0.3 gives Π = 0.4; --plot draws with SkiaSharp's
        // native library, also from the package.
        string plots = Path.Combine(_temporary.Path, "plots");
        var solve = Json(ExternalProcess.RunOk(orsolver,
            ["solve", "--dist", "uniform(0,1)", "--buyers", "5", "--surplus", "0.3", "--format", "json", "--plot", "--out", plots],
            _temporary.Path, RunTimeout));
        Assert.Equal("optimal", solve.GetProperty("status").GetString());
        AssertClose(0.4, solve, "revenue");
        AssertClose(0.3, solve, "surplus");
        Assert.True(Tolerances.LambdaAgreement.Close(solve.GetProperty("lambda").GetDouble(), 2), $"λ = {solve.GetProperty("lambda")}, expected 2");
        Assert.True(solve.GetProperty("check").GetProperty("agrees").GetBoolean(), $"check failed: {solve.GetProperty("check")}");
        byte[] png = File.ReadAllBytes(Path.Combine(plots, "allocation.png"));
        Assert.True(png.Length > 8 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "allocation.png is not a PNG");

        // The scenario files travel with the tool: a model name works from any directory.
        var model = Json(ExternalProcess.RunOk(orsolver, ["inspect", "--model", "uniform", "--format", "json"], _temporary.Path, RunTimeout));
        Assert.Equal(Buyers, model.GetProperty("buyers").GetInt32());
        AssertClose(myersonRevenue, model.GetProperty("revenueOptimal"), "revenue", "Π* of models/uniform.json");
    }

    private static JsonElement Json(ProcessResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static void AssertClose(double expected, JsonElement element, string property, string? what = null)
    {
        double actual = element.GetProperty(property).GetDouble();
        Assert.True(Tolerances.ClosedForm.Close(actual, expected),
            string.Create(CultureInfo.InvariantCulture, $"{what ?? property}: expected {expected:R}, got {actual:R} (tolerance {Tolerances.ClosedForm})"));
    }

    public void Dispose() => _temporary.Dispose();
}
