using System.Reflection;
using OrSolver.Cli.Tests;
using OrSolver.Core;

namespace OrSolver.Deployment.Tests;

/// <summary>
/// The two packages of the repository (README, "Install"), packed once for the tests that use them: <c>dotnet pack</c>
/// of src/OrSolver.Core and src/OrSolver.Cli into a temporary folder, from the build this test assembly was built with
/// (its project references both, so that build is current; <c>--no-build</c> only assembles the packages). The tool's
/// publish step writes into the temporary folder too, not into the repository.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    /// <summary>The tool's package id (<c>dotnet tool install OrSolver.Cli</c>) and the library's.</summary>
    public const string ToolId = "OrSolver.Cli";

    public const string LibraryId = "OrSolver.Core";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    private readonly TemporaryDirectory _temporary = new();

    public PackedPackages()
    {
        // The version every project is built with (Directory.Build.props), as the library assembly states it (its
        // informational form carries "+commit"), with a pre-release suffix of this run: NuGet caches packages by id and
        // version, so a package of the plain version installed earlier (README, "Install") can never stand in for
        // this build's.
        string informational = typeof(Market).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Version = $"{informational.Split('+')[0]}-test{Guid.NewGuid():N}";
        Folder = Path.Combine(_temporary.Path, "packages");
        string publish = Path.Combine(_temporary.Path, "publish") + Path.DirectorySeparatorChar;
        var started = DateTime.UtcNow;
        foreach (string project in (string[])["src/OrSolver.Core/OrSolver.Core.csproj", "src/OrSolver.Cli/OrSolver.Cli.csproj"])
        {
            ExternalProcess.RunOk("dotnet",
                ["pack", Path.Combine(Repository.Root, project), "-c", ExternalProcess.Configuration, "--no-build",
                 "-o", Folder, "-p:PackageVersion=" + Version, "-p:PublishDir=" + publish],
                _temporary.Path, PackTimeout);
        }
        PackSeconds = (DateTime.UtcNow - started).TotalSeconds;
        // The tool's publish copy is not needed once it is in the package.
        Directory.Delete(publish, recursive: true);
    }

    /// <summary>The local package folder (<c>--add-source</c>).</summary>
    public string Folder { get; }

    /// <summary>The packages' version: the repository's, with a pre-release suffix unique to this run.</summary>
    public string Version { get; }

    /// <summary>How long the two packs took (reported, not asserted).</summary>
    public double PackSeconds { get; }

    /// <summary>The path of package <paramref name="id"/> in <see cref="Folder"/>.</summary>
    public string PackagePath(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public void Dispose() => _temporary.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PackageFolder : ICollectionFixture<PackedPackages>
{
    public const string Name = "packages";
}
