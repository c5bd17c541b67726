using System.Globalization;
using System.Text;

namespace PilotEval.Documents;

/// <summary>
/// Recognises the text of one PDF page with poppler's <c>pdftoppm</c> (render) and <c>tesseract</c> (recognise),
/// when both are installed with the wanted languages; otherwise <see cref="Find"/> returns null and pages stay
/// flagged <c>needs-ocr</c>. External tools, because no OCR engine for Chinese runs in managed code.
/// </summary>
internal sealed class PageOcr
{
    /// <summary>
    /// The tools found by the last successful probe. Only a success is remembered: a probe that failed under load
    /// (a tool that could not start, or was killed) is tried again on the next file, and never makes a file fail.
    /// </summary>
    private static volatile ToolSet? _tools;

    private readonly ToolSet _found;
    private readonly string _languages;
    private readonly int _dpi;
    private readonly long _maxMemory;
    private readonly TimeSpan _timeout;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private PageOcr(ToolSet found, string languages, ReaderLimits limits)
    {
        _found = found;
        _languages = languages;
        _dpi = limits.OcrDpi;
        _maxMemory = limits.MaxWorkerMemoryBytes;
        _timeout = limits.Timeout;
        _environment = ExternalTool.EnvironmentFor(limits);
    }

    /// <summary>Counts the tool runs of the current flow (a test's read), so tests can prove that work was not done.</summary>
    internal static readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<int>?> RunCounter = new();

    /// <summary>The OCR engine, or null when the tools or every requested language are missing.</summary>
    public static PageOcr? Find(ReaderLimits limits)
    {
        if (!limits.Ocr || Probe() is not { } tools) return null;
        var languages = limits.OcrLanguages.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(tools.Languages.Contains).ToList();
        // Chinese is the point; English alone would read a Chinese scan as noise.
        if (!languages.Any(l => l.StartsWith("chi", StringComparison.Ordinal))) return null;
        return new PageOcr(tools, string.Join('+', languages), limits);
    }

    /// <summary>
    /// What OCR made of page <paramref name="page"/> (1-based) of the PDF at <paramref name="path"/>: its paragraphs
    /// when both tools ran to the end (none on a blank page — a final reading, the same on every run), or why there
    /// is no reading (<see cref="OcrOutcome.NotRendered"/>: then poppler cannot render the others either, and the
    /// caller stops).
    /// </summary>
    public OcrReading Recognise(string path, int page, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("piloteval-ocr-");
        try
        {
            var image = Path.Combine(dir.FullName, "page");
            var number = page.ToString(CultureInfo.InvariantCulture);
            var rendered = RunTool(_found.Pdftoppm, cancellationToken,
                "-r", _dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, path, image);
            if (!rendered.Succeeded || !File.Exists(image + ".png")) return OcrReading.NotRendered;
            return RecogniseFile(image + ".png", cancellationToken);
        }
        finally
        {
            TryDelete(dir);
        }
    }

    /// <summary>Paragraphs recognised in an image (PNG, JPEG, TIFF, BMP, GIF) held in memory.</summary>
    public List<string> RecogniseImage(byte[] image, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("piloteval-ocr-");
        try
        {
            var file = Path.Combine(dir.FullName, "image");
            File.WriteAllBytes(file, image);
            // The Word and OFD readers take a picture tesseract could not finish as one without text, as they always have.
            return RecogniseFile(file, cancellationToken).Paragraphs;
        }
        finally
        {
            TryDelete(dir);
        }
    }

    private OcrReading RecogniseFile(string file, CancellationToken cancellationToken)
    {
        var recognised = RunTool(_found.Tesseract, cancellationToken, file, "stdout", "-l", _languages, "--psm", "3");
        return recognised.Succeeded ? new OcrReading(OcrOutcome.Read, Paragraphs(recognised.Output)) : OcrReading.NotRecognised;
    }

    private ExternalTool.Result RunTool(string tool, CancellationToken cancellationToken, params string[] arguments)
    {
        if (RunCounter.Value is { } counter) Interlocked.Increment(ref counter.Value);
        var result = ExternalTool.Run(tool, arguments, _timeout, _maxMemory, cancellationToken, _environment);
        // Rendering a decompression bomb makes poppler grow by gigabytes: that is the file's doing.
        if (result.Outcome == ExternalTool.Outcome.OverMemory)
        {
            throw new ContentTooLargeException($"渲染页面时内存超过上限 {_maxMemory / (1024 * 1024):N0} MB，疑似解压炸弹");
        }
        return result;
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException) { }
    }
    /// <summary>Tesseract puts spaces between Chinese characters and breaks lines where the scan did; undo both.</summary>
    internal static List<string> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = JoinCjk(raw.Trim());
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (current.Length > 0 && !(TextNormalizer.IsCjk(current[^1]) || TextNormalizer.IsCjk(line[0]))) current.Append(' ');
            current.Append(line);
        }
        Flush();
        return paragraphs;

        void Flush()
        {
            var paragraph = TextNormalizer.CleanVisible(current.ToString());
            // Single stray glyphs are speckles of the scan, not text.
            if (paragraph.Length >= 2) paragraphs.Add(paragraph);
            current.Clear();
        }
    }

    private static string JoinCjk(string line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == ' ' && sb.Length > 0 && i + 1 < line.Length &&
                (TextNormalizer.IsCjk(sb[^1]) || TextNormalizer.IsCjk(line[i + 1])))
            {
                continue;
            }
            sb.Append(line[i]);
        }
        return sb.ToString();
    }

    private sealed record ToolSet(string Pdftoppm, string Tesseract, HashSet<string> Languages);

    private static ToolSet? Probe()
    {
        if (_tools is { } known) return known;
        var pdftoppm = ExternalTool.OnPath("pdftoppm");
        var tesseract = ExternalTool.OnPath("tesseract");
        if (pdftoppm is null || tesseract is null) return null;
        try
        {
            var listed = ExternalTool.Run(tesseract, ["--list-langs"], TimeSpan.FromSeconds(30), long.MaxValue, CancellationToken.None);
            if (!listed.Succeeded) return null;
            var languages = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => !l.Contains(' ')).ToHashSet(StringComparer.Ordinal);
            return _tools = new ToolSet(pdftoppm, tesseract, languages);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}

/// <summary>How OCR of one page ended.</summary>
internal enum OcrOutcome
{
    /// <summary>Both tools ran to the end: what they found (nothing, on a blank page) is what every run would find.</summary>
    Read,

    /// <summary>poppler could not render the page (a broken page, or the tool timed out or was killed).</summary>
    NotRendered,

    /// <summary>tesseract did not finish (it failed, timed out or was killed): the page's text is unknown.</summary>
    NotRecognised,
}

/// <summary>What OCR made of one page: its outcome and, when <see cref="OcrOutcome.Read"/>, the paragraphs found.</summary>
internal sealed record OcrReading(OcrOutcome Outcome, List<string> Paragraphs)
{
    public static OcrReading NotRendered => new(OcrOutcome.NotRendered, []);

    public static OcrReading NotRecognised => new(OcrOutcome.NotRecognised, []);
}
