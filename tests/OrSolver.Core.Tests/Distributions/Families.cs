namespace OrSolver.Core.Tests.Distributions;

/// <summary>Specs covering every family, caps, Example 4.2, mixtures with a gap, an atom and an unbounded tail, and
/// piecewise value functions with atoms, gaps and the three piece shapes.</summary>
internal static class Families
{
    public static readonly string[] All =
    [
        "uniform(0.5, 2)",
        "uniform(0, 1)",
        "exponential(2)",
        "weibull(0.7, 2)",
        "weibull(3)",
        "gamma(0.5, 2)",
        "gamma(4, 1.5)",
        "pareto(2.5)",
        "pareto(3, cap=4)",
        "pareto(0.8, 2, cap=50)",
        "lomax(3, 2)",
        "lomax(1, cap=100)",
        "lognormal(0.2, 0.8)",
        "lognormal(0, 1.5, cap=20)",
        "equalrevenue(10)",
        "normal(0.5, 0.2, 0, 1)",
        "normal(3, 1, 0, inf)",
        "normal(0, 1, 2, 5)",
        "normal(5, 1, 0, 1)",
        "beta(2, 3)",
        "beta(0.5, 0.7, 1, 3)",
        "example42(1000)",
        "example42(1e9)",
        "mixture(0.3*uniform(2, 3), 0.7*pareto(2.5, cap=1.5))",
        "mixture(0.5*exponential(1), 0.5*lomax(3))",
        "mixture(0.1*uniform(2, 10), 0.9*uniform(0, 2))",
        "mixture(0.2*gamma(3, 1), 0.5*normal(1, 0.5, 0, 4), 0.3*beta(2, 2, 5, 6))",
        "piecewise(400 to 0.025, 10 to 0.05, 0.5/q to 0.5, 0)",
        "piecewise(3 to 0.1, 0.3/q to 0.3, 1 to 0.35, 0.5(1-q)/q)",
    ];

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (string spec in All) data.Add(spec);
        return data;
    }
}
