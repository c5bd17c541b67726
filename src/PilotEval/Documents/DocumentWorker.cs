using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace PilotEval.Documents;

/// <summary>
/// The loop a reader worker process runs (the hidden <c>read-worker</c> command): one JSON request per line on
/// stdin, one <see cref="DocumentText"/> per line on stdout, until stdin closes. The parent kills the process
/// when a file overruns its time or memory, which is the only way to stop a parser stuck in a loop.
/// </summary>
public static class DocumentWorker
{
    /// <summary>Exit code after a file exhausted the worker's heap: the answer was sent, the process is not reused.</summary>
    public const int OutOfMemoryExitCode = 3;

    /// <summary>Exit code when the run that started the worker is gone.</summary>
    public const int OrphanedExitCode = 4;

    /// <summary>Environment variable holding the pid of the run that started the worker.</summary>
    internal const string ParentPidVariable = "PILOTEVAL_READER_PARENT";

    private static readonly TimeSpan ParentPollInterval = TimeSpan.FromMilliseconds(500);

    internal sealed record Request(string Path, string Name, ReaderLimits Limits);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serves requests until <paramref name="input"/> ends; returns the process exit code.</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        WatchParent();
        using var reader = new StreamReader(input, new UTF8Encoding(false));
        await using var writer = new StreamWriter(output, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            var request = JsonSerializer.Deserialize<Request>(line, Json)
                ?? throw new InvalidDataException("empty worker request");
            DocumentText result;
            string answer;
            var exhausted = false;
            try
            {
                using var documents = new DocumentReader(request.Limits, NullLogger<DocumentReader>.Instance);
                result = await documents.ReadInProcessAsync(request.Path, request.Name, cancellationToken);
                // Writing the answer allocates too (a huge document is a huge answer), so it is inside the guard.
                answer = JsonSerializer.Serialize(result, Json);
            }
            catch (OutOfMemoryException)
            {
                exhausted = true;
                result = TooMuchMemory(request.Name, request.Limits);
                answer = JsonSerializer.Serialize(result, Json);
            }
            await writer.WriteLineAsync(answer);
            if (exhausted) return OutOfMemoryExitCode;
            // A timed-out parse keeps its thread spinning; a fresh worker serves the next file.
            if (result.Errors.Any(e => e.Code == FileErrorCodes.Timeout)) return 0;
        }
        return 0;
    }

    /// <summary>
    /// A worker stuck in a parser notices its closed stdin only when the parse ends; when the run that started it is
    /// killed (<c>kill -9</c>), the worker exits within a poll interval instead.
    /// Polling, not PR_SET_PDEATHSIG: that signal follows the parent's thread, and .NET starts processes from
    /// thread-pool threads that come and go.
    /// </summary>
    private static void WatchParent()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(ParentPidVariable), out var parent) || ParentPid() != parent) return;
        var thread = new Thread(() =>
        {
            // When the parent dies the kernel hands the worker to another parent (init or a subreaper).
            while (ParentPid() == parent) Thread.Sleep(ParentPollInterval);
            // The OCR and conversion tools watch their own parent (ExternalTool) and go with this process.
            Environment.Exit(OrphanedExitCode);
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    /// <summary>This process's parent pid from /proc/self/stat (the field after the command name); null where there is no /proc.</summary>
    private static int? ParentPid()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    internal static DocumentText TooMuchMemory(string name, ReaderLimits limits) =>
        DocumentText.Failed(name, "unknown", FileErrorCodes.TooLarge,
            $"{name}: 读取时内存超过上限 {limits.MaxWorkerMemoryBytes / (1024 * 1024):N0} MB（疑似解压炸弹），已放弃");
}
