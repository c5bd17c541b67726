using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PilotEval.Rubrics;

/// <summary>
/// One track's scoring rules, loaded from <c>rubrics/&lt;track&gt;.yaml</c>. A regulator tunes weights,
/// levels and signals in that file; no code changes.
/// </summary>
/// <param name="Track">Track id, e.g. <c>talent</c>.</param>
/// <param name="Name">The track's Chinese name as written on the cover (申报方向), e.g. 人才培养.</param>
/// <param name="Aliases">Other names applicants write for the track.</param>
/// <param name="Levels">Share of a criterion's weight each level earns, best first (A, B, C, D).</param>
/// <param name="Sha256">Hash of the file's bytes, so every result names exactly the rules that scored it.</param>
public sealed record Rubric(
    string Track,
    string Name,
    ImmutableArray<string> Aliases,
    ImmutableArray<LevelShare> Levels,
    ImmutableArray<Criterion> Criteria,
    string SourceFile,
    string Sha256)
{
    /// <summary>How plans and slogans are discounted in this track, unless a criterion says otherwise.</summary>
    public NegativeSignals NegativeSignals { get; init; } = NegativeSignals.None;

    /// <summary>The lexicon its signals read: units, synonyms, names, markers.</summary>
    public Language.Lexicon Lexicon { get; init; } = Language.Lexicon.Default;
}

/// <summary>
/// Claims that count less than achieved, specific results: plans (拟、计划、将…) and slogans without a single
/// number (全面提升、行业领先…). A quote that is either earns <see cref="Share"/> of its signal's points.
/// </summary>
/// <param name="Plan">A sentence matching this states an intention, not a result; null: plans count in full.</param>
/// <param name="Slogan">A sentence matching this and stating no number is a slogan; null: slogans count in full.</param>
public sealed record NegativeSignals(double Share, Regex? Plan, Regex? Slogan)
{
    /// <summary>No discount at all: what a rubric without a <c>negativeSignals</c> block gets.</summary>
    public static readonly NegativeSignals None = new(1, null, null);

    /// <summary>
    /// The lexicon's clause analyser, which reads plans and goals (its planMarkers and goalMarkers) clause by clause;
    /// used when the block names no <see cref="Plan"/> pattern of its own.
    /// </summary>
    public Language.ClauseAnalyser? Clauses { get; init; }

    /// <summary>Whether anything in the sentence is a plan (for a whole-sentence reading, e.g. a summary).</summary>
    public bool IsPlan(string sentence) =>
        Plan?.IsMatch(sentence) ?? (Clauses is not null && Language.AnalysedClauses.Of(Clauses, sentence).Any(c => c.Modality is Language.Modality.Plan or Language.Modality.Goal));

    /// <summary>
    /// Whether a plan governs this position of the sentence: the clause it stands in plans from a marker before it, or
    /// carries on a plan of an earlier clause that no statement of its own time (已、目前、2023年) ended. A plan
    /// discounts the clause it governs, never the whole sentence: 「已覆盖30家，下一步将扩展至50家」 keeps its 30家.
    /// </summary>
    public bool IsPlanAt(string sentence, int position)
    {
        if (Plan is not null) return Evidence.ClauseScope.Governs(sentence, position, Plan, NoEnd, null);
        return Clauses is not null && Language.AnalysedClauses.PlanAt(Language.AnalysedClauses.Of(Clauses, sentence), position);
    }

    private static readonly Regex NoEnd = new("(?!)");

    /// <summary>Praise words and not one number: applicants who achieved something say how much.</summary>
    public bool IsSlogan(string sentence) =>
        Slogan?.IsMatch(sentence) == true && !sentence.Any(char.IsAsciiDigit) && !Evidence.ChineseQuantity.Find(sentence).Any();
}

/// <summary>A level and the share of the criterion weight it earns.</summary>
public sealed record LevelShare(string Id, double Share);

/// <summary>One scored criterion of a track: its weight, what each level means, and the evidence that earns points.</summary>
/// <param name="Thresholds">Points needed for each level above the lowest, best first.</param>
public sealed record Criterion(
    string Id,
    string Name,
    double Weight,
    ImmutableDictionary<string, string> Descriptors,
    ImmutableArray<LevelThreshold> Thresholds,
    ImmutableArray<Signal> Signals)
{
    /// <summary>The criterion's own discounts, or its rubric's.</summary>
    public NegativeSignals? NegativeSignals { get; init; }
}

/// <summary>A criterion reaches <paramref name="Level"/> with at least <paramref name="Points"/> points.</summary>
public sealed record LevelThreshold(string Level, double Points);

/// <summary>
/// A kind of evidence a sentence can show. A sentence satisfies the signal when it contains one of the
/// keywords (if any), matches the pattern (if any) and states a quantity within bounds (if any).
/// </summary>
/// <param name="Lacking">What to tell the enterprise when no sentence satisfies the signal.</param>
public sealed record Signal(
    string Id,
    string Description,
    double Points,
    ImmutableArray<string> Keywords,
    Regex? Pattern,
    QuantityRule? Quantity,
    string Lacking)
{
    /// <summary>What kind of proof the signal asks for; shown with every quote it earned.</summary>
    public SignalKind Kind { get; init; } = Quantity is null ? SignalKind.Keyword : SignalKind.Quantity;

    /// <summary>For certification, standard, patent and software-copyright signals: what the credential must be.</summary>
    public CredentialRule? Credential { get; init; }
}

/// <summary>The kinds of evidence a signal can ask for, as written in a rubric's <c>kind:</c> (kebab-case).</summary>
public enum SignalKind
{
    /// <summary>Keywords with synonyms and/or a pattern.</summary>
    Keyword,
    /// <summary>A number within bounds, e.g. 培训 ≥ 1000 人次.</summary>
    Quantity,
    /// <summary>A before/after pair, e.g. 从 4 小时缩短至 35 分钟.</summary>
    Change,
    /// <summary>DSMM / DCMM level, ISO/IEC 27001, 等保 level.</summary>
    Certification,
    /// <summary>GB/T, YD/T … standards cited or drafted.</summary>
    Standard,
    /// <summary>Patents, by type, count and whether granted.</summary>
    Patent,
    /// <summary>Software copyrights, by count.</summary>
    SoftwareCopyright,
}

/// <summary>What a credential must be to satisfy a signal.</summary>
/// <param name="Accept">Certification schemes with their minimum level, standard series, or patent types; empty: any.</param>
/// <param name="MinCount">Patents or copyrights: at least this many in one sentence.</param>
/// <param name="GrantedOnly">Patents: pending applications do not count.</param>
/// <param name="DraftedOnly">Standards: only standards the applicant drafted count, not those it merely cites.</param>
public sealed record CredentialRule(
    ImmutableArray<AcceptedCredential> Accept,
    int? MinCount,
    bool GrantedOnly,
    bool DraftedOnly);

/// <summary>A scheme, series or type a signal accepts, e.g. DSMM with <paramref name="MinLevel"/> 3, or GB/T.</summary>
public sealed record AcceptedCredential(string Name, int? MinLevel);

/// <summary>A quantity bound, e.g. 培训 ≥ 1000 人次 or 响应时间 ≤ 1 小时 (units are compared after conversion).</summary>
public sealed record QuantityRule(ImmutableArray<string> Units, double? Min, double? Max);
