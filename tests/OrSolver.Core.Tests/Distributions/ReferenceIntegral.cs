using MathNet.Numerics.Integration;
using OrSolver.Core.Distributions;

namespace OrSolver.Core.Tests.Distributions;

/// <summary>Independent V(q) = ∫₀^q v by MathNet's double-exponential quadrature of v(q), split at the breakpoints
/// (jumps and kinks) and, where v is unbounded near 0, geometrically into decades until they are negligible.</summary>
internal static class ReferenceIntegral
{
    public static double IntegratedValue(IValueDistribution distribution, double quantile)
    {
        var cuts = new List<double> { 0.0 };
        cuts.AddRange(distribution.Breakpoints.Where(b => b < quantile));
        cuts.Add(quantile);
        double total = 0.0;
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            double start = cuts[i], end = cuts[i + 1];
            if (start == 0.0 && double.IsPositiveInfinity(distribution.SupportHigh))
            {
                // Decades down to where they stop mattering (or q·1e-40), summed from the smallest up.
                var decades = new List<double>();
                double upper = end;
                for (int k = 0; k < 40; k++)
                {
                    decades.Add(Piece(distribution, upper / 10.0, upper));
                    upper /= 10.0;
                    if (k >= 2 && decades[^1] < 1e-17 * decades[0]) break;
                }

                decades.Reverse();
                total += decades.Sum();
            }
            else
            {
                total += Piece(distribution, start, end);
            }
        }

        return total;
    }

    // Double-exponential quadrature handles the endpoint singularities of v' (e.g. (1 - q)^{1/3} at q = 1), but its
    // error control is absolute in MathNet: integrate in a rescaled variable so that the piece is of order 1.
    private static double Piece(IValueDistribution distribution, double start, double end)
    {
        double width = end - start, scale = Math.Max(distribution.Value(start + 0.5 * width), 1e-300);
        double integral = DoubleExponentialTransformation.Integrate(t => distribution.Value(start + width * t) / scale, 0.0, 1.0, 1e-13);
        return integral * width * scale;
    }
}
