using MathNet.Numerics;
using OrSolver.Core.Bargaining;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;
using OrSolver.Core.Pareto;

namespace OrSolver.Core.BilateralTrade;

/// <summary>The roles of bilateral trade's own reported points.</summary>
public static class TradePoints
{
    /// <summary>The seller-offer mechanism: the seller's optimum Π* (most U among them), the frontier's first vertex.</summary>
    public static readonly PointRole SellerOffer = new("seller-offer");

    /// <summary>The buyer-offer mechanism: the buyer's optimum U* (most Π among them), the frontier's last vertex.</summary>
    public static readonly PointRole BuyerOffer = new("buyer-offer");

    /// <summary>The second best: the most gains from trade under budget balance (λ = 1).</summary>
    public static readonly PointRole SecondBest = new("second-best");
}

/// <summary>What <see cref="TradeAnalysis.Run"/> computes. Validates itself.</summary>
public sealed record TradeOptions
{
    /// <summary>Default cells per side. Measured on Uniform[0,1] × Uniform[0,1] (method.md §13.1): at 152 cells per
    /// side the first best, the second best, Π*, U* and the KS point are within 1e-4 relative of their closed forms
    /// (7.1e-5, 6.0e-5, 8.3e-5, 9.2e-5, KS 6.6e-5), at 150 not all of them (U* 1.02e-4), at 128 none but the first best;
    /// the LP has 23 104 trade columns.</summary>
    public const int DefaultGrid = 152;

    /// <summary>The largest grid per side accepted: the LP has m² columns.</summary>
    public const int MaximumGrid = 400;

    /// <summary>Cells per side (before a grid's forced points; an atomic distribution gets exactly its atoms).
    /// Range: 16..<see cref="MaximumGrid"/>.</summary>
    public int Grid
    {
        get => _grid;
        init => _grid = value is >= Discretisation.GridBuilder.MinimumSize and <= MaximumGrid
            ? value
            : throw new InputException($"the grid per side must be between {Discretisation.GridBuilder.MinimumSize} and {MaximumGrid} cells (got {value})");
    }

    private readonly int _grid = DefaultGrid;

    /// <summary>Points of the LP sweep, evenly spaced in U from the seller-offer point to U*. Range: 2..1000.</summary>
    public int Points
    {
        get => _points;
        init => _points = value is >= 2 and <= 1000 ? value : throw new InputException($"a frontier needs between 2 and 1000 points (got {value})");
    }

    private readonly int _points = 11;

    /// <summary>Whether to run the LP sweep of <see cref="Points"/> levels (false: the landmarks only, e.g. when only the
    /// bargaining solutions are wanted; the landmarks are solved first either way, so they do not depend on it).</summary>
    public bool Sweep { get; init; } = true;

    /// <summary>Whether to check every vertex by the Lagrangian route (a re-evaluation of its mechanism each).</summary>
    public bool CheckVertices { get; init; } = true;
}

/// <summary>Welfare W = Π + U of a point against the three benchmarks.</summary>
/// <param name="FirstBest">W / FB.</param>
/// <param name="SecondBest">W / SB.</param>
/// <param name="IdealSum">W / (Π* + U*).</param>
public sealed record WelfareRatios(double FirstBest, double SecondBest, double IdealSum);

/// <summary>
/// The verified analysis of one bilateral-trade market (method.md §13.1): landmarks, the exact grid frontier, an LP sweep
/// and the bargaining solutions, each point with its mechanism and its check. Nothing it returns is unchecked;
/// <see cref="Failures"/> lists what did not pass. A market where trade can never gain is reported as degenerate: its
/// frontier is the single point (0, 0) of "no trade" and it has no bargaining solutions.
/// </summary>
public sealed class TradeAnalysis
{
    private TradeAnalysis(TradeGrid grid, double firstBestQuadrature, double firstBest, double secondBest, ParetoFrontier<TradeMechanism>? frontier,
        IReadOnlyList<CheckedPoint<TradeMechanism>> landmarks, IReadOnlyList<CheckedPoint<TradeMechanism>> samples,
        IReadOnlyList<CheckedPoint<TradeMechanism>> vertices)
    {
        Grid = grid;
        FirstBestQuadrature = firstBestQuadrature;
        FirstBest = firstBest;
        SecondBest = secondBest;
        Frontier = frontier;
        Landmarks = landmarks;
        Samples = samples;
        Vertices = vertices;
    }

