using System.Diagnostics;
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
    private static readonly Lazy<(string Pdftoppm, string Tesseract, HashSet<string> Languages)?> Tools = new(Probe);

    private readonly string _pdftoppm;
    private readonly string _tesseract;
    private readonly string _languages;
    private readonly int _dpi;
    private readonly long _maxMemory;

    private PageOcr(string pdftoppm, string tesseract, string languages, int dpi, long maxMemory)
    {
        _maxMemory = maxMemory;
        _pdftoppm = pdftoppm;
        _tesseract = tesseract;
        _languages = languages;
        _dpi = dpi;
    }

    /// <summary>The OCR engine, or null when the tools or every requested language are missing.</summary>
    public static PageOcr? Find(ReaderLimits limits)
    {
        if (!limits.Ocr || Tools.Value is not { } tools) return null;
        var languages = limits.OcrLanguages.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(tools.Languages.Contains).ToList();
        // Chinese is the point; English alone would read a Chinese scan as noise.
        if (!languages.Any(l => l.StartsWith("chi", StringComparison.Ordinal))) return null;
        return new PageOcr(tools.Pdftoppm, tools.Tesseract, string.Join('+', languages), limits.OcrDpi, limits.MaxWorkerMemoryBytes);
    }

    /// <summary>Paragraphs recognised on page <paramref name="page"/> (1-based) of the PDF at <paramref name="path"/>.</summary>
    public List<string> Recognise(string path, int page, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("piloteval-ocr-");
        try
        {
            var image = Path.Combine(dir.FullName, "page");
            var number = page.ToString(CultureInfo.InvariantCulture);
            var (rendered, _) = Run(_pdftoppm, _maxMemory, cancellationToken,
                "-r", _dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, path, image);
            if (rendered != 0 || !File.Exists(image + ".png")) return [];
            var (recognised, text) = Run(_tesseract, _maxMemory, cancellationToken, image + ".png", "stdout", "-l", _languages, "--psm", "3");
            return recognised == 0 ? Paragraphs(text) : [];
        }
        finally
        {
            try { dir.Delete(recursive: true); }
            catch (IOException) { }
        }
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

    private static (string, string, HashSet<string>)? Probe()
    {
        var pdftoppm = OnPath("pdftoppm");
        var tesseract = OnPath("tesseract");
        if (pdftoppm is null || tesseract is null) return null;
        try
        {
            var (exit, output) = Run(tesseract, long.MaxValue, CancellationToken.None, "--list-langs");
            if (exit != 0) return null;
            var languages = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => !l.Contains(' ')).ToHashSet(StringComparer.Ordinal);
            return (pdftoppm, tesseract, languages);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs a tool to completion, killing it on cancellation or when its resident size passes
    /// <paramref name="maxMemory"/>: rendering a decompression bomb makes poppler grow by gigabytes.
    /// </summary>
    private static (int ExitCode, string Output) Run(string tool, long maxMemory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The machine is shared with the rest of the batch; one OCR thread is enough.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (!process.WaitForExit(100))
            {
                cancellationToken.ThrowIfCancellationRequested();
                process.Refresh();
                if (process.WorkingSet64 > maxMemory)
                {
                    process.Kill(entireProcessTree: true);
                    throw new ContentTooLargeException(
                        $"渲染页面时内存超过上限 {maxMemory / (1024 * 1024):N0} MB，疑似解压炸弹");
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit();
        _ = errors.GetAwaiter().GetResult();
        return (process.ExitCode, output.GetAwaiter().GetResult());
    }
}
