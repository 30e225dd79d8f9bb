using MathNet.Numerics.RootFinding;

namespace OrSolver.Core.Distributions;

/// <summary>Bracketed root finding for the quantile inversions: MathNet's Brent, with a bisection to the last
/// bit as the fallback when Brent stalls (it reports failure when the accuracy cannot be improved).</summary>
internal static class RootSolver
{
    private const int BrentIterations = 300;

    /// <summary>A root of <paramref name="f"/> in [lower, upper], which must bracket a sign change.
    /// <paramref name="accuracy"/> is Brent's absolute accuracy in x and in |f| (scale f accordingly).</summary>
    public static double Solve(Func<double, double> f, double lower, double upper, double accuracy)
    {
        if (lower > upper) (lower, upper) = (upper, lower);
        double safe(double x) => Clamp(f(x));
        double fLower = safe(lower);
        if (fLower == 0.0) return lower;
        double fUpper = safe(upper);
        if (fUpper == 0.0) return upper;
        if (Math.Sign(fLower) == Math.Sign(fUpper))
            throw new InvalidOperationException($"Root not bracketed on [{lower}, {upper}]: f = {fLower}, {fUpper}.");
        try
        {
            if (Brent.TryFindRoot(safe, lower, upper, accuracy, BrentIterations, out double root)
                && root >= lower && root <= upper)
                return root;
        }
        catch (ArithmeticException)
        {
            // Brent's interpolation can produce NaN near infinite residuals; bisection cannot.
        }

        return Bisect(safe, lower, upper, fLower);
    }

    /// <summary>The x in [xMin, xMax] (0 &lt; xMin) where the non-decreasing <paramref name="residual"/> changes sign,
    /// to relative accuracy ~|ln x|·1e-16: the bracket is grown from <paramref name="guess"/> in u = ln x by
    /// doubling steps, then refined by Brent in u. The residual should be scale-free (a log-ratio) since
    /// Brent also stops on |residual| &lt; 1e-16. Returns an end of the domain when there is no sign change.</summary>
    public static double SolveIncreasingPositive(Func<double, double> residual, double guess, double xMin, double xMax)
    {
        double uMin = Math.Log(xMin), uMax = Math.Log(xMax);
        double h(double u) => Clamp(residual(Math.Exp(u)));
        double u0 = double.IsFinite(Math.Log(guess)) ? Math.Clamp(Math.Log(guess), uMin, uMax) : 0.5 * (uMin + uMax);
        double h0 = h(u0);
        if (h0 == 0.0) return Math.Exp(u0);
        double lo, hi, step = 1.0;
        if (h0 < 0.0)
        {
            lo = u0;
            while (true)
            {
                hi = Math.Min(lo + step, uMax);
                if (h(hi) >= 0.0) break;
                if (hi >= uMax) return xMax;
                lo = hi;
                step *= 2.0;
            }
        }
        else
        {
            hi = u0;
            while (true)
            {
                lo = Math.Max(hi - step, uMin);
                if (h(lo) <= 0.0) break;
                if (lo <= uMin) return xMin;
                hi = lo;
                step *= 2.0;
            }
        }

        return Math.Exp(Solve(h, lo, hi, 1e-16));
    }

    private static double Bisect(Func<double, double> f, double lower, double upper, double fLower)
    {
        for (int i = 0; i < 2200; i++)
        {
            double middle = lower + 0.5 * (upper - lower);
            if (middle <= lower || middle >= upper) break;
            double fMiddle = f(middle);
            if (fMiddle == 0.0) return middle;
            if (Math.Sign(fMiddle) == Math.Sign(fLower))
            {
                lower = middle;
                fLower = fMiddle;
            }
            else
            {
                upper = middle;
            }
        }

        return lower + 0.5 * (upper - lower);
    }

    // Infinite or NaN residuals would poison Brent's interpolation; keep their sign only.
    private static double Clamp(double x)
    {
        if (double.IsNaN(x)) throw new ArithmeticException("Residual is NaN.");
        return Math.Clamp(x, -1e300, 1e300);
    }
}
