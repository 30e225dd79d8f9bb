using OrSolver.Core.Scenarios;
using OrSolver.Core.Tests.Distributions;

namespace OrSolver.Core.Tests.Scenarios;

/// <summary>Scenario files the loader must refuse by name; the first three were loaded silently before the fuzz suite
/// (<see cref="ScenarioFuzzTests"/>) required it.</summary>
public class ScenarioTests
{
    public static TheoryData<string, string> Refused() => new()
    {
        // content, fragment of the one-line message
        { """{ "distribution": "uniform(0, 1)", "buyers": 5, "grids": 500 }""", "unknown field \"grids\"; valid fields: description, distribution, buyers, grid, units" },
        { """{ "distribution": "uniform(0, 1)", "Buyers": 5, "buyers": 5 }""", "unknown field \"Buyers\"" },
        { """{ "distribution": "uniform(0, 1)", "buyers": 5, "buyers": 0 }""", "field \"buyers\" is given twice" },
        { """{ "distribution": "uniform(0, 1)", "buyers": 5, "description": 7 }""", "field \"description\" must be a string" },
        { """{ "distribution": "uniform(0, 1)", "buyers": 1e13 }""", "buyers must be between 1 and 1000000000000" },
        { """{ "distribution": "uniform(0, 1)", "buyers": 5, "a\nb": 1 }""", "unknown field \"a b\"" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_fields_are_refused_by_name_in_one_line(string content, string fragment)
    {
        using var folder = new DataFolder();
        string path = folder.Write("scenario.json", content);
        var error = Assert.Throws<InputException>(() => Scenario.Load(path));
        Assert.DoesNotMatch("[\r\n]", error.Message);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_the_loader_reads_is_allowed()
    {
        using var folder = new DataFolder();
        string path = folder.Write("full.json", """{ "description": "d", "distribution": "uniform(0, 1)", "buyers": 3, "grid": 100, "units": 2 }""");
        var scenario = Scenario.Load(path);
        Assert.Equal(("d", 3L, 100, 2), (scenario.Description, scenario.Buyers, scenario.Grid, scenario.Units));
    }

    [Fact]
    public void A_path_that_is_not_a_path_is_refused_in_one_line()
    {
        var error = Assert.Throws<InputException>(() => Scenario.Load("a\0b.json"));
        Assert.Contains("is not a valid file path", error.Message, StringComparison.Ordinal);
    }
}
