using System.Globalization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Distributions;
using OrSolver.Core.Scenarios;

namespace OrSolver.Core.Sweeps;

/// <summary>
/// One market of a sweep as its table gives it: a distribution spec or a scenario name, and optionally n, k, the grid
/// and surplus levels (empty fields take the defaults). A field that could not be read (a cell that is not a number) is
/// left null and <see cref="Problem"/> says why: the row then reports that error and the others go on.
/// </summary>
public sealed record SweepCase
{
    /// <summary>The row's place in the table: 1 for the first market. It keys the row in every output file.
    /// Range: ≥ 1.</summary>
    public int Row
    {
        get => _row;
        init => _row = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Row), value, "rows are numbered from 1");
    }

    private readonly int _row = 1;

    /// <summary>F as a spec (<see cref="DistributionSpec.Parse(string, string?)"/>), or null when the row names a model.</summary>
    public string? Distribution { get; init; }

    /// <summary>A scenario file or the name of one, or null when the row gives a distribution.</summary>
    public string? Model { get; init; }

    /// <summary>n, or null for the default (the model's, else 2).</summary>
    public long? Buyers { get; init; }

    /// <summary>k, or null for the default (the model's, else 1).</summary>
    public int? Units { get; init; }

    /// <summary>The grid's cells m before refinement, or null for the default (<see cref="SweepSettings.Grid"/>, else the
    /// model's, else <see cref="SweepSettings.DefaultGrid"/>).</summary>
    public int? Grid { get; init; }

    /// <summary>Surplus levels U₀ at which the row reports the frontier's revenue (max Π s.t. U ≥ U₀), in the order
    /// given; empty for none.</summary>
    public IReadOnlyList<double> Surplus { get; init; } = [];

    /// <summary>Why a field of the row could not be read, or null.</summary>
    public string? Problem { get; init; }

    /// <summary>The row's market with every default filled in, its distribution parsed and its model loaded.</summary>
    /// <param name="settings">The defaults and how models are found.</param>
    /// <param name="baseDirectory">Where a relative <c>file=</c> path of a spec is read from (the table's folder), or
    /// null for the current directory.</param>
    /// <exception cref="InputException">The row is bad: <see cref="Problem"/>, no distribution and no model or both, a bad
    /// spec, an unknown model, n, k or the grid out of range.</exception>
    public SweepMarket Resolve(SweepSettings settings, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Problem is not null) throw new InputException(Problem);
        bool hasDistribution = !string.IsNullOrWhiteSpace(Distribution), hasModel = !string.IsNullOrWhiteSpace(Model);
        if (hasDistribution && hasModel) throw new InputException("give a distribution or a model, not both");
        if (!hasDistribution && !hasModel) throw new InputException("the row names no distribution and no model");
        IValueDistribution distribution;
        long buyers;
        int units;
        int grid;
        if (hasModel)
        {
            var scenario = settings.LoadModel(Model!.Trim());
            distribution = scenario.Distribution;
            buyers = Buyers ?? scenario.Buyers;
            units = Units ?? scenario.Units;
            grid = Grid ?? settings.Grid ?? scenario.Grid ?? settings.DefaultGrid;
        }
        else
        {
            distribution = DistributionSpec.Parse(Distribution!, baseDirectory);
            buyers = Buyers ?? 2;
            units = Units ?? 1;
            grid = Grid ?? settings.Grid ?? settings.DefaultGrid;
        }
        SweepSettings.CheckGrid(grid);
        foreach (double u in Surplus)
            if (!double.IsFinite(u) || u < 0) throw new InputException($"a surplus level must be a finite number ≥ 0 (got {u.ToString(CultureInfo.InvariantCulture)})");
        var market = new Market(distribution, buyers, units);
        return new SweepMarket(Row, market, grid, Surplus, hasModel ? Model!.Trim() : "", settings.Verify);
    }

    /// <summary>The input columns of the row as written when it cannot be resolved: what the table gave.</summary>
    public SweepInput AsGiven(SweepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SweepInput((Model ?? "").Trim(), (Distribution ?? "").Trim(), Buyers, Units, Grid ?? settings.Grid, Surplus, settings.Verify);
    }
}

