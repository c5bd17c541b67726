using Microsoft.Extensions.Logging;

namespace PilotEval.Documents;

/// <summary>
/// Reads any submitted file into <see cref="DocumentText"/> under the configured limits, through the
/// <see cref="IContentDecoder"/> that claims the file's sniffed content. Every failure of the file becomes a
/// <see cref="FileError"/> with a contract code; nothing a file contains can throw past this class.
/// </summary>
public sealed class DocumentReader(ReaderLimits limits, IEnumerable<IContentDecoder> decoders, ILogger<DocumentReader> logger) : IDisposable
{
    private readonly IReadOnlyList<IContentDecoder> _decoders = [.. decoders];

    /// <summary>A reader with the registered decoders, for code that runs without the container (the reader worker, the bench).</summary>
    public DocumentReader(ReaderLimits limits, ILogger<DocumentReader> logger)
        : this(limits, ContentDecoders.Default, logger)
    {
    }

    private readonly Lazy<ReaderWorkerPool?> _workers = new(() => ReaderWorkerPool.TryCreate(limits, logger));
    private volatile bool _workersFailed;

    /// <summary>Reads one file, in a worker process when <see cref="ReaderLimits.Isolation"/> asks for it and one can be started.</summary>
    /// <param name="path">The file on disk.</param>
    /// <param name="name">The name to cite: the path relative to the submissions directory.</param>
    public async Task<DocumentText> ReadAsync(string path, string name, CancellationToken cancellationToken)
    {
        if (Precheck(path, name) is { } refused) return refused;
        if (limits.Isolation == ReadIsolation.ChildProcess && !_workersFailed && _workers.Value is { } workers)
        {
            try
            {
                return await workers.ReadAsync(path, name, cancellationToken);
            }
            catch (WorkerUnavailableException ex)
            {
                // Reading must go on without isolation rather than fail every file of the batch.
                _workersFailed = true;
                logger.LogWarning("Reading in-process without isolation: {Reason}", ex.Message);
            }
        }
        return await ReadInProcessAsync(path, name, cancellationToken);
    }

    /// <summary>
    /// Starts a reader worker ahead of the first file, when reading is isolated: the caller knows files are to be
    /// read and has other work to do meanwhile. Nothing happens when no worker can be started; reading says why.
    /// </summary>
    public void Warm()
    {
        if (limits.Isolation != ReadIsolation.ChildProcess || _workersFailed) return;
        try
        {
            _workers.Value?.Warm();
        }
        catch (WorkerUnavailableException ex)
        {
            logger.LogDebug("No reader worker started ahead: {Reason}", ex.Message);
        }
    }

    /// <summary>Stops the reader workers that wait for a file; reading again later starts one (see <see cref="ReaderWorkerPool.StopIdle"/>).</summary>
    public void StopIdleWorkers()
    {
        if (_workers.IsValueCreated) _workers.Value?.StopIdle();
    }

