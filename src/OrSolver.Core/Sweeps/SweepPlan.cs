using System.Collections.Concurrent;
using System.Text;
using OrSolver.Core.LinearProgramming;

namespace OrSolver.Core.Sweeps;

/// <summary>Where a sweep writes and how it runs. Validates itself.</summary>
public sealed record SweepOptions
{
    /// <summary>The output directory (created when the run starts).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The shard to run, or null for the whole table.</summary>
    public SweepShard? Shard { get; init; }

    /// <summary>Markets solved at once, each on its own LP solver. Range: ≥ 1; default: <see cref="EveryCore"/>.</summary>
    public int Jobs
    {
        get => _jobs;
        init => _jobs = value >= 1 ? value : throw new InputException($"--jobs must be at least 1 (got {value})");
    }

    private readonly int _jobs = EveryCore;

    /// <summary>The cores the runtime reports (<see cref="Environment.ProcessorCount"/>), at least 1.</summary>
    public static int EveryCore => Math.Max(1, Environment.ProcessorCount);

    /// <summary>The rows' defaults and how models are found.</summary>
    public SweepSettings Settings { get; init; } = new();

    /// <summary>Whether to write the Parquet file beside the CSV.</summary>
    public bool Parquet { get; init; }
}

/// <summary>What a finished run wrote.</summary>
/// <param name="Rows">Every row of the table (or shard), in row order.</param>
/// <param name="Computed">Rows solved by this run.</param>
/// <param name="Reused">Rows taken from an earlier run's files in the output directory.</param>
/// <param name="CsvPath">The CSV written.</param>
/// <param name="ParquetPath">The Parquet file written, or null.</param>
public sealed record SweepSummary(IReadOnlyList<SweepRow> Rows, int Computed, int Reused, string CsvPath, string? ParquetPath)
{
    /// <summary>Rows that ended in an error.</summary>
    public int Errors => Rows.Count(r => r.Error is not null);

    /// <summary>Rows with a result some point of which failed its check.</summary>
    public int FailedChecks => Rows.Count(r => r.Result is { Agrees: false });

    /// <summary>The rows that failed (an error or a failed check), in row order.</summary>
    public IReadOnlyList<SweepRow> Failures => [.. Rows.Where(r => r.Failed)];
}

/// <summary>
/// A sweep ready to run: the rows of the table (or of one shard), those an earlier run in the same directory already
/// wrote, and those still to solve. <see cref="Prepare"/> reads and checks everything and writes nothing; <see cref="Run"/>
/// solves the rest over the cores, appending each finished row to the journal at once (a killed run loses only the
/// rows in flight), then writes the file in row order and removes the journal.
/// </summary>
/// <remarks>A row is taken from an earlier run when its input columns (model, distribution, n, k, grid, surplus levels)
/// are the table's and it has a result; a row that ended in an error is solved again, and rows no longer in the table
/// are dropped. So a rerun after a kill, after a finished run, or after rows were added to the table, writes the same
/// file one uninterrupted run would.</remarks>
public sealed class SweepPlan
{
    private readonly SweepOptions _options;
    private readonly IReadOnlyList<int> _order;
    private readonly Dictionary<int, SweepRow> _reused;
    private readonly IReadOnlyList<Unsolved> _pending;
    private readonly long _journalLength;

    /// <summary>A row still to solve: its market, or the row of the error that keeps it from being one.</summary>
    private sealed record Unsolved(SweepMarket? Market, SweepRow? Failed);

    private SweepPlan(SweepOptions options, IReadOnlyList<int> order, Dictionary<int, SweepRow> reused, IReadOnlyList<Unsolved> pending, long journalLength)
    {
        _options = options;
        _order = order;
        _reused = reused;
        _pending = pending;
        _journalLength = journalLength;
    }

    /// <summary>The CSV this run writes.</summary>
    public string CsvPath => Path.Combine(_options.OutputDirectory, SweepFiles.Name(_options.Shard));

    /// <summary>The journal finished rows are appended to while it runs.</summary>
    public string JournalPath => Path.Combine(_options.OutputDirectory, SweepFiles.JournalName(SweepFiles.Name(_options.Shard)));

    /// <summary>The rows of the table (or shard).</summary>
    public int Rows => _order.Count;

    /// <summary>Rows an earlier run already wrote.</summary>
    public int Reused => _reused.Count;

    /// <summary>Rows still to solve.</summary>
    public int Pending => _pending.Count;

