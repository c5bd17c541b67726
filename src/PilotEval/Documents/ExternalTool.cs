using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PilotEval.Documents;

/// <summary>
/// Runs a helper program (pdftoppm, tesseract, soffice) so that it can never outlive its reader: in its own process
/// group (<c>setsid</c>) led by a small shell watchdog that kills the whole group as soon as the process that started
/// it is gone (a reader worker killed by the pool, by the OOM killer, by Ctrl+C), and with the whole group killed here
/// when the tool's time or memory limit passes, when the caller cancels, and when this process exits.
/// A parent-death signal (<c>setpriv --pdeathsig</c>) would not do: it reaches only the first process (soffice forks
/// <c>soffice.bin</c>), and Linux ties it to the thread that started the tool, not the process.
/// The mechanism lives here only: a pool that kills a worker needs do nothing more than kill the worker.
/// </summary>
public static class ExternalTool
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Process groups started here and still running: killed on exit, whatever path the exit takes.</summary>
    private static readonly ConcurrentDictionary<int, byte> Running = new();

    private static readonly Lazy<string?> Setsid = new(() => OperatingSystem.IsLinux() && File.Exists("/proc/self/stat") ? OnPath("setsid") : null);
    private static readonly Lazy<string?> Shell = new(() => OnPath("sh"));

    /// <summary>
    /// The group leader: starts the tool and a watcher that checks twice a second that the leader's parent is still
    /// the process that started it; once it is not (re-parented to init or a subreaper), the watcher kills the whole
    /// group, tool and tool's children. Exits with the tool's exit code as soon as the tool exits.
    /// </summary>
    private const string Watchdog =
        "parent=$PPID; \"$@\" & child=$!; " +
        "( while [ \"$(cut -d' ' -f4 /proc/$$/stat)\" = \"$parent\" ]; do sleep 0.5; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 & " +
        "wait $child; status=$?; kill $! 2>/dev/null; exit $status";

    static ExternalTool()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>How a run of a tool ended.</summary>
    public enum Outcome
    {
        Exited,
        TimedOut,
        OverMemory,
    }

    /// <summary>What a tool printed and how it ended.</summary>
    public sealed record Result(Outcome Outcome, int ExitCode, string Output, string Error)
    {
        public bool Succeeded => Outcome == Outcome.Exited && ExitCode == 0;
    }

    /// <summary>The environment variable that carries <see cref="ReaderLimits.ToolTag"/> to every helper.</summary>
    public const string TagVariable = "PILOTEVAL_TOOL_TAG";

    /// <summary>Extra environment for the helpers of a read: its tag, when it has one.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(ReaderLimits limits) =>
        limits.ToolTag is { Length: > 0 } tag ? new Dictionary<string, string> { [TagVariable] = tag } : new Dictionary<string, string>();

    /// <summary>Processes whose environment carries <paramref name="tag"/> (Linux; empty elsewhere).</summary>
    public static IReadOnlyList<int> Tagged(string tag)
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc")) return found;
        var marker = $"{TagVariable}={tag}\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if ((File.ReadAllText(Path.Combine(dir, "environ")) + "\0").Contains(marker, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null when it is not installed.</summary>
    public static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs <paramref name="tool"/> to completion on the calling thread. Returns <see cref="Outcome.TimedOut"/> or
    /// <see cref="Outcome.OverMemory"/> after killing the whole group; throws <see cref="OperationCanceledException"/>
    /// after killing it when <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="maxMemory">Resident size of the whole group above which it is killed.</param>
    /// <param name="environment">Extra environment variables.</param>
    public static Result Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, long maxMemory,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        var command = CommandLine(tool, arguments);
        start.FileName = command[0];
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        // The machine is shared with the rest of the batch; one thread per tool is enough.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var group = process.Id;
        Running.TryAdd(group, 0);
        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var outcome = Outcome.Exited;
            while (!process.WaitForExit(Poll))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    KillGroup(group, process);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (clock.Elapsed > timeout)
                {
                    outcome = Outcome.TimedOut;
                    break;
                }
                if (GroupResidentBytes(group, process.Id) > maxMemory)
                {
                    outcome = Outcome.OverMemory;
                    break;
                }
            }
            // Even a tool that exited may have left children behind in its group (soffice does).
            KillGroup(group, process);
            process.WaitForExit();
            return new Result(outcome, outcome == Outcome.Exited ? process.ExitCode : -1,
                output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
        finally
        {
            Running.TryRemove(group, out _);
        }
    }

    /// <summary>The command that starts <paramref name="tool"/> in its own group under the watchdog.</summary>
    internal static IReadOnlyList<string> CommandLine(string tool, IReadOnlyList<string> arguments)
    {
        var command = new List<string>();
        // setsid: a group of its own, so one kill reaches every process the tool starts (soffice forks).
        if (Setsid.Value is { } setsid && Shell.Value is { } shell) command.AddRange([setsid, shell, "-c", Watchdog, "sh"]);
        command.Add(tool);
        command.AddRange(arguments);
        return command;
    }

    /// <summary>Kills every tool group this process started and has not yet reaped (Ctrl+C, shutdown).</summary>
    public static void KillAll()
    {
        foreach (var group in Running.Keys) KillGroup(group, null);
    }

    /// <summary>Processes whose process group is <paramref name="group"/>, read from <c>/proc</c>.</summary>
    public static IReadOnlyList<int> Members(int group)
    {
        var members = new List<int>();
        if (!Directory.Exists("/proc")) return members;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } stat && stat.Group == group) members.Add(pid);
        }
        return members;
    }

    private static void KillGroup(int group, Process? leader)
    {
        // kill(-pgid) reaches every member, including children re-parented after the leader exited.
        if (Setsid.Value is not null && Shell.Value is not null)
        {
            _ = NativeKill(-group, 9);
        }
        try
        {
            if (leader is { HasExited: false }) leader.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);

    private static long GroupResidentBytes(int group, int leader)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(leader);
                return process.WorkingSet64;
            }
            catch (ArgumentException)
            {
                return 0;
            }
        }
        long total = 0;
        foreach (var pid in Setsid.Value is null || Shell.Value is null ? [leader] : Members(group))
        {
            total += Stat(pid)?.ResidentBytes ?? 0;
        }
        return total;
    }

    private static (int Group, long ResidentBytes)? Stat(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid pgrp ... rss(24th)"; comm may hold spaces and parentheses.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var group = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var pages = long.Parse(fields[21], CultureInfo.InvariantCulture);
            return (group, pages * Environment.SystemPageSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
