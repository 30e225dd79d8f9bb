namespace OrSolver.Core.Distributions;

/// <summary>
/// The empirical distribution of N samples (method.md §11.3): each distinct sample value u_i (u_1 &gt; u_2 &gt; … &gt; u_K)
/// is an atom of mass c_i/N, where c_i counts its samples. With Q_i = (c_1 + … + c_i)/N, v(q) = u_i on
/// (Q_{i-1}, Q_i] (the empirical quantile function, a step function), R(q) = q·u_i there, and
/// V(q) = Σ_{j&lt;i} u_j·c_j/N + u_i·(q - Q_{i-1}): every quantity is exact. F has no continuous part (density 0).
/// The breakpoints are Q_1, …, Q_{K-1}; the grid is exactly these atom ends (<see cref="IPiecewiseLinearValue.Atomic"/>),
/// so K distinct values make a K-cell LP whatever grid size is asked for.
/// Spec: <c>empirical(file=PATH, column=NAME)</c>, a CSV of samples with a header row (column may be omitted when the
/// file has one column).
/// </summary>
public sealed class EmpiricalDistribution : ValueDistribution, IPiecewiseLinearValue
{
    private const string Family = "empirical";

    private readonly double[] atomValues;
    private readonly double[] atomEnds;
    private readonly double[] integratedAtEnds;
    private readonly IReadOnlyList<double> breakpoints;

    private EmpiricalDistribution(IReadOnlyList<double> samples, string spec)
    {
        Spec = spec;
        SampleCount = samples.Count;
        var groups = samples.GroupBy(s => s).OrderByDescending(g => g.Key).ToArray();
        int k = groups.Length;
        atomValues = new double[k];
        atomEnds = new double[k];
        integratedAtEnds = new double[k];
        long count = 0;
        // Σ u_j·c_j in Neumaier's compensated sum: V(1) = E[v] to rounding whatever N.
        double sum = 0, compensation = 0;
        for (int i = 0; i < k; i++)
        {
            atomValues[i] = groups[i].Key;
            count += groups[i].Count();
            atomEnds[i] = (double)count / SampleCount;
            double term = groups[i].Key * groups[i].Count();
            double t = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
            integratedAtEnds[i] = (sum + compensation) / SampleCount;
        }
        atomEnds[k - 1] = 1.0;
        breakpoints = Array.AsReadOnly(atomEnds[..^1]);
        AtomValues = Array.AsReadOnly((double[])atomValues.Clone());
    }

    /// <summary>The empirical distribution of the numbers in one column of a CSV file with a header row.</summary>
    /// <param name="path">The file; a relative path is taken from <paramref name="baseDirectory"/>, else the current directory.</param>
    /// <param name="column">The column's header name (exact, else ignoring case); null when the file has one column.</param>
    /// <param name="baseDirectory">Folder that relative paths start from (a scenario file's folder), or null.</param>
    /// <exception cref="InputException">Missing or empty file, missing column, a cell that is not a finite number ≥ 0
    /// (the message names the line and column), or fewer than two distinct values.</exception>
    public static EmpiricalDistribution Load(string path, string? column = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = DataFile.Open(Family, path, baseDirectory);
        int index;
        if (column is null)
        {
            if (file.Header.Count != 1)
                throw new InputException($"{Family}: {file.Name} has {file.Header.Count} columns ({file.ColumnList}); name one with column=NAME");
            index = 0;
        }
        else
        {
            index = file.ColumnIndex(column);
            if (index < 0) throw new InputException($"{Family}: {file.Name} has no column '{InputException.Excerpt(column)}'; its columns: {file.ColumnList}");
        }

        var samples = new List<double>();
        foreach (var row in file.Rows([index]))
        {
            double value = row.Values[0];
            if (value < 0)
                throw new InputException($"{Family}: {file.Name} line {row.Line}, column '{InputException.Excerpt(file.Header[index], 40)}': value {ParameterCheck.Format(value)} is negative (values must be ≥ 0)");
            samples.Add(value + 0.0); // -0 and 0 are one atom
        }
        // One value is a point mass: every mechanism leaves U = 0 at best, so there is no frontier (and no KS ratio).
        if (samples.All(s => s == samples[0]))
            throw new InputException($"{Family}: every sample in {file.Name} is {ParameterCheck.Format(samples[0])}; a frontier needs at least two distinct values");

        return new EmpiricalDistribution(samples, $"{Family}(file={DistributionSpec.QuoteText(file.Display)}, column={DistributionSpec.QuoteText(file.Header[index])})");
    }

    /// <summary>N, the number of samples. Range: ≥ 2.</summary>
    public int SampleCount { get; }

    /// <summary>The distinct sample values u_1 &gt; … &gt; u_K, the atoms in quantile order.</summary>
    public IReadOnlyList<double> AtomValues { get; }

    /// <inheritdoc />
    public bool Atomic => true;

    /// <inheritdoc />
    public override string Spec { get; }

    /// <inheritdoc />
    public override double SupportLow => atomValues[^1];

    /// <inheritdoc />
    public override double SupportHigh => atomValues[0];

    /// <summary>The atom ends Q_1 &lt; … &lt; Q_{K-1} (cumulative sample shares from the top).</summary>
    public override IReadOnlyList<double> Breakpoints => breakpoints;

    private protected override double RevenueAtZeroCore => 0.0;

    private protected override double ValueCore(double quantile) => atomValues[AtomOf(quantile)];

    private protected override double IntegratedValueCore(double quantile)
    {
        int i = AtomOf(quantile);
        if (quantile == atomEnds[i]) return integratedAtEnds[i];
        double start = i == 0 ? 0.0 : atomEnds[i - 1];
        double before = i == 0 ? 0.0 : integratedAtEnds[i - 1];
        return before + atomValues[i] * (quantile - start);
    }

    private protected override double SurvivalCore(double value) => Share(CountAbove(value, inclusive: false));

    private protected override double SurvivalInclusiveCore(double value) => Share(CountAbove(value, inclusive: true));

    private protected override double DensityCore(double value) => 0.0;

    /// <summary>The atom i with Q_{i-1} &lt; q ≤ Q_i.</summary>
    private int AtomOf(double quantile)
    {
        int i = Array.BinarySearch(atomEnds, quantile);
        return i >= 0 ? i : Math.Min(~i, atomEnds.Length - 1);
    }

    /// <summary>How many atoms lie above <paramref name="value"/> (or at it, when inclusive).</summary>
    private int CountAbove(double value, bool inclusive)
    {
        int lo = 0, hi = atomValues.Length;
        while (lo < hi)
        {
            int middle = (lo + hi) / 2;
            bool above = inclusive ? atomValues[middle] >= value : atomValues[middle] > value;
            if (above) lo = middle + 1;
            else hi = middle;
        }
        return lo;
    }

    private double Share(int atoms) => atoms == 0 ? 0.0 : atoms == atomValues.Length ? 1.0 : atomEnds[atoms - 1];
}
