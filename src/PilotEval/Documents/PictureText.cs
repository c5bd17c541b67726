using System.Diagnostics;

namespace PilotEval.Documents;

/// <summary>
/// Text in the pictures of a document (a stamped 承诺书 pasted into Word, an image-only OFD page): recognised when
/// OCR is available, within the file's OCR page quota and while time is left; otherwise the caller flags the
/// picture <c>needs-ocr</c>. Remembers why recognition stopped, so the file is flagged <c>partially-read</c>.
/// </summary>
/// <remarks>The OCR tools are looked for only when a picture is met: most documents have none, and the probe costs a process.</remarks>
internal sealed class PictureText(ReaderLimits limits, CancellationToken cancellationToken)
{
    private readonly Lazy<PageOcr?> _ocr = new(() => PageOcr.Find(limits));

    /// <summary>Below this size a picture is a bullet, a line or a logo, not a page of text.</summary>
    private const int MinimumBytes = 2048;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _attempts;

    /// <summary>Why recognition stopped before every picture was read, or null.</summary>
    public string? Stopped { get; private set; }

    /// <summary>Pictures that were not recognised because recognition had stopped.</summary>
    public int Skipped { get; private set; }

    public bool CanRecognise => _ocr.Value is not null;

    /// <summary>Whether a picture is worth reading: a raster image of some size (not a vector drawing or an icon).</summary>
    public static bool IsRaster(ReadOnlySpan<byte> image) =>
        image.Length >= MinimumBytes &&
        (image.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || image.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ||
         image.StartsWith("GIF8"u8) || image.StartsWith("BM"u8) || image.StartsWith("II*\0"u8) || image.StartsWith("MM\0*"u8));

    /// <summary>The picture's paragraphs; null when it was not recognised (no OCR, quota or time spent).</summary>
    public List<string>? Recognise(byte[] image)
    {
        if (_ocr.Value is not { } ocr) return null;
        if (Stopped is null && _clock.Elapsed > limits.Timeout * 0.6) Stopped = "OCR 达到读取时限";
        if (Stopped is null && _attempts >= limits.MaxOcrPages) Stopped = $"OCR 图片数达到上限 {limits.MaxOcrPages}";
        if (Stopped is not null)
        {
            Skipped++;
            return null;
        }
        _attempts++;
        return ocr.RecogniseImage(image, cancellationToken);
    }
}
