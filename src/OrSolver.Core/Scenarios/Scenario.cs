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
        string text;
        try
        {
            // A device such as /dev/zero reports length 0 and never ends: refuse it with the empty files, unread.
            if (File.Exists(path) && new FileInfo(path).Length == 0)
                throw new InputException($"{shown}: malformed JSON at line 1, column 1 (the file is empty, or not a regular file)");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{shown}: no such file");
        }
        catch (ArgumentException)
        {
            throw new InputException($"'{shown}' is not a valid file path");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{shown}: cannot read ({InputException.Excerpt(e.Message, 200)})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0.
            throw new InputException($"{shown}: malformed JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{shown}: expected a JSON object");
            CheckFieldNames(root, shown);
            string spec = RequiredString(root, DistributionField, shown);
            long buyers = RequiredInteger(root, BuyersField, shown);
            int? grid = null;
            if (root.TryGetProperty(GridField, out var g))
            {
                long size = Integer(g, GridField, shown);
                if (size < GridBuilder.MinimumSize || size > GridBuilder.MaximumSize)
                    throw new InputException($"{shown}: grid must be between {GridBuilder.MinimumSize} and {GridBuilder.MaximumSize} (got {size})");
                grid = (int)size;
            }
            string description = root.TryGetProperty(DescriptionField, out var d) ? String(d, DescriptionField, shown) : "";
            IValueDistribution distribution;
            try
            {
                // A data file named in a scenario is found next to the scenario, wherever it is run from.
                distribution = DistributionSpec.Parse(spec, Path.GetDirectoryName(Path.GetFullPath(path)));
            }
            catch (InputException e)
            {
                throw new InputException($"{shown}: {e.Message}", e);
            }
            if (buyers < 1 || buyers > Market.MaximumBuyers)
                throw new InputException($"{shown}: buyers must be between 1 and {Market.MaximumBuyers} (got {buyers})");
            long units = root.TryGetProperty(UnitsField, out var u) ? Integer(u, UnitsField, shown) : 1;
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

    /// <summary>Refuses a field the loader does not read (a misspelt "grids" would silently be ignored) and a field given
    /// twice (JSON leaves open which one counts).</summary>
    private static void CheckFieldNames(JsonElement root, string shown)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string name = InputException.Excerpt(property.Name);
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                throw new InputException($"{shown}: unknown field \"{name}\"; valid fields: {string.Join(", ", Fields)}");
            if (!seen.Add(property.Name)) throw new InputException($"{shown}: field \"{name}\" is given twice");
        }
    }

    private static string RequiredString(JsonElement root, string name, string shown)
    {
        if (!root.TryGetProperty(name, out var element)) throw new InputException($"{shown}: missing field \"{name}\"");
        return String(element, name, shown);
    }

    private static string String(JsonElement element, string name, string shown)
    {
        if (element.ValueKind != JsonValueKind.String) throw new InputException($"{shown}: field \"{name}\" must be a string");
        return element.GetString()!;
    }

    private static long RequiredInteger(JsonElement root, string name, string shown)
    {
        if (!root.TryGetProperty(name, out var element)) throw new InputException($"{shown}: missing field \"{name}\"");
        return Integer(element, name, shown);
    }

    private static long Integer(JsonElement element, string name, string shown)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value)) return value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double real) && real == Math.Floor(real) && Math.Abs(real) < 9e15)
            return (long)real;
        throw new InputException($"{shown}: field \"{name}\" must be an integer");
    }
}
