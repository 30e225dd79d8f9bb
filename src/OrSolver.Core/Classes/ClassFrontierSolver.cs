using OrSolver.Core.Characterization;
using OrSolver.Core.Discretisation;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.Numerics;

namespace OrSolver.Core.Classes;

/// <summary>
/// A market of several classes on its grids, with the landmarks of its frontier from the Lagrangian route
/// (<see cref="ClassLagrangian"/>): the Myerson point (λ = 0, most surplus), the surplus-optimal point (λ = ∞) and OPT =
/// E[max v] (λ = 1: the item to the highest value). Immutable.
/// </summary>
public sealed class ClassProblem
{
    /// <summary>Discretises every class on its own graded grid of about <paramref name="gridSize"/> cells.</summary>
    public ClassProblem(ClassMarket market, int gridSize)
        : this((market ?? throw new ArgumentNullException(nameof(market))).Discretise(gridSize))
    {
    }

    /// <summary>The landmarks of a market already on its grids.</summary>
    public ClassProblem(ClassGrids grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        Grids = grids;
        RevenueOptimal = ClassLagrangian.Solve(grids, 0, TieSide.MostSurplus);
        SurplusOptimal = ClassLagrangian.Solve(grids, double.PositiveInfinity);
        Efficient = ClassLagrangian.Solve(grids, 1);
    }

    /// <summary>The market on its grids.</summary>
    public ClassGrids Grids { get; }

    /// <summary>The Myerson point: the revenue optimum with the most surplus.</summary>
    public ClassAllocation RevenueOptimal { get; }

    /// <summary>The surplus optimum with the most revenue.</summary>
    public ClassAllocation SurplusOptimal { get; }

    /// <summary>The efficient allocation (the item to the highest value); its welfare is OPT.</summary>
    public ClassAllocation Efficient { get; }

    /// <summary>OPT = E[max v] on the grids.</summary>
    public double OptimalWelfare => Efficient.Welfare;

    /// <summary>Π*.</summary>
    public double OptimalRevenue => RevenueOptimal.Revenue;

    /// <summary>U*.</summary>
    public double OptimalSurplus => SurplusOptimal.Surplus;

    /// <summary>U at the Myerson point, where the frontier starts.</summary>
    public double MyersonSurplus => RevenueOptimal.Surplus;
}

/// <summary>The outcome of maximising Π subject to U ≥ U₀ for buyers of several classes.</summary>
/// <param name="Status">Values are meaningful only when <see cref="SolveStatus.Optimal"/>, which includes that every class's
/// allocation passed the re-check, that the point reaches the floor, and that the certificate found no violated Border
/// threshold.</param>
/// <param name="SurplusFloor">U₀ as asked.</param>
/// <param name="Allocation">The allocation (null unless Optimal).</param>
/// <param name="Lambda">λ = −dΠ/dU₀ from the LP's dual on the surplus row (NaN unless Optimal or without duals).</param>
/// <param name="Cuts">Border rows added by separation during this solve (after an LP solve; the seeds are counted in
/// <see cref="ClassSolve.Seeds"/>).</param>
/// <param name="Rounds">LP solves during this solve.</param>
/// <param name="Certificate">The certificate of the final allocation (null when no allocation was reached).</param>
/// <param name="Note">Why the solve failed, or a remark; null otherwise.</param>
public sealed record ClassSolve(SolveStatus Status, double SurplusFloor, ClassAllocation? Allocation, double Lambda, int Cuts, int Rounds,
    BorderCertificate? Certificate, string? Note)
{
    /// <summary>Border rows in the program after this solve (rows carry over between the solves of a sweep unless the
    /// session was reloaded, <see cref="ColdStart"/>).</summary>
    public int TotalCuts { get; init; }

    /// <summary>Thresholds the certificate found violated that the sorted candidates had missed (added as cuts and
    /// re-solved); 0 in every run measured.</summary>
    public int CertificateCuts { get; init; }

    /// <summary>Border rows added before the first LP solve of this floor from the Lagrangian route: the thresholds where
    /// Border binds at the Lagrangian optima of the frontier's slope at U₀ (<see cref="ClassCutSeeds"/>) that the program did
    /// not have yet.</summary>
    public int Seeds { get; init; }

    /// <summary>Whether this solve started from a new LP session holding only its own seeds (a cold start), because more
    /// than <see cref="ClassFrontierSolver.ColdStartShare"/> of its seeds were new to the program.</summary>
    public bool ColdStart { get; init; }
}

