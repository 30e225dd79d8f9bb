namespace OrSolver.Cli.Tests;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrSolver.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"no directory containing OrSolver.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootDirectory.Value;

    public static string Models => Path.Combine(Root, "models");

    public static IReadOnlyList<string> ModelFiles
        => Directory.GetFiles(Models, "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>The scenario files of buyers of several classes (<c>models/classes/</c>).</summary>
    public static IReadOnlyList<string> ClassModelFiles
        => Directory.GetFiles(Path.Combine(Models, "classes"), "*.json").Order(StringComparer.Ordinal).ToList();
}

/// <summary>A fresh directory under the system's temporary directory, deleted on dispose. <see cref="Path"/>
/// itself is not created unless asked: a command's <c>--out</c> may point at it.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    private readonly string _parent;

    public TemporaryDirectory(bool create = true)
    {
        _parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orsolver-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_parent);
        Path = System.IO.Path.Combine(_parent, "out");
        if (create) Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Every entry of <see cref="Path"/> (hidden files included); empty when it does not exist.</summary>
    public IReadOnlyList<string> Entries
        => Directory.Exists(Path)
            ? Directory.GetFileSystemEntries(Path).Select(e => System.IO.Path.GetFileName(e)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Every entry of the parent too: a temporary file might land beside <see cref="Path"/>.</summary>
    public IReadOnlyList<string> ParentEntries
        => Directory.GetFileSystemEntries(_parent).Select(e => System.IO.Path.GetFileName(e)).Order(StringComparer.Ordinal).ToList();

    public string WriteFile(string name, string content)
    {
        string path = System.IO.Path.Combine(_parent, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
