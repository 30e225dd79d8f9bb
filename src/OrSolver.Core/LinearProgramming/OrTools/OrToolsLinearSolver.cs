using Google.OrTools.LinearSolver;

namespace OrSolver.Core.LinearProgramming.OrTools;

/// <summary>The LP backends that ship in the Google.OrTools package, all behind <see cref="ILinearSolver"/>.</summary>
public enum OrToolsBackend
{
    /// <summary>Google's GLOP simplex, with the dual simplex (5–20× faster here; method.md §4.3).</summary>
    Glop,
    /// <summary>COIN-OR CLP.</summary>
    Clp,
    /// <summary>HiGHS through MPSolver (rebuilds on every solve, and has no duals: see
    /// <see cref="OrToolsLinearSolver.HighsDualsUnavailable"/>), with <see cref="OrToolsLinearSolver.HighsParameters"/>.</summary>
    Highs,
}

/// <summary>
/// The one adapter that references Google.OrTools. It maps <see cref="LinearProgram"/> onto an MPSolver and
/// the solver's result onto <see cref="SolveStatus"/>. Duals follow <see cref="LinearSolution.RowDuals"/>'s convention
/// (d objective / d bound of the binding side) for GLOP and CLP, whose MPSolver duals already have that sign for
/// maximisation and minimisation alike; HiGHS reports none (<see cref="HighsDualsUnavailable"/>).
/// </summary>
public sealed class OrToolsLinearSolver(OrToolsBackend backend = OrToolsBackend.Glop, string? parameters = null) : ILinearSolver
{
    /// <summary>
    /// GLOP parameters. Dual simplex (5–20× faster here; method.md §4.3). No presolve: it rounds the smallest Border caps of a
    /// graded grid (10⁻¹⁴) to zero and then declares feasible programs infeasible (measured on lomax(3), n = 2). No
    /// drop tolerance: the surplus weights of the first cells are below its default 1e-14 and matter for n = 10⁹.
    /// A primal feasibility tolerance of 1e-10 (default 1e-8), and no scaling of GLOP's own: the Border program scales
    /// its columns to their natural units, and GLOP's re-scaling on top left monotonicity violations of 2e-9 at
    /// n = 10⁹ and was slower (100-point uniform sweep, n = 10⁹, m = 4000: 73 of 100 points failed the re-check with
    /// scaling, none without; 5.2 s against 2.7 s). A dual feasibility tolerance of 1e-12 (default 1e-7): with the
    /// default GLOP stopped 6.9e-9 (1.9e-9·OPT) below the optimum on a bimodal mixture at λ ≈ 1.16 (models/bimodal.json,
    /// U = 1.6), and with 1e-10 still up to 1.5e-9·OPT below it on 48 of 50 points of a sweep of Appendix E.2's one-buyer
    /// instance (models/appendix-e2.json); the duality check's 1e-9·OPT rejects both. At 1e-12 every such point agrees
    /// to 5e-15·OPT, at no measured cost in speed. An imprecise solve is returned as a point, which the caller
    /// re-checks against the original constraints, rather than as ABNORMAL.
    /// </summary>
    public const string GlopParameters = "use_dual_simplex: true, use_preprocessing: false, use_scaling: false, "
        + "drop_tolerance: 0, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-12, change_status_to_imprecise: false";

    /// <summary>
    /// What GLOP (with <see cref="GlopParameters"/>) tries, in order and each from a cold start, before a verdict without a
    /// solution (infeasible, abnormal, no answer) is believed. Near U* its dual simplex declares feasible floors infeasible,
    /// from U* − 7e-15·OPT down to U* − 1e-10·OPT (exponential(1), n = 1, m = 500 and 2000; n = 2, m = 2000). The primal
    /// simplex solves those; GLOP's own scaling (not the default: with it the bimodal mixture at n = 10⁹ returned points
    /// that violate monotonicity 9 times over) solves others (the primal simplex found uniform(0, 1), n = 1 infeasible at
    /// U*). Each is capped at <see cref="ConfirmationIterations"/> iterations per row and column: with scaling GLOP ran for
    /// minutes without an answer (exponential(1), n = 2, m = 2000, at U*), where the primal simplex answers in a second.
    /// </summary>
    public static IReadOnlyList<string> GlopConfirmations { get; } =
    [
        "use_dual_simplex: false, use_preprocessing: false, use_scaling: false, "
            + "drop_tolerance: 0, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-12, change_status_to_imprecise: false",
        "use_dual_simplex: true, use_preprocessing: false, use_scaling: true, "
            + "drop_tolerance: 0, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-12, change_status_to_imprecise: false",
    ];

    /// <summary>Iterations allowed to a confirmation per row and column of the program (a simplex solve of the Border
    /// program takes about one per row).</summary>
    public const int ConfirmationIterations = 10;

