using UglyToad.PdfPig.Exceptions;

namespace PilotEval.Documents;

/// <summary>PDF, by its <c>%PDF-</c> header: decompression bombs refused first, image-only pages OCR'd when the tools are there.</summary>
internal sealed class PdfDecoder : IContentDecoder
{
    public string Format => "pdf";

    public bool CanDecode(SniffedContent content) => content.Container == FileFormat.Pdf;

    public DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            PdfBombCheck.Check(request.Bytes, request.Limits.MaxInflatedPartBytes, cancellationToken);
            return new PdfReader(request.Limits, PageOcr.Find(request.Limits)).Read(request.Bytes, request.Name, cancellationToken, request.Path);
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentText.Failed(request.Name, Format, FileErrorCodes.Encrypted,
                $"{request.Name}: PDF 设有打开密码，PilotEval 无法打开；请去除密码后重新提交");
        }
    }
}

/// <summary>Bounds on a zip package (.docx, OFD), checked from the sizes it declares before anything is inflated.</summary>
internal static class PackageLimits
{
    public static void Check(System.IO.Compression.ZipArchive zip, ReaderLimits limits)
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
}
