using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Classes;

/// <summary>The outcome of maximising the Nash product Π·∏_c u_c^{n_c} for buyers of several classes (method.md §13.2).</summary>
/// <param name="Status"><see cref="SolveStatus.Optimal"/> when the gap reached <see cref="Tolerances.NashProductGap"/> at a point
/// that passed the re-check and the certificate; <see cref="SolveStatus.NotSolved"/> when the iteration cap stopped the loop
/// first (the best point is still reported, with its gap); the LP's status when it stopped without an optimum.</param>
/// <param name="Allocation">The best certified point found (null when none was reached).</param>
/// <param name="Revenue">Π at the point (NaN without one).</param>
/// <param name="Utilities">u_c = U_c/n_c, the expected utility of one buyer of class c, per class (empty without a point).</param>
/// <param name="Surplus">U = Σ_c n_c·u_c (NaN without a point).</param>
/// <param name="Objective">log Π + Σ_c n_c·log u_c at the point (NaN without one).</param>
/// <param name="Gap">The last LP's upper bound on the objective over the polytope less <paramref name="Objective"/>: the point's
/// product is within a factor e^Gap of the maximum (to the LP's own tolerances, so it can be a few 1e-11 below 0). When
/// Optimal it is at most <see cref="Tolerances.NashProductGap"/> times 1 + Σ_c n_c; +∞ without a point.</param>
/// <param name="Iterations">LPs with tangents solved (each to the end of its Border cut loop).</param>
/// <param name="Note">Why the solve failed or stopped short, or null.</param>
public sealed record ClassNashSolve(SolveStatus Status, ClassAllocation? Allocation, double Revenue, IReadOnlyList<double> Utilities,
    double Surplus, double Objective, double Gap, int Iterations, string? Note)
{
    /// <summary>The upper bound on the objective: <see cref="Objective"/> + <see cref="Gap"/>.</summary>
    public double UpperBound => Objective + Gap;

    /// <summary>LP solves in all (the cut loops of every iteration).</summary>
    public int Rounds { get; init; }

    /// <summary>Border rows in the program at the end.</summary>
    public int Cuts { get; init; }

    /// <summary>The certificate of the reported point (null without one).</summary>
    public BorderCertificate? Certificate { get; init; }
}

/// <summary>
/// The Nash solution between the seller and every buyer for buyers of several classes (method.md §13.2): maximise
/// f = log Π + Σ_c n_c·log u_c (u_c the expected utility of one buyer of class c, every class's lowest type at zero
/// utility) over the polytope of the class LP. With one class it is the paper's Nash solution Π·(U/n)^n (Def. 5.1); with
/// several it depends on every u_c, not on U alone.
/// f is concave, and it is maximised by outer linearisation: the LP maximises t_0 + Σ_c n_c·t_c over the polytope, with
/// t_0 ≤ log Π and t_c ≤ log u_c each bounded by its own tangents, added per term at every iterate (separable tangents,
/// so each term's model is exact at every point seen). The LP's value bounds f from above. Its iterates are vertices of
/// the polytope cut by tangents, so a maximiser inside a face is only bracketed, ever closer; the best point is therefore
/// the best randomisation of all certified points so far (<see cref="ClassNashMaster"/>), which lands on the maximiser once
/// the iterates surround it, and it gets its tangents too. The loop stops when the LP's bound less f at the best point is
/// within <see cref="Tolerances.NashProductGap"/> (per unit of weight 1 + Σ_c n_c), or at the iteration cap.
/// Border's joint rows are cuts of the same loop and certificate as the frontier's (<see cref="ClassFrontierSolver"/>).
/// </summary>
public static class ClassNash
{
    /// <summary>LPs allowed before the loop stops short (measured: 2–12 on one to three classes with up to 500 buyers).</summary>
    public const int MaximumIterations = 200;

    /// <summary>When the LP puts a term at zero (where its log is −∞), the next tangent of that term goes this factor below
    /// its lowest one so far: each such step lowers the term's bound at zero by log 16, and the tangent's slope grows only
    /// geometrically (a tangent at a tiny iterate would put a huge coefficient into the LP).</summary>
    private const double FloorStep = 16;

    /// <summary>The first tangents of every term are at 10^−k·OPT for k = 0 … this.</summary>
    private const int InitialDecades = 6;

    /// <summary>Tangents closer than this (relative) to an existing one of the same term are not added again.</summary>
    private const double SameTangent = 1e-12;

    /// <summary>log Π + Σ_c n_c·log u_c of an allocation (−∞ when Π or some u_c is not positive).</summary>
    public static double Objective(ClassAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        if (!(allocation.Revenue > 0)) return double.NegativeInfinity;
        double value = Math.Log(allocation.Revenue);
        foreach (var x in allocation.Classes)
        {
            if (!(x.Surplus > 0)) return double.NegativeInfinity;
            value += x.Market.Buyers * Math.Log(x.Surplus / x.Market.Buyers);
        }
        return value;
    }

