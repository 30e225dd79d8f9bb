using System.Text.Json;
using OrSolver.Core.Distributions;
using OrSolver.Core.Grid;

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
    /// column, missing or mistyped field, bad spec) is an <see cref="InputException"/> naming the file.</summary>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({e.Message})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0.
            throw new InputException($"{path}: malformed JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{path}: expected a JSON object");
            string spec = RequiredString(root, "distribution", path);
            long buyers = RequiredInteger(root, "buyers", path);
            int? grid = null;
            if (root.TryGetProperty("grid", out var g))
            {
                long size = Integer(g, "grid", path);
                if (size < GridBuilder.MinimumSize || size > GridBuilder.MaximumSize)
                    throw new InputException($"{path}: grid must be between {GridBuilder.MinimumSize} and {GridBuilder.MaximumSize} (got {size})");
                grid = (int)size;
            }
            string description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            IValueDistribution distribution;
            try
            {
                // A data file named in a scenario is found next to the scenario, wherever it is run from.
                distribution = DistributionSpec.Parse(spec, Path.GetDirectoryName(Path.GetFullPath(path)));
            }
            catch (InputException e)
            {
                throw new InputException($"{path}: {e.Message}", e);
            }
            if (buyers < 1) throw new InputException($"{path}: buyers must be at least 1 (got {buyers})");
            long units = root.TryGetProperty("units", out var u) ? Integer(u, "units", path) : 1;
            if (units < 1 || units > int.MaxValue) throw new InputException($"{path}: units must be a positive integer (got {units})");
            return new Scenario(Path.GetFileNameWithoutExtension(path), description, distribution, buyers, grid) { Units = (int)units };
        }
    }

    private static string RequiredString(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var element)) throw new InputException($"{path}: missing field \"{name}\"");
        if (element.ValueKind != JsonValueKind.String) throw new InputException($"{path}: field \"{name}\" must be a string");
        return element.GetString()!;
    }

    private static long RequiredInteger(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var element)) throw new InputException($"{path}: missing field \"{name}\"");
        return Integer(element, name, path);
    }

    private static long Integer(JsonElement element, string name, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value)) return value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double real) && real == Math.Floor(real) && Math.Abs(real) < 9e15)
            return (long)real;
        throw new InputException($"{path}: field \"{name}\" must be an integer");
    }
}
