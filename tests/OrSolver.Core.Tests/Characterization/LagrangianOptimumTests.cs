using OrSolver.Core.Auctions;
using OrSolver.Core.Characterization;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Characterization;

public class LagrangianOptimumTests
{
    /// <summary>method.md §14: Uniform[0,1], Myerson reserve 1/2:
    /// Π* = 2n(1 - 2^{-(n+1)})/(n+1) - (1 - 2^{-n}); the surplus there is listed for n = 1..5.</summary>
    [Theory]
    [InlineData(1, 0.125)]
    [InlineData(2, 0.1666666666666667)]
    [InlineData(3, 0.171875)]
    [InlineData(4, 0.1625)]
    [InlineData(5, 0.1484375)]
    public void Myerson_point_of_uniform_matches_the_closed_form(int n, double surplus)
    {
        double revenue = 2.0 * n * (1 - Math.Pow(2, -(n + 1))) / (n + 1) - (1 - Math.Pow(2, -n));
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", n));
        Support.Close(revenue, problem.RevenueOptimal.Allocation.Revenue, Tolerances.ClosedForm, "Π*");
        Support.Close(surplus, problem.RevenueOptimal.Allocation.Surplus, Tolerances.ClosedForm, "U at Myerson");
        Support.Close(0.5, problem.Discretised.Value(problem.RevenueOptimal.ReservePoint), Tolerances.ClosedForm, "reserve");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Uniform_is_MHR_so_the_buyer_optimal_mechanism_is_the_lottery(int n)
    {
        // method.md §7.3: U* for MHR is the lottery at price v(1) = 0: U* = E[v] = 1/2 and Π = 0.
        var problem = new FrontierProblem(Support.Market("uniform(0, 1)", n));
        Support.Close(0.5, problem.OptimalSurplus, Tolerances.ClosedForm, "U*");
        Support.Close(0, problem.SurplusOptimal.Allocation.Revenue, Tolerances.ClosedForm, "Π at U*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void Exponential_ties_at_U_star_break_towards_the_second_price_auction(int n)
    {
        // method.md §7.3, §14: Exponential(1) has two surplus-optimal mechanisms (SPA and lottery), both with U = 1.
        // Ties go to revenue: the SPA, Π = OPT - 1 = H_n - 1.
        var problem = new FrontierProblem(Support.Market("exponential(1)", n));
        Support.Close(1, problem.OptimalSurplus, Tolerances.ClosedForm, "U*");
        Support.Close(Support.Harmonic(n) - 1, problem.SurplusOptimal.Allocation.Revenue, Tolerances.ClosedForm, "Π at U*");
        Support.Close(Support.Harmonic(n), problem.OptimalWelfare, Tolerances.ClosedForm, "OPT = H_n");
        Support.Close(1, problem.SecondPrice.Surplus, Tolerances.ClosedForm, "SPA surplus");
    }

    [Fact]
    public void Lagrangian_value_is_at_least_that_of_the_second_price_auction_and_the_Myerson_point()
    {
        // Duality sanity: G(λ) = max Π + λU over the polytope, so it dominates every feasible mechanism.
        var problem = new FrontierProblem(Support.Market("lomax(2)", 4), 800);
        foreach (double lambda in new[] { 0.0, 0.3, 1.0, 2.5, 10.0 })
        {
            var optimum = LagrangianOptimum.Solve(problem.Discretised, lambda, TieSide.MostSurplus);
            double g = optimum.LagrangianValue;
            foreach (var other in new[] { problem.SecondPrice, problem.RevenueOptimal.Allocation, problem.SurplusOptimal.Allocation })
                Assert.True(Tolerances.SolverAgreement.AtMost(other.Revenue + lambda * other.Surplus, g), $"λ = {lambda}");
            Assert.True(optimum.Allocation.CheckFeasibility(Tolerances.Feasibility).Feasible);
        }
    }
}