    /// <summary>Reads one file in this process; what a worker process runs, and the fallback when there is no worker.</summary>
    public async Task<DocumentText> ReadInProcessAsync(string path, string name, CancellationToken cancellationToken)
    {
        if (Precheck(path, name) is { } refused) return refused;
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            return AccessDenied(name);
        }
        var content = SniffedContent.Of(bytes);
        var decoder = _decoders.FirstOrDefault(d => d.CanDecode(content));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            // Parsing runs on the thread pool so a parser stuck in a loop cannot hold the batch past the limit
            // (the thread itself runs on: only a worker process can be stopped for good).
            var work = Task.Run(() => Parse(new DecodeRequest(bytes, content, path, name, limits), decoder, timeout.Token), timeout.Token);
            return await work.WaitAsync(limits.Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Reading {File} exceeded {Seconds} s", name, limits.Timeout.TotalSeconds);
            return TimedOut(name, decoder?.Format ?? "unknown", limits);
        }
    }

    internal static DocumentText TimedOut(string name, string format, ReaderLimits limits) =>
        DocumentText.Failed(name, format, FileErrorCodes.Timeout, $"{name}: 读取超过时限 {limits.Timeout.TotalSeconds:0} 秒，已放弃");

    private DocumentText? Precheck(string path, string name)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return DocumentText.Failed(name, "unknown", FileErrorCodes.Corrupt, $"{name}: 文件不存在");
        if (!CanOpen(path)) return AccessDenied(name);
        if (info.Length == 0) return DocumentText.Failed(name, "unknown", FileErrorCodes.Empty, $"{name}: 文件为空（0 字节）");
        if (info.Length > limits.MaxFileBytes)
        {
            return DocumentText.Failed(name, "unknown", FileErrorCodes.TooLarge,
                $"{name}: 文件大小 {info.Length:N0} 字节，超过上限 {limits.MaxFileBytes:N0} 字节");
        }
        return null;
    }

    /// <summary>Stops the worker processes.</summary>
    public void Dispose()
    {
        if (_workers.IsValueCreated) _workers.Value?.Dispose();
    }

    /// <summary>Whether this process may read the file; a permission problem is PilotEval's setup, not the applicant's file.</summary>
    private static bool CanOpen(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            // Locked or vanished: reading it will say which.
            return true;
        }
    }

    private static DocumentText AccessDenied(string name) =>
        DocumentText.Failed(name, "unknown", FileErrorCodes.AccessDenied,
            $"{name}: PilotEval 没有读取该文件的权限（文件权限设置所致，与文件内容无关）；请评审秘书处检查文件权限后重新运行");

    private DocumentText Parse(DecodeRequest request, IContentDecoder? decoder, CancellationToken cancellationToken)
    {
        var name = request.Name;
        if (decoder is null) return Unsupported(request);
        try
        {
            return decoder.Decode(request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (ContentTooLargeException ex)
        {
            return DocumentText.Failed(name, decoder.Format, FileErrorCodes.TooLarge, $"{name}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Could not parse {File}", name);
            return DocumentText.Failed(name, decoder.Format, FileErrorCodes.Corrupt,
                $"{name}: 文件已损坏或不完整，无法解析；请用 {Program(decoder.Format)} 打开确认后重新保存、提交" +
                $"（技术细节：{ex.GetType().Name}: {TextNormalizer.Shorten(ex.Message, 160)}）");
        }
    }

    private static string Program(string format) => format switch
    {
        "pdf" => "PDF 阅读器",
        "ofd" => "OFD 阅读器（如数科阅读器）",
        _ => "Word 或 WPS",
    };

    /// <summary>No decoder claims the content: say what the file is, and what PilotEval reads instead.</summary>
    private static DocumentText Unsupported(DecodeRequest request)
    {
        var name = request.Name;
        var (format, what) = request.Content switch
        {
            { Container: FileFormat.Zip, Broken: true } => ("zip", "文件已损坏或不完整（压缩包结构无法打开）"),
            { Container: FileFormat.Ole2, Broken: true } => ("ole2", "文件已损坏或不完整（Office 旧格式的目录结构无法打开）"),
            { Container: FileFormat.Zip } => ("zip", "这是一个 zip 压缩包，但不是 Word .docx 或 OFD 文档"),
            { Container: FileFormat.Ole2 } => ("ole2", "这是 Office 旧格式文件，但不是 Word 文档（可能是 Excel 或 PowerPoint）"),
            _ => ("unknown", $"文件内容不是 PilotEval 能读取的格式（{Describe(request.Bytes)}）"),
        };
        return request.Content.Broken
            ? DocumentText.Failed(name, format, FileErrorCodes.Corrupt, $"{name}: {what}；请打开确认、重新保存后再提交")
            : DocumentText.Failed(name, format, FileErrorCodes.UnsupportedFormat, $"{name}: {what}；请提交 Word（.docx/.doc/.wps）、PDF 或 OFD 文件");
    }

    private static string Describe(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return "实际是 PNG 图片";
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return "实际是 JPEG 图片";
        return "无法识别的文件头 " + Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)));
    }
}
