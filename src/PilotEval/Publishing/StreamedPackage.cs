using System.IO.Compression;

namespace PilotEval.Publishing;

/// <summary>
/// An Office file whose large parts are written (SAX, by <c>OpenXmlWriter</c>) into files of their own and whose small
/// parts the SDK writes into memory, then all copied into one zip written front to back. The SDK's package keeps every
/// part's uncompressed bytes in memory until it is closed (System.IO.Packaging updates a zip in memory): the body of
/// the panel report is 24 MB of XML at 1,000 applications, the worksheets of scores.xlsx 60 MB at 10,000. The parts
/// are the same, byte for byte, as the SDK writes them.
/// </summary>
internal static class StreamedPackage
{
    /// <summary>
    /// Copies every entry of <paramref name="shell"/> (a package the SDK wrote, with an empty stream for each part
    /// written apart) into <paramref name="stream"/>, each part named in <paramref name="filled"/> taken from its file.
    /// </summary>
    /// <param name="filled">Part name inside the package (no leading slash) → the file holding its bytes.</param>
    public static void Copy(MemoryStream shell, Stream stream, IReadOnlyDictionary<string, string> filled)
    {
        shell.Position = 0;
        using var parts = new ZipArchive(shell, ZipArchiveMode.Read);
        using var package = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var part in parts.Entries)
        {
            // The fastest deflate: these parts are tens of MB of XML, and the best compression costs seconds of every
            // run for a file a few percent smaller.
            var entry = package.CreateEntry(part.FullName, CompressionLevel.Fastest);
            entry.LastWriteTime = part.LastWriteTime;
            using var into = entry.Open();
            using var from = filled.TryGetValue(part.FullName, out var file) ? File.OpenRead(file) : part.Open();
            from.CopyTo(into);
        }
    }

    /// <summary>A file beside <paramref name="path"/> for one part, named so a killed run's leftovers are recognised as temporary.</summary>
    public static string PartFile(string path, string part) => path + "." + part + JsonOutput.TemporarySuffix;
}