    /// <summary>The discretised market.</summary>
    public TradeGrid Grid { get; }

    /// <summary>Whether no trade can ever gain (FB = 0 on the grid).</summary>
    public bool Degenerate => Frontier is null;

    /// <summary>FB = E[(v − c)⁺] by adaptive quadrature of the continuous market (independent of the grid).</summary>
    public double FirstBestQuadrature { get; }

    /// <summary>FB on the grid: trade on every cell pair whose mean value exceeds its mean cost.</summary>
    public double FirstBest { get; }

    /// <summary>The exact grid frontier (null for a degenerate market).</summary>
    public ParetoFrontier<TradeMechanism>? Frontier { get; }

    /// <summary>SB on the grid: the most gains from trade under budget balance, G(1) of the Lagrangian route (its point is
    /// also solved and checked by the LP, <see cref="TradePoints.SecondBest"/>); 0 for a degenerate market.</summary>
    public double SecondBest { get; }

    /// <summary>Π* + U* (0 for a degenerate market).</summary>
    public double IdealSum => Frontier is null ? 0 : Frontier.IdealRevenue + Frontier.IdealSurplus;

    /// <summary>The seller-offer, second-best and buyer-offer points, the KS and Nash solutions, each checked by an LP at
    /// its U (<see cref="TradeCheckRoutes.LpLagrangianMechanism"/>).</summary>
    public IReadOnlyList<CheckedPoint<TradeMechanism>> Landmarks { get; }

    /// <summary>The LP sweep's points, in increasing U.</summary>
    public IReadOnlyList<CheckedPoint<TradeMechanism>> Samples { get; }

    /// <summary>Every vertex of the exact grid frontier, checked by the Lagrangian route (empty unless asked for).</summary>
    public IReadOnlyList<CheckedPoint<TradeMechanism>> Vertices { get; }

    /// <summary>The landmark with this role.</summary>
    public CheckedPoint<TradeMechanism> Landmark(PointRole role) => Landmarks.First(p => p.Role == role);

    /// <summary>Every reported point.</summary>
    public IEnumerable<CheckedPoint<TradeMechanism>> All => Landmarks.Concat(Samples).Concat(Vertices);

    /// <summary>The points whose check failed.</summary>
    public IReadOnlyList<CheckedPoint<TradeMechanism>> Failures => [.. All.Where(p => !p.Check.Agrees)];

    /// <summary>W of a point against FB (the grid's), SB and Π* + U*.</summary>
    public WelfareRatios Ratios(CheckedPoint<TradeMechanism> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new WelfareRatios(point.Welfare / FirstBest, point.Welfare / SecondBest, point.Welfare / IdealSum);
    }

    /// <summary>Computes and verifies the frontier of <paramref name="market"/>.</summary>
    public static TradeAnalysis Run(TradeMarket market, TradeOptions options, ILinearSolver solver)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(solver);
        var grid = new TradeGrid(market, options.Grid, options.Grid);
        // A data distribution gets one cell per distinct value whatever the size asked for: the LP has a column per pair.
        long pairs = (long)grid.BuyerCells * grid.SellerCells;
        if (pairs > TradeOptions.MaximumGrid * TradeOptions.MaximumGrid)
            throw new InputException($"the product grid has {grid.BuyerCells} × {grid.SellerCells} cells, more than {TradeOptions.MaximumGrid} × {TradeOptions.MaximumGrid}: "
                + "a data distribution gets one cell per distinct value, so round or thin the data");
        var lagrangian = new TradeLagrangian(grid);
        double firstBest = lagrangian.FirstBest().Gains;
        double quadrature = FirstBestByQuadrature(market);
        if (!(firstBest > 0)) return new TradeAnalysis(grid, quadrature, 0, 0, null, [], [], []);

        var exact = TradeVertices.Compute(lagrangian);
        var frontier = exact.ToFrontier();

