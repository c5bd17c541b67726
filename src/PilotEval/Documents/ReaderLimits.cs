namespace PilotEval.Documents;

/// <summary>
/// Bounds on reading one file, so that a hostile or broken file costs a known amount and never the batch.
/// Bound from configuration section <c>Reading</c>.
/// </summary>
public sealed record ReaderLimits
{
    /// <summary>Largest file accepted at all.</summary>
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Largest inflated size of one part of a .docx package, or of one PDF stream (decompression-bomb guard).</summary>
    public long MaxInflatedPartBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest inflated size of a whole .docx package.</summary>
    public long MaxInflatedTotalBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest compression ratio of a part above 1 MiB; real Word parts stay far below it.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Wall time allowed to read one file.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most pages read from one PDF.</summary>
    public int MaxPdfPages { get; init; } = 2000;

    /// <summary>
    /// Where files are parsed. <see cref="ReadIsolation.ChildProcess"/> (the default) parses in a reusable worker
    /// process that is killed when it overruns <see cref="Timeout"/> or <see cref="MaxWorkerMemoryBytes"/>:
    /// a .NET thread stuck in a parser loop cannot be aborted, and a runaway allocation would take the batch down.
    /// </summary>
    public ReadIsolation Isolation { get; init; } = ReadIsolation.ChildProcess;

    /// <summary>
    /// Memory one worker may use: its managed heap hard limit; its resident size may exceed this by a fixed allowance
    /// for the runtime itself before it is killed. OCR tools are held to this size too.
    /// </summary>
    public long MaxWorkerMemoryBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// The assembly that hosts the hidden <c>read-worker</c> command; null finds <c>PilotEval.Cli.dll</c> beside
    /// the running program, and reading falls back to in-process when there is none.
    /// </summary>
    public string? WorkerAssembly { get; init; }

    /// <summary>Recognise text on image-only PDF pages when <c>pdftoppm</c> and <c>tesseract</c> are installed.</summary>
    public bool Ocr { get; init; } = true;

    /// <summary>Tesseract languages used for OCR; adding <c>eng</c> makes Tesseract read Chinese glyphs as Latin noise.</summary>
    public string OcrLanguages { get; init; } = "chi_sim";

    /// <summary>Most image-only pages OCR'd in one file; the rest stay flagged <c>needs-ocr</c>.</summary>
    public int MaxOcrPages { get; init; } = 30;

    /// <summary>Resolution pages are rendered at for OCR.</summary>
    public int OcrDpi { get; init; } = 200;

    /// <summary>
    /// LibreOffice's <c>soffice</c>, which converts .doc and .wps files: null finds it on PATH; an empty string turns
    /// conversion off (such files are then <c>unsupported-format</c>, saying what to install).
    /// </summary>
    public string? LibreOffice { get; init; }

    /// <summary>
    /// A label put in the environment of every helper process (<c>PILOTEVAL_TOOL_TAG</c>), so an operator — or a
    /// test — can find the helpers of one run with <c>ps e</c> and prove none is left behind.
    /// </summary>
    public string? ToolTag { get; init; }

    /// <summary>
    /// A reader worker is replaced after this many files, so what a long batch leaves behind does not accumulate. A
    /// fresh worker compiles the readers' code again (about 3 CPU-s), so this is a backstop: the growth limit below is
    /// what bounds memory.
    /// </summary>
    public int RecycleAfterFiles { get; init; } = 1000;

    /// <summary>
    /// A reader worker is replaced once its resident size has grown this much beyond its size after its first file.
    /// A worker settles at 120–150 MB (about 70 MB after its first file) over hundreds of files, so this is not met in
    /// a normal batch, and a run's two workers stay well inside the run's memory budget when it is.
    /// </summary>
    public long RecycleAfterGrowthBytes { get; init; } = 128L * 1024 * 1024;
}

/// <summary>Where a file is parsed; see <see cref="ReaderLimits.Isolation"/>.</summary>
public enum ReadIsolation
{
    ChildProcess,
    InProcess,
}
