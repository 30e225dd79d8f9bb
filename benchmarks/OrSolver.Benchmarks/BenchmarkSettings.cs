using OrSolver.Core;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming.OrTools;

namespace OrSolver.Benchmarks;

/// <summary>
/// Sizes and repetitions of one benchmark run. <see cref="Full"/> is the full set of docs/performance.md (rows 1–9 at the stated sizes),
/// <see cref="Quick"/> the same rows at sizes that finish in under two minutes on two cores; tests use smaller ones.
/// </summary>
public sealed record BenchmarkSettings
{
    /// <summary>Whether this is the quick set (printed with the results).</summary>
    public bool IsQuick { get; init; }

    /// <summary>Repetitions, warm-up and time budget of an ordinary case.</summary>
    public Repeat Repeat { get; init; } = new(5, true, 10);

    /// <summary>Cases with a grid above this size run once, without warm-up (the smaller sizes of the same code path
    /// warmed it up): one cold LP at m = 5·10⁴ takes minutes.</summary>
    public int SlowGrid { get; init; } = 10_000;

    /// <summary>n for rows 1–4 and 6.</summary>
    public long Buyers { get; init; } = 5;

    /// <summary>Row 1: grid sizes of the one-LP comparison.</summary>
    public IReadOnlyList<int> LpGrids { get; init; } = [500, 2000, 10_000, 50_000];

    /// <summary>Row 1: the backends compared (all three ship in the Google.OrTools package).</summary>
    public IReadOnlyList<OrToolsBackend> Backends { get; init; } = [OrToolsBackend.Glop, OrToolsBackend.Clp, OrToolsBackend.Highs];

    /// <summary>Row 1: the distribution of the one-LP comparison.</summary>
    public string LpDistribution { get; init; } = "exponential(1)";

    /// <summary>Row 2: the distributions swept.</summary>
    public IReadOnlyList<string> SweepDistributions { get; init; } = ["uniform(0, 1)", "exponential(1)", "lomax(2)"];

    /// <summary>Row 2: grid size of the sweeps.</summary>
    public int SweepGrid { get; init; } = 2000;

    /// <summary>Row 2: points of a sweep, evenly spaced in U from the Myerson point to U*.</summary>
    public int SweepPoints { get; init; } = 100;

    /// <summary>Row 2: how many of the sweep's points the rebuild-every-time case solves (its time is scaled to
    /// <see cref="SweepPoints"/>; every rebuild is a cold solve of the same cost).</summary>
    public int RebuildPoints { get; init; } = 100;

    /// <summary>Row 3: grid size of the exact vertex list.</summary>
    public int VertexGrid { get; init; } = 10_000;

    /// <summary>Row 3: the distributions of the exact vertex list.</summary>
    public IReadOnlyList<string> VertexDistributions { get; init; } = ["uniform(0, 1)", "exponential(1)"];

    /// <summary>Row 4: grid size of the hull route alone.</summary>
    public int HullGrid { get; init; } = 1_000_000;

    /// <summary>Row 5: the large market size.</summary>
    public long LargeBuyers { get; init; } = 1_000_000_000;

    /// <summary>Row 5: the small market it is compared with.</summary>
    public long SmallBuyers { get; init; } = 10;

    /// <summary>Row 5: grid size (null: the default grid).</summary>
    public int? LargeMarketGrid { get; init; }

    /// <summary>Row 6: the grid sizes of the refinement table, each twice the one before.</summary>
    public IReadOnlyList<int> RefinementGrids { get; init; } = [1000, 2000, 4000, 8000, 16000];

    /// <summary>Row 6: the irregular mixture (bimodal, so R is not concave and the Myerson auction irons).</summary>
    public string IrregularMixture { get; init; } = "mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))";

