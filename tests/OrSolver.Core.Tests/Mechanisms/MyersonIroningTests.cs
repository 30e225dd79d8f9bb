using OrSolver.Core.Auctions;
using OrSolver.Core.Discretisation;
using OrSolver.Core.Mechanisms;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Mechanisms;

/// <summary>
/// Myerson ironing on an irregular mixture whose ironed revenue curve is derived by hand.
///
/// F = 0.9·U[0,1] + 0.1·U[2,3]. In quantile space:
///   q ∈ [0, 0.1]:  v = 3 − 10q,       R = 3q − 10q²      (concave; R(0.1) = 0.2, R'(0.1⁻) = 1);
///   q ∈ (0.1, 1]:  v = (1 − q)/0.9,   R = q(1 − q)/0.9   (concave; R(0.1⁺) = 0.1, maximum 5/18 at q = 1/2).
/// R drops at q = 0.1 (the support gap (1, 2)), so F is irregular. The upper concave hull of R on [0, 1/2] follows R up
/// to 0.1, then the tangent from (0.1, 0.2) to the second piece: (1 − 2s)/0.9 = (s(1 − s)/0.9 − 0.2)/(s − 0.1), i.e.
/// s² − 0.2s − 0.08 = 0, s = 0.4, slope 2/9 (&lt; R'(0.1⁻) = 1, so 0.1 is a hull vertex), then R again up to its maximum
/// at q_m = 1/2. Hence the Myerson auction (λ = 0):
///   reserve v(1/2) = 5/9, one pooled quantile interval (0.1, 0.4): the values (v(0.4), v(0.1)) = (2/3, 2) are removed
///   from the bid space (every value in [2/3, 2) bids 2/3).
/// Revenue with n = 2 (x = X̂' = 1 − q off the pool, x = (X̂(0.4) − X̂(0.1))/0.3 = 0.75 on it, X̂(q) = q − q²/2):
///   Π* = 2·[∫₀^0.1 (1 − q)(3 − 20q) dq + 0.75·(2/9)·0.3 + ∫_0.4^0.5 (1 − q)(1 − 2q)/0.9 dq]
///      = 2·[23/120 + 1/20 + 17/2700] = 1339/2700.
/// </summary>
public class MyersonIroningTests
{
    private const string Spec = "mixture(0.9*uniform(0, 1), 0.1*uniform(2, 3))";
    private const double Reserve = 5.0 / 9.0;
    private const double GapLow = 2.0 / 3.0;
    private const double GapHigh = 2.0;
    private const double OptimalRevenue = 1339.0 / 2700.0;

    [Fact]
    public void Default_grid_recovers_the_ironing_interval_and_reserve_to_the_grid_resolution()
    {
        var problem = new FrontierProblem(Support.Market(Spec, 2), 1500);
        var market = problem.Discretised;
        var mechanism = MechanismRecovery.FromOptimum(problem.RevenueOptimal);
        Assert.Equal(MechanismKind.IndirectVickrey, mechanism.Kind);
        var pooled = Assert.Single(mechanism.Pooled);
        var gap = Assert.Single(mechanism.Gaps);

        // The monopoly quantile 1/2 and the breakpoint 0.1 are grid points: reserve and the gap's top are exact.
        Support.Close(0.5, mechanism.ReserveQuantile, Tolerances.Rounding, "reserve quantile");
        Support.Close(Reserve, mechanism.Reserve, new Tolerance(1e-12, 1e-12), "reserve 5/9");
        Support.Close(0.1, market.Grid[pooled.FromPoint], Tolerances.Rounding, "pool start q = 0.1");
        Support.Close(GapHigh, gap.High, new Tolerance(1e-12, 1e-12), "gap top v(0.1) = 2");

        // The tangent point 0.4 is not a grid point: the pool ends at a grid point within a cell of it, so the gap's bottom
        // is 2/3 to within |v'|·(cell width) = width/0.9.
        int end = pooled.ToPoint;
        double cell = Math.Max(market.Width(end), market.Width(end + 1));
        Assert.True(Math.Abs(market.Grid[end] - 0.4) <= cell, $"pool ends at q = {market.Grid[end]:R}, cell {cell:G3}");
        Assert.True(Math.Abs(gap.Low - GapLow) <= cell / 0.9 + 1e-12, $"gap bottom {gap.Low:R} vs 2/3 (cell {cell:G3})");
        Assert.True(Math.Abs(gap.Low - GapLow) <= 1e-3, $"gap bottom {gap.Low:R} vs 2/3");

        // Revenue: the grid LP value converges to Π* = 1339/2700 from below (second order in the cell width).
        double revenue = problem.OptimalRevenue;
        Assert.True(revenue <= OptimalRevenue + 1e-12, $"grid Π* {revenue:R} above the continuous {OptimalRevenue:R}");
        Support.Close(OptimalRevenue, revenue, Tolerances.ClosedForm, "Π*"); // measured: −2.8e-7 relative at m = 1500
        // Re-evaluated from the auction's rules (bids at grid values, ties uniform, threshold payments).
        var outcome = mechanism.Evaluate(market);
        var values = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        Support.Close(revenue, outcome.Revenue, values, "re-evaluated Π*");
        Support.Close(problem.MyersonSurplus, outcome.Surplus, values, "re-evaluated U at Myerson");
    }

    [Fact]
    public void With_the_tangent_point_on_the_grid_the_ironing_interval_is_exact()
    {
        var market = Support.Market(Spec, 2);
        var grid = GridBuilder.Build(market, 1000, [0.4, 0.5]);
        var problem = new FrontierProblem(market, grid);
        var mechanism = MechanismRecovery.FromOptimum(problem.RevenueOptimal);
        var pooled = Assert.Single(mechanism.Pooled);
        var gap = Assert.Single(mechanism.Gaps);
        Assert.Equal(0.1, problem.Discretised.Grid[pooled.FromPoint], 15);
        Assert.Equal(0.4, problem.Discretised.Grid[pooled.ToPoint]);
        var exact = new Tolerance(1e-12, 1e-12);
        Support.Close(GapLow, gap.Low, exact, "gap bottom v(0.4) = 2/3");
        Support.Close(GapHigh, gap.High, exact, "gap top v(0.1) = 2");
        Support.Close(Reserve, mechanism.Reserve, exact, "reserve 5/9");

        // The ironed allocation on the pool is the average of X̂' = 1 − q over (0.1, 0.4]: 0.75.
        var allocation = problem.RevenueOptimal.Allocation;
        for (int j = pooled.FromPoint + 1; j <= pooled.ToPoint; j++)
            Support.Close(0.75, allocation.Cell(j), new Tolerance(1e-12, 0), $"x on pooled cell {j}");
        // Nothing is sold below the reserve.
        for (int j = mechanism.ReservePoint + 1; j <= problem.Discretised.Cells; j++) Assert.Equal(0.0, allocation.Cell(j));

        // The same mechanism is recovered from the allocation alone.
        var recovered = MechanismRecovery.FromAllocation(allocation);
        Assert.NotNull(recovered);
        Assert.Equal(mechanism.Kind, recovered.Kind);
        Assert.Equal(mechanism.ReservePoint, recovered.ReservePoint);
        Assert.Equal(mechanism.Pooled, recovered.Pooled);
    }
}
