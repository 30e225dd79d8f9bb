using System.Globalization;
using OrSolver.Core.Output;

namespace OrSolver.Experiments.Analysis;

/// <summary>Number formatting for the report (invariant culture, short).</summary>
public static class Format
{
    /// <summary>A number with <paramref name="digits"/> significant digits.</summary>
    public static string G(double value, int digits = 4) => NumberText.Significant(value, digits);

    /// <summary>A list of indices, or "none".</summary>
    public static string Indices(IReadOnlyList<int> indices, int shown = 5) => NumberText.Indices(indices, shown);

    /// <summary>n as 10^k when it is a power of ten, else plainly.</summary>
    public static string Buyers(long n)
    {
        double k = Math.Log10(n);
        return n >= 1000 && Math.Abs(k - Math.Round(k)) < 1e-12 ? $"10^{Math.Round(k).ToString(CultureInfo.InvariantCulture)}" : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A file-name stem for a distribution spec: letters, digits, dots and dashes only.</summary>
    public static string FileName(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var stem = new string([.. spec.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : c is ',' or '*' or '(' ? '-' : '\0').Where(c => c != '\0')]);
        return stem.Trim('-');
    }
}
