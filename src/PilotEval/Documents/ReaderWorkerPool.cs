using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PilotEval.Documents;

/// <summary>
/// Worker processes that parse files for <see cref="DocumentReader"/>. A worker is reused across files, so the
/// cost of starting .NET is paid once per worker, not per file; it is killed — and replaced on the next request —
/// when a file overruns the time limit or the memory limit, or when it dies on a file.
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
    private bool _disposed;

    private ReaderWorkerPool(string host, string assembly, ReaderLimits limits, ILogger logger)
    {
        _host = host;
        _assembly = assembly;
        _limits = limits;
        _logger = logger;
    }

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
        var worker = _idle.TryTake(out var idle) && !idle.Process.HasExited ? idle : Start();
        var request = JsonSerializer.Serialize(new DocumentWorker.Request(Path.GetFullPath(path), name, _limits), DocumentWorker.Json);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_limits.Timeout + KillGrace);
        var overMemory = false;
        using var watch = new CancellationTokenSource();
        var watcher = WatchMemoryAsync(worker.Process, () => { overMemory = true; limit.Cancel(); }, watch.Token);
        try
        {
            await worker.Process.StandardInput.WriteLineAsync(request.AsMemory(), limit.Token);
            await worker.Process.StandardInput.FlushAsync(limit.Token);
            var line = await worker.Process.StandardOutput.ReadLineAsync(limit.Token);
            if (line is null)
            {
                var exit = await ExitCodeAsync(worker);
                Retire(worker);
                _logger.LogWarning("Reader worker died on {File} with exit code {ExitCode}", name, exit);
                return overMemory ? DocumentWorker.TooMuchMemory(name, _limits) : Died(name, exit);
            }
            var result = JsonSerializer.Deserialize<DocumentText>(line, DocumentWorker.Json)
                ?? throw new InvalidDataException("the reader worker answered null");
            if (worker.Process.WaitForExit(0) || HasRetired(result)) Retire(worker);
            else _idle.Add(worker);
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Retire(worker);
            _logger.LogWarning("Reader worker stopped on {File}: {Reason}", name, overMemory ? "memory limit" : "time limit");
            return overMemory ? DocumentWorker.TooMuchMemory(name, _limits) : DocumentReader.TimedOut(name, "unknown", _limits);
        }
        catch (IOException ex)
        {
            Retire(worker);
            _logger.LogWarning(ex, "Reader worker pipe broke on {File}", name);
            return overMemory ? DocumentWorker.TooMuchMemory(name, _limits) : Died(name, null);
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

    private static DocumentText Died(string name, int? exit) =>
        DocumentText.Failed(name, "unknown", FileErrorCodes.Corrupt,
            $"{name}: 解析该文件时读取进程异常退出{(exit is { } code ? $"（退出码 {code}）" : "")}，文件可能已损坏");

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
        var worker = new Worker(process);
        _all.TryAdd(worker, 0);
        return worker;
    }

    private static async Task<int?> ExitCodeAsync(Worker worker)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
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

    private void Retire(Worker worker)
    {
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

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            Process.Dispose();
        }
    }
}

/// <summary>No worker process can be started here; reading falls back to in-process.</summary>
internal sealed class WorkerUnavailableException(string message) : Exception(message);
