using OrSolver.Core;

namespace OrSolver.Cli;

/// <summary>How every command writes a result file: through a temporary file in the same directory and a rename, so that
/// a reader never sees a partial file and a failed write leaves nothing behind.</summary>
internal static class OutputFiles
{
    /// <summary>Creates <paramref name="directory"/> if needed and writes <paramref name="fileName"/> in it: <paramref name="write"/>
    /// is given the temporary path (with the same extension, so that writers choosing a format by it still work).</summary>
    /// <returns>The path written.</returns>
    /// <exception cref="InputException">The directory cannot be created or written.</exception>
    public static string Write(string directory, string fileName, Action<string> write)
    {
        string target = Path.Combine(directory, fileName);
        string temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(fileName)}.{Environment.ProcessId}.tmp{Path.GetExtension(fileName)}");
        try
        {
            Directory.CreateDirectory(directory);
            try
            {
                write(temporary);
                File.Move(temporary, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write to {directory}: {e.Message}");
        }
        return target;
    }
}
