using System.Text.Json;

namespace OrSolver.Cli.Tests;

/// <summary><c>--model</c>: a name in <c>models/</c> or a path; every scenario file of the repository loads.</summary>
public class ModelFileTests
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (string file in Repository.ModelFiles) data.Add(Path.GetFileName(file));
        return data;
    }

    private static long BuyersInFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        // A scenario of several classes has its buyers per class.
        return document.RootElement.TryGetProperty("classes", out var classes)
            ? classes.EnumerateArray().Sum(c => c.GetProperty("buyers").GetInt64())
            : document.RootElement.GetProperty("buyers").GetInt64();
    }

    [Fact]
    public void Repository_has_a_model_for_each_paper_example_and_experiment_distribution()
    {
        var names = Repository.ModelFiles.Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (string name in (string[])["uniform", "exponential", "equal-revenue", "pareto", "lomax", "triangular", "example42",
            "example42-n10", "example42-n1e6", "example42-n1e9", "appendix-e1", "appendix-e2", "lognormal", "gamma-half", "bimodal", "weibull",
            "beta", "lomax-heavy", "pareto-heavy", "exponential-mixture", "bids", "tabulated"])
            Assert.Contains(name, names);
    }

    /// <summary><c>orsolver models</c>: a header and one line per scenario file, each starting with its name.</summary>
    [Fact]
    public void Models_lists_every_scenario_one_line_each()
    {
        var files = Repository.ModelFiles.Concat(Repository.ClassModelFiles).ToList();
        var names = files.Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        var lines = Cli.RunOk("models").OutputLines;
        Assert.Equal(names.Count + 1, lines.Count);
        Assert.StartsWith("name ", lines[0], StringComparison.Ordinal);
        for (int i = 0; i < names.Count; i++) Assert.StartsWith(names[i] + " ", lines[i + 1], StringComparison.Ordinal);

        var json = Cli.RunJson("models", "--format", "json");
        Assert.Equal(names, json.EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToList());
        foreach (var model in json.EnumerateArray())
        {
            string file = files.Single(f => Path.GetFileNameWithoutExtension(f) == model.GetProperty("name").GetString());
            Assert.Equal(BuyersInFile(file), model.GetProperty("buyers").GetInt64());
            Assert.False(string.IsNullOrWhiteSpace(model.GetProperty("description").GetString()), $"{file}: description");
        }
        Assert.StartsWith("name,buyers,units,grid,distribution,description\n", Cli.RunOk("models", "--format", "csv").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_by_name()
    {
        var json = Cli.RunJson("inspect", "--model", "uniform", "--grid", "400", "--format", "json");
        InspectTests.AssertInspectShape(json);
        Assert.StartsWith("uniform(", json.GetProperty("distribution").GetString(), StringComparison.Ordinal);
        Assert.Equal(BuyersInFile(Path.Combine(Repository.Models, "uniform.json")), json.GetProperty("buyers").GetInt64());
    }

    [Fact]
    public void Model_by_path()
    {
        string path = Path.Combine(Repository.Models, "exponential.json");
        var json = Cli.RunJson("inspect", "--model", path, "--grid", "400", "--format", "json");
        InspectTests.AssertInspectShape(json);
        Assert.StartsWith("exponential(", json.GetProperty("distribution").GetString(), StringComparison.Ordinal);
        Assert.Equal(BuyersInFile(path), json.GetProperty("buyers").GetInt64());
        Assert.True(json.GetProperty("mhr").GetBoolean() && json.GetProperty("antiMhr").GetBoolean(), "exponential is MHR and anti-MHR");
    }

    [Fact]
    public void Buyers_option_overrides_the_model()
    {
        var json = Cli.RunJson("inspect", "--model", "uniform", "--buyers", "3", "--grid", "400", "--format", "json");
        Assert.Equal(3, json.GetProperty("buyers").GetInt64());
    }

    [Fact]
    public void Model_by_name_works_for_solve_and_frontier()
    {
        var solve = Cli.RunJson("solve", "--model", "uniform", "--surplus", "0.3", "--grid", "400", "--format", "json");
        Assert.Equal("optimal", solve.GetProperty("status").GetString());
        var frontier = Cli.RunOk("frontier", "--model", "exponential", "--points", "3", "--grid", "400", "--format", "csv");
        Assert.StartsWith("surplus,revenue,welfare,lambda,kind,reserve,gaps,extreme,solution,check,agrees,worstGap,failure\n", frontier.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_file_inspects_by_path(string file)
    {
        string path = Path.Combine(Repository.Models, file);
        var json = Cli.RunJson("inspect", "--model", path, "--grid", "400", "--format", "json");
        InspectTests.AssertInspectShape(json);
        Assert.Equal(BuyersInFile(path), json.GetProperty("buyers").GetInt64());
        foreach (string field in (string[])["mean", "monopolyReserve", "monopolyQuantile", "optimalWelfare"])
            Assert.True(double.IsFinite(Cli.Number(json, field)), $"{file}: {field} is finite");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_file_inspects_by_name(string file)
    {
        var json = Cli.RunJson("inspect", "--model", Path.GetFileNameWithoutExtension(file), "--grid", "400", "--format", "json");
        Assert.Equal(BuyersInFile(Path.Combine(Repository.Models, file)), json.GetProperty("buyers").GetInt64());
    }

    public static TheoryData<string> ClassModels => [.. Repository.ClassModelFiles.Select(f => Path.GetFileName(f))];

    /// <summary>Scenarios of several classes (<c>models/classes/</c>) inspect by name, on a coarse grid, with every landmark
    /// checked.</summary>
    [Theory]
    [MemberData(nameof(ClassModels))]
    public void Every_class_model_inspects_by_name(string file)
    {
        var json = Cli.RunJson("inspect", "--model", Path.GetFileNameWithoutExtension(file), "--grid", "40", "--format", "json");
        Assert.Equal(BuyersInFile(Path.Combine(Repository.Models, "classes", file)), json.GetProperty("buyers").GetInt64());
        foreach (string name in new[] { "revenueOptimal", "surplusOptimal", "secondPrice" })
            Assert.True(json.GetProperty(name).GetProperty("check").GetProperty("agrees").GetBoolean(), $"{file}: {name}");
    }
}
