using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PilotEval.Cli.Benchmarks;

/// <summary>Measuring a process tree from outside: wall time, peak resident memory of the tree, CPU time.</summary>
public static class BenchTools
{
    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>What a measured run cost.</summary>
    /// <param name="PeakTreeBytes">Highest sum of resident sizes of the process and all its descendants, sampled every 50 ms.</param>
    /// <param name="CpuSeconds">User + system time of the process and every descendant it waited for (Linux).</param>
    public sealed record Measured(int ExitCode, TimeSpan Wall, long PeakTreeBytes, double CpuSeconds, string StandardError);

    /// <param name="tick">Called with the process id at every 50 ms poll while it runs (the benchmark's worker killer).</param>
    public static async Task<Measured> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken, Action<int>? tick = null)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, TreeResident(process.Id));
            tick?.Invoke(process.Id);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
        await process.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed;
        await stdout;
        return new Measured(process.ExitCode, wall, peak, ChildrenCpuSeconds() - cpuBefore, await stderr);
    }

    /// <summary>Resident bytes of a process and its descendants, from /proc (0 where /proc is absent).</summary>
    public static long TreeResident(int root) => ProcessTree(root).Sum(Resident);

    /// <summary>
    /// A process and its descendants, from <c>/proc/PID/task/*/children</c> (the root alone where /proc is absent). The
    /// one walk every benchmark's memory and CPU figures share; a process that ends while we look is simply left out.
    /// </summary>
    public static IEnumerable<int> ProcessTree(int root)
    {
        var pending = new Stack<int>([root]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid)) continue;
            yield return pid;
            var children = new List<int>();
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        children.Add(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
            foreach (var child in children) pending.Push(child);
        }
    }

    /// <summary>A process's command line, one argument an element, from /proc (empty once it has ended, or where /proc is absent).</summary>
    public static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), or n/a: every benchmark prints it beside its figures.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static long Resident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>CPU seconds of this process's children that have been waited for (getrusage RUSAGE_CHILDREN); 0 off Linux.</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        // struct rusage: utime and stime (seconds, microseconds), then 14 longs we do not need; 32 longs is room to spare.
        var usage = new long[32];
        return GetRusage(-1, usage) == 0 ? usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6 : 0;
    }

#pragma warning disable SYSLIB1054 // DllImport: LibraryImport's generated code would need unsafe blocks in this project.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
#pragma warning restore SYSLIB1054
}