        var secondBest = lagrangian.Optimum(1);
        var levels = new List<(PointRole Role, double Surplus)>
        {
            (TradePoints.SellerOffer, frontier.First.Surplus),
            (TradePoints.SecondBest, secondBest.Surplus),
            (TradePoints.BuyerOffer, frontier.Last.Surplus),
            (PointRole.KalaiSmorodinsky, ParetoBargaining.KalaiSmorodinsky(frontier).Surplus),
            (PointRole.Nash, ParetoBargaining.WeightedNash(frontier, 1).Surplus),
        };
        using var lp = new TradeFrontierSolver(grid, solver, frontier.First.Surplus, frontier.Last.Surplus);
        var landmarks = levels.Select(l => FromSolve(l.Role, lp.Solve(l.Surplus), frontier, lagrangian)).ToList();
        var samples = options.Sweep ? lp.Sweep(options.Points).Select(s => FromSolve(PointRole.Sample, s, frontier, lagrangian)).ToList() : [];
        var vertices = options.CheckVertices
            ? frontier.Vertices!.Select(v =>
            {
                var point = ParetoFrontier.OnSegment(v, v, v.Surplus);
                var check = TradeChecker.CheckFrontierPoint(frontier, point, grid);
                return new CheckedPoint<TradeMechanism>(PointRole.Vertex, v.Surplus, v.Revenue, v.Lambda, v.Mechanism.Value, check);
            }).ToList()
            : [];
        return new TradeAnalysis(grid, quadrature, firstBest, secondBest.Gains, frontier, landmarks, samples, vertices);
    }

    /// <summary>The point of an LP solve at a level: the LP's (Π, U) with the frontier's mechanism there and the LP
    /// route's check, or a failed check naming the status.</summary>
    private static CheckedPoint<TradeMechanism> FromSolve(PointRole role, TradeSolve solve, ParetoFrontier<TradeMechanism> frontier, TradeLagrangian lagrangian)
    {
        if (solve.Status != SolveStatus.Optimal || solve.Allocation is null)
            return new CheckedPoint<TradeMechanism>(role, solve.SurplusFloor, double.NaN, double.NaN, null,
                PointCheck.NotSolved(TradeCheckRoutes.LpLagrangianMechanism, solve.WhyNotSolved));
        var (location, check) = TradeChecker.CheckSolve(solve, frontier, lagrangian);
        return new CheckedPoint<TradeMechanism>(role, solve.Allocation.Surplus, solve.Allocation.Revenue, check.LambdaHull, frontier.MechanismOf(location), check);
    }

    /// <summary>
    /// FB = E[(v − c)⁺] for independent v and c, as one integral of the two distribution functions:
    /// (v − c)⁺ = ∫ 1[c ≤ t &lt; v] dt, so E[(v − c)⁺] = ∫ G(t)·(1 − F(t)) dt over t from the lowest cost to the highest
    /// value. Adaptive Gauss–Kronrod (to <see cref="Tolerances.Quadrature"/>), split at every value where either
    /// distribution has a breakpoint (a kink or an atom of F or G); an unbounded top is mapped to [0, 1) by t = a + s/(1 − s).
    /// Independent of the grid and of the quantile functions the grid is built from.
    /// </summary>
    public static double FirstBestByQuadrature(TradeMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var buyer = market.Buyer;
        var seller = market.Seller;
        double low = Math.Max(seller.SupportLow, buyer.SupportLow), high = buyer.SupportHigh;
        double start = seller.SupportLow;
        if (!(high > start)) return 0;
        double Integrand(double t) => (1 - seller.Survival(t)) * buyer.Survival(t);
        // Below the lowest value every buyer outbids t: there the integrand is G(t) alone.
        var cuts = buyer.Breakpoints.Select(buyer.Value).Concat(seller.Breakpoints.Select(seller.Value)).Append(low)
            .Where(t => t > start && t < high).Prepend(start).Distinct().Order().ToList();
        double total = 0;
        for (int k = 1; k < cuts.Count; k++)
            total += Integrate.GaussKronrod(Integrand, cuts[k - 1], cuts[k], out _, out _, Tolerances.Quadrature, 15);
        double last = cuts[^1];
        if (double.IsFinite(high))
            total += Integrate.GaussKronrod(Integrand, last, high, out _, out _, Tolerances.Quadrature, 15);
        else
            total += Integrate.GaussKronrod(s => Integrand(last + s / (1 - s)) / ((1 - s) * (1 - s)), 0, 1, out _, out _, Tolerances.Quadrature, 15);
        return total;
    }
}
