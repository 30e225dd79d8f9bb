using OrSolver.Core.Auctions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.BilateralTrade;

/// <summary>The outcome of maximising Π subject to U ≥ U₀ on the trade grid (one point of the frontier).</summary>
/// <param name="Status">The project's status; values are meaningful only when <see cref="SolveStatus.Optimal"/>, which
/// includes that the point passed the re-check against the original constraints and reaches the floor to within
/// 1e-9·W.</param>
/// <param name="SurplusFloor">U₀ as asked.</param>
/// <param name="Allocation">The optimal mechanism (null unless Optimal).</param>
/// <param name="Lambda">λ = −dΠ/dU₀ ≥ 0 from the LP's dual on the surplus row (NaN unless Optimal or without duals).</param>
/// <param name="Note">Why the solve failed, or a remark; null otherwise.</param>
/// <param name="BackendStatus">The LP backend's own status word.</param>
public sealed record TradeSolve(SolveStatus Status, double SurplusFloor, TradeAllocation? Allocation, double Lambda, string? Note, string BackendStatus)
{
    /// <summary>Why the solve gave no point: its status, the backend's word and the note.</summary>
    public string WhyNotSolved => $"the LP returned {StatusWords.Of(Status)} (backend: {BackendStatus}){(Note is null ? "" : ": " + Note)}";
}

/// <summary>
/// Solves the trade program for surplus floors U₀, reusing one solver session so that each re-solve only moves the
/// surplus row's bound and warm-starts (method.md §4.4). Every returned point is re-checked against the original
/// constraints (<see cref="TradeAllocation.CheckFeasibility"/>). Not thread-safe: one solver per worker.
/// </summary>
public sealed class TradeFrontierSolver : IDisposable
{
    /// <summary>Floors tried below the asked one (relative to W) when the LP reads it as infeasible or stops short: the
    /// Lagrangian's U* is exact on the grid, and the LP's constraints hold to its own tolerance only.</summary>
    private static readonly double[] BackOffs = [0, 1e-12, 1e-11, 1e-10, 5e-10];

    private readonly TradeProgram _program;
    private readonly ILinearSolverSession _session;

    /// <summary>Loads the program of <paramref name="grid"/> into <paramref name="solver"/>.</summary>
    /// <param name="grid">The discretised market.</param>
    /// <param name="solver">The LP backend.</param>
    /// <param name="lowest">U at the seller's optimum (floors below it are raised to it).</param>
    /// <param name="highest">U*, the most U any mechanism of the grid gives (floors above it are lowered to it).</param>
    public TradeFrontierSolver(TradeGrid grid, ILinearSolver solver, double lowest, double highest)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(solver);
        Grid = grid;
        Lowest = lowest;
        Highest = highest;
        _program = TradeProgram.Build(grid);
        _session = solver.Load(_program.Program);
    }

    /// <summary>The grid.</summary>
    public TradeGrid Grid { get; }

    /// <summary>U at the seller's optimum.</summary>
    public double Lowest { get; }

    /// <summary>U*.</summary>
    public double Highest { get; }

    /// <summary>Maximum Π subject to U ≥ <paramref name="surplusFloor"/> (clamped to [<see cref="Lowest"/>, <see cref="Highest"/>]).</summary>
    public TradeSolve Solve(double surplusFloor)
    {
        if (!double.IsFinite(surplusFloor)) throw new InputException($"the surplus must be a finite number (got {surplusFloor})");
        double scale = Grid.LpScale;
        double target = Math.Clamp(surplusFloor, Lowest, Highest);
        var reach = Tolerances.SolverAgreement.AtScale(scale);
        LinearSolution? last = null;
        string? failure = null;
        foreach (double backOff in BackOffs)
        {
            // Even at the seller's optimum the floor stays: the seller's optima can differ in U (ties), and the frontier's
            // end is the one with the most U.
            double floor = target - backOff * scale;
            _session.SetRowBounds(_program.SurplusRow, floor / scale, double.PositiveInfinity);
            var solution = _session.Solve();
            last = solution;
            if (solution.Status != SolveStatus.Optimal) continue;
            var allocation = _program.Read(solution);
            failure = allocation.CheckFeasibility(Tolerances.Feasibility);
            if (failure is not null) continue;
            if (!reach.AtMost(target, allocation.Surplus))
            {
                failure = $"the LP reaches U = {allocation.Surplus:G12} only, short of U₀ = {target:G12}";
                continue;
            }
            if (solution.RowDuals.Count == 0)
                return new TradeSolve(SolveStatus.Optimal, surplusFloor, allocation, double.NaN, solution.DualsUnavailable, solution.BackendStatus);
            // RowDuals is d(Π/W)/d(U₀/W) = dΠ/dU₀ at the binding floor; λ = −dΠ/dU₀ ≥ 0 up to the λ tolerance.
            double lambda = -solution.RowDuals[_program.SurplusRow];
            if (lambda < 0 && !Tolerances.LambdaAgreement.Close(lambda, 0))
            {
                failure = $"the LP's dual on the surplus row has the wrong sign (λ = {lambda:G6})";
                continue;
            }
            return new TradeSolve(SolveStatus.Optimal, surplusFloor, allocation, Math.Max(0, lambda), null, solution.BackendStatus);
        }
        var status = last!.Status == SolveStatus.Optimal || last.Status == SolveStatus.Infeasible ? SolveStatus.NumericalFailure : last.Status;
        return new TradeSolve(status, surplusFloor, null, double.NaN,
            failure ?? $"the LP finds no point at U₀ = {target:G12} ({last.Status}), which the Lagrangian route reaches", last.BackendStatus);
    }

    /// <summary><paramref name="points"/> frontier points evenly spaced in U from <see cref="Lowest"/> to <see cref="Highest"/>.</summary>
    public IReadOnlyList<TradeSolve> Sweep(int points) => [.. FrontierSolver.Levels(Lowest, Highest, points).Select(Solve)];

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
