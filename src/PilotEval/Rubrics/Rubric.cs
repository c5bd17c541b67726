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
    string Sha256);

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
    ImmutableArray<Signal> Signals);

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
    string Lacking);

/// <summary>A quantity bound, e.g. 培训 ≥ 1000 人次 or 响应时间 ≤ 1 小时 (units are compared after conversion).</summary>
public sealed record QuantityRule(ImmutableArray<string> Units, double? Min, double? Max);
