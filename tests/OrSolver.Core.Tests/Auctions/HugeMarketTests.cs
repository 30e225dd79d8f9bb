using MathNet.Numerics;
using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Auctions;

/// <summary>
/// 10⁹ to 10¹² buyers: the landmarks against closed forms, and the LP against the hull and the re-evaluated auction.
/// </summary>
public class HugeMarketTests
{
    public static TheoryData<long> Buyers => [.. HugeMarkets.Buyers];

    /// <summary>
    /// Uniform[0, 1] on the default grid (its closed forms, rewritten so that nothing cancels at huge n):
    /// Π* = 2n(1 − 2^−(n+1))/(n+1) − (1 − 2^−n) = (n − 1 + 2^−n)/(n + 1); OPT = E[max] = n/(n+1); U* = E[v] = 1/2 (MHR: the
    /// lottery); the Myerson auction (reserve 1/2) has W = n/(n+1)·(1 − 2^−(n+1)), so U = W − Π* = (1 − 2^−n)/(n+1)
    /// (2^−n underflows to 0 here, exactly as it should).
    /// </summary>
    [Theory]
    [MemberData(nameof(Buyers))]
    public void Uniform_landmarks_match_their_closed_forms(long buyers)
    {
        var problem = new FrontierProblem(HugeMarkets.Market("uniform(0, 1)", buyers));
        double n = buyers, half = Math.Pow(2, -n);
        var tolerance = Tolerances.ClosedForm.AtScale(problem.OptimalWelfare);
        Support.Close((n - 1 + half) / (n + 1), problem.OptimalRevenue, tolerance, "Π*");
        Support.Close(n / (n + 1), problem.OptimalWelfare, tolerance, "OPT");
        Support.Close(0.5, problem.OptimalSurplus, tolerance, "U*");
        Support.Close((1 - half) / (n + 1), problem.MyersonSurplus, tolerance, "U at the Myerson point");
    }

    /// <summary>
    /// Exponential(1) on the default grid: OPT = E[max] = H_n = ψ(n + 1) + γ (MathNet's digamma, independent of the grid);
    /// the second-price auction leaves U = E[v₍₁₎ − v₍₂₎] = 1 (the top spacing of exponentials is Exp(1)), which is U* (anti-MHR,
    /// Prop. 3.12); the Myerson reserve 1 binds only when every value is below it, with probability (1 − 1/e)^n, which is 0 in
    /// double precision at these n, so Π* = H_n − 1 and the Myerson point's U is 1 as well.
    /// </summary>
    [Theory]
    [MemberData(nameof(Buyers))]
    public void Exponential_landmarks_match_the_harmonic_number(long buyers)
    {
        var problem = new FrontierProblem(HugeMarkets.Market("exponential(1)", buyers));
        double harmonic = SpecialFunctions.DiGamma(buyers + 1.0) + Constants.EulerMascheroni;
        var tolerance = Tolerances.ClosedForm.AtScale(problem.OptimalWelfare);
        Support.Close(harmonic, problem.OptimalWelfare, tolerance, "OPT = H_n");
        Support.Close(harmonic - 1, problem.OptimalRevenue, tolerance, "Π* = H_n − 1");
        Support.Close(1, problem.OptimalSurplus, tolerance, "U*");
        Support.Close(1, problem.MyersonSurplus, tolerance, "U at the Myerson point");
    }

    /// <summary>GLOP at the Myerson end, in between and at U*: optimal, on the exact frontier to 1e-9 of OPT, and the
    /// duality checker's three-way check (LP, hull, auction rules, and λ by duality) agrees.</summary>
    [Theory]
    [MemberData(nameof(HugeMarkets.Cases), MemberType = typeof(HugeMarkets))]
    public void LP_points_lie_on_the_hull_and_their_auctions_reproduce_them(string family, long buyers)
        => AssertLpOnHull(family, buyers, 1);

    /// <summary>The same with k units (Thm 4.2: the k-unit cap in the LP, the (k+1)-th price rules in the check).</summary>
    [Theory]
    [InlineData("uniform(0, 1)", 1_000_000_000, 3)]
    [InlineData("example42(N)", 1_000_000_000_000, 100)]
    public void LP_points_with_k_units_lie_on_the_hull(string family, long buyers, int units)
        => AssertLpOnHull(family, buyers, units);

    private static void AssertLpOnHull(string family, long buyers, int units)
    {
        var (problem, frontier) = HugeMarkets.Get(family, buyers, units);
        var values = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        using var solver = new FrontierSolver(problem, new OrToolsLinearSolver());
        foreach (double fraction in new[] { 0, 0.37, 1 })
        {
            double surplus = problem.MyersonSurplus + fraction * (problem.OptimalSurplus - problem.MyersonSurplus);
            var solve = solver.Solve(surplus);
            string where = $"{family}, n = {buyers}, k = {units}, U₀ = {surplus:R}";
            Assert.True(solve.Status == SolveStatus.Optimal, $"{where}: {solve.Status} ({solve.Note})");
            Assert.True(solve.Shortfall <= 1e-9, $"{where}: shortfall {solve.Shortfall:E2}");
            Support.Close(frontier.Locate(solve.Point.Surplus).Revenue, solve.Point.Revenue, values, $"{where}: LP Π against the hull");
            var check = DualityChecker.Analyse(solve, frontier).Check;
            Assert.True(check.Agrees, $"{where}: {check.Failure}");
        }
    }

    /// <summary>
    /// What <c>orsolver frontier --method both --points 5</c> does on the default grid, for Lomax(3) (its frontier is the
    /// single point where the Myerson auction is the second-price auction: the reserve never binds at this n), and
    /// <c>orsolver solve</c> on Exponential(1) below the Myerson point: every point agrees three ways.
    /// </summary>
    [Theory]
    [InlineData(1_000_000_000)]
    [InlineData(1_000_000_000_000)]
    public void Default_grid_sweep_and_solve_agree_three_ways(long buyers)
    {
        var lomax = new FrontierProblem(HugeMarkets.Market("lomax(3)", buyers));
        var exact = ExactVertices.Compute(lomax.Discretised);
        using (var solver = new FrontierSolver(lomax, new OrToolsLinearSolver()))
        {
            foreach (var point in solver.Sweep(5))
            {
                Assert.True(point.Status == SolveStatus.Optimal, $"{point.Status} ({point.Note})");
                var check = DualityChecker.Analyse(point, exact).Check;
                Assert.True(check.Agrees, $"lomax(3), n = {buyers}, U = {point.Point.Surplus:R}: {check.Failure}");
            }
        }
        var exponential = new FrontierProblem(HugeMarkets.Market("exponential(1)", buyers));
        using var exponentialSolver = new FrontierSolver(exponential, new OrToolsLinearSolver());
        var solve = exponentialSolver.Solve(0.5);
        Assert.Equal(SolveStatus.Optimal, solve.Status);
        var analysis = DualityChecker.Analyse(solve, exponential.Discretised);
        Assert.True(analysis.Check.Agrees, $"exponential(1), n = {buyers}: {analysis.Check.Failure}");
    }
}