/// <summary>
/// The LP for buyers of several classes with Border for independent classes added as cutting planes (method.md §13.2): seed
/// the program with the thresholds where Border binds at the Lagrangian optima of the frontier's slope at U₀
/// (<see cref="ClassCutSeeds"/>), solve, separate violated grid thresholds by the sorted candidates, add the most violated
/// as rows, re-solve from the previous basis; when no candidate is violated, certify the allocation (exhaustively for
/// K = 2) and, if the certificate finds a violated threshold after all, add it and go on. Rows stay in the session, so a
/// sweep warm-starts across floors, unless more than <see cref="ColdStartShare"/> of a floor's seeds are new: then the
/// floor starts from a new session with only its seeds. Not thread-safe: one solver per worker.
/// </summary>
public sealed class ClassFrontierSolver : IDisposable
{
    /// <summary>Most violated thresholds added per round: each round re-solves a program that grows by its cuts, and 64
    /// took 5× fewer rounds than 8 and half the time (U[0,1] against U[0,2], 500 cells, 11-point sweep: 14 s → 9 s).</summary>
    public const int CutsPerRound = 64;

    /// <summary>LP solves allowed per floor before the loop is declared stuck.</summary>
    public const int MaximumRounds = 2000;

    /// <summary>A floor whose new seeds are more than this share of its seeds starts from a new session with only its seeds:
    /// between the floors of a sweep the tight thresholds change almost wholesale, and the dual simplex then needed as
    /// many pivots from the previous basis as from scratch, each dearer in the program that kept every earlier row (K = 5,
    /// m = 200, 21 points: 17.5 s keeping every row, 5.8 s with cold starts; a share of 1/2 measured the same as 1/8).</summary>
    public const double ColdStartShare = 0.125;

    private readonly ClassProgram _program;
    private readonly ILinearSolver _solver;
    private ILinearSolverSession _session;
    private readonly Func<ClassAllocation, double, int, IReadOnlyList<BorderThreshold>> _separation;
    private readonly bool _certificateCuts;
    private readonly ClassCutSeeds? _seeds;
    private readonly HashSet<string> _cuts = [];

    /// <summary>Loads the program of <paramref name="problem"/> into <paramref name="solver"/> (which must be able to add
    /// rows, as GLOP can).</summary>
    public ClassFrontierSolver(ClassProblem problem, ILinearSolver solver)
        : this(problem, solver, ClassBorder.SortedCandidates, certificateCuts: true, seeded: true)
    {
    }

    /// <summary>With another separation, optionally without adding the certificate's findings and without seeds (to study
    /// a separation, or the cut loop alone).</summary>
    internal ClassFrontierSolver(ClassProblem problem, ILinearSolver solver,
        Func<ClassAllocation, double, int, IReadOnlyList<BorderThreshold>> separation, bool certificateCuts, bool seeded = false)
        : this(problem, ClassProgram.Build((problem ?? throw new ArgumentNullException(nameof(problem))).Grids), solver, separation, certificateCuts, seeded)
    {
    }

    /// <summary>The cut loop and certificate on another program over the same polytope (a <see cref="ClassProgram"/> built with
    /// an extension), for objectives other than Π: solved by <see cref="SolveWithCuts"/>, grown by <see cref="AddRow"/>.</summary>
    internal ClassFrontierSolver(ClassProblem problem, ClassProgram program, ILinearSolver solver)
        : this(problem, program, solver, ClassBorder.SortedCandidates, certificateCuts: true, seeded: false)
    {
    }

