using OrSolver.Core.BilateralTrade;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.BilateralTrade;

/// <summary>
/// The reduced program (interim trade probabilities, envelope rents, the budget slack split) against the full ex-post
/// program on small discrete markets: a trade probability x(v, c) and a payment p(v, c) for every type pair, ex-post
/// budget balance (the buyer pays what the seller receives), and BIC and interim IR for every type of both sides, written
/// here from the definitions and solved through the same LP interface. Their frontiers (max Π subject to U ≥ U₀) must
/// agree to 1e-9 at every level, and the full program must find no point beyond U*.
/// </summary>
public sealed class ExPostProgramTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_reduced_frontier_equals_the_full_ex_post_frontier(int seed)
    {
        var random = new Random(seed);
        // 3 to 5 atoms a side on a coarse lattice, so that values and costs tie and supports overlap.
        double[] Samples(int atoms, double low) => [.. Enumerable.Range(0, atoms).SelectMany(_ =>
            Enumerable.Repeat(low + 0.5 * random.Next(0, 8), random.Next(1, 4)))];
        var values = Samples(random.Next(3, 6), 0.5);
        var costs = Samples(random.Next(3, 6), 0);
        using var discrete = new TradeCases.DiscreteMarket(values, costs);
        var grid = new TradeGrid(discrete.Market, 16, 16);
        var exact = TradeVertices.Compute(new TradeLagrangian(grid));
        double lowest = exact.Vertices[0].Surplus, highest = exact.Vertices[^1].Surplus;
        var agreement = Tolerances.SolverAgreement.AtScale(grid.MoneyScale);

        var full = FullProgram.Build(Atoms(values), Atoms(costs));
        using var fullSession = new OrToolsLinearSolver().Load(full.Program);
        using var reduced = new TradeFrontierSolver(grid, new OrToolsLinearSolver(), lowest, highest);
        foreach (double level in Core.Auctions.FrontierSolver.Levels(lowest, highest, 6))
        {
            var solve = reduced.Solve(level);
            Assert.Equal(SolveStatus.Optimal, solve.Status);
            fullSession.SetRowBounds(full.SurplusRow, level - 1e-11 * grid.MoneyScale, double.PositiveInfinity);
            var expected = fullSession.Solve();
            Assert.Equal(SolveStatus.Optimal, expected.Status);
            Support.Close(expected.Objective, solve.Allocation!.Revenue, agreement, $"seed {seed}: Π at U₀ = {level}");
        }
        fullSession.SetRowBounds(full.SurplusRow, highest + 1e-6 * grid.MoneyScale, double.PositiveInfinity);
        Assert.Equal(SolveStatus.Infeasible, fullSession.Solve().Status);
    }

    /// <summary>The atoms (value, probability) of a sample list.</summary>
    private static (double Value, double Probability)[] Atoms(double[] samples)
        => [.. samples.GroupBy(s => s).OrderBy(g => g.Key).Select(g => (g.Key, (double)g.Count() / samples.Length))];

    /// <summary>The full ex-post program of a discrete market.</summary>
    private sealed record FullProgram(LinearProgram Program, int SurplusRow)
    {
        public static FullProgram Build((double Value, double Probability)[] buyer, (double Value, double Probability)[] seller)
        {
            var b = new LinearProgramBuilder { Maximise = true };
            int nb = buyer.Length, ns = seller.Length;
            var x = new int[nb, ns];
            var pay = new int[nb, ns];
            for (int a = 0; a < nb; a++)
                for (int s = 0; s < ns; s++)
                {
                    x[a, s] = b.AddColumn($"x{a}_{s}", 0, 1);
                    pay[a, s] = b.AddColumn($"p{a}_{s}", double.NegativeInfinity, double.PositiveInfinity);
                }
            // The buyer of value v_a reporting a': Σ_s g_s (x(a', s)·v_a − p(a', s)).
            List<(int, double)> BuyerUtility(int truth, int report, double sign)
                => [.. Enumerable.Range(0, ns).SelectMany(s => new[] { (x[report, s], sign * seller[s].Probability * buyer[truth].Value), (pay[report, s], -sign * seller[s].Probability) })];
            List<(int, double)> SellerUtility(int truth, int report, double sign)
                => [.. Enumerable.Range(0, nb).SelectMany(a => new[] { (pay[a, report], sign * buyer[a].Probability), (x[a, report], -sign * buyer[a].Probability * seller[truth].Value) })];
            for (int a = 0; a < nb; a++)
            {
                b.AddRow($"IR buyer {a}", 0, double.PositiveInfinity, BuyerUtility(a, a, 1));
                for (int r = 0; r < nb; r++)
                    if (r != a) b.AddRow($"IC buyer {a}->{r}", 0, double.PositiveInfinity, [.. BuyerUtility(a, a, 1), .. BuyerUtility(a, r, -1)]);
            }
            for (int s = 0; s < ns; s++)
            {
                b.AddRow($"IR seller {s}", 0, double.PositiveInfinity, SellerUtility(s, s, 1));
                for (int r = 0; r < ns; r++)
                    if (r != s) b.AddRow($"IC seller {s}->{r}", 0, double.PositiveInfinity, [.. SellerUtility(s, s, 1), .. SellerUtility(s, r, -1)]);
            }
            var surplus = new List<(int, double)>();
            for (int a = 0; a < nb; a++)
                for (int s = 0; s < ns; s++)
                {
                    double mass = buyer[a].Probability * seller[s].Probability;
                    surplus.Add((x[a, s], mass * buyer[a].Value));
                    surplus.Add((pay[a, s], -mass));
                    // Π = E[p − x·c]: the payment the buyer makes is what the seller receives (ex-post budget balance).
                    b.SetObjective(pay[a, s], mass);
                    b.SetObjective(x[a, s], -mass * seller[s].Value);
                }
            int row = b.AddRow("surplus", double.NegativeInfinity, double.PositiveInfinity, surplus);
            return new FullProgram(b.Build(), row);
        }
    }
}
