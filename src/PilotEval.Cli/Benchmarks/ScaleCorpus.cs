using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PilotEval.Cli.Benchmarks;

/// <summary>
/// Builds N varied applications from the sample .docx files: another company in each, every quantity scaled, the
/// body lengthened by repeating some of its paragraphs, a share converted to PDF by LibreOffice (as enterprises
/// export them), a near-copy planted every 50 applications and a hostile file every 100 (truncated, a PNG named
/// .pdf, empty, a zip bomb). Deterministic for a seed; a finished corpus is reused by the next run with the same
/// parameters, because generating PDFs takes longer than evaluating them.
/// </summary>
public static partial class ScaleCorpus
{
    private static readonly string[] Syllables = ["华", "翎", "星", "桥", "云", "岫", "博", "远", "瀚", "海", "安", "澜", "京", "禾", "明", "川", "弘", "毅", "拓", "印", "蓝", "鲸", "智", "衡", "数", "融", "通", "达", "信", "恒", "睿", "泰"];
    private static readonly string[] Kinds = ["信息技术", "网络科技", "数据服务", "安全技术", "智能科技", "数字科技"];

    public sealed record Corpus(string Directory, int Docx, int Pdf, int Hostile, int NearCopies);

    public static async Task<Corpus> EnsureAsync(string samples, string directory, int count, int seed, double pdfShare,
        TextWriter log, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(directory, ".complete");
        var parameters = string.Create(CultureInfo.InvariantCulture, $"{count} {seed} {pdfShare}");
        if (File.Exists(marker) && (await File.ReadAllTextAsync(marker, cancellationToken)).Split('\n')[0] == parameters)
            return Describe(directory);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);

