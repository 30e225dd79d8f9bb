namespace OrSolver.Core.Output;

/// <summary>Writes a file through a temporary file in the same directory and a rename, so that a reader never sees a
/// partial file and a failed write leaves nothing behind (the rename replaces the target in one step).</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/>: <paramref name="write"/> is given the temporary path (with the same
    /// extension, so that writers choosing a format by it still work), which then replaces <paramref name="path"/>.
    /// The directory must exist. I/O errors propagate; the temporary file is removed either way.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string name = Path.GetFileName(path);
        string temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(name)}.{Environment.ProcessId}.tmp{Path.GetExtension(name)}");
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
