using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Scenarios;
using OrSolver.Core.Tests.Distributions;

namespace OrSolver.Core.Tests.Scenarios;

/// <summary>A generated scenario file: its fields in document order (key, value as JSON text), or raw text when
/// <see cref="Raw"/> is set (not an object, malformed).</summary>
public sealed record ScenarioCase(IReadOnlyList<(string Key, string Value)> Fields, string? Raw)
{
    public string Json => Raw ?? "{" + string.Join(", ", Fields.Select(f => $"{JsonSerializer.Serialize(f.Key)}: {f.Value}")) + "}";

    public override string ToString() => Json;
}

/// <summary>Generators of scenario JSON: every field with values of every JSON type, missing, null, nested, repeated and
/// unknown fields, huge numbers, and text that is not a JSON object at all.</summary>
internal static class ScenarioGenerators
{
    private static readonly string[] UnknownKeys = ["grids", "Buyers", "", "distribution ", "λ", "a\nb", "unit", "seed", "\u200Bgrid"];

    private static readonly string[] Specs =
        ["uniform(0, 1)", "exponential(2)", "lomax(2)", "mixture(0.5*uniform(0, 1), 0.5*exponential(1))", "triangle(0, 1)", "", "pareto(1)", "uniform(0, 1", "beta(2, 0.01)"];

    private static readonly string[] Numbers =
        ["5", "1", "2", "0", "-1", "16", "15", "4000", "10000000", "10000001", "1e12", "1000000000000", "1e13", "2.5", "1e400", "-0", "1E2",
         "9223372036854775808", "2147483648", "2147483647", "4.0", "1e-400"];

    private static readonly Gen<string> AnyValue = Gen.Frequency(
        (3, Gen.Elements(Specs).Select(s => JsonSerializer.Serialize(s))),
        (4, Gen.Elements(Numbers)),
        (1, Gen.Elements("true", "false", "null", "[]", "[5]", "{}", "{\"buyers\": 5}", "[[[[[[]]]]]]", "\"5\"", "\"a\\nb\"")));

    /// <summary>Values that fit the field, most of the time, so that many cases load.</summary>
    private static Gen<string> ValueFor(string key) => key switch
    {
        "distribution" => Gen.Frequency((5, Gen.Elements(Specs[..4]).Select(s => JsonSerializer.Serialize(s))), (2, AnyValue)),
        "buyers" => Gen.Frequency((5, Gen.Choose(1, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (2, AnyValue)),
        "grid" => Gen.Frequency((5, Gen.Choose(16, 5000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (2, AnyValue)),
        "units" => Gen.Frequency((5, Gen.Choose(1, 5).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (2, AnyValue)),
        "description" => Gen.Frequency((5, Gen.Constant("\"a scenario\"")), (2, AnyValue)),
        _ => AnyValue,
    };

    private static readonly Gen<string> Key = Gen.Frequency(
        (12, Gen.Elements(Scenario.Fields.ToArray())),
        (1, Gen.Elements(UnknownKeys)));

    /// <summary>Usually the two required fields and some optional ones, each appearing once; sometimes any keys at all.</summary>
    private static readonly Gen<ScenarioCase> Object =
        from required in Gen.Elements(true, true, true, false)
        from count in Gen.Choose(0, 4)
        from extra in Gen.ListOf(Key, count)
        let keys = (required ? new[] { "distribution", "buyers" } : []).Concat(extra).ToArray()
        from order in Gen.Shuffle(keys)
        from values in Gen.CollectToArray(order, ValueFor)
        select new ScenarioCase(order.Zip(values).ToArray(), null);

    private static readonly Gen<ScenarioCase> Raw = Gen.Elements(
        "", "[]", "5", "\"x\"", "null", "{", "{\"distribution\": \"uniform(0, 1)\", \"buyers\": 5", "{\"buyers\": 5,}",
        "{/* c */ \"distribution\": \"uniform(0, 1)\", \"buyers\": 5}", "{\"distribution\": \"uniform(0, 1)\" \"buyers\": 5}",
        "\uFEFF{\"distribution\": \"uniform(0, 1)\", \"buyers\": 5}", new string('[', 5000), "{\"buyers\": 5, \"buyers\": 6, \"distribution\": \"lomax(2)\"}")
        .Select(text => new ScenarioCase([], text));

    public static readonly Gen<ScenarioCase> Case = Gen.Frequency((9, Object), (1, Raw));
}

/// <summary>Any scenario file loads into a valid scenario, or is refused in one line; an unknown or repeated field is
/// refused by name.</summary>
[Trait("Category", Fuzz.Category)]
[Collection(Fuzz.Collection)]
public sealed class ScenarioFuzzTests : IDisposable
{
    private readonly DataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Property(MaxTest = Fuzz.ParserCases, Replay = Fuzz.Seed, QuietOnSuccess = false)]
    public Property Any_scenario_file_loads_valid_or_is_refused_in_one_line()
        => Prop.ForAll(ScenarioGenerators.Case.ToArbitrary(), scenarioCase =>
        {
            string path = _folder.WriteCase("json", scenarioCase.Json);
            var scenario = Fuzz.ResultOrRefusal("scenario", () => Scenario.Load(path), out string? refusal);
            File.Delete(path);
            // The first field that is not one of Scenario.Fields, or that repeats an earlier one, must be named.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var offending = scenarioCase.Raw is null
                ? scenarioCase.Fields.Select(f => f.Key).FirstOrDefault(k => !Scenario.Fields.Contains(k) || !seen.Add(k))
                : null;
            if (offending is not null)
            {
                Assert.True(refusal is not null, $"accepted a scenario with the field \"{offending}\"");
                Assert.Contains($"\"{InputException.Excerpt(offending)}\"", refusal, StringComparison.Ordinal);
            }
            if (scenario is null) return true.Classify(false, "loaded");

            Assert.True(scenario.Buyers >= 1 && scenario.Buyers <= Market.MaximumBuyers, $"buyers {scenario.Buyers}");
            Assert.True(scenario.Grid is null or >= GridBuilder.MinimumSize and <= GridBuilder.MaximumSize, $"grid {scenario.Grid}");
            Assert.True(scenario.Units >= 1, $"units {scenario.Units}");
            Fuzz.AssertSane(scenario.Distribution, scenarioCase.Json);
            _ = new Market(scenario.Distribution, scenario.Buyers, scenario.Units);
            return true.Classify(true, "loaded");
        });
}