    /// <summary>Maximises the Nash product on <paramref name="problem"/>'s grids with <paramref name="solver"/> (which must be able
    /// to add rows, as GLOP can), in at most <paramref name="maximumIterations"/> LPs (≥ 1).</summary>
    public static ClassNashSolve Solve(ClassProblem problem, ILinearSolver solver, int maximumIterations = MaximumIterations)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solver);
        if (maximumIterations < 1) throw new ArgumentOutOfRangeException(nameof(maximumIterations), maximumIterations, "at least one LP");
        var grids = problem.Grids;
        int terms = grids.Count + 1;
        // Term 0 is Π, term c + 1 is class c's surplus U_c = n_c·u_c (log u_c = log U_c − log n_c, a constant apart), each
        // y_i = term_i/OPT in the LP: at most 1, and where the maximiser puts it, a tangent's slope 1/y_i is moderate.
        var weights = new double[terms];
        weights[0] = 1;
        for (int c = 0; c < grids.Count; c++) weights[c + 1] = grids.Classes[c].Buyers;
        double totalWeight = weights.Sum();
        double unit = problem.OptimalWelfare;

        // Objective Σ_i (w_i/W)·t_i, the weights divided by their sum W to keep them at most 1.
        var termColumns = new int[terms];
        var epigraphColumns = new int[terms];
        var program = ClassProgram.Build(grids, (builder, revenue, classSurplus) =>
        {
            for (int i = 0; i < terms; i++)
            {
                termColumns[i] = builder.AddColumn($"nash:y{i}", 0, double.PositiveInfinity);
                epigraphColumns[i] = builder.AddColumn($"nash:t{i}", double.NegativeInfinity, double.PositiveInfinity, weights[i] / totalWeight);
                var definition = (i == 0 ? revenue : classSurplus[i - 1]).Select(t => (t.Column, t.Coefficient / unit)).ToList();
                definition.Add((termColumns[i], -1));
                builder.AddRow($"nash:term{i}", 0, 0, definition);
            }
        });
        using var cuts = new ClassFrontierSolver(problem, program, solver);

        // Every certified point, in the LP's units, with its allocation. The start — the average of three frontier points the
        // Lagrangian route gives at once (the Myerson point, the efficient allocation, the surplus optimum) — is feasible,
        // with Π > 0 and, in every market tried, every U_c > 0.
        var pool = new List<double[]>();
        var allocations = new List<ClassAllocation>();
        var start = Randomise([problem.RevenueOptimal, problem.Efficient, problem.SurplusOptimal], [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        var startTerms = TermValues(start, unit);
        if (ClassFrontierSolver.Distrust(start, ClassBorder.Certify(start)).Count == 0)
        {
            pool.Add(startTerms);
            allocations.Add(start);
        }
        // First tangents: at every decade from OPT down to 10⁻⁶·OPT, so that the first LP's model of each log y_i is within
        // 10 − 1 − log 10 ≈ 6.7 of it wherever the maximiser is, whatever the start (with tangents at the start alone, a
        // class the start leaves little surplus was pushed to absurd values), and at the start.
        var tangents = new List<double>[terms];
        for (int i = 0; i < terms; i++)
        {
            tangents[i] = [];
            for (int k = 0; k <= InitialDecades; k++) AddTangent(i, Math.Pow(10, -k));
            if (startTerms[i] > tangents[i].Min()) AddTangent(i, startTerms[i]);
        }

        int rounds = 0;
        ClassAllocation? best = null;
        BorderCertificate? bestCertificate = null;
        double gap = double.PositiveInfinity;
        for (int iteration = 1; iteration <= maximumIterations; iteration++)
        {
            var loop = cuts.SolveWithCuts();
            rounds += loop.Rounds;
            if (loop.Allocation is not { } allocation || loop.Certificate is not { } certificate)
                return Failed(loop.Status, loop.Note ?? $"the LP returned {loop.Status}", iteration);
            var distrust = ClassFrontierSolver.Distrust(allocation, certificate);
            if (distrust.Count > 0)
                return Failed(SolveStatus.NumericalFailure, "the solver's point is not trusted: " + string.Join("; ", distrust), iteration);
            var y = TermValues(allocation, unit);
            pool.Add(y);
            allocations.Add(allocation);

            // The best randomisation of the points: outer linearisation only brackets a maximiser inside a face, ever closer;
            // the randomisation lands on it once the iterates surround it.
            double[] bestTerms = y;
            int first = BestPoint(pool, weights);
            if (first >= 0)
            {
                var theta = ClassNashMaster.Solve(pool, weights, first);
                var randomised = Randomise(allocations, theta);
                var randomisedCertificate = ClassBorder.Certify(randomised);
                if (ClassFrontierSolver.Distrust(randomised, randomisedCertificate).Count == 0)
                    (best, bestCertificate, bestTerms) = (randomised, randomisedCertificate, TermValues(randomised, unit));
                else
                    (best, bestCertificate, bestTerms) = (allocations[first], ClassBorder.Certify(allocations[first]), pool[first]);
            }

            // The LP's value W·Σ_i (w_i/W)·t_i bounds Σ_i w_i·log y_i over the polytope from above (to the LP's tolerances);
            // less that sum at the best point it is the gap of f, the constants W·log OPT − Σ_c n_c·log n_c cancelling.
            gap = totalWeight * loop.Solution!.Objective - bestTerms.Select((v, i) => weights[i] * Math.Log(v)).Sum();
            if (best is not null && Tolerances.NashProductGap.AtScale(totalWeight).AtMost(gap, 0)) return Reached(SolveStatus.Optimal, null, iteration);

            int added = 0;
            for (int i = 0; i < terms; i++)
            {
                double lowest = tangents[i].Min();
                added += AddTangent(i, y[i] > lowest / FloorStep ? y[i] : lowest / FloorStep) ? 1 : 0;
                if (bestTerms[i] > 0) added += AddTangent(i, bestTerms[i]) ? 1 : 0;
            }
            if (added == 0)
                return Reached(SolveStatus.NumericalFailure, $"no new tangent at the iterate, with the gap at {gap:G3}", iteration);
        }
        return Reached(SolveStatus.NotSolved, $"the gap is {gap:G3} after {maximumIterations} LPs, above {Tolerances.NashProductGap.Relative * totalWeight:G3}",
            maximumIterations);

        bool AddTangent(int term, double at)
        {
            if (tangents[term].Exists(a => Math.Abs(a - at) <= SameTangent * a)) return false;
            tangents[term].Add(at);
            // t_i ≤ log a + (y_i − a)/a, i.e. t_i − y_i/a ≤ log a − 1.
            cuts.AddRow($"nash:tangent{term}:{tangents[term].Count}", double.NegativeInfinity, Math.Log(at) - 1,
                [(epigraphColumns[term], 1), (termColumns[term], -1 / at)]);
            return true;
        }

        ClassNashSolve Reached(SolveStatus status, string? note, int iterations)
        {
            if (best is not { } point) return Failed(status, note ?? "no point with a positive Nash product", iterations);
            return new ClassNashSolve(status, point, point.Revenue, [.. point.Classes.Select(x => x.Surplus / x.Market.Buyers)], point.Surplus,
                Objective(point), gap, iterations, note)
            {
                Rounds = rounds,
                Cuts = cuts.TotalCuts,
                Certificate = bestCertificate,
            };
        }

        ClassNashSolve Failed(SolveStatus status, string note, int iterations)
            => new(status, null, double.NaN, [], double.NaN, double.NaN, double.PositiveInfinity, iterations, note)
            {
                Rounds = rounds,
                Cuts = cuts.TotalCuts,
            };
    }

    /// <summary>The pool's point with the largest f among those with every term positive (−1 when there is none).</summary>
    private static int BestPoint(List<double[]> pool, double[] weights)
    {
        int best = -1;
        double value = double.NegativeInfinity;
        for (int j = 0; j < pool.Count; j++)
        {
            if (pool[j].Any(v => !(v > 0))) continue;
            double f = pool[j].Select((v, i) => weights[i] * Math.Log(v)).Sum();
            if (f > value) (value, best) = (f, j);
        }
        return best;
    }

    /// <summary>The randomisation Σ_j θ_j·x^(j), class by class (feasible: the polytope is convex).</summary>
    private static ClassAllocation Randomise(List<ClassAllocation> allocations, double[] theta)
    {
        var grids = allocations[0].Grids;
        var classes = new Discretisation.InterimAllocation[grids.Count];
        for (int c = 0; c < grids.Count; c++)
        {
            var cells = new double[grids.Classes[c].Cells];
            for (int j = 0; j < allocations.Count; j++)
            {
                if (theta[j] == 0) continue;
                var x = allocations[j].Classes[c].Cells;
                for (int k = 0; k < cells.Length; k++) cells[k] += theta[j] * x[k];
            }
            classes[c] = new Discretisation.InterimAllocation(grids.Classes[c], cells);
        }
        return new ClassAllocation(grids, classes);
    }

    /// <summary>y_i = term_i/OPT at an allocation: Π, then U_c per class.</summary>
    private static double[] TermValues(ClassAllocation allocation, double unit)
    {
        var y = new double[allocation.Classes.Count + 1];
        y[0] = allocation.Revenue / unit;
        for (int c = 0; c < allocation.Classes.Count; c++) y[c + 1] = allocation.Classes[c].Surplus / unit;
        return y;
    }
}
