using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.Classes;

/// <summary>What <see cref="ClassAnalysis.Run"/> computes. Validates itself.</summary>
public sealed record ClassOptions
{
    /// <summary>Default cells per class. The grid's values converge at second order (method.md §3.6): at 400 cells the
    /// Myerson revenue of U[0,1] against U[0,2] is within 1e-5 of its quadrature, and a cutting-plane solve stays quick.</summary>
    public const int DefaultGrid = 400;

    /// <summary>The most cells per class accepted.</summary>
    public const int MaximumGrid = 2000;

    /// <summary>Cells per class (before each grid's forced points). Range: 16..<see cref="MaximumGrid"/>.</summary>
    public int Grid
    {
        get => _grid;
        init => _grid = value is >= Discretisation.GridBuilder.MinimumSize and <= MaximumGrid
            ? value
            : throw new InputException($"the grid per class must be between {Discretisation.GridBuilder.MinimumSize} and {MaximumGrid} cells (got {value})");
    }

    private readonly int _grid = DefaultGrid;

    /// <summary>Points of the LP sweep, evenly spaced in U from the Myerson point to U*. Range: 2..1000.</summary>
    public int Points
    {
        get => _points;
        init => _points = value is >= 2 and <= 1000 ? value : throw new InputException($"a frontier needs between 2 and 1000 points (got {value})");
    }

    private readonly int _points = 11;

    /// <summary>Whether to run the LP sweep (the landmarks are solved by the LP either way).</summary>
    public bool Sweep { get; init; } = true;

    /// <summary>Whether to check every vertex of the exact frontier by re-evaluating its mechanism.</summary>
    public bool CheckVertices { get; init; } = true;
}

/// <summary>
/// The verified analysis of a market of several classes (method.md §13.2): the exact grid frontier by the Lagrangian route as
/// a <see cref="ParetoFrontier{TMechanism}"/>, its landmarks (the Myerson point, the efficient second-price auction, U*),
/// the Kalai–Smorodinsky and cross-side Nash solutions, and an LP sweep; every LP point is certified against Border and
/// checked by the route <see cref="ClassCheckRoutes.LpLagrangianAuction"/>, every vertex by
/// <see cref="ClassCheckRoutes.LagrangianAuction"/>. Nothing it returns is unchecked; <see cref="Failures"/> lists what
/// did not pass.
/// </summary>
public sealed class ClassAnalysis
{
    private ClassAnalysis(ClassProblem problem, ParetoFrontier<ClassMechanism> frontier, IReadOnlyList<CheckedPoint<ClassMechanism>> landmarks,
        IReadOnlyList<CheckedPoint<ClassMechanism>> samples, IReadOnlyList<CheckedPoint<ClassMechanism>> vertices, IReadOnlyList<ClassSolve> solves)
    {
        Problem = problem;
        Frontier = frontier;
        Landmarks = landmarks;
        Samples = samples;
        Vertices = vertices;
        Solves = solves;
    }

    /// <summary>The market on its grids, with Π*, U* and OPT.</summary>
    public ClassProblem Problem { get; }

    /// <summary>The exact grid frontier, from the Myerson point to U*.</summary>
    public ParetoFrontier<ClassMechanism> Frontier { get; }

    /// <summary>The Myerson point, the efficient second-price auction (λ = 1), U*, the KS and cross-side Nash solutions, each
    /// solved by the LP at its U and checked, and the Nash solution Π·∏_c u_c^{n_c} (<see cref="NashPoint"/>).</summary>
    public IReadOnlyList<CheckedPoint<ClassMechanism>> Landmarks { get; }

    /// <summary>The LP sweep's points, in increasing U (empty unless asked for).</summary>
    public IReadOnlyList<CheckedPoint<ClassMechanism>> Samples { get; }

    /// <summary>Every vertex of the exact frontier, its mechanism re-evaluated (empty unless asked for).</summary>
    public IReadOnlyList<CheckedPoint<ClassMechanism>> Vertices { get; }

    /// <summary>The LP solves behind <see cref="Landmarks"/> and <see cref="Samples"/>, in that order: cuts, rounds and the
    /// Border certificate of each.</summary>
    public IReadOnlyList<ClassSolve> Solves { get; }

    /// <summary>The landmark with this role.</summary>
    public CheckedPoint<ClassMechanism> Landmark(PointRole role) => Landmarks.First(p => p.Role == role);

    /// <summary>Every reported point.</summary>
    public IEnumerable<CheckedPoint<ClassMechanism>> All => Landmarks.Concat(Samples).Concat(Vertices);

    /// <summary>The points whose check failed.</summary>
    public IReadOnlyList<CheckedPoint<ClassMechanism>> Failures => [.. All.Where(p => !p.Check.Agrees)];

    /// <summary>W / OPT of a point.</summary>
    public double WelfareRatio(CheckedPoint<ClassMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Welfare / Problem.OptimalWelfare;
    }

