using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PilotEval.Rubrics;

/// <summary>The knock-out checks and required sections shared by every track, from <c>rubrics/eligibility.yaml</c>.</summary>
public sealed record EligibilityRules(
    ImmutableArray<EligibilityCheck> Checks,
    ImmutableArray<RequiredSection> Sections,
    string SourceFile,
    string Sha256)
{
    /// <summary>A sentence matching this states an intention (计划于…上线, 预计…), which can never pass a check.</summary>
    public Regex? Plans { get; init; }
}

/// <summary>Which verdict wins when an application contains sentences for both.</summary>
public enum Precedence
{
    /// <summary>One failing statement fails the check (a reported incident outweighs a pledge).</summary>
    FailFirst,
    /// <summary>One passing statement passes the check (a running first phase outweighs a planned second one).</summary>
    PassFirst,
}

/// <summary>
/// A knock-out check. Relevant sentences are those matching <paramref name="About"/> (or the cover field);
/// each is judged by <paramref name="Fail"/> and <paramref name="Pass"/>.
/// </summary>
/// <param name="CoverField">A cover label whose value is judged first, e.g. 注册地.</param>
/// <param name="OtherwiseFails">A relevant sentence that matches neither list fails the check.</param>
/// <param name="MissingReason">Why the check fails when no relevant sentence exists.</param>
public sealed record EligibilityCheck(
    string Id,
    string Name,
    string? CoverField,
    Regex About,
    ImmutableArray<Regex> Fail,
    ImmutableArray<Regex> Pass,
    Precedence Precedence,
    bool OtherwiseFails,
    string PassReason,
    string FailReason,
    string MissingReason)
{
    /// <summary>
    /// Another way to pass, judged on sentences when the cover field fails the check, e.g. a telecom licence issued
    /// by the Beijing administration for an applicant registered elsewhere. Empty: no alternative.
    /// </summary>
    public ImmutableArray<Regex> Alternative { get; init; } = [];

    /// <summary>Why the check passed through <see cref="Alternative"/>.</summary>
    public string? AlternativeReason { get; init; }
}

/// <summary>A section the application form requires, recognised by any of its heading names.</summary>
public sealed record RequiredSection(string Id, string Name, ImmutableArray<string> Headings);