/// <summary>The defaults of a sweep's rows and how its models are found. Validates itself.</summary>
public sealed record SweepSettings
{
    /// <summary>The grid a sweep uses when neither the row, <see cref="Grid"/> nor the row's model names one: 1000 cells,
    /// a quarter of the other commands' default. A sweep is thousands of markets, and the bargaining solutions are refined
    /// locally anyway (three passes, each about 33-fold finer around the solutions' reserves and pooling ends).</summary>
    public const int StandardGrid = 1000;

    /// <summary>The grid for rows that name none, before a model's (the command line's <c>--grid</c>), or null. Range:
    /// as <see cref="DefaultGrid"/>.</summary>
    public int? Grid
    {
        get => _grid;
        init => _grid = value is null ? null : CheckGrid(value.Value);
    }

    private readonly int? _grid;

    /// <summary>The grid for rows whose market names none anywhere. Range: <see cref="GridBuilder.MinimumSize"/> to
    /// <see cref="GridBuilder.MaximumSize"/>.</summary>
    public int DefaultGrid
    {
        get => _defaultGrid;
        init => _defaultGrid = CheckGrid(value);
    }

    private readonly int _defaultGrid = StandardGrid;

    /// <summary>The grid sizes a sweep accepts; throws <see cref="InputException"/> for any other.</summary>
    internal static int CheckGrid(int grid) => grid is >= GridBuilder.MinimumSize and <= GridBuilder.MaximumSize
        ? grid
        : throw new InputException($"grid must be between {GridBuilder.MinimumSize} and {GridBuilder.MaximumSize} cells (got {grid})");

    /// <summary>How the bargaining solutions are checked.</summary>
    public SweepVerification Verify { get; init; } = SweepVerification.Hull;

    /// <summary>Loads the scenario a row names (a path, or a name the caller knows where to find). By default the name is
    /// taken as a path.</summary>
    public Func<string, Scenario> LoadModel { get; init; } = Scenario.Load;
}

/// <summary>A row's market with every default filled in.</summary>
/// <param name="Row">The row's place in the table (from 1).</param>
/// <param name="Market">F, n and k.</param>
/// <param name="Grid">m, the grid's cells before refinement.</param>
/// <param name="Surplus">The surplus levels U₀ to report the frontier's revenue at.</param>
/// <param name="Model">The scenario the row names, or "".</param>
/// <param name="Verify">How the bargaining solutions are checked.</param>
public sealed record SweepMarket(int Row, Market Market, int Grid, IReadOnlyList<double> Surplus, string Model, SweepVerification Verify)
{
    /// <summary>The row's input columns as the output writes them (the distribution as its canonical spec).</summary>
    public SweepInput Input => new(Model, Market.Distribution.Spec, Market.Buyers, Market.Units, Grid, Surplus, Verify);
}

/// <summary>How a sweep checks each market's bargaining solutions (the landmarks are checked by the hull route and the
/// asked surplus levels by the LP route either way).</summary>
public enum SweepVerification
{
    /// <summary>Each solution's mechanism re-evaluated from its auction rules against its hull point, and the point certified
    /// optimal for the LP by weak duality (<see cref="Auctions.BargainingAnalysis.Certify"/>; route certificate+hull+auction,
    /// method.md §5.8): no simplex, milliseconds a market.</summary>
    Hull,
    /// <summary>As <c>orsolver bargain</c>: an LP solved at each solution's U on the refined grid, against the hull and the
    /// re-evaluated mechanism, with strong duality (<see cref="Auctions.BargainingAnalysis.Run"/>; route lp+hull+auction):
    /// certifies optimality, and costs seconds a market on a refined grid of thousands of cells.</summary>
    Lp,
}

/// <summary>The names of <see cref="SweepVerification"/> as the command line and the files write them.</summary>
public static class SweepVerifications
{
    /// <summary>"hull" or "lp".</summary>
    public static string Name(SweepVerification verification) => verification == SweepVerification.Lp ? "lp" : "hull";

    /// <summary>Reads "hull" or "lp".</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static SweepVerification Parse(string text) => text switch
    {
        "hull" => SweepVerification.Hull,
        "lp" => SweepVerification.Lp,
        _ => throw new FormatException($"'{InputException.Excerpt(text ?? "", 40)}' is not hull or lp"),
    };
}
