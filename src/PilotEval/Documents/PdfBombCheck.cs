using System.IO.Compression;

namespace PilotEval.Documents;

/// <summary>
/// Refuses PDF decompression bombs before the parser sees them. PdfPig inflates a content stream whole into
/// memory (a 2 MB file inflating to 400 MB of spaces costs it gigabytes) and, in lenient mode, swallows the
/// failure; so every Flate stream is inflated here first into a small reused buffer, only to count its size.
/// </summary>
internal static class PdfBombCheck
{
    private static readonly byte[] StreamKeyword = "stream"u8.ToArray();
    private static readonly byte[] FlateName = "/FlateDecode"u8.ToArray();

    /// <exception cref="ContentTooLargeException">A stream inflates past <paramref name="maxInflatedBytes"/>.</exception>
    public static void Check(byte[] pdf, long maxInflatedBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var span = pdf.AsSpan();
        for (var at = span.IndexOf(StreamKeyword); at >= 0; at = Next(span, at + StreamKeyword.Length))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dataStart = DataStart(span, at);
            if (dataStart < 0 || !IsFlate(span, at)) continue;
            long inflated = 0;
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(pdf, dataStart, pdf.Length - dataStart, writable: false), CompressionMode.Decompress);
                int read;
                while ((read = zlib.Read(buffer)) > 0)
                {
                    inflated += read;
                    if (inflated > maxInflatedBytes)
                    {
                        throw new ContentTooLargeException(
                            $"PDF 中的一个数据流解压后超过 {maxInflatedBytes / (1024 * 1024):N0} MB，疑似解压炸弹");
                    }
                }
            }
            catch (InvalidDataException)
            {
                // Not zlib data after all, or damaged: the parser decides what to make of it.
            }
        }
    }

    private static int Next(ReadOnlySpan<byte> pdf, int from)
    {
        if (from >= pdf.Length) return -1;
        var index = pdf[from..].IndexOf(StreamKeyword);
        return index < 0 ? -1 : from + index;
    }

    /// <summary>The first data byte after the <c>stream</c> keyword, or -1 when this is <c>endstream</c> or not a keyword.</summary>
    private static int DataStart(ReadOnlySpan<byte> pdf, int keyword)
    {
        if (keyword >= 3 && pdf[(keyword - 3)..keyword].SequenceEqual("end"u8)) return -1;
        var after = keyword + StreamKeyword.Length;
        if (after < pdf.Length && pdf[after] == '\n') return after + 1;
        if (after + 1 < pdf.Length && pdf[after] == '\r' && pdf[after + 1] == '\n') return after + 2;
        return -1;
    }

    /// <summary>Whether the stream dictionary just before the keyword names FlateDecode.</summary>
    private static bool IsFlate(ReadOnlySpan<byte> pdf, int keyword)
    {
        var start = Math.Max(0, keyword - 1024);
        var before = pdf[start..keyword];
        var open = before.LastIndexOf("obj"u8);
        var dictionary = open >= 0 ? before[open..] : before;
        return dictionary.IndexOf(FlateName) >= 0 || dictionary.IndexOf("/Fl "u8) >= 0 || dictionary.IndexOf("/Fl/"u8) >= 0 || dictionary.IndexOf("/Fl>"u8) >= 0;
    }
}
