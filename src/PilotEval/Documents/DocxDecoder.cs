using System.IO.Compression;

namespace PilotEval.Documents;

/// <summary>Word .docx (OOXML, transitional or strict): a zip package holding a main document part.</summary>
internal sealed class DocxDecoder : IContentDecoder
{
    public string Format => "docx";

    public bool CanDecode(SniffedContent content) =>
        content.Container == FileFormat.Zip && !content.Broken && !content.Has("OFD.xml") &&
        (content.Has("word/document.xml") || content.Entries.Any(e => e.EndsWith("document.xml", StringComparison.OrdinalIgnoreCase)));

    public DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken) =>
        Read(request.Bytes, request.Name, request.Limits, cancellationToken);

    /// <summary>Reads a .docx held in memory; also what a converted .doc or .wps is read with.</summary>
    internal static DocumentText Read(byte[] bytes, string name, ReaderLimits limits, CancellationToken cancellationToken)
    {
        using (var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
        {
            PackageLimits.Check(zip, limits);
        }
        var pictures = new PictureText(limits, cancellationToken);
        return DocxReader.Read(new MemoryStream(bytes, writable: false), name, pictures);
    }
}
