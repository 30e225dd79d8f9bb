namespace OrSolver.Core.LinearProgramming;

/// <summary>
/// A linear program in the project's own terms, independent of any solver:
/// maximise (or minimise) c·z subject to rowLower ≤ A·z ≤ rowUpper and columnLower ≤ z ≤ columnUpper.
/// Built with <see cref="LinearProgramBuilder"/>; immutable once built. Bounds may be ±∞.
/// </summary>
public sealed class LinearProgram
{
    internal LinearProgram(bool maximise, Column[] columns, Row[] rows)
    {
        Maximise = maximise;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>True to maximise the objective, false to minimise it.</summary>
    public bool Maximise { get; }

    /// <summary>The variables, with bounds and objective coefficients.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The constraints, each a sparse row with bounds.</summary>
    public IReadOnlyList<Row> Rows { get; }

    private SparseRows? _sparse;

    /// <summary>The constraint matrix by rows in compressed arrays (built once, on first use): row r's terms are
    /// Column[Start[r]..Start[r+1]) and Value[...] — for passes over every non-zero (weak-duality bounds, residuals).</summary>
    internal SparseRows Sparse => _sparse ??= SparseRows.Of(Rows, Columns);

    /// <summary>A matrix in compressed sparse rows, with the bounds and objective as arrays.</summary>
    internal sealed record SparseRows(int[] Start, int[] Column, double[] Value)
    {
        public required double[] RowLower { get; init; }

        public required double[] RowUpper { get; init; }

        public required double[] ColumnLower { get; init; }

        public required double[] ColumnUpper { get; init; }

        public required double[] Objective { get; init; }

        /// <summary>The rows <paramref name="moved"/> names, in increasing order, with their new bounds: read alongside
        /// <see cref="RowLower"/> and <see cref="RowUpper"/> in a pass over the rows (<see cref="Bounds"/>), so that moving one
        /// row's bound does not copy the program's arrays.</summary>
        public (int Row, double Lower, double Upper)[] Moved(IReadOnlyDictionary<int, (double Lower, double Upper)>? moved)
        {
            if (moved is null || moved.Count == 0) return [];
            var rows = moved.Select(p => (p.Key, p.Value.Lower, p.Value.Upper)).OrderBy(p => p.Key).ToArray();
            foreach (var (row, _, _) in rows)
                if (row < 0 || row >= RowLower.Length) throw new ArgumentOutOfRangeException(nameof(moved), row, $"no row {row}");
            return rows;
        }

        /// <summary>Row <paramref name="r"/>'s bounds, in a pass over the rows in increasing order: <paramref name="next"/>
        /// is the first entry of <paramref name="moved"/> not yet passed (start at 0).</summary>
        public (double Lower, double Upper) Bounds(int r, (int Row, double Lower, double Upper)[] moved, ref int next)
        {
            if (next < moved.Length && moved[next].Row == r)
            {
                var (_, lower, upper) = moved[next++];
                return (lower, upper);
            }
            return (RowLower[r], RowUpper[r]);
        }

        public static SparseRows Of(IReadOnlyList<Row> rows, IReadOnlyList<Column> columns)
        {
            var start = new int[rows.Count + 1];
            for (int r = 0; r < rows.Count; r++) start[r + 1] = start[r] + rows[r].Terms.Count;
            var column = new int[start[^1]];
            var value = new double[start[^1]];
            for (int r = 0; r < rows.Count; r++)
            {
                int at = start[r];
                foreach (var (c, a) in rows[r].Terms)
                {
                    column[at] = c;
                    value[at++] = a;
                }
            }
            return new SparseRows(start, column, value)
            {
                RowLower = [.. rows.Select(r => r.Lower)],
                RowUpper = [.. rows.Select(r => r.Upper)],
                ColumnLower = [.. columns.Select(c => c.Lower)],
                ColumnUpper = [.. columns.Select(c => c.Upper)],
                Objective = [.. columns.Select(c => c.Objective)],
            };
        }
    }

    /// <summary>A variable z_i: lower ≤ z_i ≤ upper, objective coefficient c_i.</summary>
    public sealed record Column(string Name, double Lower, double Upper, double Objective);

    /// <summary>A constraint lower ≤ Σ coefficient·z ≤ upper.</summary>
    public sealed record Row(string Name, double Lower, double Upper, IReadOnlyList<(int Column, double Coefficient)> Terms);
}

/// <summary>Builds a <see cref="LinearProgram"/> step by step; validates bounds and indices as they come.</summary>
public sealed class LinearProgramBuilder
{
    private readonly List<LinearProgram.Column> _columns = [];
    private readonly List<LinearProgram.Row> _rows = [];

    /// <summary>Adds a variable and returns its index.</summary>
    public int AddColumn(string name, double lower, double upper, double objective = 0)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
            throw new ArgumentException($"column {name}: bounds [{lower}, {upper}] are empty or NaN");
        if (!double.IsFinite(objective)) throw new ArgumentException($"column {name}: objective {objective} is not finite");
        _columns.Add(new LinearProgram.Column(name, lower, upper, objective));
        return _columns.Count - 1;
    }

    /// <summary>Sets the objective coefficient of an existing column.</summary>
    public void SetObjective(int column, double coefficient)
    {
        if (!double.IsFinite(coefficient)) throw new ArgumentException($"objective coefficient {coefficient} is not finite");
        _columns[column] = _columns[column] with { Objective = coefficient };
    }

    /// <summary>Adds a constraint lower ≤ Σ terms ≤ upper and returns its index.</summary>
    public int AddRow(string name, double lower, double upper, IReadOnlyList<(int Column, double Coefficient)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
            throw new ArgumentException($"row {name}: bounds [{lower}, {upper}] are empty or NaN");
        foreach (var (column, coefficient) in terms)
        {
            if (column < 0 || column >= _columns.Count) throw new ArgumentException($"row {name}: no column {column}");
            if (!double.IsFinite(coefficient)) throw new ArgumentException($"row {name}: coefficient {coefficient} is not finite");
        }
        _rows.Add(new LinearProgram.Row(name, lower, upper, [.. terms]));
        return _rows.Count - 1;
    }

    /// <summary>Whether the objective is maximised (default) or minimised.</summary>
    public bool Maximise { get; set; } = true;

    /// <summary>Freezes the program.</summary>
    public LinearProgram Build() => new(Maximise, [.. _columns], [.. _rows]);
}
