namespace PilotEval.Documents;

/// <summary>The file error codes of the output contract (DESIGN.md, "Contract: codes").</summary>
public static class FileErrorCodes
{
    public const string Encrypted = "encrypted";
    public const string Corrupt = "corrupt";
    public const string Empty = "empty";
    public const string UnsupportedFormat = "unsupported-format";
    public const string TooLarge = "too-large";
    public const string Timeout = "timeout";
    /// <summary>PilotEval was not allowed to open the file (permissions): nothing is known about its content.</summary>
    public const string AccessDenied = "access-denied";
    /// <summary>A stage failed on this submission through a fault of PilotEval, not of the file.</summary>
    public const string InternalError = "internal-error";
}

/// <summary>The flag codes of the output contract.</summary>
public static class FlagCodes
{
    public const string PromptInjection = "prompt-injection";
    public const string HiddenText = "hidden-text";
    public const string NearDuplicate = "near-duplicate";
    public const string NeedsOcr = "needs-ocr";
    public const string GarbledText = "garbled-text";
    public const string TrackInferred = "track-inferred";
    public const string TrackUnknown = "track-unknown";
    public const string MissingSection = "missing-section";
    /// <summary>The cover names one track and the content clearly belongs to another.</summary>
    public const string TrackMismatch = "track-mismatch";
    /// <summary>The 统一社会信用代码 on the cover fails its GB 32100 check character or format.</summary>
    public const string InvalidCreditCode = "invalid-credit-code";
    /// <summary>Zero-width, bidi or tag characters were stripped from the text (detail names them).</summary>
    public const string InvisibleUnicode = "invisible-unicode";
    /// <summary>Image-only pages were read by OCR into <c>ocr</c> blocks (detail names the pages).</summary>
    public const string OcrApplied = "ocr-applied";
    /// <summary>A PDF page the parser could not interpret; its text is OCR'd when possible.</summary>
    public const string PageUnreadable = "page-unreadable";
    /// <summary>Content the reader could not take in, such as an altChunk in a format it does not read.</summary>
    public const string ContentSkipped = "content-skipped";
    /// <summary>Some eligibility checks found no decisive statement (detail names them); the application stays, marked 待核实.</summary>
    public const string EligibilityUnconfirmed = "eligibility-unconfirmed";
    /// <summary>Pages of a file were not read (detail names them); nothing on them is judged against the applicant.</summary>
    public const string PartiallyRead = "partially-read";
}
