using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;
using Xunit.Abstractions;

namespace OrSolver.Core.Tests.Classes;

/// <summary>
/// Seeding the cutting-plane LP from the Lagrangian route (method.md §13.2): Border binds at every threshold the Lagrangian
/// optimum reports, measured by Border's own load and cap; the seeds' λ is the frontier's slope found by bisection; and
/// seeded solves reach the same optimum as the cut loop alone, both passing the exhaustive certificate.
/// </summary>
public sealed class SeedingTests(ITestOutputHelper output)
{
    public static TheoryData<int, string, int, string, int, string> Markets => CuttingPlaneTests.Markets;

    /// <summary>At λ = 0, 1/2, 1, 3 and ∞ and both ends of every tie, the load Σ n_c·X_c(t_c) of the Lagrangian optimum equals
    /// the cap 1 − ∏ (1 − t_c)^{n_c} at each reported threshold (the item goes to a buyer scoring at least s whenever there
    /// is one), the thresholds are nested, and there are at most Σ m_c of them.</summary>
    [Theory]
    [MemberData(nameof(Markets))]
    public void Border_binds_at_the_thresholds_of_every_score_level(int n1, string f1, int n2, string f2, int n3, string f3)
    {
        var problem = CuttingPlaneTests.Problem(n1, f1, n2, f2, n3, f3, cells: n3 == 0 ? 40 : 16);
        var grids = problem.Grids;
        double allowance = ClassBorder.CertificateAllowance(grids);
        double worst = 0;
        foreach (double lambda in (double[])[0, 0.5, 1, 3, double.PositiveInfinity])
        {
            foreach (var side in (TieSide[])[TieSide.MostSurplus, TieSide.LeastSurplus])
            {
                var allocation = ClassLagrangian.Solve(grids, lambda, side);
                var thresholds = ClassLagrangian.TightThresholds(grids, lambda, side);
                Assert.NotEmpty(thresholds);
                Assert.True(thresholds.Count <= grids.Classes.Sum(c => c.Cells));
                for (int i = 0; i < thresholds.Count; i++)
                {
                    var t = ClassBorder.Evaluate(allocation, thresholds[i]);
                    worst = Math.Max(worst, Math.Abs(t.Violation));
                    Assert.True(Math.Abs(t.Violation) <= allowance, $"λ = {lambda}, {side}: [{string.Join(',', thresholds[i])}] off its cap by {t.Violation:G3}");
                    if (i > 0) Assert.True(thresholds[i].Zip(thresholds[i - 1]).All(p => p.First >= p.Second), "thresholds are nested");
                }
            }
        }
        output.WriteLine($"largest |load − cap|/cap at a reported threshold: {worst:G3}");
    }

    /// <summary>The λ the seeds are taken at is the slope of the frontier at U₀, which bisection on U(λ) finds independently
    /// (floors halfway between the levels of a sweep, so that none is a vertex).</summary>
    [Theory]
    [InlineData(1, "uniform(0,1)", 1, "uniform(0,2)", 0, "")]
    [InlineData(1, "uniform(0,1)", 1, "uniform(0,2)", 1, "exponential(2)")]
    [InlineData(2, "exponential(1)", 1, "beta(2,5)", 1, "uniform(0,3)")]
    public void The_seeds_lambda_is_the_frontier_slope(int n1, string f1, int n2, string f2, int n3, string f3)
    {
        var problem = CuttingPlaneTests.Problem(n1, f1, n2, f2, n3, f3, cells: 60);
        var seeds = new ClassCutSeeds(problem);
        var levels = FrontierSolver.Levels(problem.MyersonSurplus, problem.OptimalSurplus, 9);
        for (int i = 1; i < levels.Count; i++)
        {
            double u = 0.5 * (levels[i - 1] + levels[i]);
            var (lambda, thresholds) = seeds.At(u);
            var (_, bisected) = ClassLagrangian.FrontierAt(problem.Grids, u);
            Assert.True(Tolerances.LambdaAgreement.Close(bisected, lambda), $"U = {u}: λ {lambda} against bisection's {bisected}");
            Assert.NotEmpty(thresholds);
        }
        Assert.Equal(0, seeds.At(double.NegativeInfinity).Lambda);
        output.WriteLine($"{seeds.Steps} Lagrangian solves for {levels.Count - 1} floors");
    }

    /// <summary>The seeded solver and the cut loop alone reach the same Π at every floor (to the solver's tolerance), and both
    /// final allocations pass the exhaustive certificate (every grid threshold, also for K = 3 on these small grids).</summary>
    [Theory]
    [MemberData(nameof(Markets))]
    public void Seeded_and_unseeded_solves_agree(int n1, string f1, int n2, string f2, int n3, string f3)
    {
        var problem = CuttingPlaneTests.Problem(n1, f1, n2, f2, n3, f3, cells: n3 == 0 ? 40 : 12);
        using var seeded = new ClassFrontierSolver(problem, new OrToolsLinearSolver());
        using var alone = new ClassFrontierSolver(problem, new OrToolsLinearSolver(), ClassBorder.SortedCandidates, certificateCuts: true);
        var agree = Tolerances.SolverAgreement.AtScale(problem.OptimalWelfare);
        foreach (double u in (double[])[double.NegativeInfinity, .. FrontierSolver.Levels(problem.MyersonSurplus, problem.OptimalSurplus, 7)])
        {
            var a = seeded.Solve(u);
            var b = alone.Solve(u);
            Assert.True(a.Status == SolveStatus.Optimal, a.Note);
            Assert.True(b.Status == SolveStatus.Optimal, b.Note);
            output.WriteLine($"U₀ = {u:G6}: Π = {a.Allocation!.Revenue:G12} ({a.Seeds} seeds, {a.Cuts} cuts, {a.Rounds} rounds) against "
                + $"{b.Allocation!.Revenue:G12} ({b.Cuts} cuts, {b.Rounds} rounds)");
            Assert.True(agree.Close(a.Allocation.Revenue, b.Allocation.Revenue), $"U₀ = {u}: Π {a.Allocation.Revenue} against {b.Allocation.Revenue}");
            Assert.True(ClassBorder.Exhaustive(a.Allocation).Holds);
            Assert.True(ClassBorder.Exhaustive(b.Allocation).Holds);
            Assert.Equal(0, b.Seeds);
        }
    }
}
