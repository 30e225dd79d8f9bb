using System.Text.Json;
using OrSolver.Core.Discretisation;

namespace OrSolver.Core.Scenarios;

/// <summary>
/// What every scenario file's loader shares: reading the file as JSON (every problem an <see cref="InputException"/> naming
/// the file, with line and column for malformed JSON), refusing unknown and repeated fields, and reading typed fields.
/// </summary>
internal static class ScenarioFile
{
    /// <summary>The file parsed as JSON (comments and trailing commas allowed); the caller disposes it.</summary>
    public static JsonDocument Read(string path)
    {
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
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0.
            throw new InputException($"{shown}: malformed JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");
        }
    }

    /// <summary>The folder a scenario's relative data-file paths start from: the scenario's own.</summary>
    public static string? Folder(string path) => Path.GetDirectoryName(Path.GetFullPath(path));

    /// <summary>Refuses a field the loader does not read (a misspelt "grids" would silently be ignored) and a field given
    /// twice (JSON leaves open which one counts).</summary>
    public static void CheckFieldNames(JsonElement root, IReadOnlyList<string> fields, string shown)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string name = InputException.Excerpt(property.Name);
            if (!fields.Contains(property.Name, StringComparer.Ordinal))
                throw new InputException($"{shown}: unknown field \"{name}\"; valid fields: {string.Join(", ", fields)}");
            if (!seen.Add(property.Name)) throw new InputException($"{shown}: field \"{name}\" is given twice");
        }
    }

    public static string RequiredString(JsonElement root, string name, string shown)
    {
        if (!root.TryGetProperty(name, out var element)) throw new InputException($"{shown}: missing field \"{name}\"");
        return String(element, name, shown);
    }

    public static string String(JsonElement element, string name, string shown)
    {
        if (element.ValueKind != JsonValueKind.String) throw new InputException($"{shown}: field \"{name}\" must be a string");
        return element.GetString()!;
    }

    public static long RequiredInteger(JsonElement root, string name, string shown)
    {
        if (!root.TryGetProperty(name, out var element)) throw new InputException($"{shown}: missing field \"{name}\"");
        return Integer(element, name, shown);
    }

    public static long Integer(JsonElement element, string name, string shown)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value)) return value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double real) && real == Math.Floor(real) && Math.Abs(real) < 9e15)
            return (long)real;
        throw new InputException($"{shown}: field \"{name}\" must be an integer");
    }

    /// <summary>The optional "grid" field: null when absent, else an integer between <see cref="GridBuilder.MinimumSize"/>
    /// and <paramref name="maximum"/> (an <see cref="InputException"/> naming the file otherwise).</summary>
    public static int? OptionalGrid(JsonElement root, int maximum, string shown)
    {
        if (!root.TryGetProperty("grid", out var g)) return null;
        long size = Integer(g, "grid", shown);
        if (size < GridBuilder.MinimumSize || size > maximum)
            throw new InputException($"{shown}: grid must be between {GridBuilder.MinimumSize} and {maximum} (got {size})");
        return (int)size;
    }
}

