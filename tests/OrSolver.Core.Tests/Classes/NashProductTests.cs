using OrSolver.Core.Auctions;
using OrSolver.Core.Bargaining;
using OrSolver.Core.Characterization;
using OrSolver.Core.Classes;
using OrSolver.Core.Distributions;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Numerics;
using Xunit.Abstractions;

namespace OrSolver.Core.Tests.Classes;

/// <summary>
/// The Nash product Π·∏_c u_c^{n_c} by outer linearisation (method.md §13.2) against independent routes: the i.i.d. Nash
/// solution on the exact grid frontier (one class, and two classes of one F), the per-class Lagrangian's first-order check,
/// and a brute-force family of feasible randomisations of Lagrangian optima.
/// </summary>
public sealed class NashProductTests(ITestOutputHelper output)
{
    /// <summary>One class is the paper's Nash solution Π·(U/n)^n (Def. 5.1): the maximiser of log Π + n·log U over the exact
    /// grid frontier, found segment by segment in closed form (<see cref="ParetoBargaining.WeightedNash{TMechanism}"/>), to the
    /// solver tolerance. Uniform[0,1] puts it inside the frontier's segment Π = 1 − 2U (between the second-price auction and
    /// the lottery; R_2 = q is linear on every grid), at Π = 1/(n + 1), U = n/(2(n + 1)); the other two at a vertex.</summary>
    [Theory]
    [InlineData("uniform(0,1)", 5)]
    [InlineData("exponential(1)", 3)]
    [InlineData("lomax(3)", 2)]
    public void One_class_is_the_iid_Nash_solution(string spec, long buyers)
    {
        var market = new Market(DistributionSpec.Parse(spec), buyers);
        var iid = new FrontierProblem(market, 120);
        var expected = ParetoBargaining.WeightedNash(AuctionPareto.Of(ExactVertices.Compute(iid.Discretised)), buyers);
        var problem = new ClassProblem(new ClassMarket([new BuyerClass(market.Distribution, buyers)]).Discretise([iid.Discretised.Grid]));

        var solve = Solve(problem);

        var agree = Tolerances.SolverAgreement.AtScale(iid.OptimalWelfare);
        Assert.True(agree.Close(expected.Revenue, solve.Revenue), $"Π {solve.Revenue:G17} against the i.i.d. Nash point's {expected.Revenue:G17}");
        Assert.True(agree.Close(expected.Surplus, solve.Surplus), $"U {solve.Surplus:G17} against the i.i.d. Nash point's {expected.Surplus:G17}");
        Assert.True(agree.Close(expected.Surplus / buyers, solve.Utilities[0]));
        if (spec == "uniform(0,1)")
        {
            Assert.False(expected.AtVertex);
            Assert.True(agree.Close(1.0 / (buyers + 1), solve.Revenue));
            Assert.True(agree.Close(buyers / (2.0 * (buyers + 1)), solve.Surplus));
        }
        AssertChecked(problem, solve);
    }

    /// <summary>2 + 3 buyers of one F as two classes on the 5-buyer grid: the class polytope contains every symmetric
    /// mechanism of 5 i.i.d. buyers, and averaging over permutations of all 5 buyers keeps Π and U and, log being concave,
    /// does not lower 2·log u_1 + 3·log u_2 ≤ 5·log(U/5). So the maximiser is the i.i.d. Nash point with u_1 = u_2 = U/5.</summary>
    [Theory]
    [InlineData("uniform(0,1)")]
    [InlineData("exponential(1)")]
    public void Two_plus_three_buyers_of_one_F_are_five_iid_buyers(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        var iid = new FrontierProblem(new Market(distribution, 5), 120);
        var expected = ParetoBargaining.WeightedNash(AuctionPareto.Of(ExactVertices.Compute(iid.Discretised)), 5);
        var grid = iid.Discretised.Grid;
        var problem = new ClassProblem(new ClassMarket([new BuyerClass(distribution, 2), new BuyerClass(distribution, 3)]).Discretise([grid, grid]));

        var solve = Solve(problem);

        var agree = Tolerances.SolverAgreement.AtScale(iid.OptimalWelfare);
        Assert.True(agree.Close(expected.Revenue, solve.Revenue), $"Π {solve.Revenue:G17} against {expected.Revenue:G17}");
        Assert.True(agree.Close(expected.Surplus, solve.Surplus), $"U {solve.Surplus:G17} against {expected.Surplus:G17}");
        Assert.True(agree.Close(solve.Utilities[0], solve.Utilities[1]), $"u = ({solve.Utilities[0]:G17}, {solve.Utilities[1]:G17})");
        Assert.True(agree.Close(expected.Surplus / 5, solve.Utilities[0]));
        AssertChecked(problem, solve);
    }