    /// <summary>Iterations allowed to the default solve per row and column of the program before it counts as no answer
    /// (then a cold retry and the <see cref="GlopConfirmations"/> decide). Measured over every LP of
    /// <c>orsolver experiment all</c> (4 700 GLOP runs: auction, class and trade programs, warm and cold): every default
    /// solve that ended with a verdict took at most 0.63 per row and column, while one cycled at a degenerate vertex (two
    /// exponential classes at the efficient auction's surplus) through the whole former cap of
    /// <see cref="ConfirmationIterations"/> — 32 000 iterations, 50 s — before the primal simplex solved it cold in 0.2 s.</summary>
    public const int DefaultSolveIterations = 2;

    /// <summary>
    /// HiGHS options ("name = value" lines). HiGHS drops matrix entries up to its small_matrix_value (default 1e-9) and
    /// the Border chain of a graded grid has entries down to 1e-11 (m = 2000) and below: with the default it solved a
    /// different program (exponential(1), n = 5, m = 2000: the point failed the re-check). 1e-12 is the least HiGHS
    /// accepts; it then agrees with GLOP to 1e-13. Feasibility tolerances of 1e-10 as GLOP's (its default 1e-7 left
    /// Border violations of 10-100 times what the re-check allows). Its console log is off (it writes to stdout).
    /// </summary>
    public const string HighsParameters = "small_matrix_value = 1e-12\nprimal_feasibility_tolerance = 1e-10\n"
        + "dual_feasibility_tolerance = 1e-10\nlog_to_console = false\noutput_flag = false";

    /// <summary>Why a HiGHS solution has no duals: OR-Tools 9.15's MPSolver fills the dual value of every row with the
    /// row's activity (Σ a·z at the solution) and sets no reduced costs, and MPSolver has no other way to HiGHS's duals.</summary>
    public const string HighsDualsUnavailable = "HiGHS through OR-Tools' MPSolver has no duals: its dual values are the rows' activities";

    /// <summary>CLP's primal and dual tolerances, set through MPSolver's common parameters (CLP takes no parameter
    /// string there): 1e-10 as GLOP's; with its default 1e-7 its points failed the re-check (Border 9 times the
    /// allowance, exponential(1), n = 5, m = 2000).</summary>
    public const double ClpTolerance = 1e-10;

    /// <summary>The backend-specific parameters in use (GLOP: <see cref="GlopParameters"/>, HiGHS: <see cref="HighsParameters"/>
    /// unless overridden; CLP: none unless given).</summary>
    public string? Parameters { get; } = parameters;

    /// <summary>The backend in use.</summary>
    public OrToolsBackend Backend { get; } = backend;

