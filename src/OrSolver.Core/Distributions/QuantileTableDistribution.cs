namespace OrSolver.Core.Distributions;

/// <summary>
/// A value distribution tabulated as points (q_i, v_i) of its value function, 0 = q_0 &lt; q_1 &lt; … &lt; q_m = 1,
/// with v(q) linear in q between them (method.md §11.4): v_0 ≥ v_1 ≥ … ≥ v_m ≥ 0, since v(q) = F⁻¹(1 - q) is non-increasing.
/// A flat piece (v_i = v_{i+1}) is an atom of mass q_{i+1} - q_i; a falling piece has density (q_{i+1} - q_i)/(v_i - v_{i+1}).
/// V is exact: the trapezoid rule is exact for piecewise-linear v. Every interior q_i is a breakpoint (a grid point).
/// Spec: <c>quantiles(file=PATH)</c>, a CSV with a header row and columns <c>q</c> and <c>v</c> (or exactly two columns,
/// taken in that order).
/// </summary>
public sealed class QuantileTableDistribution : ValueDistribution, IPiecewiseLinearValue
{
    private const string Family = "quantiles";

    private readonly double[] quantiles;
    private readonly double[] values;
    private readonly double[] integratedAtPoints;
    private readonly IReadOnlyList<double> breakpoints;

    private QuantileTableDistribution(double[] quantiles, double[] values, string spec)
    {
        this.quantiles = quantiles;
        this.values = values;
        Spec = spec;
        integratedAtPoints = new double[quantiles.Length];
        for (int i = 1; i < quantiles.Length; i++)
            integratedAtPoints[i] = integratedAtPoints[i - 1] + 0.5 * (quantiles[i] - quantiles[i - 1]) * (values[i - 1] + values[i]);
        breakpoints = Array.AsReadOnly(quantiles[1..^1]);
        Points = Array.AsReadOnly(quantiles.Zip(values, (q, v) => (q, v)).ToArray());
    }

    /// <summary>Reads a (q, v) table from a CSV file with a header row.</summary>
    /// <param name="path">The file; a relative path is taken from <paramref name="baseDirectory"/>, else the current directory.</param>
    /// <param name="baseDirectory">Folder that relative paths start from (a scenario file's folder), or null.</param>
    /// <exception cref="InputException">Missing or empty file, no q and v columns, a cell that is not a finite number, q
    /// outside [0, 1], not increasing strictly, not starting at 0 or not ending at 1, v negative or increasing (each message
    /// names the line), or v constant (a point mass).</exception>
    public static QuantileTableDistribution Load(string path, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = DataFile.Open(Family, path, baseDirectory);
        int q = file.ColumnIndex("q"), v = file.ColumnIndex("v");
        if (q < 0 || v < 0)
        {
            if (file.Header.Count != 2)
                throw new InputException($"{Family}: {file.Name} needs columns 'q' and 'v' (or exactly two columns); its columns: {file.ColumnList}");
            (q, v) = (0, 1);
        }

        var rows = file.Rows([q, v]);
        var qs = new double[rows.Count];
        var vs = new double[rows.Count];
        string where(int i) => $"{Family}: {file.Name} line {rows[i].Line}";
        for (int i = 0; i < rows.Count; i++)
        {
            (qs[i], vs[i]) = (rows[i].Values[0], rows[i].Values[1]);
            if (qs[i] < 0 || qs[i] > 1) throw new InputException($"{where(i)}: q = {ParameterCheck.Format(qs[i])} is outside [0, 1]");
            if (vs[i] < 0) throw new InputException($"{where(i)}: v = {ParameterCheck.Format(vs[i])} is negative (values must be ≥ 0)");
            if (i == 0) continue;
            if (!(qs[i] > qs[i - 1]))
                throw new InputException($"{where(i)}: q = {ParameterCheck.Format(qs[i])} does not exceed the previous q = {ParameterCheck.Format(qs[i - 1])}; q must increase strictly from 0 to 1");
            if (vs[i] > vs[i - 1])
                throw new InputException($"{where(i)}: v = {ParameterCheck.Format(vs[i])} rises above the previous v = {ParameterCheck.Format(vs[i - 1])}; v(q) = F⁻¹(1-q) must not increase with q");
        }
        if (qs[0] != 0) throw new InputException($"{where(0)}: the table must start at q = 0 (got q = {ParameterCheck.Format(qs[0])}) and end at q = 1");
        if (qs[^1] != 1) throw new InputException($"{where(rows.Count - 1)}: the table must end at q = 1 (got q = {ParameterCheck.Format(qs[^1])})");
        if (vs[0] == vs[^1])
            throw new InputException($"{Family}: {file.Name}: v is {ParameterCheck.Format(vs[0])} everywhere; a frontier needs a table whose values fall");

        return new QuantileTableDistribution(qs, vs, $"{Family}(file={DistributionSpec.QuoteText(file.Display)})");
    }

