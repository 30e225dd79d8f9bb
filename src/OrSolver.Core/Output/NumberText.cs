using System.Globalization;

namespace OrSolver.Core.Output;

/// <summary>Numbers and index lists as the library's sentences print them: invariant culture, short.</summary>
public static class NumberText
{
    /// <summary><paramref name="value"/> with <paramref name="digits"/> significant digits ("G" format, invariant culture).</summary>
    /// <param name="value">Any double; the infinities print as ∞ and -∞, NaN as NaN.</param>
    /// <param name="digits">Significant digits. Range: ≥ 1.</param>
    public static string Significant(double value, int digits = 4) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ => value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    /// <summary><paramref name="value"/> as the shortest text that parses back to the same double (invariant culture):
    /// what every CSV of the project writes, so that a file read back gives the same bits and the same result gives the
    /// same bytes on every machine. NaN prints as NaN and the infinities as Infinity and -Infinity.</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A list of indices, the first <paramref name="shown"/> of them and how many in all, or "none".</summary>
    public static string Indices(IReadOnlyList<int> indices, int shown = 5)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices.Count == 0
            ? "none"
            : string.Join(", ", indices.Take(shown).Select(i => i.ToString(CultureInfo.InvariantCulture))) + (indices.Count > shown ? $" … ({indices.Count} in all)" : "");
    }
}
