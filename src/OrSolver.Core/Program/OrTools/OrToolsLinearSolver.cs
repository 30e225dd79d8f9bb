using Google.OrTools.LinearSolver;

namespace OrSolver.Core.Program.OrTools;

/// <summary>The LP backends that ship in the Google.OrTools package, all behind <see cref="ILinearSolver"/>.</summary>
public enum OrToolsBackend
{
    /// <summary>Google's GLOP simplex, with the dual simplex (SPEC §3: 5–20× faster here).</summary>
    Glop,
    /// <summary>COIN-OR CLP.</summary>
    Clp,
    /// <summary>HiGHS through MPSolver (rebuilds on every solve; its DualValue is not a dual: SPEC §3), with
    /// <see cref="OrToolsLinearSolver.HighsParameters"/>.</summary>
    Highs,
}

/// <summary>
/// The one adapter that references Google.OrTools. It maps <see cref="LinearProgram"/> onto an MPSolver and
/// the solver's result onto <see cref="SolveStatus"/>.
/// </summary>
public sealed class OrToolsLinearSolver(OrToolsBackend backend = OrToolsBackend.Glop, string? parameters = null) : ILinearSolver
{
    /// <summary>
    /// GLOP parameters. Dual simplex (SPEC §3: 5–20× faster here). No presolve: it rounds the smallest Border caps of a
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
    /// The parameters of the last resort before a verdict without a solution is believed: the same with GLOP's own
    /// scaling. Without it GLOP declared one buyer's program infeasible up to 1e-5 below U* (exponential(1), n = 1,
    /// m = 500), with it the program solves to U*; with it, n = 10⁹ violates monotonicity, so it is not the default.
    /// </summary>
    public const string GlopConfirmationParameters = "use_dual_simplex: true, use_preprocessing: false, use_scaling: true, "
        + "drop_tolerance: 0, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-12, change_status_to_imprecise: false";

    /// <summary>
    /// HiGHS options ("name = value" lines). HiGHS drops matrix entries up to its small_matrix_value (default 1e-9) and
    /// the Border chain of a graded grid has entries down to 1e-11 (m = 2000) and below: with the default it solved a
    /// different program (exponential(1), n = 5, m = 2000: the point failed the re-check). 1e-12 is the least HiGHS
    /// accepts; it then agrees with GLOP to 1e-13. Feasibility tolerances of 1e-10 as GLOP's (its default 1e-7 left
    /// Border violations of 10-100 times what the re-check allows). Its console log is off (it writes to stdout).
    /// </summary>
    public const string HighsParameters = "small_matrix_value = 1e-12\nprimal_feasibility_tolerance = 1e-10\n"
        + "dual_feasibility_tolerance = 1e-10\nlog_to_console = false\noutput_flag = false";

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
        if (Backend == OrToolsBackend.Glop && !solver.SetSolverSpecificParametersAsString(Parameters ?? GlopParameters))
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
        return new Session(solver, program, Backend == OrToolsBackend.Glop && Parameters is null ? GlopConfirmationParameters : null,
            Parameters ?? GlopParameters, common);
    }

    private sealed class Session : ILinearSolverSession
    {
        private readonly Solver _solver;
        private readonly Variable[] _variables;
        private readonly Constraint[] _constraints;
        private bool _solved;
        private bool _restore;

        private readonly string? _confirmation;
        private readonly string _parameters;
        private readonly MPSolverParameters? _common;

        public Session(Solver solver, LinearProgram program, string? confirmation, string parameters, MPSolverParameters? common)
        {
            _solver = solver;
            _common = common;
            _confirmation = confirmation;
            _parameters = parameters;
            _variables = new Variable[program.Columns.Count];
            var objective = solver.Objective();
            for (int i = 0; i < _variables.Length; i++)
            {
                var c = program.Columns[i];
                _variables[i] = solver.MakeNumVar(c.Lower, c.Upper, c.Name);
                if (c.Objective != 0) objective.SetCoefficient(_variables[i], c.Objective);
            }
            _constraints = new Constraint[program.Rows.Count];
            for (int r = 0; r < _constraints.Length; r++)
            {
                var row = program.Rows[r];
                var constraint = solver.MakeConstraint(row.Lower, row.Upper, row.Name);
                foreach (var (column, coefficient) in row.Terms) constraint.SetCoefficient(_variables[column], coefficient);
                _constraints[r] = constraint;
            }
            if (program.Maximise) objective.SetMaximization(); else objective.SetMinimization();
        }

        public void SetRowBounds(int row, double lower, double upper)
        {
            if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
                throw new ArgumentException($"row {row}: bounds [{lower}, {upper}] are empty or NaN");
            _constraints[row].SetBounds(lower, upper);
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
            if ((result is Solver.ResultStatus.INFEASIBLE or Solver.ResultStatus.ABNORMAL) && _solved)
            {
                // A warm-started dual simplex can misreport a floor a few ulps below the optimum as infeasible
                // (seen at U* on uniform, n = 5, after a sweep); a verdict without a solution is confirmed cold.
                _solver.Reset();
                result = Run();
            }
            if ((result is Solver.ResultStatus.INFEASIBLE or Solver.ResultStatus.ABNORMAL) && _confirmation is not null)
            {
                _solver.SetSolverSpecificParametersAsString(_confirmation);
                _solver.Reset();
                result = Run();
                // The default parameters come back before the next solve (resetting now would discard this solution).
                _restore = true;
            }
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
            var duals = new double[_constraints.Length];
            for (int r = 0; r < duals.Length; r++) duals[r] = _constraints[r].DualValue();
            return new LinearSolution(status, _solver.Objective().Value(), primal, duals, _solver.Iterations(), word);
        }

        private Solver.ResultStatus Run() => _common is null ? _solver.Solve() : _solver.Solve(_common);

        public void Dispose()
        {
            _common?.Dispose();
            _solver.Dispose();
        }
    }
}
