using System.Globalization;

namespace OrSolver.Core.Distributions;

/// <summary>Validation of user-given parameters: each failure is a one-line <see cref="InputException"/>
/// naming the family and the parameter.</summary>
internal static class ParameterCheck
{
    /// <summary>Round-trip formatting of a parameter ("R", invariant culture); infinities print as <c>inf</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static void Finite(string family, string name, double value)
    {
        if (!double.IsFinite(value))
            throw new InputException($"{family}: {name} ({Format(value)}) must be a finite number");
    }

    public static void Positive(string family, string name, double value)
    {
        Finite(family, name, value);
        if (!(value > 0.0))
            throw new InputException($"{family}: {name} ({Format(value)}) must be positive");
    }

    public static void NonNegative(string family, string name, double value)
    {
        Finite(family, name, value);
        if (!(value >= 0.0))
            throw new InputException($"{family}: {name} ({Format(value)}) must be non-negative");
    }

    /// <summary>high &gt; low; high may be +∞ only when <paramref name="allowInfinite"/>.</summary>
    public static void Above(string family, string name, double value, string lowName, double low, bool allowInfinite = false)
    {
        if (double.IsNaN(value) || double.IsNegativeInfinity(value) || (!allowInfinite && double.IsPositiveInfinity(value)))
            throw new InputException($"{family}: {name} ({Format(value)}) must be a finite number");
        if (!(value > low))
            throw new InputException($"{family}: {name} ({Format(value)}) must be greater than {lowName} ({Format(low)})");
    }

    /// <summary>A cap is +∞ (none) or a number above the support's low end.</summary>
    public static void Cap(string family, double cap, double supportLow)
    {
        if (double.IsNaN(cap))
            throw new InputException($"{family}: cap (NaN) must be a number or inf");
        if (!(cap > supportLow))
            throw new InputException($"{family}: cap ({Format(cap)}) must be greater than the support's low end ({Format(supportLow)})");
    }

    /// <summary>A power-law tail with index α ≤ 1 has no finite mean unless it is capped: refuse it, naming <c>cap</c>.</summary>
    public static void FiniteMean(string family, double alpha, double scale, double cap)
    {
        if (alpha > 1.0 || !double.IsPositiveInfinity(cap)) return;
        string a = Format(alpha);
        throw new InputException($"{family}(alpha={a}) has no finite mean; add a cap, e.g. {family}({a}, cap={Format(100.0 * scale)})");
    }
}
