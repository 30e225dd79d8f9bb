using System.Collections.Concurrent;
using OrSolver.Core.LinearProgramming;
using OrSolver.Core.LinearProgramming.OrTools;
using OrSolver.Core.Output;
using OrSolver.Experiments.Analysis;
using OrSolver.Plots;

namespace OrSolver.Experiments;

/// <summary>
/// What an experiment runs with and writes to: its mode, its own directory (<c>results/&lt;id&gt;/</c>), a fresh LP solver
/// per call (GLOP is single-threaded: one solver object per worker, method.md §4.4), the number of workers its independent
/// parts may use (<see cref="Map{TItem, TResult}"/>), the measurements it shares with the other experiments of the same
/// run (<see cref="Shared{T}"/>), and the collectors for its data files, plots and claims.
/// </summary>
public sealed class ExperimentContext
{
    private readonly List<string> _data = [];
    private readonly List<string> _plots = [];
    private readonly List<ClaimResult> _claims = [];
    private readonly Action<string>? _log;
    private readonly Lock _gate = new();

    private readonly SharedMeasurements _shared;

    /// <summary>A context writing to <paramref name="directory"/> (created if missing).</summary>
    /// <param name="id">The experiment's id.</param>
    /// <param name="directory">Its output directory.</param>
    /// <param name="quick">Quick mode.</param>
    /// <param name="log">Receives progress lines.</param>
    /// <param name="parallelism">How many workers <see cref="Map{TItem, TResult}"/> may use (≥ 1; the cores by default).</param>
    /// <param name="shared">The measurements shared with the other experiments of the same run (a fresh store when null).</param>
    public ExperimentContext(string id, string directory, bool quick, Action<string>? log = null, int? parallelism = null, SharedMeasurements? shared = null)
    {
        Id = id;
        Directory = directory;
        Quick = quick;
        _log = log;
        Parallelism = parallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(parallelism));
        _shared = shared ?? new SharedMeasurements();
        System.IO.Directory.CreateDirectory(directory);
    }

    /// <summary>The experiment's id.</summary>
    public string Id { get; }

    /// <summary>The experiment's output directory.</summary>
    public string Directory { get; }

    /// <summary>Whether this is the quick mode (seconds; smaller grids, fewer instances).</summary>
    public bool Quick { get; }

    /// <summary>The data files written so far (names relative to <see cref="Directory"/>).</summary>
    public IReadOnlyList<string> DataFiles => _data;

    /// <summary>The plots written so far (names relative to <see cref="Directory"/>).</summary>
    public IReadOnlyList<string> PlotFiles => _plots;

    /// <summary>The claims recorded so far.</summary>
    public IReadOnlyList<ClaimResult> Claims => _claims;

    /// <summary>How many workers <see cref="Map{TItem, TResult}"/> runs at once (1: one after the other).</summary>
    public int Parallelism { get; }

    /// <summary><paramref name="quick"/> in quick mode, <paramref name="full"/> otherwise.</summary>
    public T Choose<T>(T quick, T full) => Quick ? quick : full;

    /// <summary>A new LP solver (GLOP); use one per worker thread.</summary>
#pragma warning disable CA1822 // an instance member so that a context could hand out another backend
    public ILinearSolver NewSolver() => new OrToolsLinearSolver();
