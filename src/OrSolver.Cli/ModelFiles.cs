using OrSolver.Core;

namespace OrSolver.Cli;

/// <summary>Finds scenario files: a path as given, or a name in <c>models/</c> or <c>models/classes/</c> (the working
/// directory's, else the copy shipped next to the executable).</summary>
internal static class ModelFiles
{
    public static string Find(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return nameOrPath;
        bool looksLikePath = nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal)
            || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (!looksLikePath)
        {
            // Scenarios of several classes live in models/classes/.
            foreach (string directory in Directories())
            {
                foreach (string candidate in new[] { Path.Combine(directory, nameOrPath + ".json"), Path.Combine(directory, "classes", nameOrPath + ".json") })
                    if (File.Exists(candidate)) return candidate;
            }
            throw new InputException($"no model named \"{InputException.Excerpt(nameOrPath)}\" in models/ or models/classes/");
        }
        throw new InputException($"{InputException.Excerpt(nameOrPath, 200)}: no such file");
    }

    public static IEnumerable<string> Directories()
    {
        string local = Path.Combine(Directory.GetCurrentDirectory(), "models");
        if (Directory.Exists(local)) yield return local;
        string shipped = Path.Combine(AppContext.BaseDirectory, "models");
        if (Directory.Exists(shipped)) yield return shipped;
    }
}
