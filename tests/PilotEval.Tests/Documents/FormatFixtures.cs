using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PilotEval.Tests.Documents;

/// <summary>
/// A minimal OLE2 compound file (MS-CFB v3, 512-byte sectors, one FAT sector): enough streams to stand for a .doc,
/// an encrypted .docx or an Excel file. Streams are padded to 4 KiB so that none lives in the mini stream.
/// </summary>
public static class Ole2Fixture
{
    private const uint End = 0xFFFFFFFE;
    private const uint Free = 0xFFFFFFFF;

    public static byte[] Build(params (string Name, byte[] Data)[] streams)
    {
        const int sector = 512;
        var fat = new uint[128];
        Array.Fill(fat, Free);
        fat[0] = 0xFFFFFFFD; // the FAT sector itself
        fat[1] = End;        // the directory, one sector (four entries)
        var data = new List<byte[]>();
        var starts = new List<uint>();
        uint next = 2;
        foreach (var (_, bytes) in streams)
        {
            var padded = new byte[Math.Max(4096, (bytes.Length + sector - 1) / sector * sector)];
            bytes.CopyTo(padded, 0);
            var count = (uint)(padded.Length / sector);
            starts.Add(next);
            for (uint i = 0; i < count; i++) fat[next + i] = i + 1 < count ? next + i + 1 : End;
            next += count;
            data.Add(padded);
        }

        var header = new byte[sector];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x18), 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x1A), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x1C), 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x1E), 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x20), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x2C), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x30), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x38), 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x3C), End);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x44), End);
        for (var i = 0; i < 109; i++) BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x4C + i * 4), i == 0 ? 0 : Free);

        var fatSector = new byte[sector];
        for (var i = 0; i < 128; i++) BinaryPrimitives.WriteUInt32LittleEndian(fatSector.AsSpan(i * 4), fat[i]);

        var directory = new byte[sector];
        Entry(directory, 0, "Root Entry", type: 5, start: End, size: 0);
        for (var i = 0; i < streams.Length; i++) Entry(directory, i + 1, streams[i].Name, type: 2, start: starts[i], size: (uint)data[i].Length);

        using var output = new MemoryStream();
        output.Write(header);
        output.Write(fatSector);
        output.Write(directory);
        foreach (var bytes in data) output.Write(bytes);
        return output.ToArray();
    }

    /// <summary>A WordDocument stream whose FIB carries the encryption bit or not.</summary>
    public static byte[] WordDocument(bool encrypted)
    {
        var fib = new byte[4096];
        BinaryPrimitives.WriteUInt16LittleEndian(fib, 0xA5EC);
        if (encrypted) fib[0x0B] = 0x01;
        return fib;
    }

    private static void Entry(byte[] directory, int index, string name, byte type, uint start, uint size)
    {
        var span = directory.AsSpan(index * 128, 128);
        Encoding.Unicode.GetBytes(name).CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x40..], (ushort)((name.Length + 1) * 2));
        span[0x42] = type;
        span[0x43] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x44..], Free);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x48..], Free);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x4C..], index == 0 && directory.Length > 128 ? 1u : Free);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x74..], start);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x78..], size);
    }
}

/// <summary>A small OFD package written the way GB/T 33190 lays one out: OFD.xml, Document.xml, resources, pages.</summary>
public sealed class OfdFixture
{
    private const string Ns = "http://www.ofdspec.org/2016";
    private readonly List<string> _pages = [];
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private string _composites = "";
    private string _media = "";
    private string? _template;

    /// <summary>A text object at (<paramref name="x"/>, <paramref name="y"/>) mm, one character per 4 mm.</summary>
    public static string Text(double x, double y, string text, double size = 4) =>
        $"""<ofd:TextObject ID="1" Boundary="{x} {y} {text.Length * size} {size + 1}" Font="1" Size="{size}"><ofd:TextCode X="0" Y="{size}">{System.Security.SecurityElement.Escape(text)}</ofd:TextCode></ofd:TextObject>""";

    public OfdFixture Page(params string[] objects)
    {
        _pages.Add(string.Concat(objects));
        return this;
    }

    /// <summary>A shared composite graphic unit in PublicRes.xml whose content holds <paramref name="objects"/>.</summary>
    public OfdFixture Composite(string id, params string[] objects)
    {
        _composites += $"""<ofd:CompositeGraphicUnit ID="{id}" Width="100" Height="20"><ofd:Content>{string.Concat(objects)}</ofd:Content></ofd:CompositeGraphicUnit>""";
        return this;
    }

    public static string UseComposite(string id, double x, double y) =>
        $"""<ofd:CompositeObject ID="2" ResourceID="{id}" Boundary="{x} {y} 100 20"/>""";

