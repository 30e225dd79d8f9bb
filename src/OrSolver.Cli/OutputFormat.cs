namespace OrSolver.Cli;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Human-readable tables (Spectre.Console).</summary>
    Table,
    /// <summary>Indented JSON with camelCase fields.</summary>
    Json,
    /// <summary>RFC 4180 CSV (CsvHelper).</summary>
    Csv,
}
