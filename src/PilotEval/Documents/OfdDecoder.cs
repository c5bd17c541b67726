using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PilotEval.Documents;

/// <summary>
/// OFD (GB/T 33190-2016), the national e-document format of government offices and 电子公文: a zip package whose
/// <c>OFD.xml</c> names the document, whose <c>Document.xml</c> lists the pages and the shared resource files, and
/// whose pages hold positioned text objects. Read on <see cref="ZipArchive"/> and XML because no OFD library is on
/// the package source. Text is taken page by page and put in reading order from its positions (OFD, like PDF, has no
/// paragraphs); composite objects and page blocks are followed into the shared resources; template pages (running
/// headers and footers) become notes. Text in private-use code points (fonts without a Unicode map) is flagged
/// <c>garbled-text</c> and never read; image-only pages are OCR'd when the tools are there, else <c>needs-ocr</c>.
/// Signatures and annotations are not content, so a signed OFD reads like any other.
/// </summary>
internal sealed class OfdDecoder : IContentDecoder
{
    public string Format => "ofd";

    public bool CanDecode(SniffedContent content) => content.Container == FileFormat.Zip && !content.Broken && content.Has("OFD.xml");

    public DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(new MemoryStream(request.Bytes, writable: false), ZipArchiveMode.Read);
        PackageLimits.Check(zip, request.Limits);
        var pictures = new PictureText(request.Limits, cancellationToken);
        return new OfdPackage(zip, request.Name, pictures).Read(cancellationToken);
    }

    private sealed class OfdPackage(ZipArchive zip, string file, PictureText pictures)
    {
        private readonly Dictionary<string, ZipArchiveEntry> _entries =
            zip.Entries.GroupBy(e => e.FullName.Replace('\\', '/').TrimStart('/'), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        /// <summary>Resources by ID across the document's public and document resource files and the page's own.</summary>
        private readonly Dictionary<string, XElement> _composites = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _media = new(StringComparer.Ordinal);

        private readonly BlockBuilder _blocks = new(file);

        public DocumentText Read(CancellationToken cancellationToken)
        {
            var ofd = Load("OFD.xml");
            var root = Child(Child(ofd.Root!, "DocBody"), "DocRoot")?.Value.Trim()
                ?? throw new InvalidDataException("OFD.xml names no DocRoot");
            var documentPath = Resolve("", root);
            var document = Load(documentPath).Root!;
            var documentDir = Directory(documentPath);
            var common = Child(document, "CommonData");
            foreach (var res in Children(common, "PublicRes").Concat(Children(common, "DocumentRes")))
            {
                LoadResources(Resolve(documentDir, res.Value.Trim()));
            }
            var templates = Children(common, "TemplatePage")
                .Where(t => t.Attribute("ID") is not null && t.Attribute("BaseLoc") is not null)
                .ToDictionary(t => t.Attribute("ID")!.Value, t => Resolve(documentDir, t.Attribute("BaseLoc")!.Value), StringComparer.Ordinal);

            var pages = Children(Child(document, "Pages"), "Page").ToList();
            var garbled = new List<int>();
            var needOcr = new List<int>();
            for (var index = 0; index < pages.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var number = index + 1;
                var location = pages[index].Attribute("BaseLoc")?.Value;
                if (location is null) continue;
                var pagePath = Resolve(documentDir, location);
                var page = Load(pagePath).Root!;
                foreach (var res in Children(page, "PageRes")) LoadResources(Resolve(Directory(pagePath), res.Value.Trim()));

                var body = new List<Fragment>();
                var images = new List<string>();
                Collect(Child(page, "Content"), 0, 0, body, images, depth: 0);
                var notes = new List<Fragment>();
                foreach (var template in Children(page, "Template"))
                {
                    if (template.Attribute("TemplateID")?.Value is { } id && templates.TryGetValue(id, out var templatePath))
                    {
                        Collect(Child(Load(templatePath).Root!, "Content"), 0, 0, notes, [], depth: 0);
                    }
                }

                var lines = Lines(body);
                var visible = string.Concat(lines.Select(l => l.Text));
                if (IsGarbled(visible))
                {
                    garbled.Add(number);
                    needOcr.Add(number);
                    continue;
                }
                foreach (var paragraph in Paragraphs(lines))
                {
                    var heading = PdfReader.HeadingLevel(paragraph);
                    _blocks.Add(heading is null ? BlockKind.Paragraph : BlockKind.Heading, paragraph, number, level: heading);
                }
                foreach (var line in Lines(notes).Where(l => !IsGarbled(l.Text))) _blocks.Add(BlockKind.Note, line.Text, number);
                if (lines.Count == 0 && !RecognisePage(number, images)) needOcr.Add(number);
            }

            foreach (var number in garbled)
            {
                _blocks.Flag(FlagCodes.GarbledText, $"第 {number} 页的文字是字体私有编码（字体缺少 Unicode 映射），解码为乱码，未作为文字读取",
                    new SourceLocation(file, number, 0));
            }
            foreach (var number in needOcr)
            {
                _blocks.Flag(FlagCodes.NeedsOcr, $"第 {number} 页没有可用的文字（扫描图像或乱码），需要 OCR", new SourceLocation(file, number, 0));
            }
            if (pictures is { Stopped: { } reason, Skipped: > 0 })
            {
                _blocks.Flag(FlagCodes.PartiallyRead, PartialRead.Detail(reason, needOcr));
            }
            return _blocks.Build("ofd", pages.Count);
        }

        /// <summary>OCRs the pictures of an image-only page; false when nothing was recognised.</summary>
        private bool RecognisePage(int number, List<string> images)
        {
            var first = _blocks.Count + 1;
            foreach (var id in images)
            {
                if (!_media.TryGetValue(id, out var path) || !_entries.TryGetValue(path, out var entry)) continue;
                var image = ReadBytes(entry);
                if (!PictureText.IsRaster(image)) continue;
                foreach (var text in pictures.Recognise(image) ?? []) _blocks.Add(BlockKind.Ocr, text, number);
            }
            if (_blocks.Count < first) return false;
            _blocks.Flag(FlagCodes.OcrApplied, $"第 {number} 页是图像，文字由 OCR 识别，可能有误", new SourceLocation(file, number, first));
            return true;
        }

        /// <summary>
        /// Text fragments and image ids of a content element, in page coordinates (mm): layers, page blocks and
        /// composite objects are followed, the last into the shared resources where their content lives.
        /// </summary>
        private void Collect(XElement? container, double dx, double dy, List<Fragment> text, List<string> images, int depth)
        {
            if (container is null || depth > 16) return;
            foreach (var element in container.Elements())
            {
                switch (element.Name.LocalName)
                {
                    case "Layer" or "PageBlock":
                        Collect(element, dx, dy, text, images, depth + 1);
                        break;
                    case "TextObject":
                        AddText(element, dx, dy, text);
                        break;
                    case "ImageObject" when element.Attribute("ResourceID")?.Value is { } id:
                        images.Add(id);
                        break;
                    case "CompositeObject" when element.Attribute("ResourceID")?.Value is { } id && _composites.TryGetValue(id, out var unit):
                        var (x, y) = Origin(element);
                        Collect(Child(unit, "Content"), dx + x, dy + y, text, images, depth + 1);
                        break;
                }
            }
        }

        private static void AddText(XElement element, double dx, double dy, List<Fragment> text)
        {
            var (x, y) = Origin(element);
            // Positions, advances and size are in the object's own space, mapped to the page by its CTM (a b c d e f).
            var ctm = (element.Attribute("CTM")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray();
            var (a, b, c, d, e, f) = ctm.Length == 6 ? (ctm[0], ctm[1], ctm[2], ctm[3], ctm[4], ctm[5]) : (1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            var scale = Math.Sqrt(Math.Abs(a * d - b * c)) is > 0 and var k ? k : 1;
            var size = (Number(element.Attribute("Size")?.Value) is > 0 and var s ? s : 10) * scale;
            foreach (var code in Children(element, "TextCode"))
            {
                var value = code.Value;
                if (value.Length == 0) continue;
                var codeX = Number(code.Attribute("X")?.Value);
                var codeY = Number(code.Attribute("Y")?.Value);
                var left = a * codeX + c * codeY + e;
                var baseline = b * codeX + d * codeY + f;
                var width = Advance(code.Attribute("DeltaX")?.Value, value.Length, size / scale) * scale;
                text.Add(new Fragment(value, dx + x + left, dx + x + left + width, dy + y + baseline, size));
            }
        }

        /// <summary>The width a text code takes: the sum of its DeltaX (with <c>g n d</c> repeats), else a character per size.</summary>
        private static double Advance(string? deltas, int length, double size)
        {
            if (string.IsNullOrWhiteSpace(deltas)) return length * size;
            var parts = deltas.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double total = 0;
            var count = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] == "g" && i + 2 < parts.Length)
                {
                    var repeat = (int)Number(parts[i + 1]);
                    total += repeat * Number(parts[i + 2]);
                    count += repeat;
                    i += 2;
                }
                else
                {
                    total += Number(parts[i]);
                    count++;
                }
            }
            // The last character's own width is not in DeltaX.
            return total + size * Math.Max(0, length - count);
        }

        private static (double X, double Y) Origin(XElement element)
        {
            var box = (element.Attribute("Boundary")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return box.Length >= 2 ? (Number(box[0]), Number(box[1])) : (0, 0);
        }

        private static double Number(string? value) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : 0;

        /// <summary>Fragments on one baseline joined left to right; lines top to bottom.</summary>
        private static List<Line> Lines(List<Fragment> fragments)
        {
            var lines = new List<List<Fragment>>();
            foreach (var fragment in fragments.OrderBy(f => f.Baseline).ThenBy(f => f.Left))
            {
                var line = lines.LastOrDefault();
                if (line is not null && Math.Abs(line[0].Baseline - fragment.Baseline) <= Math.Min(line[0].Size, fragment.Size) * 0.4)
                {
                    line.Add(fragment);
                }
                else
                {
                    lines.Add([fragment]);
                }
            }
            var result = new List<Line>();
            foreach (var line in lines)
            {
                var ordered = line.OrderBy(f => f.Left).ToList();
                var text = new StringBuilder();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var value = ordered[i].Text;
                    if (i > 0)
                    {
                        var gap = ordered[i].Left - ordered[i - 1].Right;
                        // A wide gap separates table cells or label and value; a narrow one between Latin words is a space.
                        if (gap > ordered[i].Size * 1.2 ||
                            gap > ordered[i].Size * 0.15 && !(TextNormalizer.IsCjk(text[^1]) || TextNormalizer.IsCjk(value[0])))
                        {
                            text.Append(' ');
                        }
                    }
                    text.Append(value);
                }
                var joined = TextNormalizer.CleanVisible(text.ToString());
                if (joined.Length > 0)
                {
                    result.Add(new Line(joined, ordered[0].Left, ordered.Max(f => f.Right), line[0].Baseline, line.Max(f => f.Size)));
                }
            }
            return result;
        }

        /// <summary>
        /// Lines joined into paragraphs the way they wrap: a line continues the one above when it follows at a line's
        /// pitch and the one above ran to the right margin.
        /// </summary>
        private static List<string> Paragraphs(List<Line> lines)
        {
            var paragraphs = new List<string>();
            if (lines.Count == 0) return paragraphs;
            var right = lines.Max(l => l.Right);
            var current = new StringBuilder(lines[0].Text);
            for (var i = 1; i < lines.Count; i++)
            {
                var previous = lines[i - 1];
                var line = lines[i];
                var wraps = line.Baseline - previous.Baseline <= previous.Size * 2.2 &&
                            previous.Right >= right - previous.Size * 2 &&
                            Math.Abs(line.Size - previous.Size) < 0.5 &&
                            line.Left <= previous.Left + previous.Size * 0.5 &&
                            PdfReader.HeadingLevel(previous.Text) is null && PdfReader.HeadingLevel(line.Text) is null;
                if (wraps)
                {
                    if (!(TextNormalizer.IsCjk(current[^1]) || TextNormalizer.IsCjk(line.Text[0]))) current.Append(' ');
                    current.Append(line.Text);
                    continue;
                }
                paragraphs.Add(current.ToString());
                current.Clear().Append(line.Text);
            }
            paragraphs.Add(current.ToString());
            return paragraphs;
        }

        /// <summary>
        /// Private-use code points are glyph ids of an embedded font without a Unicode map: what they say is unknown.
        /// The symbol-font range U+F000–F0FF (bullets, ticks) is not counted.
        /// </summary>
        private static bool IsGarbled(string text)
        {
            int letters = 0, privateUse = 0;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsDigit(c)) continue;
                letters++;
                if (c is >= '\uE000' and <= '\uF8FF' && c is not (>= '\uF000' and <= '\uF0FF')) privateUse++;
            }
            return privateUse >= 5 && privateUse > letters * 0.1 || TextLayerCheck.Classify(text) != GarbleKind.None;
        }

        private void LoadResources(string path)
        {
            if (!_entries.ContainsKey(path)) return;
            var res = Load(path).Root!;
            // Files named in a resource file are relative to its BaseLoc, itself relative to the resource file.
            var baseDir = Directory(path);
            if (res.Attribute("BaseLoc")?.Value is { Length: > 0 } baseLoc) baseDir = Resolve(baseDir, baseLoc);
            foreach (var media in Children(Child(res, "MultiMedias"), "MultiMedia"))
            {
                if (media.Attribute("ID")?.Value is { } id && Child(media, "MediaFile")?.Value.Trim() is { Length: > 0 } location)
                {
                    _media[id] = Resolve(baseDir, location);
                }
            }
            foreach (var unit in Children(Child(res, "CompositeGraphicUnits"), "CompositeGraphicUnit"))
            {
                if (unit.Attribute("ID")?.Value is { } id) _composites[id] = unit;
            }
        }

        private XDocument Load(string path)
        {
            if (!_entries.TryGetValue(path, out var entry)) throw new InvalidDataException($"OFD 包中缺少 {path}");
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }

        private static byte[] ReadBytes(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        /// <summary>A location in the package: absolute (leading '/') from the root, else relative to <paramref name="dir"/>.</summary>
        private static string Resolve(string dir, string location)
        {
            location = location.Trim().Replace('\\', '/');
            var parts = new List<string>();
            var start = location.StartsWith('/') ? "" : dir;
            foreach (var part in (start + "/" + location).Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == ".") continue;
                if (part == "..")
                {
                    if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                    continue;
                }
                parts.Add(part);
            }
            return string.Join('/', parts);
        }

        private static string Directory(string path) => path.LastIndexOf('/') is var at and > 0 ? path[..at] : "";

        private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private static IEnumerable<XElement> Children(XElement? parent, string name) =>
            parent?.Elements().Where(e => e.Name.LocalName == name) ?? [];
    }

    private sealed record Fragment(string Text, double Left, double Right, double Baseline, double Size);

    private sealed record Line(string Text, double Left, double Right, double Baseline, double Size);
}
