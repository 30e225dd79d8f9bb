using OrSolver.Core;
using ScottPlot;

namespace OrSolver.Plots;

/// <summary>
/// The fonts every OrSolver picture uses. ScottPlot renders text through SkiaSharp, which draws nothing where it finds no
/// font, so the DejaVu Sans faces (Debian's <c>fonts-dejavu-core</c>, installed by the README's set-up and by
/// <c>.ci/run</c>) are registered explicitly: the regular face for labels and ticks, the bold face for titles.
/// </summary>
public static class PlotFonts
{
    /// <summary>The family name every plot is drawn in.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>Environment variable naming a directory with <c>DejaVuSans.ttf</c> and <c>DejaVuSans-Bold.ttf</c>,
    /// searched before the system's font directories.</summary>
    public const string DirectoryVariable = "ORSOLVER_FONT_DIR";

    private static readonly string[] SearchDirectories =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        @"C:\Windows\Fonts",
    ];

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers the regular and bold DejaVu Sans faces with ScottPlot (once per process).</summary>
    /// <exception cref="InputException">Neither face can be found; the message says how to install them.</exception>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            string directory = Locate() ?? throw new InputException(
                $"plots need the DejaVu Sans fonts: install Debian's fonts-dejavu-core (sudo apt-get install fonts-dejavu-core) "
                + $"or set {DirectoryVariable} to a directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf");
            Fonts.AddFontFile(Family, Path.Combine(directory, "DejaVuSans.ttf"), bold: false, italic: false);
            Fonts.AddFontFile(Family, Path.Combine(directory, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
            Fonts.Default = Family;
            _registered = true;
        }
    }

    /// <summary>The first directory holding both faces, or null.</summary>
    public static string? Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } custom) candidates.Add(custom);
        candidates.AddRange(SearchDirectories);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "DejaVuSans.ttf")) && File.Exists(Path.Combine(d, "DejaVuSans-Bold.ttf")));
    }
}
