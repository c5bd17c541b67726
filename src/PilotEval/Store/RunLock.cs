using System.Globalization;

namespace PilotEval.Store;

/// <summary>
/// One run at a time per output directory. The lock is an exclusive OS lock on <c>&lt;out&gt;/.piloteval.lock</c>
/// (flock on Linux, a sharing lock on Windows): the kernel drops it when the process dies, even by <c>kill -9</c>,
/// so a crashed run never blocks the next one, while two live runs can never interleave their files.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = ".piloteval.lock";

    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <exception cref="OutputLockedException">Another run holds the directory.</exception>
    public static RunLock Acquire(string outputDirectory, string runId)
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new OutputLockedException(
                $"another PilotEval run is writing to '{outputDirectory}' (it holds {path}); wait for it to finish, or choose another --out");
        }
        stream.SetLength(0);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"run {runId}, pid {Environment.ProcessId}\n"));
        }
        stream.Flush();
        return new RunLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>The output directory is in use by another run: a usage error, not a failure of PilotEval.</summary>
public sealed class OutputLockedException(string message) : Exception(message);