    /// <summary>Row 7: the markets of several buyer classes swept.</summary>
    public IReadOnlyList<ClassMarketCase> ClassMarkets { get; init; } =
    [
        new("U[0,1]+U[0,2] 1+1", [(1, "uniform(0,1)"), (1, "uniform(0,2)")]),
        new("U[0,1]+U[0,2] 2+3", [(2, "uniform(0,1)"), (3, "uniform(0,2)")]),
        new("K=3 mix", [(1, "uniform(0,1)"), (2, "exponential(1)"), (1, "beta(2,5)")]),
        new("K=4 mix", [(1, "uniform(0,1)"), (2, "exponential(1)"), (1, "beta(2,5)"), (2, "uniform(0,2)")]),
        new("K=5 mix", [(1, "uniform(0,1)"), (2, "exponential(1)"), (1, "beta(2,5)"), (2, "uniform(0,2)"), (1, "exponential(2)")]),
    ];

    /// <summary>Row 7: the grid sizes per class.</summary>
    public IReadOnlyList<int> ClassGrids { get; init; } = [200, 500, 1000, 2000];

    /// <summary>Row 7: points of each sweep.</summary>
    public int ClassPoints { get; init; } = 21;

    /// <summary>Row 7: cases with more cells than this in all (K·m) are skipped: K ≥ 3 at m = 2000 takes 10 minutes to an
    /// hour per sweep (docs/performance.md, row 7), so the full run stops at K·m = 5000.</summary>
    public int ClassCellBudget { get; init; } = 5000;

    /// <summary>Row 7: cases with more cells than this in all run once, without warm-up.</summary>
    public int ClassSlowCells { get; init; } = 2000;

    /// <summary>Row 7: cases with at most this many cells in all also run the cut loop without seeds.</summary>
    public int ClassUnseededCells { get; init; } = 600;

    /// <summary>Row 8: the distributions of the cold LP against scipy.</summary>
    public IReadOnlyList<string> ScipyColdDistributions { get; init; } = ["uniform(0, 1)", "exponential(1)"];

    /// <summary>Rows 8 and 9: how to start this orsolver as a child process (the program and the arguments before the
    /// command's): by default the running one (`dotnet orsolver.dll` when started through the dotnet host).</summary>
    public IReadOnlyList<string> OrSolverCommand { get; init; } = ThisProgram();

    private static string[] ThisProgram()
    {
        string host = Environment.ProcessPath ?? "orsolver";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" && System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry
            ? [host, entry]
            : [host];
    }

    /// <summary>Row 9: how many bids the generated file has (rounded to cents: 10⁶ bids leave about 1.1·10⁵ distinct values).</summary>
    public int BidCount { get; init; } = 1_000_000;

    /// <summary>Row 8: the grid of the cold LP against scipy.</summary>
    public int ScipyColdGrid { get; init; } = 10_000;

    /// <summary>The clone the bench runs from (it holds benchmarks/scipy/border_lp.py): the first folder above the program
    /// with OrSolver.sln in it, else the current directory.</summary>
    public string RepositoryRoot { get; init; } = FindRepository();

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "OrSolver.sln"))) return folder.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>The full sizes (docs/performance.md); takes several minutes (a cold LP at m = 5·10⁴ alone takes minutes).</summary>
    public static BenchmarkSettings Full { get; } = new();

    /// <summary>The same rows at smaller sizes: under two minutes on two cores.</summary>
    public static BenchmarkSettings Quick { get; } = new()
    {
        IsQuick = true,
        Repeat = new Repeat(3, true, 3),
        LpGrids = [500, 2000],
        RebuildPoints = 5,
        VertexGrid = 2000,
        HullGrid = 200_000,
        RefinementGrids = [1000, 2000, 4000],
        ClassGrids = [100],
        ClassUnseededCells = 200,
        ScipyColdGrid = 2000,
        BidCount = 20_000,
    };

    /// <summary>The market of <paramref name="spec"/> with <see cref="Buyers"/> buyers.</summary>
    public Market Market(string spec) => new(DistributionSpec.Parse(spec), Buyers);

    /// <summary>The repetitions of a case on a grid of <paramref name="grid"/> cells.</summary>
    public Repeat RepeatFor(int grid) => grid > SlowGrid ? new Repeat(1, false, 0) : Repeat;
}
