using System.Text.Json;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;

namespace OrSolver.Core.Scenarios;

/// <summary>
/// A scenario file of <c>models/</c>: a distribution spec, the number of buyers and optionally the grid size,
/// e.g. <c>{ "distribution": "uniform(0, 1)", "buyers": 5, "grid": 4000 }</c>. Validates itself on load.
/// </summary>
/// <param name="Name">The file's name without extension.</param>
/// <param name="Description">One line saying what the scenario is (optional in the file).</param>
/// <param name="Distribution">The parsed distribution.</param>
/// <param name="Buyers">n. Range: ≥ 1.</param>
/// <param name="Grid">The grid size m, or null for the default.</param>
public sealed record Scenario(string Name, string Description, IValueDistribution Distribution, long Buyers, int? Grid)
{
    /// <summary>k, identical units for sale (the optional "units" field; 1 when absent). Range: ≥ 1.</summary>
    public int Units { get; init; } = 1;

    /// <summary>Reads and validates a scenario file. Every problem (missing file, malformed JSON with line and
    /// column, a missing, mistyped, unknown or repeated field, bad spec) is an <see cref="InputException"/> naming the file.</summary>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shown = InputException.Excerpt(path, 200);
        var document = ScenarioFile.Read(path);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{shown}: expected a JSON object");
            ScenarioFile.CheckFieldNames(root, Fields, shown);
            string spec = ScenarioFile.RequiredString(root, DistributionField, shown);
            long buyers = ScenarioFile.RequiredInteger(root, BuyersField, shown);
            int? grid = ScenarioFile.OptionalGrid(root, GridBuilder.MaximumSize, shown);
            string description = root.TryGetProperty(DescriptionField, out var d) ? ScenarioFile.String(d, DescriptionField, shown) : "";
            IValueDistribution distribution;
            try
            {
                // A data file named in a scenario is found next to the scenario, wherever it is run from.
                distribution = DistributionSpec.Parse(spec, ScenarioFile.Folder(path));
            }
            catch (InputException e)
            {
                throw new InputException($"{shown}: {e.Message}", e);
            }
            if (buyers < 1 || buyers > Market.MaximumBuyers)
                throw new InputException($"{shown}: buyers must be between 1 and {Market.MaximumBuyers} (got {buyers})");
            long units = root.TryGetProperty(UnitsField, out var u) ? ScenarioFile.Integer(u, UnitsField, shown) : 1;
            if (units < 1 || units > int.MaxValue) throw new InputException($"{shown}: units must be a positive integer (got {units})");
            return new Scenario(Path.GetFileNameWithoutExtension(path), description, distribution, buyers, grid) { Units = (int)units };
        }
    }

    /// <summary>The fields a scenario file may have, in the order the README lists them; any other is an error.</summary>
    public static IReadOnlyList<string> Fields { get; } = Array.AsReadOnly([DescriptionField, DistributionField, BuyersField, GridField, UnitsField]);

    private const string DescriptionField = "description";
    private const string DistributionField = "distribution";
    private const string BuyersField = "buyers";
    private const string GridField = "grid";
    private const string UnitsField = "units";
}
