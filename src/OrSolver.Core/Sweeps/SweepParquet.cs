using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace OrSolver.Core.Sweeps;

/// <summary>
/// A sweep's rows as a Parquet file (Parquet.Net), for pandas, polars, R's arrow and DuckDB: the columns of the CSV with
/// their types (<see cref="SweepColumnType"/>: 64-bit integers, doubles, booleans, UTF-8 strings), every column nullable
/// (null where the CSV cell is empty), one row group. The values are the CSV's read back, so the two files hold the
/// same numbers to the bit.
/// </summary>
public static class SweepParquet
{
    /// <summary>The file's schema: one field per column of <see cref="SweepColumns.All"/>.</summary>
    public static ParquetSchema Schema { get; } = new([.. SweepColumns.All.Select(Field)]);

    private static DataField Field(SweepColumn column) => column.Type switch
    {
        SweepColumnType.Whole => new DataField<long?>(column.Name),
        SweepColumnType.Real => new DataField<double?>(column.Name),
        SweepColumnType.Flag => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, nullable: true),
    };

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void Write(string path, IReadOnlyList<SweepRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(r => r.ToCells()).ToList();
        Output.AtomicFile.Write(path, temporary => WriteAsync(temporary, cells).GetAwaiter().GetResult());
    }

    private static async Task WriteAsync(string path, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        var fields = Schema.GetDataFields();
        for (int c = 0; c < fields.Length; c++)
        {
            var column = cells.Select(row => row[c]).ToList();
            switch (SweepColumns.All[c].Type)
            {
                case SweepColumnType.Whole:
                    await group.WriteAsync<long>(fields[c], column.Select(t => t.Length == 0 ? (long?)null : long.Parse(t, CultureInfo.InvariantCulture)).ToArray()).ConfigureAwait(false);
                    break;
                case SweepColumnType.Real:
                    await group.WriteAsync<double>(fields[c], column.Select(t => t.Length == 0 ? (double?)null : double.Parse(t, CultureInfo.InvariantCulture)).ToArray()).ConfigureAwait(false);
                    break;
                case SweepColumnType.Flag:
                    await group.WriteAsync<bool>(fields[c], column.Select(t => t.Length == 0 ? (bool?)null : t == "True").ToArray()).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(fields[c], column.Select(t => t.Length == 0 ? null : t).ToArray()).ConfigureAwait(false);
                    break;
            }
        }
    }
}
