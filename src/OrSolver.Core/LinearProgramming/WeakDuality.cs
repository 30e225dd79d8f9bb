namespace OrSolver.Core.LinearProgramming;

/// <summary>
/// A bound on a <see cref="LinearProgram"/>'s optimum from any row multipliers y, by weak duality (method.md §5.8).
/// For a maximisation, every feasible z satisfies
/// c·z = d·z + Σ_r y_r·(a_r·z) with d = c − Aᵀy, and each term is at most its value at the bound it leans on:
/// y_r·(a_r·z) ≤ y_r·u_r when y_r &gt; 0 and ≤ y_r·l_r when y_r &lt; 0; d_i·z_i ≤ d_i·ub_i when d_i &gt; 0 and ≤ d_i·lb_i when
/// d_i &lt; 0. The sum is an upper bound on the optimum whatever y is: a good y (an optimal dual) makes it tight, a poor one
/// only loose, never wrong. A multiplier that leans on an infinite bound makes the bound +∞. For a minimisation the
/// same argument gives a lower bound. So a point z whose objective meets the bound is optimal, with no trust placed in
/// whoever produced y: that is the certificate.
/// </summary>
/// <param name="Value">The bound: ≥ the optimum of a maximisation, ≤ that of a minimisation; ±∞ when y leans on an infinite
/// bound.</param>
/// <param name="Scale">Σ of the magnitudes of the terms summed, the scale of the bound's rounding error (≈ ulp·Scale·terms).</param>
/// <param name="Unbounded">Why the bound is infinite (the row or column whose infinite bound y leans on), or null.</param>
public sealed record DualBound(double Value, double Scale, string? Unbounded)
{
    /// <summary>The bound for <paramref name="program"/> from <paramref name="rowDuals"/>, with the convention of
    /// <see cref="LinearSolution.RowDuals"/> (y_r = d objective / d bound of the row's binding side: for a maximisation
    /// y_r ≥ 0 leans on the upper bound, y_r ≤ 0 on the lower one).</summary>
    /// <param name="program">The LP.</param>
    /// <param name="rowDuals">y, one per row.</param>
    /// <param name="rowBounds">Bounds that replace the program's for some rows (e.g. a surplus floor moved along a
    /// sweep), or null.</param>
    /// <param name="impliedUpper">Upper bounds on the columns that every feasible point meets although the program does not
    /// state them (one per column; +∞ for none), or null: a multiplier may lean on them as on the program's own.</param>
    public static DualBound Of(LinearProgram program, IReadOnlyList<double> rowDuals, IReadOnlyDictionary<int, (double Lower, double Upper)>? rowBounds = null,
        IReadOnlyList<double>? impliedUpper = null)
    {
        if (impliedUpper is not null && impliedUpper.Count != program?.Columns.Count)
            throw new ArgumentException("one implied bound per column", nameof(impliedUpper));
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(rowDuals);
        if (rowDuals.Count != program.Rows.Count)
            throw new ArgumentException($"{rowDuals.Count} multipliers for {program.Rows.Count} rows", nameof(rowDuals));
        // A minimisation is the maximisation of −c: its duals flip sign with it.
        double sense = program.Maximise ? 1 : -1;
        var matrix = program.Sparse;
        // Plain arrays in the loops below: they run over every non-zero of programs with 10⁵ rows, once per certified point.
        double[] y = rowDuals as double[] ?? [.. rowDuals];
        double[]? implied = impliedUpper is null ? null : impliedUpper as double[] ?? [.. impliedUpper];
        var moved = matrix.Moved(rowBounds);
        int next = 0;
        var reduced = new double[program.Columns.Count];
        for (int i = 0; i < reduced.Length; i++) reduced[i] = sense * matrix.Objective[i];

        double value = 0, scale = 0;
        for (int r = 0; r < y.Length; r++)
        {
            double yr = sense * y[r];
            if (!double.IsFinite(yr)) throw new ArgumentException($"row {r}: multiplier {rowDuals[r]} is not finite", nameof(rowDuals));
            var (lower, upper) = matrix.Bounds(r, moved, ref next);
            if (yr == 0) continue;
            double bound = yr > 0 ? upper : lower;
            if (double.IsInfinity(bound)) return new DualBound(sense * double.PositiveInfinity, double.PositiveInfinity, $"row {program.Rows[r].Name} leans on an infinite bound");
            value += yr * bound;
            scale += Math.Abs(yr * bound);
            for (int t = matrix.Start[r]; t < matrix.Start[r + 1]; t++) reduced[matrix.Column[t]] -= yr * matrix.Value[t];
        }
        for (int i = 0; i < reduced.Length; i++)
        {
            double d = reduced[i];
            if (d == 0) continue;
            double bound = d > 0 ? Math.Min(matrix.ColumnUpper[i], implied?[i] ?? double.PositiveInfinity) : matrix.ColumnLower[i];
            if (double.IsInfinity(bound)) return new DualBound(sense * double.PositiveInfinity, double.PositiveInfinity, $"column {program.Columns[i].Name} leans on an infinite bound");
            value += d * bound;
            scale += Math.Abs(d * bound);
        }
        return new DualBound(sense * value, scale, null);
    }
}

/// <summary>Whether a point z satisfies a <see cref="LinearProgram"/>'s rows and bounds, and its objective.</summary>
/// <param name="Objective">c·z.</param>
/// <param name="WorstViolation">The largest violation of a row or bound, each divided by 1 + the magnitude of what it
/// bounds (Σ|a·z| for a row, |bound| for a column). Range: ≥ 0.</param>
/// <param name="Where">The row or column of the worst violation, or null when nothing is violated.</param>
public sealed record PrimalResidual(double Objective, double WorstViolation, string? Where)
{
    /// <summary>Evaluates z against <paramref name="program"/>.</summary>
    public static PrimalResidual Of(LinearProgram program, IReadOnlyList<double> primal, IReadOnlyDictionary<int, (double Lower, double Upper)>? rowBounds = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(primal);
        if (primal.Count != program.Columns.Count)
            throw new ArgumentException($"{primal.Count} values for {program.Columns.Count} columns", nameof(primal));
        double objective = 0, worst = 0;
        int worstAt = -1;
        var matrix = program.Sparse;
        double[] z = primal as double[] ?? [.. primal];
        var moved = matrix.Moved(rowBounds);
        int next = 0;
        int columns = z.Length;
        for (int i = 0; i < columns; i++)
        {
            objective += matrix.Objective[i] * z[i];
            Note(Math.Max(matrix.ColumnLower[i] - z[i], z[i] - matrix.ColumnUpper[i]) / (1 + Math.Abs(z[i])), i);
        }
        for (int r = 0; r < matrix.RowLower.Length; r++)
        {
            var (lower, upper) = matrix.Bounds(r, moved, ref next);
            double activity = 0, magnitude = 0;
            for (int t = matrix.Start[r]; t < matrix.Start[r + 1]; t++)
            {
                double term = matrix.Value[t] * z[matrix.Column[t]];
                activity += term;
                magnitude += Math.Abs(term);
            }
            Note(Math.Max(lower - activity, activity - upper) / (1 + magnitude), columns + r);
        }
        string? where = worstAt < 0 ? null : worstAt < columns ? program.Columns[worstAt].Name : program.Rows[worstAt - columns].Name;
        return new PrimalResidual(objective, worst, where);

        void Note(double violation, int at)
        {
            if (violation > worst)
            {
                worst = violation;
                worstAt = at;
            }
        }
    }
}