#pragma warning restore CA1822

    /// <summary>
    /// Measures every item on up to <see cref="Parallelism"/> workers, each with its own LP solver (a solver session is not
    /// thread-safe), and returns the results in the order of <paramref name="items"/> whatever order they finish in: the
    /// items are handed out one at a time in list order, so list the costliest first. <paramref name="measure"/> must not
    /// touch shared mutable state (write files and claims from the results, after the call).
    /// </summary>
    public TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, ILinearSolver, TResult> measure)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(measure);
        var results = new TResult[items.Count];
        var order = Partitioner.Create(Enumerable.Range(0, items.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, NewSolver, (i, _, solver) =>
        {
            results[i] = measure(items[i], solver);
            return solver;
        }, _ => { });
        return results;
    }

    /// <summary>
    /// The measurement named <paramref name="key"/> in this mode, computed by <paramref name="compute"/> the first time any
    /// experiment of the run asks for it and shared after that (thm4.1, thm5.3 and table1 read the same random markets): the
    /// same inputs give the same numbers, so sharing changes no result. <paramref name="compute"/> must not ask for another
    /// shared measurement.
    /// </summary>
    public T Shared<T>(string key, Func<T> compute) where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return _shared.Get(Quick ? $"quick/{key}" : $"full/{key}", compute);
    }

    /// <summary>Reports progress (one line; the command line shows it on stderr).</summary>
    public void Log(string message) => _log?.Invoke($"[{Id}] {message}");

    /// <summary>Writes <paramref name="records"/> as a CSV file with a header row (CsvHelper; the row type is a
    /// <c>[CsvRecord]</c> partial record) and returns its name.</summary>
    public string WriteCsv<T>(string fileName, IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.ToList();
        string path = Path.Combine(Directory, fileName);
        using (var writer = new StreamWriter(path))
        {
            OutputText.WriteCsv(writer, rows);
        }
        lock (_gate) _data.Add(fileName);
        foreach (var row in rows.OfType<IVerifiedRow>()) Verify(row, fileName);
        return fileName;
    }

    /// <summary>Counts a reported point's check into <see cref="Verification"/>; a failure is logged with where it is.</summary>
    private void Verify(IVerifiedRow row, string fileName)
    {
        lock (_gate)
        {
            _verification = _verification.Add(row);
        }
        if (!row.Agrees) Log($"check failed ({row.Check}) in {fileName}: worst gap {row.WorstGap:G3} of OPT");
    }

    private VerificationSummary _verification = VerificationSummary.Empty;

    /// <summary>The checks of every reported point written so far.</summary>
    public VerificationSummary Verification
    {
        get
        {
            lock (_gate) return _verification;
        }
    }

    /// <summary>Draws <paramref name="chart"/> to a PNG in the experiment's directory and returns its name.</summary>
    public string SavePlot(string fileName, Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        chart.Save(Path.Combine(Directory, fileName));
        lock (_gate) _plots.Add(fileName);
        return fileName;
    }

    /// <summary>Records a claim and its verdict.</summary>
    public void Claim(ClaimResult claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate) _claims.Add(claim);
        Log($"{claim.Reference}: {claim.VerdictText}");
    }

    /// <summary>Records a claim of the paper that <paramref name="holds"/> decides (a bound or a structure).</summary>
    public void Theorem(string reference, string statement, string setting, string measured, bool holds, params string[] plots)
        => Claim(new ClaimResult(reference, ClaimKind.Theorem, statement, setting, measured, holds ? Verdict.Holds : Verdict.Fails, plots));

    /// <summary>Records a limit claim (n → ∞): <paramref name="consistent"/> says whether the finite-n numbers are within
    /// the paper's finite-n bounds and move the claimed way.</summary>
    public void Asymptotic(string reference, string statement, string setting, string measured, bool consistent, params string[] plots)
        => Claim(new ClaimResult(reference, ClaimKind.Asymptotic, statement, setting, measured, consistent ? Verdict.Holds : Verdict.Fails, plots));

    /// <summary>Records a finding outside the paper's theory.</summary>
    public void Outside(string reference, string statement, string setting, string measured, params string[] plots)
        => Claim(new ClaimResult(reference, ClaimKind.Exploration, statement, setting, measured, Verdict.OutsideTheory, plots));
}

/// <summary>The measurements that the experiments of one run share (<see cref="ExperimentContext.Shared{T}"/>): each computed
/// once, by the first experiment that asks; one that asks while it is being computed waits for it.</summary>
public sealed class SharedMeasurements
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _values = new(StringComparer.Ordinal);

    internal T Get<T>(string key, Func<T> compute) where T : class
        => (T)_values.GetOrAdd(key, _ => new Lazy<object>(compute, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
