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
        try
        {
            var input = Path.Combine(work.FullName, "input.doc");
            File.WriteAllBytes(input, request.Bytes);
            var profile = new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri;
            var converted = ExternalTool.Run(soffice,
                [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                 "--convert-to", "docx:MS Word 2007 XML", "--outdir", work.FullName, input],
                request.Limits.Timeout * ConversionShare, request.Limits.MaxWorkerMemoryBytes, cancellationToken,
                new Dictionary<string, string>(ExternalTool.EnvironmentFor(request.Limits)) { ["HOME"] = work.FullName });
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
            var read = DocxDecoder.Read(File.ReadAllBytes(output), request.Name, request.Limits, cancellationToken);
            return read with { Format = format };
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