        var templates = Directory.EnumerateFiles(samples, "*.docx").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        if (templates.Count == 0) throw new InvalidOperationException($"no .docx samples in {samples}");
        var random = new Random(seed);
        var toPdf = new List<string>();
        var bodies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"app-{i:D5}"));
            if (i % 100 == 99)
            {
                WriteHostile(name, i / 100 % 4, templates[0]);
                continue;
            }
            string xml;
            if (i % 50 == 49 && bodies.Count > 7)
            {
                // A near-copy: another applicant's text under a new company name.
                xml = ReplaceCompany(bodies[^7], CompanyName(random));
            }
            else
            {
                xml = Vary(DocumentXml(templates[random.Next(templates.Count)]), random);
                bodies.Add(xml);
            }
            var template = templates[random.Next(templates.Count)];
            await File.WriteAllBytesAsync(name + ".docx", WithDocumentXml(template, xml), cancellationToken);
            if (random.NextDouble() < pdfShare) toPdf.Add(name + ".docx");
        }
        await ConvertToPdfAsync(toPdf, directory, log, cancellationToken);
        await File.WriteAllTextAsync(marker, parameters + "\n", cancellationToken);
        return Describe(directory);
    }

    private static Corpus Describe(string directory)
    {
        var files = Directory.EnumerateFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();
        var hostile = files.Count(f => Path.GetFileNameWithoutExtension(f) is { } n &&
            int.Parse(n[4..], CultureInfo.InvariantCulture) % 100 == 99);
        return new Corpus(directory, files.Count(f => f.EndsWith(".docx", StringComparison.Ordinal)),
            files.Count(f => f.EndsWith(".pdf", StringComparison.Ordinal)), hostile,
            files.Count(f => int.Parse(Path.GetFileNameWithoutExtension(f)[4..], CultureInfo.InvariantCulture) % 100 == 49));
    }

    /// <summary>Changes one quantity in an application, as an applicant correcting one figure would.</summary>
    public static void ChangeOne(string docx)
    {
        var bytes = File.ReadAllBytes(docx);
        var xml = DocumentXml(bytes);
        var done = false;
        var changed = InText(xml, text => done ? text : Quantity().Replace(text, m =>
        {
            done = true;
            return (long.Parse(m.Value, CultureInfo.InvariantCulture) + 7).ToString(CultureInfo.InvariantCulture);
        }, 1));
        File.WriteAllBytes(docx, WithDocumentXml(bytes, changed));
    }

    private static string Vary(string xml, Random random)
    {
        xml = ReplaceCompany(xml, CompanyName(random));
        var factor = 0.5 + random.NextDouble() * 1.5;
        // Quantities scale; years (19xx, 20xx) and one-digit numbers (section numbers) stay.
        xml = InText(xml, text => Quantity().Replace(text, m =>
        {
            var value = long.Parse(m.Value, CultureInfo.InvariantCulture);
            if (m.Value.Length == 4 && m.Value[..2] is "19" or "20") return m.Value;
            return Math.Max(2, (long)Math.Round(value * factor)).ToString(CultureInfo.InvariantCulture);
        }));
        // Longer or as long: some body paragraphs repeated after themselves.
        var paragraphs = Paragraph().Matches(xml).Where(p => p.Value.Length > 300 && !p.Value.Contains("<w:tbl", StringComparison.Ordinal)).ToList();
        var repeats = random.Next(0, Math.Min(paragraphs.Count, 25) + 1);
        var chosen = paragraphs.OrderBy(_ => random.Next()).Take(repeats).OrderByDescending(p => p.Index);
        var text = new StringBuilder(xml);
        foreach (var p in chosen) text.Insert(p.Index + p.Length, p.Value);
        return text.ToString();
    }

    private static string CompanyName(Random random) =>
        "北京" + Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] +
        Kinds[random.Next(Kinds.Length)] + "有限公司";

    private static string ReplaceCompany(string xml, string company)
    {
        var current = Company().Match(xml);
        return current.Success ? xml.Replace(current.Value, company, StringComparison.Ordinal) : xml;
    }

    private static void WriteHostile(string name, int kind, byte[] template)
    {
        switch (kind)
        {
            case 0:
                File.WriteAllBytes(name + ".docx", template[..(template.Length / 2)]);
                break;
            case 1:
                File.WriteAllBytes(name + ".pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
                break;
            case 2:
                File.WriteAllBytes(name + ".docx", []);
                break;
            default:
                var bomb = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" +
                           new string('数', 3_000_000) + "</w:t></w:r></w:p></w:body></w:document>";
                File.WriteAllBytes(name + ".docx", WithDocumentXml(template, bomb));
                break;
        }
    }

    private static string DocumentXml(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] WithDocumentXml(byte[] docx, string xml)
    {
        using var output = new MemoryStream();
        output.Write(docx);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        return output.ToArray();
    }

    /// <summary>LibreOffice, in batches, with a profile of its own so it never meets another soffice on the machine.</summary>
    private static async Task ConvertToPdfAsync(List<string> files, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        if (files.Count == 0) return;
        var soffice = BenchTools.FindOnPath("soffice");
        if (soffice is null)
        {
            await log.WriteLineAsync("soffice not found: the corpus stays all .docx (install libreoffice-writer-nogui for the PDF share)");
            return;
        }
        var profile = Directory.CreateTempSubdirectory("piloteval-bench-soffice-");
        try
        {
            foreach (var batch in files.Chunk(40))
            {
                await log.WriteLineAsync($"converting {batch.Length} applications to PDF with LibreOffice…");
                var start = new ProcessStartInfo(soffice) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { "-env:UserInstallation=file://" + profile.FullName, "--headless", "--convert-to", "pdf", "--outdir", directory })
                    start.ArgumentList.Add(a);
                foreach (var f in batch) start.ArgumentList.Add(f);
                using var process = Process.Start(start)!;
                var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
                await process.WaitForExitAsync(cancellationToken);
                await drain;
                foreach (var f in batch.Where(f => File.Exists(Path.ChangeExtension(f, ".pdf")))) File.Delete(f);
            }
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the text of each run (w:t), never to the markup's own numbers.</summary>
    private static string InText(string xml, Func<string, string> change) =>
        TextRun().Replace(xml, m => m.Groups[1].Value + change(m.Groups[2].Value) + m.Groups[3].Value);

    [GeneratedRegex(@"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")]
    private static partial Regex TextRun();

    [GeneratedRegex(@"(?<![\d.])\d{2,7}(?![\d.])")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"<w:p[ >].*?</w:p>", RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"(北京|天津|上海)[\u4e00-\u9fa5]{2,14}?(有限公司|中心)")]
    private static partial Regex Company();
}
