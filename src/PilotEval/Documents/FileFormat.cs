namespace PilotEval.Documents;

/// <summary>What a file is by its content, whatever its name says.</summary>
public enum FileFormat
{
    Unknown,
    Empty,
    Pdf,
    /// <summary>A zip package; a .docx if it holds word/document.xml.</summary>
    Zip,
    /// <summary>An OLE2 compound file: a legacy .doc, or an encrypted Office document.</summary>
    Ole2,
}

/// <summary>Recognises a file by its first bytes, because applicants rename files.</summary>
public static class FileSniffer
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2Magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static FileFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return FileFormat.Empty;
        if (head.StartsWith(ZipMagic)) return FileFormat.Zip;
        if (head.StartsWith(Ole2Magic)) return FileFormat.Ole2;
        // PDF readers accept the header anywhere in the first KiB, and so do we.
        var window = head[..Math.Min(head.Length, 1024)];
        return window.IndexOf(PdfMagic) >= 0 ? FileFormat.Pdf : FileFormat.Unknown;
    }
}