    /// <inheritdoc />
    public string Name => Backend.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public ILinearSolverSession Load(LinearProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        string id = Backend switch
        {
            OrToolsBackend.Glop => "GLOP",
            OrToolsBackend.Clp => "CLP",
            OrToolsBackend.Highs => "HIGHS_LP",
            _ => throw new ArgumentOutOfRangeException(nameof(program)),
        };
        var solver = Solver.CreateSolver(id)
            ?? throw new InvalidOperationException($"OR-Tools has no {id} backend in this build");
        long size = program.Rows.Count + program.Columns.Count, cap = ConfirmationIterations * size;
        // The default GLOP solve is capped too: a warm-started dual simplex cycled without end at a degenerate vertex
        // (Uniform[0,1], n = 2, m = 200: the floor moved from the KS point to the second-price auction's surplus), where a
        // cold start answers in 0.02 s. A capped solve returns no solution, and the session then retries cold.
        string glop = Parameters ?? $"{GlopParameters}, max_number_of_iterations: {DefaultSolveIterations * size}";
        if (Backend == OrToolsBackend.Glop && !solver.SetSolverSpecificParametersAsString(glop))
            throw new InvalidOperationException("GLOP rejected its parameters");
        // HiGHS applies these options but MPSolver reports false for them, so its answer is not a test; the effect is
        // (no console log, and the small entries kept: its optimum then agrees with GLOP's).
        if (Backend == OrToolsBackend.Highs) solver.SetSolverSpecificParametersAsString(Parameters ?? HighsParameters);
        else if (Backend == OrToolsBackend.Clp && Parameters is not null && !solver.SetSolverSpecificParametersAsString(Parameters))
            throw new InvalidOperationException("CLP rejected its parameters");
        MPSolverParameters? common = null;
        if (Backend == OrToolsBackend.Clp)
        {
            common = new MPSolverParameters();
            common.SetDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, ClpTolerance);
            common.SetDoubleParam(MPSolverParameters.DoubleParam.DUAL_TOLERANCE, ClpTolerance);
        }
        IReadOnlyList<string> confirmations = Backend == OrToolsBackend.Glop && Parameters is null
            ? [.. GlopConfirmations.Select(c => $"{c}, max_number_of_iterations: {cap}")]
            : [];
        return new Session(Backend, solver, program, confirmations, glop, common);
    }

    private sealed class Session : ILinearSolverSession
    {
        private readonly OrToolsBackend _backend;
        private readonly Solver _solver;
        private readonly Variable[] _variables;
        private readonly List<Constraint> _constraints;
        private bool _solved;
        private bool _restore;

        private readonly IReadOnlyList<string> _confirmations;
        private readonly string _parameters;
        private readonly MPSolverParameters? _common;

        public Session(OrToolsBackend backend, Solver solver, LinearProgram program, IReadOnlyList<string> confirmations, string parameters,
            MPSolverParameters? common)
        {
            _backend = backend;
            _solver = solver;
            _common = common;
            _confirmations = confirmations;
            _parameters = parameters;
            _variables = new Variable[program.Columns.Count];
            var objective = solver.Objective();
            for (int i = 0; i < _variables.Length; i++)
            {
                var c = program.Columns[i];
                _variables[i] = solver.MakeNumVar(c.Lower, c.Upper, c.Name);
                if (c.Objective != 0) objective.SetCoefficient(_variables[i], c.Objective);
            }
            _constraints = new List<Constraint>(program.Rows.Count);
            foreach (var row in program.Rows) AddRow(row.Name, row.Lower, row.Upper, row.Terms);
            if (program.Maximise) objective.SetMaximization(); else objective.SetMinimization();
        }

        public void SetRowBounds(int row, double lower, double upper)
        {
            if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
                throw new ArgumentException($"row {row}: bounds [{lower}, {upper}] are empty or NaN");
            _constraints[row].SetBounds(lower, upper);
        }

        public int AddRow(string name, double lower, double upper, IReadOnlyList<(int Column, double Coefficient)> terms)
        {
            if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
                throw new ArgumentException($"row {name}: bounds [{lower}, {upper}] are empty or NaN");
            var constraint = _solver.MakeConstraint(lower, upper, name);
            foreach (var (column, coefficient) in terms)
            {
                if (!double.IsFinite(coefficient)) throw new ArgumentException($"row {name}: coefficient {coefficient} is not finite");
                constraint.SetCoefficient(_variables[column], coefficient);
            }
            _constraints.Add(constraint);
            return _constraints.Count - 1;
        }

        public LinearSolution Solve()
        {
            if (_restore)
            {
                _solver.SetSolverSpecificParametersAsString(_parameters);
                _solver.Reset();
                _restore = false;
            }
            var result = Run();
            if (NoSolution(result) && _solved)
            {
                // A warm-started dual simplex can misreport a floor a few ulps below the optimum as infeasible
                // (seen at U* on uniform, n = 5, after a sweep); a verdict without a solution is confirmed cold.
                _solver.Reset();
                result = Run();
            }
            // The verdict of the default parameters stands unless a confirmation finds an answer.
            var verdict = result;
            foreach (string confirmation in _confirmations)
            {
                if (!NoSolution(result)) break;
                _solver.SetSolverSpecificParametersAsString(confirmation);
                _solver.Reset();
                result = Run();
                // The default parameters come back before the next solve (resetting now would discard this solution).
                _restore = true;
            }
            if (NoSolution(result)) result = verdict;
            _solved = true;
            var status = result switch
            {
                Solver.ResultStatus.OPTIMAL => SolveStatus.Optimal,
                Solver.ResultStatus.INFEASIBLE => SolveStatus.Infeasible,
                Solver.ResultStatus.UNBOUNDED => SolveStatus.Unbounded,
                Solver.ResultStatus.ABNORMAL => SolveStatus.NumericalFailure,
                Solver.ResultStatus.MODEL_INVALID => SolveStatus.ModelInvalid,
                // FEASIBLE is a point without a proof of optimality: never treated as optimal.
                Solver.ResultStatus.FEASIBLE => SolveStatus.NotSolved,
                _ => SolveStatus.NotSolved,
            };
            string word = result.ToString();
            if (status != SolveStatus.Optimal) return LinearSolution.Without(status, word);

            var primal = new double[_variables.Length];
            for (int i = 0; i < primal.Length; i++) primal[i] = _variables[i].SolutionValue();
            if (_backend == OrToolsBackend.Highs)
                return new LinearSolution(status, _solver.Objective().Value(), primal, [], _solver.Iterations(), word, HighsDualsUnavailable);
            var duals = new double[_constraints.Count];
            for (int r = 0; r < duals.Length; r++) duals[r] = _constraints[r].DualValue();
            return new LinearSolution(status, _solver.Objective().Value(), primal, duals, _solver.Iterations(), word);
        }

        private static bool NoSolution(Solver.ResultStatus result)
            => result is Solver.ResultStatus.INFEASIBLE or Solver.ResultStatus.ABNORMAL or Solver.ResultStatus.NOT_SOLVED
                or Solver.ResultStatus.FEASIBLE;

        private Solver.ResultStatus Run() => _common is null ? _solver.Solve() : _solver.Solve(_common);

        public void Dispose()
        {
            _common?.Dispose();
            _solver.Dispose();
        }
    }
}