    /// <summary>The table's points (q_i, v_i), q from 0 to 1.</summary>
    public IReadOnlyList<(double Quantile, double Value)> Points { get; }

    /// <inheritdoc />
    public bool Atomic => false;

    /// <inheritdoc />
    public override string Spec { get; }

    /// <inheritdoc />
    public override double SupportLow => values[^1];

    /// <inheritdoc />
    public override double SupportHigh => values[0];

    /// <summary>The table's interior quantiles q_1, …, q_{m-1}.</summary>
    public override IReadOnlyList<double> Breakpoints => breakpoints;

    private protected override double RevenueAtZeroCore => 0.0;

    private protected override double ValueCore(double quantile)
    {
        int i = PieceOf(quantile);
        return Interpolate(i, quantile);
    }

    private protected override double IntegratedValueCore(double quantile)
    {
        int i = PieceOf(quantile);
        if (quantile == quantiles[i + 1]) return integratedAtPoints[i + 1];
        return integratedAtPoints[i] + 0.5 * (quantile - quantiles[i]) * (values[i] + Interpolate(i, quantile));
    }

    /// <summary>P(X &gt; v) = the length of {q : v(q) &gt; v}: up to where v(q) falls to v.</summary>
    private protected override double SurvivalCore(double value)
    {
        if (value >= values[0]) return 0.0;
        if (value < values[^1]) return 1.0;
        int i = LastIndex(v => v > value); // v_i > value ≥ v_{i+1}
        return Crossing(i, value);
    }

    /// <summary>P(X ≥ v) = the length of {q : v(q) ≥ v}; exceeds <see cref="SurvivalCore"/> by the mass of a flat piece at v.</summary>
    private protected override double SurvivalInclusiveCore(double value)
    {
        if (value > values[0]) return 0.0;
        if (value <= values[^1]) return 1.0;
        int i = LastIndex(v => v >= value); // v_i ≥ value > v_{i+1}
        return Crossing(i, value);
    }

    /// <summary>1/|v'| on the falling piece through v (the one below it at a knot); 0 outside the support and on atoms.</summary>
    private protected override double DensityCore(double value)
    {
        if (value > values[0] || value < values[^1] || values[0] == values[^1]) return 0.0;
        int i = value == values[0] ? 0 : LastIndex(v => v > value); // v_i > value ≥ v_{i+1}, or the top knot
        double drop = values[i] - values[i + 1];
        return drop > 0 ? (quantiles[i + 1] - quantiles[i]) / drop : 0.0;
    }

    /// <summary>The piece i with q_i ≤ q &lt; q_{i+1} (the last piece for q = 1).</summary>
    private int PieceOf(double quantile)
    {
        int i = Array.BinarySearch(quantiles, quantile);
        if (i < 0) i = ~i - 1;
        return Math.Clamp(i, 0, quantiles.Length - 2);
    }

    private double Interpolate(int piece, double quantile)
    {
        double width = quantiles[piece + 1] - quantiles[piece];
        double t = (quantile - quantiles[piece]) / width;
        // From the nearer end, so that v(q_i) is the table's v_i exactly.
        return t <= 0.5
            ? values[piece] + t * (values[piece + 1] - values[piece])
            : values[piece + 1] + (1 - t) * (values[piece] - values[piece + 1]);
    }

    /// <summary>The q in [q_i, q_{i+1}] where the falling piece i reaches <paramref name="value"/> (v_i ≥ value ≥ v_{i+1}).</summary>
    private double Crossing(int piece, double value)
    {
        if (value >= values[piece]) return quantiles[piece];
        double drop = values[piece] - values[piece + 1];
        return quantiles[piece] + (values[piece] - value) / drop * (quantiles[piece + 1] - quantiles[piece]);
    }

    /// <summary>The last index i with <paramref name="holds"/>(v_i), for a predicate that holds on a prefix of the table.</summary>
    private int LastIndex(Func<double, bool> holds)
    {
        int lo = 0, hi = values.Length - 1; // holds(v_lo), !holds(v_hi)
        while (hi - lo > 1)
        {
            int middle = (lo + hi) / 2;
            if (holds(values[middle])) lo = middle;
            else hi = middle;
        }
        return lo;
    }
}