    /// <summary>
    /// One buyer of U[0,1] and one of U[0,2]: the per-class Lagrangian check holds, and brute force agrees. The family: the
    /// per-class Lagrangian optima over a grid of weight vectors (λ_1, λ_2) ∈ {0, 0.1, …, 4}² with both tie sides — feasible
    /// by construction, without the LP — and every randomisation of two of them, each pair's best mixing probability found
    /// by bisection on the derivative of the (concave) objective along the pair. Every such point lies below the solve's
    /// upper bound, and none beats its point by more than the gap tolerance.
    /// </summary>
    [Fact]
    public void Two_classes_beat_every_randomisation_of_two_Lagrangian_optima()
    {
        var problem = new ClassProblem(ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(0,2)")), 60);
        var solve = Solve(problem);
        AssertChecked(problem, solve);

        var points = new List<double[]>();
        foreach (var side in (TieSide[])[TieSide.MostSurplus, TieSide.LeastSurplus])
        {
            for (int a = 0; a <= 40; a++)
            {
                for (int b = 0; b <= 40; b++)
                {
                    var x = ClassLagrangian.Solve(problem.Grids, [0.1 * a, 0.1 * b], side);
                    double[] terms = [x.Revenue, x.Classes[0].Surplus, x.Classes[1].Surplus];
                    if (!points.Exists(p => p.Zip(terms).All(t => Tolerances.Rounding.Close(t.First, t.Second)))) points.Add(terms);
                }
            }
        }
        double[] weights = [1, 1, 1];
        double best = double.NegativeInfinity;
        for (int i = 0; i < points.Count; i++)
        {
            for (int j = i; j < points.Count; j++) best = Math.Max(best, BestOnSegment(points[i], points[j], weights));
        }
        double tolerance = Tolerances.NashProductGap.Relative * weights.Sum();
        output.WriteLine($"{points.Count} distinct Lagrangian optima; best randomisation of two {best:G15}, the solve's {solve.Objective:G15} (bound {solve.UpperBound:G15})");
        Assert.True(best <= solve.Objective + tolerance, $"a randomisation of two Lagrangian optima reaches {best:G15} > {solve.Objective:G15}");
        Assert.True(best <= solve.UpperBound + tolerance, $"a feasible point at {best:G15} above the LP's bound {solve.UpperBound:G15}");
    }

    /// <summary>The per-class Lagrangian G(λ_1, …, λ_K) against the LP that maximises Π + Σ_c λ_c·U_c over the same polytope
    /// (the class program with that objective, Border's rows as certified cuts), on two- and three-class markets.</summary>
    [Theory]
    [InlineData(0.5, 2.0, 0.0)]
    [InlineData(1.5, 0.25, 0.0)]
    [InlineData(3.0, 1.0, 0.0)]
    [InlineData(0.5, 1.25, 2.5)]
    public void Per_class_Lagrangian_value_is_the_LP_maximum(double first, double second, double third)
    {
        double[] lambdas = third > 0 ? [first, second, third] : [first, second];
        var market = third > 0
            ? ClassMarket.Parse((1, "uniform(0,1)"), (2, "exponential(1)"), (1, "uniform(0,3)"))
            : ClassMarket.Parse((2, "uniform(0,1)"), (1, "lomax(3)"));
        var problem = new ClassProblem(market, third > 0 ? 30 : 60);
        var program = ClassProgram.Build(problem.Grids, (builder, revenue, classSurplus) =>
        {
            var objective = revenue.ToDictionary(t => t.Column, t => t.Coefficient);
            for (int c = 0; c < classSurplus.Length; c++)
                foreach (var (column, coefficient) in classSurplus[c]) objective[column] += lambdas[c] * coefficient;
            foreach (var (column, coefficient) in objective) builder.SetObjective(column, coefficient);
        });
        using var solver = new ClassFrontierSolver(problem, program, new OrToolsLinearSolver());
        var loop = solver.SolveWithCuts();
        Assert.True(loop.Status == SolveStatus.Optimal, loop.Note);
        Assert.Empty(ClassFrontierSolver.Distrust(loop.Allocation!, loop.Certificate!));

        var allocation = loop.Allocation!;
        double lp = allocation.Revenue + lambdas.Select((l, c) => l * allocation.Classes[c].Surplus).Sum();
        double lagrangian = ClassLagrangian.Value(problem.Grids, lambdas);
        var agree = Tolerances.SolverAgreement.AtScale((1 + lambdas.Max()) * problem.OptimalWelfare);
        Assert.True(agree.Close(lagrangian, lp), $"G(λ) = {lagrangian:G15} against the LP's {lp:G15}");
        // All weights equal: the one-λ route, unchanged.
        Assert.True(Tolerances.Rounding.AtScale(problem.OptimalWelfare).Close(
            ClassLagrangian.Value(problem.Grids, first), ClassLagrangian.Value(problem.Grids, [.. lambdas.Select(_ => first)])));
    }

    [Fact]
    public void Bad_per_class_weights_are_refused()
    {
        var grids = ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(0,2)")).Discretise(16);
        Assert.Throws<ArgumentException>(() => ClassLagrangian.Solve(grids, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassLagrangian.Solve(grids, [1.0, -0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassLagrangian.Solve(grids, [1.0, double.PositiveInfinity]));
    }

    /// <summary>A cap of one LP stops the loop short: a value, not an exception, with the point it reached and its gap.</summary>
    [Fact]
    public void The_iteration_cap_is_a_status()
    {
        var problem = new ClassProblem(ClassMarket.Parse((1, "uniform(0,1)"), (1, "uniform(0,2)")), 30);
        var solve = ClassNash.Solve(problem, new OrToolsLinearSolver(), maximumIterations: 1);
        Assert.Equal(SolveStatus.NotSolved, solve.Status);
        Assert.NotNull(solve.Allocation);
        Assert.True(solve.Gap > Tolerances.NashProductGap.Relative * 3, $"gap {solve.Gap}");
        Assert.False(ClassNashChecker.Check(problem, solve).Agrees);
    }

    private ClassNashSolve Solve(ClassProblem problem)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var solve = ClassNash.Solve(problem, new OrToolsLinearSolver());
        output.WriteLine($"{solve.Status}: {solve.Iterations} LPs ({solve.Rounds} with the cut loops, {solve.Cuts} Border cuts), gap {solve.Gap:G3}, " +
            $"{watch.ElapsedMilliseconds} ms; Π = {solve.Revenue:G12}, u = ({string.Join(", ", solve.Utilities.Select(u => u.ToString("G12")))})");
        Assert.True(solve.Status == SolveStatus.Optimal, solve.Note);
        double weight = 1 + problem.Grids.Classes.Sum(m => (double)m.Buyers);
        Assert.True(Tolerances.NashProductGap.AtScale(weight).AtMost(solve.Gap, 0), $"gap {solve.Gap}");
        Assert.True(solve.Certificate!.Holds);
        Assert.True(Tolerances.Rounding.AtScale(Math.Abs(solve.Objective)).Close(ClassNash.Objective(solve.Allocation!), solve.Objective));
        return solve;
    }

    private void AssertChecked(ClassProblem problem, ClassNashSolve solve)
    {
        var check = ClassNashChecker.Check(problem, solve);
        output.WriteLine($"check {check.Route}: worst gap {check.WorstGap:G3}");
        Assert.Equal(ClassCheckRoutes.LpLagrangianPerClass, check.Route);
        Assert.True(check.Agrees, check.Failure);
    }

    /// <summary>max over t ∈ [0, 1] of Σ_i w_i·log(a_i + t·(b_i − a_i)) (the terms are Π and each class's surplus; the
    /// constants −Σ n_c·log n_c of the Nash objective are added back): concave in t, so bisection on its derivative.</summary>
    private static double BestOnSegment(double[] a, double[] b, double[] weights)
    {
        double Value(double t)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double z = a[i] + t * (b[i] - a[i]);
                if (!(z > 0)) return double.NegativeInfinity;
                sum += weights[i] * Math.Log(z);
            }
            return sum - weights.Skip(1).Sum(n => n * Math.Log(n));
        }
        double Slope(double t)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++) sum += weights[i] * (b[i] - a[i]) / (a[i] + t * (b[i] - a[i]));
            return sum;
        }
        double low = 0, high = 1;
        if (Value(0) == double.NegativeInfinity || Value(1) == double.NegativeInfinity)
        {
            // A term vanishes at an end: the maximiser is inside; stay off the end where the log is −∞.
            if (Value(0) == double.NegativeInfinity) low = 1e-300;
            if (Value(1) == double.NegativeInfinity) high = 1 - 1e-16;
        }
        if (Slope(low) <= 0) return Value(low);
        if (Slope(high) >= 0) return Value(high);
        for (int k = 0; k < 200 && high - low > 1e-17; k++)
        {
            double t = 0.5 * (low + high);
            if (Slope(t) > 0) low = t; else high = t;
        }
        return Math.Max(Value(low), Value(high));
    }
}
