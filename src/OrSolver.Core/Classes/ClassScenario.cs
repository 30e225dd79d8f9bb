using System.Text.Json;
using OrSolver.Core.Distributions;
using OrSolver.Core.Scenarios;

namespace OrSolver.Core.Classes;

/// <summary>
/// A scenario file for buyers of several classes: the classes and optionally the grid per class, e.g.
/// <c>{ "description": "...", "classes": [{ "distribution": "uniform(0, 1)", "buyers": 2 }, { "distribution": "uniform(0, 2)", "buyers": 1 }], "grid": 400 }</c>.
/// A relative data-file path inside a spec is taken from the file's folder. Validates itself on load.
/// </summary>
/// <param name="Name">The file's name without extension.</param>
/// <param name="Description">One line saying what the scenario is (optional in the file).</param>
/// <param name="Market">The market.</param>
/// <param name="Grid">Cells per class, or null for the default.</param>
public sealed record ClassScenario(string Name, string Description, ClassMarket Market, int? Grid)
{
    /// <summary>The field that marks a scenario file as one of several classes.</summary>
    public const string ClassesField = "classes";

    /// <summary>The fields a class scenario file may have; any other is an error.</summary>
    public static IReadOnlyList<string> Fields { get; } = Array.AsReadOnly(["description", ClassesField, "grid"]);

    /// <summary>The fields each entry of "classes" may have.</summary>
    public static IReadOnlyList<string> ClassFields { get; } = Array.AsReadOnly(["distribution", "buyers"]);

    /// <summary>Whether the file at <paramref name="path"/> is a JSON object with a "classes" field (read errors are left
    /// to the loader that is tried next).</summary>
    public static bool IsClassScenario(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(ClassesField, out _);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads and validates a class scenario file. Every problem (missing file, malformed JSON, a missing, mistyped,
    /// unknown or repeated field, a bad spec, buyer count or grid, too many classes) is an <see cref="InputException"/>
    /// naming the file.</summary>
    public static ClassScenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string shown = InputException.Excerpt(path, 200);
        using var document = ScenarioFile.Read(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{shown}: expected a JSON object");
        ScenarioFile.CheckFieldNames(root, Fields, shown);
        if (!root.TryGetProperty(ClassesField, out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InputException($"{shown}: \"{ClassesField}\" must be an array of {{\"distribution\": SPEC, \"buyers\": N}}");
        string description = root.TryGetProperty("description", out var d) ? ScenarioFile.String(d, "description", shown) : "";
        int? grid = ScenarioFile.OptionalGrid(root, ClassOptions.MaximumGrid, shown);
        string? folder = ScenarioFile.Folder(path);
        var classes = new List<BuyerClass>();
        int index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            index++;
            string where = $"{shown}: class {index}";
            if (entry.ValueKind != JsonValueKind.Object) throw new InputException($"{where}: expected {{\"distribution\": SPEC, \"buyers\": N}}");
            ScenarioFile.CheckFieldNames(entry, ClassFields, where);
            string spec = ScenarioFile.RequiredString(entry, "distribution", where);
            long buyers = ScenarioFile.RequiredInteger(entry, "buyers", where);
            try
            {
                classes.Add(new BuyerClass(DistributionSpec.Parse(spec, folder), buyers));
            }
            catch (InputException e)
            {
                throw new InputException($"{where}: {e.Message}", e);
            }
        }
        try
        {
            return new ClassScenario(Path.GetFileNameWithoutExtension(path), description, new ClassMarket(classes), grid);
        }
        catch (InputException e)
        {
            throw new InputException($"{shown}: {e.Message}", e);
        }
    }
}
