namespace OrSolver.Core.Numerics;

/// <summary>
/// Elementary functions whose library versions are not accurate enough where the project needs them.
/// MathNet.Numerics 5.0.0's <c>SpecialFunctions.Expm1(-1e-3)</c> is off by 4e-11 relative (measured), and
/// .NET's <c>double.LogP1</c> is log(1 + x) with the rounding of 1 + x; the Border cap for n = 10⁹ needs both to
/// a few ulps. MathNet's <c>Log1p</c> is accurate and is used as it is.
/// </summary>
public static class AccurateFunctions
{
    /// <summary>eˣ − 1 to a few ulps for every x (Kahan's method: (u − 1)·x / log u with u = eˣ cancels the
    /// rounding of u). Range of x: any double; result in (−1, ∞].</summary>
    public static double ExpMinusOne(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (Math.Abs(x) >= 0.5) return Math.Exp(x) - 1;
        double u = Math.Exp(x);
        if (u == 1) return x;
        double uMinusOne = u - 1;
        if (uMinusOne == -1) return -1;
        return uMinusOne * x / Math.Log(u);
    }
}
