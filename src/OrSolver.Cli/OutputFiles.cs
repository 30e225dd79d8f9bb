using OrSolver.Core;
using OrSolver.Core.Output;

namespace OrSolver.Cli;

/// <summary>How every command writes a result file: through a temporary file in the same directory and a rename, so that
/// a reader never sees a partial file and a failed write leaves nothing behind.</summary>
internal static class OutputFiles
{
    /// <summary>Refuses an output directory that can be seen to be unwritable before any work is done (a path that is
    /// not a path, an existing file such as /dev/null), so that a command does not print its result and then fail.
    /// Creates nothing.</summary>
    /// <exception cref="InputException">The directory is not a valid path or is a file.</exception>
    public static void Check(string directory)
    {
        string shown = InputException.Excerpt(directory, 200);
        try
        {
            if (File.Exists(Path.GetFullPath(directory))) throw new InputException($"cannot write to {shown}: it is a file, not a directory");
        }
        catch (ArgumentException e)
        {
            throw new InputException($"cannot write to {shown}: {InputException.Excerpt(e.Message, 200)}");
        }
    }

    /// <summary>Creates <paramref name="directory"/> if needed and writes <paramref name="fileName"/> in it: <paramref name="write"/>
    /// is given the temporary path (with the same extension, so that writers choosing a format by it still work).</summary>
    /// <returns>The path written.</returns>
    /// <exception cref="InputException">The directory cannot be created or written.</exception>
    public static string Write(string directory, string fileName, Action<string> write)
    {
        string target = Path.Combine(directory, fileName);
        Guard(directory, () =>
        {
            Directory.CreateDirectory(directory);
            AtomicFile.Write(target, write);
            return target;
        });
        return target;
    }

    /// <summary>Runs <paramref name="body"/>, which writes into <paramref name="directory"/>, turning a failure to write
    /// (the disk, the permissions, a bad path) into one line of bad input.</summary>
    /// <exception cref="InputException">The directory cannot be created or written.</exception>
    public static T Guard<T>(string directory, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InputException($"cannot write to {InputException.Excerpt(directory, 200)}: {InputException.Excerpt(e.Message, 200)}");
        }
    }
}
