using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;

namespace OrSolver.Core.Classes;

/// <summary>
/// The program for buyers of several classes (method.md §13.2) as a <see cref="LinearProgram"/>: for every class the chain
/// formulation of the i.i.d. program (<see cref="BorderProgram"/>: ξ_{c,j} = x_{c,j}/s_{c,j}, Z_{c,k} = X_{c,k}/X̂_c(q_{c,k})
/// ∈ [0, 1], chain rows and monotonicity), so that each class's own Border condition is a bound; one surplus row
/// U = Σ_c n_c·Σ_j x_{c,j}(ΔV_{c,j} − ΔR_{c,j}) ≥ U₀; objective Π = Σ_c n_c·Σ_j x_{c,j}·ΔR_{c,j}. The joint Border rows are
/// not in it: they are added as cutting planes (<see cref="CutRow"/>) where the allocation violates them.
/// </summary>
public sealed class ClassProgram
{
    private readonly int[][] _mass;
    private readonly int[][] _cumulative;

    private ClassProgram(ClassGrids grids, LinearProgram program, int[][] mass, int[][] cumulative, int surplusRow)
    {
        Grids = grids;
        Program = program;
        _mass = mass;
        _cumulative = cumulative;
        SurplusRow = surplusRow;
    }

    /// <summary>The market on its grids.</summary>
    public ClassGrids Grids { get; }

    /// <summary>The LP without joint Border rows.</summary>
    public LinearProgram Program { get; }

    /// <summary>Index of the surplus row U ≥ U₀.</summary>
    public int SurplusRow { get; }

    /// <summary>Builds the program with the surplus floor at −∞.</summary>
    public static ClassProgram Build(ClassGrids grids) => Build(grids, extend: null);

    /// <summary>Builds the program over the same polytope but lets <paramref name="extend"/> add its own columns, rows and
    /// objective before it is frozen, instead of the revenue objective. <paramref name="extend"/> gets the builder, the terms
    /// (column, coefficient) of Π and, per class, those of U_c = n_c·Σ_j x_{c,j}·(ΔV_{c,j} − ΔR_{c,j}).</summary>
    internal static ClassProgram Build(ClassGrids grids,
        Action<LinearProgramBuilder, IReadOnlyList<(int Column, double Coefficient)>, IReadOnlyList<(int Column, double Coefficient)>[]>? extend)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var builder = new LinearProgramBuilder { Maximise = true };
        var mass = new int[grids.Count][];
        var cumulative = new int[grids.Count][];
        for (int c = 0; c < grids.Count; c++)
        {
            var market = grids.Classes[c];
            string prefix = $"c{c + 1}:";
            (mass[c], cumulative[c]) = BorderProgram.AddVariables(builder, market, prefix);
            BorderProgram.AddBorderChain(builder, market, mass[c], cumulative[c], prefix);
            BorderProgram.AddMonotonicity(builder, market, mass[c], prefix);
        }
        var surplus = new List<(int, double)>();
        var revenue = new List<(int, double)>();
        var classSurplus = new IReadOnlyList<(int, double)>[grids.Count];
        for (int c = 0; c < grids.Count; c++)
        {
            var market = grids.Classes[c];
            int first = surplus.Count;
            for (int j = 1; j <= market.Cells; j++)
            {
                double unit = market.Buyers * market.AllocationScale(j);
                surplus.Add((mass[c][j], unit * market.SurplusWeight(j)));
                revenue.Add((mass[c][j], unit * market.RevenueWeight(j)));
                if (extend is null) builder.SetObjective(mass[c][j], unit * market.RevenueWeight(j));
            }
            classSurplus[c] = surplus[first..];
        }
        int surplusRow = builder.AddRow("surplus", double.NegativeInfinity, double.PositiveInfinity, surplus);
        extend?.Invoke(builder, revenue, classSurplus);
        return new ClassProgram(grids, builder.Build(), mass, cumulative, surplusRow);
    }

    /// <summary>The joint Border row at a grid threshold, divided by its cap so that its bound is 1:
    /// Σ_c (n_c·X̂_c(q_{c,k_c}) / cap(t))·Z_{c,k_c} ≤ 1 (classes at t_c = 0 drop out). Coefficients are at most 1.</summary>
    public (string Name, double Upper, IReadOnlyList<(int Column, double Coefficient)> Terms) CutRow(IReadOnlyList<int> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double cap = ClassBorder.Cap(Grids, points);
        var terms = new List<(int, double)>(points.Count);
        for (int c = 0; c < points.Count; c++)
        {
            int k = points[c];
            if (k == 0) continue;
            var market = Grids.Classes[c];
            terms.Add((_cumulative[c][k], market.Buyers * market.Cap(k) / cap));
        }
        return ($"border[{string.Join(',', points)}]", 1, terms);
    }

    /// <summary>Reads x_{c,j} = s_{c,j}·ξ_{c,j} out of an optimal solution.</summary>
    public ClassAllocation ReadAllocation(LinearSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        if (solution.Status != SolveStatus.Optimal) throw new InvalidOperationException($"no allocation to read from a {solution.Status} solve");
        var classes = new InterimAllocation[Grids.Count];
        for (int c = 0; c < Grids.Count; c++)
        {
            var market = Grids.Classes[c];
            var x = new double[market.Cells];
            for (int j = 1; j <= market.Cells; j++) x[j - 1] = solution.Primal[_mass[c][j]] * market.AllocationScale(j);
            classes[c] = new InterimAllocation(market, x);
        }
        return new ClassAllocation(Grids, classes);
    }
}