    public OfdFixture Image(string id, byte[] image)
    {
        _files[$"Doc_0/Res/image_{id}.png"] = image;
        _media += $"""<ofd:MultiMedia ID="{id}" Type="Image"><ofd:MediaFile>image_{id}.png</ofd:MediaFile></ofd:MultiMedia>""";
        return this;
    }

    public static string UseImage(string id) => $"""<ofd:ImageObject ID="3" ResourceID="{id}" Boundary="0 0 210 297"/>""";

    /// <summary>A template page (running header) applied to every page.</summary>
    public OfdFixture Template(params string[] objects)
    {
        _template = string.Concat(objects);
        return this;
    }

    /// <summary>Adds the signature files of a signed OFD (the seal itself is not content).</summary>
    public OfdFixture Signed()
    {
        _files["Doc_0/Signs/Signatures.xml"] = Encoding.UTF8.GetBytes(
            $"""<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="{Ns}"><ofd:Signature ID="1" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/></ofd:Signatures>""");
        _files["Doc_0/Signs/Sign_0/Signature.xml"] = Encoding.UTF8.GetBytes(
            $"""<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="{Ns}"><ofd:SignedInfo/><ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>""");
        _files["Doc_0/Signs/Sign_0/SignedValue.dat"] = [0x30, 0x82, 0x01, 0x00];
        return this;
    }

    public byte[] Build()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "OFD.xml", $"""<ofd:OFD xmlns:ofd="{Ns}" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{(_files.ContainsKey("Doc_0/Signs/Signatures.xml") ? "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>" : "")}</ofd:DocBody></ofd:OFD>""");
            var pages = string.Concat(_pages.Select((_, i) => $"""<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>"""));
            var template = _template is null ? "" : """<ofd:TemplatePage ID="50" BaseLoc="Tpls/Tpl_0/Content.xml"/>""";
            Add(zip, "Doc_0/Document.xml", $"""<ofd:Document xmlns:ofd="{Ns}"><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>{template}</ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>""");
            Add(zip, "Doc_0/PublicRes.xml", $"""<ofd:Res xmlns:ofd="{Ns}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="SimSun"/></ofd:Fonts><ofd:CompositeGraphicUnits>{_composites}</ofd:CompositeGraphicUnits></ofd:Res>""");
            Add(zip, "Doc_0/DocumentRes.xml", $"""<ofd:Res xmlns:ofd="{Ns}" BaseLoc="Res"><ofd:MultiMedias>{_media}</ofd:MultiMedias></ofd:Res>""");
            if (_template is not null)
            {
                Add(zip, "Doc_0/Tpls/Tpl_0/Content.xml", $"""<ofd:Page xmlns:ofd="{Ns}"><ofd:Content><ofd:Layer ID="9">{_template}</ofd:Layer></ofd:Content></ofd:Page>""");
            }
            for (var i = 0; i < _pages.Count; i++)
            {
                var useTemplate = _template is null ? "" : """<ofd:Template TemplateID="50" ZOrder="Background"/>""";
                Add(zip, $"Doc_0/Pages/Page_{i}/Content.xml", $"""<ofd:Page xmlns:ofd="{Ns}">{useTemplate}<ofd:Content><ofd:Layer ID="10">{_pages[i]}</ofd:Layer></ofd:Content></ofd:Page>""");
            }
            foreach (var (path, bytes) in _files)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(bytes);
            }
        }
        return output.ToArray();
    }

    private static void Add(ZipArchive zip, string path, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }
}

/// <summary>Legacy Word files made from .docx fixtures by LibreOffice, as an applicant's "save as Word 97–2003" would.</summary>
public static class LegacyWordFixture
{
    /// <summary>Converts <paramref name="source"/> to <paramref name="format"/> (doc, wps…) in <paramref name="work"/>; returns the bytes.</summary>
    public static byte[] Convert(string source, string format, string work)
    {
        var soffice = PilotEval.Tests.Support.ExternalTools.LibreOffice!;
        var profile = new Uri(Path.Combine(work, "profile")).AbsoluteUri;
        var result = PilotEval.Documents.ExternalTool.Run(soffice,
            [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", format, "--outdir", work, source],
            TimeSpan.FromMinutes(5), 2L * 1024 * 1024 * 1024, CancellationToken.None,
            new Dictionary<string, string> { ["HOME"] = work });
        var converted = Path.Combine(work, Path.GetFileNameWithoutExtension(source) + "." + format);
        Xunit.Assert.True(File.Exists(converted), $"soffice did not convert ({result.Outcome}, {result.Error})");
        return File.ReadAllBytes(converted);
    }
}
