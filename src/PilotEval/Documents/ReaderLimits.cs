namespace PilotEval.Documents;

/// <summary>
/// Bounds on reading one file, so that a hostile or broken file costs a known amount and never the batch.
/// Bound from configuration section <c>Reading</c>.
/// </summary>
public sealed record ReaderLimits
{
    /// <summary>Largest file accepted at all.</summary>
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Largest inflated size of one part of a .docx package (zip-bomb guard).</summary>
    public long MaxInflatedPartBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest inflated size of a whole .docx package.</summary>
    public long MaxInflatedTotalBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest compression ratio of a part above 1 MiB; real Word parts stay far below it.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Wall time allowed to read one file.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most pages read from one PDF.</summary>
    public int MaxPdfPages { get; init; } = 2000;
}
