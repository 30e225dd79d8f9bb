using System.Text.Json;
using OrSolver.Core.Distributions;
using OrSolver.Core.Scenarios;

namespace OrSolver.Core.BilateralTrade;

/// <summary>
/// A bilateral-trade scenario file: the buyer's value distribution, the seller's cost distribution and optionally the
/// grid per side, e.g. <c>{ "description": "...", "buyer": "uniform(0, 1)", "seller": "exponential(2)", "grid": 150 }</c>.
/// A relative data-file path inside a spec is taken from the file's folder. Validates itself on load.
/// </summary>
/// <param name="Name">The file's name without extension.</param>
/// <param name="Description">One line saying what the scenario is (optional in the file).</param>
/// <param name="Market">The market.</param>
/// <param name="Grid">Cells per side, or null for the default.</param>
public sealed record TradeScenario(string Name, string Description, TradeMarket Market, int? Grid)
{
    /// <summary>The fields a trade scenario file may have; any other is an error.</summary>
    public static IReadOnlyList<string> Fields { get; } = Array.AsReadOnly(["description", "buyer", "seller", "grid"]);

    /// <summary>Reads and validates a trade scenario file. Every problem (missing file, malformed JSON, a missing,
    /// mistyped, unknown or repeated field, a bad spec or grid) is an <see cref="InputException"/> naming the file.</summary>
    public static TradeScenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shown = InputException.Excerpt(path, 200);
        using var document = ScenarioFile.Read(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{shown}: expected a JSON object");
        ScenarioFile.CheckFieldNames(root, Fields, shown);
        string buyer = ScenarioFile.RequiredString(root, "buyer", shown);
        string seller = ScenarioFile.RequiredString(root, "seller", shown);
        string description = root.TryGetProperty("description", out var d) ? ScenarioFile.String(d, "description", shown) : "";
        int? grid = ScenarioFile.OptionalGrid(root, TradeOptions.MaximumGrid, shown);
        try
        {
            string? folder = ScenarioFile.Folder(path);
            var market = new TradeMarket(DistributionSpec.Parse(buyer, folder), DistributionSpec.Parse(seller, folder));
            return new TradeScenario(Path.GetFileNameWithoutExtension(path), description, market, grid);
        }
        catch (InputException e)
        {
            throw new InputException($"{shown}: {e.Message}", e);
        }
    }
}