    private ClassFrontierSolver(ClassProblem problem, ClassProgram program, ILinearSolver solver,
        Func<ClassAllocation, double, int, IReadOnlyList<BorderThreshold>> separation, bool certificateCuts, bool seeded)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(solver);
        Problem = problem;
        _program = program;
        _solver = solver;
        _session = solver.Load(_program.Program);
        _separation = separation;
        _certificateCuts = certificateCuts;
        _seeds = seeded ? new ClassCutSeeds(problem) : null;
    }

    /// <summary>The problem.</summary>
    public ClassProblem Problem { get; }

    /// <summary>Border rows in the program so far.</summary>
    public int TotalCuts => _cuts.Count;

    /// <summary>Lagrangian solves spent on finding the seeds' λ so far (0 without seeds).</summary>
    public int SeedSearchSteps => _seeds?.Steps ?? 0;

    /// <summary>Adds the Border row of one threshold (used to build the program with every threshold, for comparison).</summary>
    internal void AddCut(IReadOnlyList<int> points) => AddCutRow(_program.CutRow(points));

    /// <summary>Adds a joint Border row unless the program has it or it is a class's own Border (a bound); whether it was added.</summary>
    private bool AddCutRow((string Name, double Upper, IReadOnlyList<(int Column, double Coefficient)> Terms) row)
    {
        if (row.Terms.Count < 2 || !_cuts.Add(row.Name)) return false;
        _session.AddRow(row.Name, double.NegativeInfinity, row.Upper, row.Terms);
        return true;
    }

    /// <summary>Adds the seeds of floor <paramref name="floor"/>, first replacing the session by a new one with only the
    /// program when more than <see cref="ColdStartShare"/> of them are new; returns how many rows were added and whether
    /// the session was replaced.</summary>
    private (int Added, bool ColdStart) Seed(ClassCutSeeds seeds, double floor)
    {
        var rows = seeds.At(floor).Thresholds.Select(_program.CutRow).Where(r => r.Terms.Count >= 2).ToList();
        int fresh = rows.Count(r => !_cuts.Contains(r.Name));
        bool cold = _cuts.Count > 0 && fresh > ColdStartShare * rows.Count;
        if (cold)
        {
            _session.Dispose();
            _session = _solver.Load(_program.Program);
            _cuts.Clear();
        }
        return (rows.Count(AddCutRow), cold);
    }

    /// <summary>Maximum revenue subject to U ≥ <paramref name="surplusFloor"/> (−∞ for the revenue optimum). A floor above U*
    /// is bad input.</summary>
    public ClassSolve Solve(double surplusFloor)
    {
        if (double.IsNaN(surplusFloor) || double.IsPositiveInfinity(surplusFloor))
            throw new InputException($"the surplus must be a number (got {surplusFloor})");
        double optimal = Problem.OptimalSurplus;
        if (surplusFloor > optimal && !Tolerances.SolverAgreement.AtScale(Problem.OptimalWelfare).Close(surplusFloor, optimal))
            throw new InputException($"surplus {surplusFloor:G10} is above U* = {optimal:G10}, the most any mechanism leaves the buyers");
        // U* less 64 ulps of OPT, as for one class: a floor a few ulps above what the LP reaches would read as infeasible.
        double floor = Math.Min(surplusFloor, optimal - 64 * 1.1102230246251565e-16 * Problem.OptimalWelfare);
        var (seeded, cold) = _seeds is null ? (0, false) : Seed(_seeds, floor);
        _session.SetRowBounds(_program.SurplusRow, floor, double.PositiveInfinity);
        var loop = SolveWithCuts();
        if (loop.Solution is not { } solution || loop.Allocation is not { } allocation || loop.Certificate is not { } certificate)
        {
            return new ClassSolve(loop.Status, surplusFloor, null, double.NaN, loop.Cuts, loop.Rounds, null, loop.Note)
            {
                TotalCuts = _cuts.Count,
                CertificateCuts = loop.CertificateCuts,
                Seeds = seeded,
                ColdStart = cold,
            };
        }
        return Finish(surplusFloor, floor, solution, allocation, certificate, loop.Rounds, loop.Cuts, loop.CertificateCuts) with { Seeds = seeded, ColdStart = cold };
    }

    /// <summary>What one run of the cut loop reached: the last LP solution with its allocation and certificate (null when the
    /// LP stopped without an optimum or the loop did not settle; <see cref="Status"/> and <see cref="Note"/> say why), and
    /// the rounds and cuts it took.</summary>
    internal sealed record CutLoop(SolveStatus Status, LinearSolution? Solution, ClassAllocation? Allocation, BorderCertificate? Certificate,
        int Rounds, int Cuts, int CertificateCuts, string? Note);

    /// <summary>Solves the loaded program with its current rows and bounds, adding violated Border thresholds as cuts until the
    /// sorted candidates find none, then certifies the allocation (a violated threshold the certificate finds is added and the
    /// loop goes on). The certificate may still fail; <see cref="Distrust"/> says whether the point is trusted.</summary>
    internal CutLoop SolveWithCuts()
    {
        int rounds = 0, added = 0, fromCertificate = 0;
        while (true)
        {
            var solution = _session.Solve();
            rounds++;
            if (solution.Status != SolveStatus.Optimal)
                return Failed(solution.Status, $"the LP stopped with {solution.Status} ({solution.BackendStatus}) after {rounds} rounds");
            var allocation = _program.ReadAllocation(solution);
            var violated = _separation(allocation, Tolerances.BorderCut.Relative, CutsPerRound);
            int before = _cuts.Count;
            foreach (var threshold in violated) AddCut(threshold.Points);
            added += _cuts.Count - before;
            if (_cuts.Count > before)
            {
                if (rounds >= MaximumRounds) return Failed(SolveStatus.NumericalFailure, $"the cut loop did not settle in {rounds} rounds");
                continue;
            }
            var certificate = ClassBorder.Certify(allocation);
            if (!certificate.Holds && _certificateCuts && certificate.Worst.Violation > Tolerances.BorderCut.Relative)
            {
                int count = _cuts.Count;
                AddCut(certificate.Worst.Points);
                if (_cuts.Count > count && rounds < MaximumRounds)
                {
                    fromCertificate++;
                    added++;
                    continue;
                }
            }
            return new CutLoop(SolveStatus.Optimal, solution, allocation, certificate, rounds, added, fromCertificate, null);
        }

        CutLoop Failed(SolveStatus status, string why) => new(status, null, null, null, rounds, added, fromCertificate, why);
    }

    /// <summary>Adds a row lower ≤ Σ terms ≤ upper to the loaded program (columns of the program this solver was built with).</summary>
    internal int AddRow(string name, double lower, double upper, IReadOnlyList<(int Column, double Coefficient)> terms)
        => _session.AddRow(name, lower, upper, terms);

    /// <summary>Why a point of the cut loop is not trusted: each class's allocation re-checked (method.md §4.6) and the
    /// certificate; empty when both hold.</summary>
    internal static List<string> Distrust(ClassAllocation allocation, BorderCertificate certificate)
    {
        var failures = new List<string>();
        for (int c = 0; c < allocation.Classes.Count; c++)
        {
            var report = allocation.Classes[c].CheckFeasibility(Tolerances.Feasibility);
            if (!report.Feasible) failures.Add($"class {c + 1}: {report}");
        }
        if (!certificate.Holds)
            failures.Add($"Border is violated at threshold [{string.Join(',', certificate.Worst.Points)}] by {certificate.Worst.Violation:G3} of its cap ({certificate.Method})");
        return failures;
    }

    private ClassSolve Finish(double asked, double floor, LinearSolution solution, ClassAllocation allocation, BorderCertificate certificate,
        int rounds, int added, int fromCertificate)
    {
        var failures = Distrust(allocation, certificate);
        var reach = Tolerances.SolverAgreement.AtScale(Problem.OptimalWelfare);
        if (!double.IsNegativeInfinity(floor) && !reach.AtMost(Math.Min(asked, Problem.OptimalSurplus), allocation.Surplus))
            failures.Add($"the LP reaches U = {allocation.Surplus:G12} only, short of U₀ = {floor:G12}");
        // λ = −dΠ/dU₀ ≥ 0; a negative dual within the λ tolerance is the solver's rounding of 0, beyond it the point is not
        // trusted (as for one class, method.md §4.7).
        double lambda = solution.RowDuals.Count > _program.SurplusRow ? -solution.RowDuals[_program.SurplusRow] : double.NaN;
        if (lambda < 0)
        {
            if (!Tolerances.LambdaAgreement.Close(lambda, 0)) failures.Add($"the LP's dual on the surplus row has the wrong sign (λ = {lambda:G6})");
            lambda = 0;
        }
        if (failures.Count > 0)
            return new ClassSolve(SolveStatus.NumericalFailure, asked, null, double.NaN, added, rounds, certificate,
                "the solver's point is not trusted: " + string.Join("; ", failures)) { TotalCuts = _cuts.Count, CertificateCuts = fromCertificate };
        return new ClassSolve(SolveStatus.Optimal, asked, allocation, lambda, added, rounds, certificate, null)
        {
            TotalCuts = _cuts.Count,
            CertificateCuts = fromCertificate,
        };
    }

    /// <summary><paramref name="points"/> frontier points evenly spaced in U from the Myerson point to U*, solved in order
    /// (each warm-starts from the previous basis and keeps its rows, unless more than <see cref="ColdStartShare"/> of its
    /// seeds are new).</summary>
    public IReadOnlyList<ClassSolve> Sweep(int points)
    {
        if (points < 2) throw new InputException($"a frontier needs at least 2 points (got {points})");
        return [.. Auctions.FrontierSolver.Levels(Problem.MyersonSurplus, Problem.OptimalSurplus, points).Select(Solve)];
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