    /// <summary>Reads the table's rows of this run (its shard's), resolves them, and the rows earlier runs wrote into the
    /// output directory. Writes nothing.</summary>
    /// <exception cref="InputException">The output directory's sweep files cannot be read or are not this version's.</exception>
    public static SweepPlan Prepare(SweepTable table, SweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var cases = table.Cases.Where(c => options.Shard?.Contains(c.Row) ?? true).ToList();
        string file = Path.Combine(options.OutputDirectory, SweepFiles.Name(options.Shard));
        string journal = Path.Combine(options.OutputDirectory, SweepFiles.JournalName(SweepFiles.Name(options.Shard)));
        var earlier = new Dictionary<int, SweepRow>();
        if (File.Exists(file)) foreach (var row in SweepFiles.Read(file).Rows) earlier[row.Row] = row;
        long journalLength = 0;
        if (File.Exists(journal))
        {
            var (rows, length) = SweepFiles.Read(journal);
            foreach (var row in rows) earlier[row.Row] = row;
            journalLength = length;
        }
        var reused = new Dictionary<int, SweepRow>();
        var pending = new List<Unsolved>();
        foreach (var c in cases)
        {
            SweepMarket market;
            try
            {
                market = c.Resolve(options.Settings, table.BaseDirectory);
            }
            catch (InputException e)
            {
                pending.Add(new Unsolved(null, new SweepRow(c.Row, c.AsGiven(options.Settings), null, e.Message)));
                continue;
            }
            if (earlier.TryGetValue(c.Row, out var done) && done.Error is null && done.Input.SameAs(market.Input)) reused[c.Row] = done;
            else pending.Add(new Unsolved(market, null));
        }
        return new SweepPlan(options, [.. cases.Select(c => c.Row)], reused, pending, journalLength);
    }

    /// <summary>Solves the pending rows on <see cref="SweepOptions.Jobs"/> workers (each with its own solver from
    /// <paramref name="newSolver"/>), appending each to the journal as it finishes, then writes the CSV (and Parquet) in
    /// row order and removes the journal.</summary>
    /// <param name="newSolver">Creates one LP backend per worker.</param>
    /// <param name="progress">Told the number of rows solved by this run after each one (from one thread at a time).</param>
    public SweepSummary Run(Func<ILinearSolver> newSolver, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(newSolver);
        Directory.CreateDirectory(_options.OutputDirectory);
        var finished = new ConcurrentDictionary<int, SweepRow>(_reused);
        using (var journal = new SweepJournal(JournalPath, _journalLength))
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Jobs };
            // One row at a time to each worker (no chunks): rows differ in cost by orders of magnitude.
            var source = System.Collections.Concurrent.Partitioner.Create(_pending, EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(source, parallel, newSolver, (item, _, solver) =>
            {
                var row = item.Failed ?? SweepComputation.Run(item.Market!, solver);
                finished[row.Row] = row;
                journal.Append(row, progress);
                return solver;
            }, _ => { });
        }
        var rows = _order.Select(r => finished[r]).ToList();
        var (csv, parquet) = SweepFiles.WriteTable(_options.OutputDirectory, _options.Shard, rows, _options.Parquet);
        File.Delete(JournalPath);
        return new SweepSummary(rows, _pending.Count, _reused.Count, csv, parquet);
    }
}

/// <summary>The journal of a running sweep: each finished row is appended as one whole line and flushed, so that a kill
/// loses only the rows in flight and at most cuts the last line short (which the next run leaves out).</summary>
internal sealed class SweepJournal : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();
    private int _appended;

    /// <summary>Opens the journal at <paramref name="path"/>, keeping its first <paramref name="length"/> bytes (the whole
    /// lines an earlier run wrote; a cut-off last line is dropped), or starts it with the header.</summary>
    public SweepJournal(string path, long length)
    {
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        _stream.SetLength(length);
        _stream.Seek(0, SeekOrigin.End);
        if (length == 0) Write(SweepFiles.HeaderLine);
    }

    /// <summary>Appends <paramref name="row"/> and tells <paramref name="progress"/> how many rows this run appended.</summary>
    public void Append(SweepRow row, IProgress<int>? progress)
    {
        string line = SweepFiles.Line(row);
        lock (_gate)
        {
            Write(line);
            progress?.Report(++_appended);
        }
    }

    private void Write(string text)
    {
        _stream.Write(Encoding.UTF8.GetBytes(text));
        _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();
}