    /// <summary>The exact grid frontier of a problem, each vertex's mechanism built when first asked for.</summary>
    public static ParetoFrontier<ClassMechanism> ExactFrontier(ClassProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var vertices = ClassVertices.ComputeWithOptima(problem);
        var grids = problem.Grids;
        var pareto = new ParetoVertex<ClassMechanism>[vertices.Count];
        for (int i = 0; i < vertices.Count; i++)
        {
            // The mechanism of the Lagrangian optimum the search found the vertex at: it attains exactly the vertex's Π and U.
            var (vertex, lambda, side) = vertices[i];
            pareto[i] = new ParetoVertex<ClassMechanism>(vertex.Surplus, vertex.Revenue, vertex.Lambda,
                new Lazy<ClassMechanism>(() => ClassMechanism.FromLagrangian(grids, lambda, side)));
        }
        return ParetoFrontier.FromVertices(pareto, problem.OptimalWelfare, ClassMechanism.Randomize, Tolerances.SolverAgreement.Relative);
    }

    /// <summary>Computes and verifies the frontier of <paramref name="market"/>; <paramref name="progress"/> hears of each LP
    /// point as it is done (landmarks first, then the sweep).</summary>
    public static ClassAnalysis Run(ClassMarket market, ClassOptions options, ILinearSolver solver, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(solver);
        var problem = new ClassProblem(market, options.Grid);
        var frontier = ExactFrontier(problem);
        var levels = LandmarkLevels(problem).ToList();
        levels.Add((PointRole.KalaiSmorodinsky, ParetoBargaining.KalaiSmorodinsky(frontier).Surplus, null));
        levels.Add((PointRole.CrossSideNash, ParetoBargaining.CrossSideNash(frontier).Surplus, null));
        var sweep = options.Sweep ? FrontierSolver.Levels(problem.MyersonSurplus, problem.OptimalSurplus, options.Points) : [];
        using var lp = new ClassFrontierSolver(problem, solver);
        var solves = new List<ClassSolve>();
        int done = 0;
        CheckedPoint<ClassMechanism> Solve(PointRole role, double surplus, ClassMechanism? mechanism)
        {
            var solve = lp.Solve(surplus);
            solves.Add(solve);
            progress?.Report(++done);
            return CheckSolve(problem, frontier, role, solve, mechanism);
        }
        var landmarks = levels.Select(l => Solve(l.Role, l.Surplus, l.Mechanism)).ToList();
        landmarks.Add(NashPoint(problem, ClassNash.Solve(problem, solver)));
        progress?.Report(++done);
        var samples = sweep.Select(u => Solve(PointRole.Sample, u, null)).ToList();
        var vertices = options.CheckVertices
            ? frontier.Vertices!.Select(v => CheckVertex(problem, v)).ToList()
            : [];
        return new ClassAnalysis(problem, frontier, landmarks, samples, vertices, solves);
    }

