using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PilotEval.Documents;

/// <summary>
/// Worker processes that parse files for <see cref="DocumentReader"/>. A worker is reused across files, so the
/// cost of starting .NET is paid once per worker, not per file. The pool heals: a worker that exits, is killed or
/// stops answering is replaced, and the file it was reading is read again once on a fresh worker; a failure a
/// worker reports after it has served other files, and any <c>corrupt</c>, is confirmed on a fresh worker too. So a file is reported
/// <c>timeout</c>, <c>too-large</c> or <c>corrupt</c> only for what it did itself, never for what an earlier file
/// left behind in a worker. When the fresh worker fails on the file too, the fault is the file's and the first worker,
/// its code already compiled, serves on; when the fresh one reads it, the first goes. Workers are recycled after
/// <see cref="ReaderLimits.RecycleAfterFiles"/> files or <see cref="ReaderLimits.RecycleAfterGrowthBytes"/> of growth,
/// so memory does not accumulate over a long batch.
/// </summary>
internal sealed class ReaderWorkerPool : IDisposable
{
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Lets the worker's own in-process timeout answer first, with the file's format, before it is killed.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(3);

    /// <summary>Resident memory a worker needs beyond its managed heap: the runtime, JIT'd code, mapped assemblies.</summary>
    private const long RuntimeAllowance = 256L * 1024 * 1024;

    private readonly ConcurrentBag<Worker> _idle = [];
    private readonly ConcurrentDictionary<Worker, byte> _all = new();
    private readonly string _host;
    private readonly string _assembly;
    private readonly ReaderLimits _limits;
    private readonly ILogger _logger;
    private int _started;
    private int _replaced;
    private bool _disposed;

    private ReaderWorkerPool(string host, string assembly, ReaderLimits limits, ILogger logger)
    {
        _host = host;
        _assembly = assembly;
        _limits = limits;
        _logger = logger;
    }

    /// <summary>
    /// Test hook: asked once per dispatch with the file's name and attempt (0, 1); true kills the worker as the
    /// request reaches it, as an operator's <c>kill -9</c> or the OOM killer would.
    /// </summary>
    internal Func<string, int, bool>? KillDuringRead { get; set; }

    /// <summary>Workers started so far, and how many of them replaced one that died or was stopped.</summary>
    internal (int Started, int Replaced) Counts => (Volatile.Read(ref _started), Volatile.Read(ref _replaced));

    /// <summary>Workers running now, reading or waiting for a file.</summary>
    internal int Alive => _all.Count;

    /// <summary>How many files each worker waiting for a file has answered.</summary>
    internal IReadOnlyList<int> IdleServed => [.. _idle.Select(w => w.Served)];

    /// <summary>A pool, or null when no worker assembly is found (then reading stays in-process).</summary>
    public static ReaderWorkerPool? TryCreate(ReaderLimits limits, ILogger logger)
    {
        var assembly = limits.WorkerAssembly ?? Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll");
        if (!File.Exists(assembly))
        {
            logger.LogDebug("No reader worker at {Assembly}; files are read in-process", assembly);
            return null;
        }
        return new ReaderWorkerPool(DotnetHost(), Path.GetFullPath(assembly), limits, logger);
    }

    public async Task<DocumentText> ReadAsync(string path, string name, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = JsonSerializer.Serialize(new DocumentWorker.Request(Path.GetFullPath(path), name, _limits), DocumentWorker.Json);

        var first = await DispatchAsync(TakeWorker(), request, name, attempt: 0, cancellationToken);
        if (!first.NeedsRetry)
        {
            Release(first.Worker);
            return first.Document;
        }
        // Second and last attempt, always on a worker that has served nothing before. The first worker, when it is
        // still running, waits aside meanwhile: no other file goes to it until the fresh one has said whose fault it was.
        Interlocked.Increment(ref _replaced);
        _logger.LogInformation("Reading {File} again on a fresh worker: {Reason}", name, first.Reason);
        Attempt second;
        try
        {
            second = await DispatchAsync(Start(), request, name, attempt: 1, cancellationToken);
        }
        catch
        {
            Retire(first.Worker);
            throw;
        }
        if (second.NeedsRetry) _logger.LogWarning("{File} stopped a fresh worker too: {Reason}", name, second.Reason);
        if (first.Worker is { } used && (second.NeedsRetry || !second.Document.Errors.IsEmpty))
        {
            // The file fails on a fresh worker too: the fault is the file's, and the first worker keeps its place. It has
            // compiled the readers' code, which a fresh worker does again (about 3 CPU-s): a batch's hostile files must
            // not each cost that, nor leave a second worker waiting beside the first.
            Retire(second.Worker);
            Release(used);
        }
        else
        {
            // The file reads on a fresh worker: what failed on the first came from the worker, which goes.
            Retire(first.Worker);
            Release(second.Worker);
        }
        return second.Document;
    }

