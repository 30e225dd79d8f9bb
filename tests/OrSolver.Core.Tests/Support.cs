using OrSolver.Core.Distributions;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Tests;

/// <summary>Shared helpers of the core tests.</summary>
internal static class Support
{
    public static Market Market(string spec, long buyers) => new(DistributionSpec.Parse(spec), buyers);

    /// <summary>Asserts closeness with the tolerance helper and a message that shows both values.</summary>
    public static void Close(double expected, double actual, Tolerance tolerance, string what)
        => Assert.True(tolerance.Close(actual, expected), $"{what}: expected {expected:R}, got {actual:R} (relative error {Tolerance.RelativeError(actual, expected):E2})");

    /// <summary>Harmonic number H_n = Σ_{i≤n} 1/i (OPT of n Exponential(1) buyers: E[max] = H_n).</summary>
    public static double Harmonic(int n)
    {
        double sum = 0;
        for (int i = n; i >= 1; i--) sum += 1.0 / i;
        return sum;
    }
}
