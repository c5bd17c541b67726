namespace PilotEval.Documents;

/// <summary>
/// An Office document with an opening password: an encrypted .docx (an OLE2 file holding <c>EncryptionInfo</c> and
/// <c>EncryptedPackage</c>) or a .doc/.wps whose FIB says it is encrypted. Only these are <c>encrypted</c>;
/// a plain .doc, also OLE2, goes to <see cref="LegacyWordDecoder"/>.
/// </summary>
internal sealed class EncryptedOfficeDecoder : IContentDecoder
{
    public string Format => "ole2";

    public bool CanDecode(SniffedContent content) =>
        content.Container == FileFormat.Ole2 && !content.Broken &&
        (content.Has("EncryptedPackage") && content.Has("EncryptionInfo") || content.Has("WordDocument") && content.WordEncrypted);

    public DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken) =>
        DocumentText.Failed(request.Name, Format, FileErrorCodes.Encrypted,
            $"{request.Name}: 这是设有打开密码的 Word 文档，PilotEval 无法打开；请去除密码后重新提交（.docx 或 PDF）");
}
