using System.Collections.Frozen;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PilotEval.Documents;

/// <summary>
/// Reads one format into <see cref="DocumentText"/>: the seam every format goes through, chosen by what the file's
/// content is (<see cref="SniffedContent"/>), never by its name. Adding a format is one class implementing this
/// and one line in <see cref="ContentDecoders.AddContentDecoders"/>. A decoder throws for a file it cannot read;
/// <see cref="DocumentReader"/> turns the exception into the file's error code.
/// </summary>
public interface IContentDecoder
{
    /// <summary>The format name written in <see cref="DocumentText.Format"/> (<c>pdf</c>, <c>docx</c>, <c>ofd</c>…).</summary>
    string Format { get; }

    /// <summary>Whether this decoder reads content of this kind. Decoders claim disjoint kinds.</summary>
    bool CanDecode(SniffedContent content);

    DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken);
}

/// <summary>One file to decode, with the limits of this read.</summary>
/// <param name="Path">The file on disk, for external tools that read it themselves.</param>
/// <param name="Name">The name to cite.</param>
public sealed record DecodeRequest(byte[] Bytes, SniffedContent Content, string Path, string Name, ReaderLimits Limits);

/// <summary>
/// What a file is by its content: its container (the first bytes) and, for containers, the names inside, which tell
/// a .docx from an OFD (both zip) and a .doc from an encrypted .docx (both OLE2).
/// </summary>
public sealed record SniffedContent(FileFormat Container, FrozenSet<string> Entries)
{
    /// <summary>Whether the container could not even be listed (a truncated zip, a broken OLE2 directory).</summary>
    public bool Broken { get; init; }

    /// <summary>For a Word binary document (.doc/.wps): the FIB says its content is encrypted.</summary>
    public bool WordEncrypted { get; init; }

    public bool Has(string entry) => Entries.Contains(entry);

    public static SniffedContent Of(byte[] bytes)
    {
        var container = FileSniffer.Sniff(bytes);
        try
        {
            switch (container)
            {
                case FileFormat.Zip:
                    using (var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
                    {
                        return new(container, zip.Entries.Select(e => e.FullName.Replace('\\', '/'))
                            .ToFrozenSet(StringComparer.OrdinalIgnoreCase));
                    }
                case FileFormat.Ole2:
                    var directory = Ole2Directory.Read(bytes);
                    return new(container, directory.Streams.ToFrozenSet(StringComparer.OrdinalIgnoreCase))
                    {
                        WordEncrypted = directory.WordEncrypted,
                    };
                default:
                    return new(container, FrozenSet<string>.Empty);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            return new(container, FrozenSet<string>.Empty) { Broken = true };
        }
    }
}

/// <summary>The registration of every format's decoder: the one list to extend when a format is added.</summary>
public static class ContentDecoders
{
    public static IServiceCollection AddContentDecoders(this IServiceCollection services)
    {
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IContentDecoder, PdfDecoder>(),
            ServiceDescriptor.Singleton<IContentDecoder, DocxDecoder>(),
            ServiceDescriptor.Singleton<IContentDecoder, OfdDecoder>(),
            ServiceDescriptor.Singleton<IContentDecoder, LegacyWordDecoder>(),
            ServiceDescriptor.Singleton<IContentDecoder, EncryptedOfficeDecoder>(),
        ]);
        return services;
    }

    /// <summary>The registered decoders, for code that reads without the container (the reader worker, the bench).</summary>
    public static IReadOnlyList<IContentDecoder> Default { get; } =
        new ServiceCollection().AddContentDecoders().BuildServiceProvider().GetServices<IContentDecoder>().ToList();
}
