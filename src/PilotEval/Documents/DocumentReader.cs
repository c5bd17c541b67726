using System.IO.Compression;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig.Exceptions;

namespace PilotEval.Documents;

/// <summary>
/// Reads any submitted file into <see cref="DocumentText"/> under the configured limits.
/// Every failure of the file becomes a <see cref="FileError"/> with a contract code; nothing a file
/// contains can throw past this class.
/// </summary>
public sealed class DocumentReader(ReaderLimits limits, ILogger<DocumentReader> logger) : IDisposable
{
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

    /// <summary>Reads one file in this process; what a worker process runs, and the fallback when there is no worker.</summary>
    public async Task<DocumentText> ReadInProcessAsync(string path, string name, CancellationToken cancellationToken)
    {
        if (Precheck(path, name) is { } refused) return refused;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var format = FileSniffer.Sniff(bytes);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            // Parsing runs on the thread pool so a parser stuck in a loop cannot hold the batch past the limit
            // (the thread itself runs on: only a worker process can be stopped for good).
            var work = Task.Run(() => Parse(bytes, format, path, name, timeout.Token), timeout.Token);
            return await work.WaitAsync(limits.Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Reading {File} exceeded {Seconds} s", name, limits.Timeout.TotalSeconds);
            return TimedOut(name, FormatName(format), limits);
        }
    }

    internal static DocumentText TimedOut(string name, string format, ReaderLimits limits) =>
        DocumentText.Failed(name, format, FileErrorCodes.Timeout, $"{name}: 读取超过时限 {limits.Timeout.TotalSeconds:0} 秒，已放弃");

    private DocumentText? Precheck(string path, string name)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return DocumentText.Failed(name, "unknown", FileErrorCodes.Corrupt, $"{name}: 文件不存在");
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

    private DocumentText Parse(byte[] bytes, FileFormat format, string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            return format switch
            {
                FileFormat.Pdf => ReadPdf(bytes, path, name, cancellationToken),
                FileFormat.Zip => ReadPackage(bytes, name),
                FileFormat.Ole2 => DocumentText.Failed(name, "ole2", FileErrorCodes.Encrypted,
                    $"{name}: 这是加密的 Office 文档（或旧版 .doc），无法读取；请提交未加密的 .docx 或 PDF"),
                _ => DocumentText.Failed(name, "unknown", FileErrorCodes.UnsupportedFormat,
                    $"{name}: 文件内容既不是 PDF 也不是 Word .docx（{Describe(bytes)}）"),
            };
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentText.Failed(name, "pdf", FileErrorCodes.Encrypted, $"{name}: PDF 已加密，需要密码才能打开");
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (ContentTooLargeException ex)
        {
            return DocumentText.Failed(name, FormatName(format), FileErrorCodes.TooLarge, $"{name}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Could not parse {File}", name);
            return DocumentText.Failed(name, FormatName(format), FileErrorCodes.Corrupt,
                $"{name}: 文件已损坏或不完整，无法解析（{ex.GetType().Name}: {TextNormalizer.Shorten(ex.Message, 160)}）");
        }
    }

    private DocumentText ReadPdf(byte[] bytes, string path, string name, CancellationToken cancellationToken)
    {
        PdfBombCheck.Check(bytes, limits.MaxInflatedPartBytes, cancellationToken);
        return new PdfReader(limits, PageOcr.Find(limits)).Read(bytes, name, cancellationToken, path);
    }

    private DocumentText ReadPackage(byte[] bytes, string name)
    {
        using (var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
        {
            CheckInflatedSizes(zip);
            if (zip.GetEntry("word/document.xml") is null && !zip.Entries.Any(e => e.FullName.EndsWith("document.xml", StringComparison.OrdinalIgnoreCase)))
            {
                return DocumentText.Failed(name, "zip", FileErrorCodes.UnsupportedFormat,
                    $"{name}: 这是一个 zip 压缩包，但不是 Word .docx 文档");
            }
        }
        return DocxReader.Read(new MemoryStream(bytes, writable: false), name);
    }

    /// <summary>Refuses zip bombs from the sizes the archive declares, before anything is inflated.</summary>
    private void CheckInflatedSizes(ZipArchive zip)
    {
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length > limits.MaxInflatedPartBytes)
                throw new ContentTooLargeException($"部件 {entry.FullName} 解压后 {entry.Length:N0} 字节，超过上限");
            if (entry.Length > 1 << 20 && entry.CompressedLength > 0 &&
                (double)entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
                throw new ContentTooLargeException($"部件 {entry.FullName} 压缩比异常（{entry.Length / Math.Max(1, entry.CompressedLength):N0}:1），疑似压缩炸弹");
        }
        if (total > limits.MaxInflatedTotalBytes)
            throw new ContentTooLargeException($"解压后总大小 {total:N0} 字节，超过上限");
    }

    private static string FormatName(FileFormat format) => format switch
    {
        FileFormat.Pdf => "pdf",
        FileFormat.Zip => "docx",
        FileFormat.Ole2 => "ole2",
        _ => "unknown",
    };

    private static string Describe(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return "实际是 PNG 图片";
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return "实际是 JPEG 图片";
        return "无法识别的文件头 " + Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)));
    }
}
