using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>Quasi-regularity (Def. E.2: R(q)/(1 − q) never falls) on instances whose answer is known by hand.</summary>
public class QuasiRegularityTests
{
    [Fact]
    public void Quasi_regularity_accepts_the_paper_instance_and_regular_laws_and_refuses_gaps()
    {
        Assert.True(QuasiRegularity.Holds(PiecewiseValueDistribution.AppendixE2(0.325268, 0.589198), 10_000));
        Assert.True(QuasiRegularity.Holds(DistributionSpec.Parse("uniform(0, 1)"), 10_000));
        // E.1's instance drops from v = 1 to 0 at q = 1/2 (R/(1 − q) falls from 1 to 0) and from K² to K/2 at 1/(2K).
        Assert.False(QuasiRegularity.Holds(PiecewiseValueDistribution.AppendixE1(Math.Exp(2)), 10_000));
        Assert.False(QuasiRegularity.Holds(DistributionSpec.Parse("mixture(0.5*uniform(0, 1), 0.5*uniform(2, 3))"), 10_000));
    }

    [Fact]
    public void The_edge_of_quasi_regularity_is_accepted_and_a_fall_is_measured()
    {
        // v = 4 on [0, 0.2], then (1−q)/q: R/(1 − q) = 4q/(1 − q) rises to 1 at q = 0.2 and stays 1 (the edge of Def. E.2).
        Assert.True(QuasiRegularity.Holds(DistributionSpec.Parse("piecewise(4 to 0.2, 1(1-q)/q)"), 1000));
        // v drops from 1 to 1/2 at q = 1/2: R/(1 − q) falls from 0.5/0.5 = 1 to 0.25/0.5 = 1/2, a relative fall of 1/2.
        double fall = QuasiRegularity.WorstFall(DistributionSpec.Parse("piecewise(1 to 0.5, 0.5)"), 1000);
        Assert.True(Tolerances.Rounding.Close(0.5, fall), $"worst fall {fall:R}");
    }
}
