using System.Globalization;

namespace OrSolver.Core.Distributions;

/// <summary>Validation of user-given parameters: each failure is a one-line <see cref="InputException"/>
/// naming the family and the parameter.</summary>
internal static class ParameterCheck
{
    /// <summary>The largest magnitude of a parameter that sets a value scale (a bound, cap, scale, mean or 1/rate): with
    /// n up to 10¹² buyers and grid quantiles down to 10⁻²¹, values, revenues and their sums stay far from overflow.</summary>
    public const double MaximumMagnitude = 1e100;

    /// <summary>The smallest positive scale parameter (rate, scale, sd), the reciprocal of <see cref="MaximumMagnitude"/>.</summary>
    public const double MinimumScale = 1e-100;

    /// <summary>Round-trip formatting of a parameter ("R", invariant culture); infinities print as <c>inf</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A finite number of magnitude at most <paramref name="maximumMagnitude"/> (<see cref="MaximumMagnitude"/>
    /// unless the number is not a value scale, such as Example 4.2's n).</summary>
    public static void Finite(string family, string name, double value, double maximumMagnitude = MaximumMagnitude)
    {
        if (!double.IsFinite(value))
            throw new InputException($"{family}: {name} ({Format(value)}) must be a finite number");
        if (Math.Abs(value) > maximumMagnitude)
            throw new InputException($"{family}: {name} ({Format(value)}) is too large; the largest magnitude accepted is {Format(maximumMagnitude)}");
    }

    /// <summary>A positive finite number, not below <see cref="MinimumScale"/> (nor above <see cref="MaximumMagnitude"/>).</summary>
    public static void Positive(string family, string name, double value)
    {
        Finite(family, name, value);
        if (!(value > 0.0))
            throw new InputException($"{family}: {name} ({Format(value)}) must be positive");
        if (value < MinimumScale)
            throw new InputException($"{family}: {name} ({Format(value)}) is too small; the smallest accepted is {Format(MinimumScale)}");
    }

    /// <summary>A number inside [<paramref name="min"/>, <paramref name="max"/>], the range where the family's special
    /// functions and root finding keep V accurate to <c>Tolerances.Quadrature</c>.</summary>
    public static void InRange(string family, string name, double value, double min, double max)
    {
        Finite(family, name, value);
        if (!(value >= min && value <= max))
            throw new InputException($"{family}: {name} ({Format(value)}) must lie in [{Format(min)}, {Format(max)}], the range this family is computed accurately on");
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
        if (!(allowInfinite && double.IsPositiveInfinity(value))) Finite(family, name, value);
        if (!(value > low))
            throw new InputException($"{family}: {name} ({Format(value)}) must be greater than {lowName} ({Format(low)})");
    }

    /// <summary>A cap is +∞ (none) or a number above the support's low end.</summary>
    public static void Cap(string family, double cap, double supportLow)
    {
        if (double.IsNaN(cap))
            throw new InputException($"{family}: cap (NaN) must be a number or inf");
        if (!double.IsPositiveInfinity(cap)) Finite(family, "cap", cap);
        // A cap of 5e-324 would put every value on one atom at rounding's scale.
        if (cap > 0.0 && cap < MinimumScale)
            throw new InputException($"{family}: cap ({Format(cap)}) is too small; the smallest accepted is {Format(MinimumScale)}");
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
