namespace PilotEval.Documents;

/// <summary>
/// Legacy binary Word (.doc, Word 97–2003) and Kingsoft WPS (.wps) documents — OLE2 files with a <c>WordDocument</c>
/// stream, not encrypted — converted to .docx by LibreOffice headless and read as .docx. The conversion runs as an
/// <see cref="ExternalTool"/> under its own time and memory limit, with a private LibreOffice profile per conversion
/// so parallel conversions never share (and lock) one. Without LibreOffice the file is <c>unsupported-format</c>,
/// saying what to install or how to resubmit: it is PilotEval's limit, never the applicant's fault.
/// </summary>
internal sealed class LegacyWordDecoder : IContentDecoder
{
    /// <summary>Share of the file's time limit the conversion may take; the rest reads the converted document.</summary>
    private const double ConversionShare = 0.7;

    /// <summary>
    /// Share of the file's time limit the PDF rendering for page numbers may take: it runs beside the conversion, and a
    /// rendering that has not finished by then is given up, costing the page numbers, never the document.
    /// </summary>
    private const double PagesShare = 0.85;

    public string Format => "doc";

    public bool CanDecode(SniffedContent content) =>
        content.Container == FileFormat.Ole2 && !content.Broken && content.Has("WordDocument") && !content.WordEncrypted;

    public DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken)
    {
        // Both formats are the same binary Word inside; only the name tells which program wrote it.
        var format = request.Name.EndsWith(".wps", StringComparison.OrdinalIgnoreCase) ? "wps" : "doc";
        var soffice = request.Limits.LibreOffice ?? ExternalTool.OnPath("soffice") ?? ExternalTool.OnPath("libreoffice");
        if (string.IsNullOrEmpty(soffice))
        {
            return DocumentText.Failed(request.Name, format, FileErrorCodes.UnsupportedFormat,
                $"{request.Name}: 这是旧版 Word 文档（.doc/.wps），读取它需要 LibreOffice，但本机未安装。" +
                "请评审秘书处安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui）后重新运行，" +
                "或请申报单位将文件另存为 .docx 或 PDF 后重新提交。");
        }

        var work = Directory.CreateTempSubdirectory("piloteval-lo-");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<IReadOnlyList<string>?>? rendering = null;
        try
        {
            var input = Path.Combine(work.FullName, "input.doc");
            File.WriteAllBytes(input, request.Bytes);
            // The .docx LibreOffice writes records no page breaks, so it also renders the file to PDF for the page
            // numbers, at the same time in a second process (each needs a profile of its own), so that on an idle
            // machine pages cost no extra wait.
            rendering = Task.Run(() => Render(soffice, input, Path.Combine(work.FullName, "pdf"), request.Limits, stop.Token), CancellationToken.None);
            var converted = Convert(soffice, "docx:MS Word 2007 XML", input, work.FullName, request.Limits.Timeout * ConversionShare, request.Limits, cancellationToken);
            var output = Path.Combine(work.FullName, "input.docx");
            switch (converted.Outcome)
            {
                case ExternalTool.Outcome.TimedOut:
                    return DocumentText.Failed(request.Name, format, FileErrorCodes.Timeout,
                        $"{request.Name}: 用 LibreOffice 转换这份旧版 Word 文档超过时限 {request.Limits.Timeout.TotalSeconds * ConversionShare:0} 秒，已放弃；" +
                        "请另存为 .docx 或 PDF 后重新提交");
                case ExternalTool.Outcome.OverMemory:
                    return DocumentText.Failed(request.Name, format, FileErrorCodes.TooLarge,
                        $"{request.Name}: 用 LibreOffice 转换这份旧版 Word 文档时内存超过上限，已放弃；请另存为 .docx 或 PDF 后重新提交");
            }
            if (!File.Exists(output))
            {
                return DocumentText.Failed(request.Name, format, FileErrorCodes.UnsupportedFormat,
                    $"{request.Name}: LibreOffice 未能转换这份旧版 Word 文档（{TextNormalizer.Shorten(converted.Error.Trim(), 120)}）；" +
                    "请另存为 .docx 或 PDF 后重新提交");
            }
            var read = DocxDecoder.Read(File.ReadAllBytes(output), request.Name, request.Limits, cancellationToken) with { Format = format };
            var pages = rendering.GetAwaiter().GetResult();
            return read.Pages is null && pages is not null ? RenderedPages.Apply(read, pages) : read;
        }
        finally
        {
            // A conversion that failed stops the rendering; its process group is killed before the folder goes.
            stop.Cancel();
            try { rendering?.Wait(CancellationToken.None); }
            catch (AggregateException) { }
            try { work.Delete(recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// The text of each page of LibreOffice's PDF rendering of the file, for <see cref="RenderedPages"/>; null when the
    /// rendering fails or passes its share of the time limit, which costs the page numbers, never the document.
    /// </summary>
    private static IReadOnlyList<string>? Render(string soffice, string input, string work, ReaderLimits limits, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        ExternalTool.Result rendered;
        try
        {
            rendered = Convert(soffice, "pdf", input, work, limits.Timeout * PagesShare, limits, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        var pdf = Path.Combine(work, "input.pdf");
        if (!rendered.Succeeded || !File.Exists(pdf)) return null;
        try
        {
            return RenderedPages.TextOf(File.ReadAllBytes(pdf));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>One LibreOffice conversion in its own process group, with a private profile inside <paramref name="work"/>.</summary>
    private static ExternalTool.Result Convert(string soffice, string target, string input, string work, TimeSpan timeout, ReaderLimits limits,
        CancellationToken cancellationToken)
    {
        var profile = new Uri(Path.Combine(work, "profile")).AbsoluteUri;
        return ExternalTool.Run(soffice,
            [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             "--convert-to", target, "--outdir", work, input],
            timeout, limits.MaxWorkerMemoryBytes, cancellationToken,
            new Dictionary<string, string>(ExternalTool.EnvironmentFor(limits)) { ["HOME"] = work });
    }
}
