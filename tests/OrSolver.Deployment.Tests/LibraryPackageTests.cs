using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrSolver.Cli.Tests;
using OrSolver.Core.Numerics;

namespace OrSolver.Deployment.Tests;

/// <summary>
/// The library package as a user gets it (README, "Install"): a new console project outside the repository references
/// OrSolver.Core from the packed folder, restores its dependencies from the NuGet source, builds and runs. Its program is
/// the example of the package's own README, taken from the package, so the README shown with the package is the code
/// that was run; its output is checked against method.md §14's closed forms for Uniform[0,1] and five buyers.
/// </summary>
[Collection(PackageFolder.Name)]
public sealed partial class LibraryPackageTests(PackedPackages packages) : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private readonly TemporaryDirectory _temporary = new();

    [Fact]
    public void The_package_carries_its_readme_xml_docs_and_dependencies()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(PackedPackages.LibraryId));
        var nuspec = Nuspec(package);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(PackedPackages.LibraryId, metadata.Element(ns + "id")?.Value);
        Assert.Equal(packages.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.NotNull(package.GetEntry("README.md"));

        // The XML documentation beside the assembly, with the members' doc comments in it.
        var docs = package.GetEntry("lib/net10.0/OrSolver.Core.xml");
        Assert.NotNull(docs);
        using (var reader = new StreamReader(docs.Open()))
            Assert.Contains("M:OrSolver.Core.Auctions.FrontierSolver.Solve(System.Double)", reader.ReadToEnd(), StringComparison.Ordinal);

        // Every package the library references is a NuGet dependency of the package, at the central version.
        var dependencies = metadata.Descendants(ns + "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value, StringComparer.Ordinal);
        var central = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => p.Attribute("Include")!.Value, p => p.Attribute("Version")!.Value, StringComparer.Ordinal);
        var referenced = XDocument.Load(Path.Combine(Repository.Root, "src", "OrSolver.Core", "OrSolver.Core.csproj"))
            .Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value).ToList();
        Assert.NotEmpty(referenced);
        Assert.Equal(referenced.Order(StringComparer.Ordinal), dependencies.Keys.Order(StringComparer.Ordinal));
        foreach (string id in referenced) Assert.Equal(central[id], dependencies[id]);
    }

    [Fact]
    public void A_new_project_builds_and_runs_the_package_readme_example()
    {
        string project = Path.Combine(_temporary.Path, "consumer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Program.cs"), ReadmeExample());
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedPackages.LibraryId}" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), NugetConfig());

        // Numbers print with the invariant culture whatever the machine's locale, so that they parse here.
        var run = ExternalProcess.RunOk("dotnet", ["run", "--project", Path.Combine(project, "Consumer.csproj")], project, BuildTimeout,
            new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });

        // Five buyers, Uniform[0,1] (method.md §14): Π* = 0.671875, U* = 1/2, OPT = 5/6, and Π = 1 − 2U = 0.4 at U = 0.3.
        AssertClose(0.671875, Number(run, RevenueOptimal()), "Π*", run);
        AssertClose(0.5, Number(run, SurplusOptimal()), "U*", run);
        AssertClose(5.0 / 6, Number(run, OptimalWelfare()), "OPT", run);
        var solved = SolvedPoint().Match(run.Stdout);
        Assert.True(solved.Success, $"no solved point in the output\n{run}");
        AssertClose(0.4, Parse(solved.Groups[1].Value), "Π at U ≥ 0.3", run);
        AssertClose(0.3, Parse(solved.Groups[2].Value), "U at U ≥ 0.3", run);
    }

    /// <summary>The C# block of the README inside the package.</summary>
    private string ReadmeExample()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(PackedPackages.LibraryId));
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
        var block = CSharpBlock().Match(reader.ReadToEnd());
        Assert.True(block.Success, "the package README has no ```csharp block");
        return block.Groups[1].Value;
    }

    /// <summary>
    /// The package folder as a source besides the user's (nuget.org or its mirror, for the dependencies), and a
    /// global packages folder of this test's own, so that the test package does not stay in the user's cache. The
    /// user's cache is a fallback folder: the dependencies already there (OR-Tools with its native libraries, hundreds
    /// of MB) are used in place, not copied; it cannot hold this run's OrSolver.Core, whose version is new.
    /// </summary>
    private string NugetConfig()
    {
        string userCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string fallback = Directory.Exists(userCache)
            ? $"""<fallbackPackageFolders><add key="user" value="{userCache}" /></fallbackPackageFolders>"""
            : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_temporary.Path, "nuget-packages")}" /></config>
              <packageSources><add key="orsolver-packed" value="{packages.Folder}" /></packageSources>
              {fallback}
            </configuration>
            """;
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.GetEntry(PackedPackages.LibraryId + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static double Number(ProcessResult run, Regex pattern)
    {
        var match = pattern.Match(run.Stdout);
        Assert.True(match.Success, $"no line matching {pattern} in the output\n{run}");
        return Parse(match.Groups[1].Value);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AssertClose(double expected, double actual, string what, ProcessResult run)
        => Assert.True(Tolerances.ClosedForm.Close(actual, expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (tolerance {Tolerances.ClosedForm})\n{run}"));

    private const string NumberPattern = @"([-+0-9.eE]+)";

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"revenue-optimal \(Myerson\): revenue " + NumberPattern)]
    private static partial Regex RevenueOptimal();

    [GeneratedRegex(@"surplus-optimal: surplus " + NumberPattern)]
    private static partial Regex SurplusOptimal();

    [GeneratedRegex(@"optimal welfare: " + NumberPattern)]
    private static partial Regex OptimalWelfare();

    [GeneratedRegex(@"surplus at least 0\.3: revenue " + NumberPattern + ", surplus " + NumberPattern)]
    private static partial Regex SolvedPoint();

    public void Dispose() => _temporary.Dispose();
}