    /// <summary><paramref name="count"/> points of the exact frontier evenly spaced in U from the Myerson point to U*, each with
    /// its mechanism re-evaluated from its rules (route <see cref="ClassCheckRoutes.LagrangianAuction"/>): the frontier
    /// without the LP.</summary>
    public static IReadOnlyList<CheckedPoint<ClassMechanism>> FrontierSamples(ClassProblem problem, ParetoFrontier<ClassMechanism> frontier, int count)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(frontier);
        return [.. FrontierSolver.Levels(frontier.First.Surplus, frontier.Last.Surplus, count).Select(u =>
        {
            var point = frontier.At(u);
            var mechanism = frontier.MechanismOf(point);
            var check = ClassDualityChecker.CheckMechanism(problem, mechanism, point.Revenue, point.Surplus, point.Lambda);
            return new CheckedPoint<ClassMechanism>(PointRole.Sample, point.Surplus, point.Revenue, point.Lambda, mechanism, check);
        })];
    }

    /// <summary>The Myerson point, the efficient second-price auction and U*, each solved by the LP at its U and checked against
    /// its own mechanism re-evaluated from its rules (the frontier itself is not needed).</summary>
    public static IReadOnlyList<CheckedPoint<ClassMechanism>> CheckLandmarks(ClassProblem problem, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solver);
        using var lp = new ClassFrontierSolver(problem, solver);
        return [.. LandmarkLevels(problem).Select(l => CheckSolve(problem, null, l.Role, lp.Solve(l.Surplus), l.Mechanism))];
    }

    /// <summary>The landmarks of the Lagrangian route, each with its own mechanism: λ = 0 with the most surplus (Myerson),
    /// λ = 1 (the item to the highest value) and λ = ∞ (U*, then the most revenue).</summary>
    private static IEnumerable<(PointRole Role, double Surplus, ClassMechanism? Mechanism)> LandmarkLevels(ClassProblem problem)
    {
        var grids = problem.Grids;
        yield return (PointRole.RevenueOptimal, problem.MyersonSurplus, ClassMechanism.FromLagrangian(grids, 0, TieSide.MostSurplus));
        yield return (AuctionPoints.SecondPrice, problem.Efficient.Surplus, ClassMechanism.FromLagrangian(grids, 1, TieSide.MostSurplus));
        yield return (PointRole.SurplusOptimal, problem.OptimalSurplus, ClassMechanism.FromLagrangian(grids, double.PositiveInfinity, TieSide.MostSurplus));
    }

    /// <summary>
    /// The Nash solution Π·∏_c u_c^{n_c} (<see cref="ClassNash"/>) as a reported point: checked by the Lagrangian route with
    /// one weight per class (<see cref="ClassNashChecker"/>), with its mechanism — the per-class Lagrangian optimum at
    /// λ_c = Π·n_c/U_c, or the randomisation of its two tie ends that gives the point's Π — re-evaluated from its rules,
    /// every class's surplus included; without a mechanism when neither does attain it. Its λ is NaN: it need not lie on
    /// the (Π, U) frontier.
    /// </summary>
    public static CheckedPoint<ClassMechanism> NashPoint(ClassProblem problem, ClassNashSolve solve)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solve);
        var check = ClassNashChecker.Check(problem, solve);
        if (solve.Allocation is not { } allocation || !check.Agrees)
            return new CheckedPoint<ClassMechanism>(PointRole.Nash, solve.Surplus, solve.Allocation is null ? double.NaN : solve.Revenue, double.NaN, null, check);
        double revenue = allocation.Revenue;
        var lambdas = ClassNashChecker.Weights(allocation);
        var most = ClassMechanism.FromLagrangian(problem.Grids, lambdas, TieSide.MostSurplus);
        var least = ClassMechanism.FromLagrangian(problem.Grids, lambdas, TieSide.LeastSurplus);
        double a = most.Evaluate().Revenue, b = least.Evaluate().Revenue;
        double nu = Math.Abs(a - b) > Tolerances.Rounding.AtScale(problem.OptimalWelfare).Absolute ? Math.Clamp((revenue - b) / (a - b), 0, 1) : 1;
        var mechanism = nu >= 1 ? most : nu <= 0 ? least : ClassMechanism.Randomize(most, least, nu);
        var rules = ClassDualityChecker.CheckMechanism(problem, mechanism, revenue, allocation.Surplus, double.NaN, [.. allocation.Classes.Select(x => x.Surplus)]);
        // Where the optimum at λ is a face of more than one dimension (several classes tie, or a class pools all its values),
        // the point needs a tie-breaking between classes that neither end gives: it is reported with its own check and no
        // mechanism rather than with one that does not attain it.
        return rules.Agrees
            ? new CheckedPoint<ClassMechanism>(PointRole.Nash, allocation.Surplus, revenue, double.NaN, mechanism,
                check.Combine(rules) with { Route = ClassCheckRoutes.LpLagrangianPerClassAuction })
            : new CheckedPoint<ClassMechanism>(PointRole.Nash, allocation.Surplus, revenue, double.NaN, null, check);
    }

    /// <summary>An LP point with its check: the LP against the Lagrangian route (<see cref="ClassDualityChecker.Check"/>) and
    /// against a mechanism re-evaluated from its rules: <paramref name="mechanism"/> when given, else the frontier's at the
    /// LP's U (then <paramref name="frontier"/> is required).</summary>
    public static CheckedPoint<ClassMechanism> CheckSolve(ClassProblem problem, ParetoFrontier<ClassMechanism>? frontier, PointRole role, ClassSolve solve,
        ClassMechanism? mechanism = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solve);
        if (mechanism is null && frontier is null) throw new ArgumentException("without a mechanism the frontier is needed to find one", nameof(frontier));
        if (solve.Status != SolveStatus.Optimal || solve.Allocation is not { } allocation)
            return new CheckedPoint<ClassMechanism>(role, solve.SurplusFloor, double.NaN, double.NaN, null,
                PointCheck.NotSolved(ClassCheckRoutes.LpLagrangianAuction, solve.Note ?? $"the LP returned {solve.Status}"));
        var duality = ClassDualityChecker.Check(problem, solve);
        double lambda = duality.LambdaHull;
        if (mechanism is null)
        {
            var point = frontier!.At(allocation.Surplus);
            mechanism = frontier.MechanismOf(point);
            lambda = point.Lambda;
        }
        var rules = ClassDualityChecker.CheckMechanism(problem, mechanism, allocation.Revenue, allocation.Surplus, lambda);
        var check = duality.Combine(rules) with { Route = ClassCheckRoutes.LpLagrangianAuction, LambdaHull = lambda };
        return new CheckedPoint<ClassMechanism>(role, allocation.Surplus, allocation.Revenue, lambda, mechanism, check);
    }

    private static CheckedPoint<ClassMechanism> CheckVertex(ClassProblem problem, ParetoVertex<ClassMechanism> vertex)
    {
        var check = ClassDualityChecker.CheckMechanism(problem, vertex.Mechanism.Value, vertex.Revenue, vertex.Surplus, vertex.Lambda);
        return new CheckedPoint<ClassMechanism>(PointRole.Vertex, vertex.Surplus, vertex.Revenue, vertex.Lambda, vertex.Mechanism.Value, check);
    }
}