    /// <summary>A worker that answered and may serve again waits for the next file.</summary>
    private void Release(Worker? worker)
    {
        if (worker is not null) _idle.Add(worker);
    }

    /// <summary>
    /// Starts one worker now, before any file is handed out, when none is running: a run that knows it will read
    /// lets the worker's runtime start beside its own work (hashing, the store) instead of in front of the first file.
    /// </summary>
    public void Warm()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_all.IsEmpty) _idle.Add(Start());
    }

    /// <summary>
    /// Stops the workers waiting for a file (a file that comes later starts one again): once a run has read what it
    /// had to, an idle worker's memory would only sit beside the run-level stages'.
    /// </summary>
    public void StopIdle()
    {
        while (_idle.TryTake(out var idle)) Retire(idle);
    }

    private Worker TakeWorker()
    {
        while (_idle.TryTake(out var idle))
        {
            if (!idle.Process.HasExited) return idle;
            Retire(idle);
        }
        return Start();
    }

    /// <summary>What one worker did with one file, and whether the file deserves a second reading on a fresh worker.</summary>
    /// <param name="Worker">The worker, when it may serve again (the caller releases or retires it); null when it was retired.</param>
    private sealed record Attempt(DocumentText Document, bool NeedsRetry, string Reason, Worker? Worker = null);

    private async Task<Attempt> DispatchAsync(Worker worker, string request, string name, int attempt, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_limits.Timeout + KillGrace);
        var overMemory = false;
        using var watch = new CancellationTokenSource();
        var watcher = WatchMemoryAsync(worker.Process, () => { overMemory = true; limit.Cancel(); }, watch.Token);
        var servedBefore = worker.Served;
        try
        {
            if (KillDuringRead?.Invoke(name, attempt) == true) worker.Kill(wait: true);
            await worker.Process.StandardInput.WriteLineAsync(request.AsMemory(), limit.Token);
            await worker.Process.StandardInput.FlushAsync(limit.Token);
            var line = await worker.Process.StandardOutput.ReadLineAsync(limit.Token);
            if (line is null)
            {
                var exit = await ExitCodeAsync(worker);
                Retire(worker);
                _logger.LogWarning("Reader worker died on {File} with exit code {ExitCode}", name, exit);
                return overMemory || exit == DocumentWorker.OutOfMemoryExitCode
                    ? new Attempt(DocumentWorker.TooMuchMemory(name, _limits), true, "memory limit")
                    : new Attempt(Died(name, exit), true, $"worker exited ({exit?.ToString(CultureInfo.InvariantCulture) ?? "killed"})");
            }
            var result = JsonSerializer.Deserialize<DocumentText>(line, DocumentWorker.Json)
                ?? throw new InvalidDataException("the reader worker answered null");
            worker.Served++;
            var exited = worker.Process.WaitForExit(0);
            // A worker that stopped itself (out of memory, a parse past the time limit) counts as stopped by the file;
            // any other failure from a worker that read other files first is confirmed where nothing came before.
            // A parser's exception may come from the worker's surroundings (a tool probe failing under load), not the file.
            var retry = exited || HasRetired(result) ? string.Join(",", result.Errors.Select(e => e.Code))
                : !result.Errors.IsEmpty && servedBefore > 0 ? "failure on a used worker"
                : result.Errors.Any(e => e.Code == FileErrorCodes.Corrupt) ? "corrupt"
                : null;
            if (exited || HasRetired(result) || Worn(worker))
            {
                Retire(worker);
                return new Attempt(result, retry is not null, retry ?? "");
            }
            return new Attempt(result, retry is not null, retry ?? "", worker);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Retire(worker);
            _logger.LogWarning("Reader worker stopped on {File}: {Reason}", name, overMemory ? "memory limit" : "time limit");
            return overMemory
                ? new Attempt(DocumentWorker.TooMuchMemory(name, _limits), true, "memory limit")
                : new Attempt(DocumentReader.TimedOut(name, "unknown", _limits), true, "time limit");
        }
        catch (IOException ex)
        {
            Retire(worker);
            _logger.LogWarning("Reader worker pipe broke on {File}: {Message}", name, ex.Message);
            return overMemory
                ? new Attempt(DocumentWorker.TooMuchMemory(name, _limits), true, "memory limit")
                : new Attempt(Died(name, null), true, "worker pipe broke");
        }
        catch
        {
            Retire(worker);
            throw;
        }
        finally
        {
            await watch.CancelAsync();
            await watcher;
        }
    }

    private static bool HasRetired(DocumentText result) =>
        result.Errors.Any(e => e.Code is FileErrorCodes.Timeout or FileErrorCodes.TooLarge);

    /// <summary>Recycled after so many files, or once it has grown well past its size after its first file.</summary>
    private bool Worn(Worker worker)
    {
        if (worker.Served >= _limits.RecycleAfterFiles) return true;
        try
        {
            worker.Process.Refresh();
            var resident = worker.Process.WorkingSet64;
            worker.Baseline ??= resident;
            return resident - worker.Baseline > _limits.RecycleAfterGrowthBytes;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static DocumentText Died(string name, int? exit) =>
        DocumentText.Failed(name, "unknown", FileErrorCodes.Corrupt,
            $"{name}: 解析该文件时读取进程两次异常退出{(exit is { } code ? $"（退出码 {code}）" : "")}，文件可能已损坏");

    /// <summary>Resident size catches native allocations that the managed heap limit does not see.</summary>
    private async Task WatchMemoryAsync(Process process, Action exceeded, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(MemoryPollInterval, cancellationToken);
                process.Refresh();
                if (process.HasExited) return;
                if (process.WorkingSet64 > _limits.MaxWorkerMemoryBytes + RuntimeAllowance)
                {
                    exceeded();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // The process went away between checks.
        }
    }

    private Worker Start()
    {
        var start = new ProcessStartInfo(_host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        // The apphost runs the assembly itself; the dotnet host is told which assembly to run.
        if (!IsAppHost(_host)) start.ArgumentList.Add(_assembly);
        start.ArgumentList.Add("read-worker");
        // The managed heap hard limit turns a runaway allocation into an OutOfMemoryException inside the worker.
        start.Environment["DOTNET_GCHeapHardLimit"] = _limits.MaxWorkerMemoryBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The worker watches this pid and exits when it is gone, so a `kill -9` of the run leaves no worker behind.
        start.Environment[DocumentWorker.ParentPidVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new WorkerUnavailableException($"could not start {_host} read-worker");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new WorkerUnavailableException($"could not start {_host} read-worker: {ex.Message}");
        }
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data)) _logger.LogDebug("reader worker {Pid}: {Line}", process.Id, e.Data);
        };
        process.BeginErrorReadLine();
        _logger.LogDebug("Started reader worker {Pid}", process.Id);
        Interlocked.Increment(ref _started);
        var worker = new Worker(process);
        _all.TryAdd(worker, 0);
        return worker;
    }

    private static async Task<int?> ExitCodeAsync(Worker worker)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await worker.Process.WaitForExitAsync(wait.Token);
            return worker.Process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Retire(Worker? worker)
    {
        if (worker is null) return;
        _all.TryRemove(worker, out _);
        worker.Dispose();
    }

    private static bool IsAppHost(string host) =>
        Path.GetFileName(host) is "PilotEval.Cli" or "PilotEval.Cli.exe";

    /// <summary>
    /// The program that runs this process, so the worker uses the same runtime: the CLI's own apphost when that is
    /// what is running, else the dotnet host.
    /// </summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && IsAppHost(self)) return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return current;
        return "dotnet";
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var worker in _all.Keys) worker.Dispose();
        _all.Clear();
    }

    private sealed class Worker(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        /// <summary>Files answered so far.</summary>
        public int Served { get; set; }

        /// <summary>Resident size after its first file, the reference for recycling.</summary>
        public long? Baseline { get; set; }

        /// <summary>Kills the worker and the tools it started (pdftoppm, tesseract), which share its process tree.</summary>
        public void Kill(bool wait = false)
        {
            try
            {
                if (!Process.HasExited) Process.Kill(entireProcessTree: true);
                if (wait) Process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }

        public void Dispose()
        {
            Kill();
            Process.Dispose();
        }
    }
}

/// <summary>No worker process can be started here; reading falls back to in-process.</summary>
internal sealed class WorkerUnavailableException(string message) : Exception(message);
