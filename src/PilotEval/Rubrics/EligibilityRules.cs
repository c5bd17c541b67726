using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PilotEval.Rubrics;

/// <summary>
/// The knock-out checks shared by every track, from <c>rubrics/eligibility.yaml</c>. The form's sections are vocabulary
/// the casebook reads too, so they live in the lexicon (<c>formSections</c>).
/// </summary>
public sealed record EligibilityRules(
    ImmutableArray<EligibilityCheck> Checks,
    string SourceFile,
    string Sha256);

/// <summary>How a check reads the application; the clause logic of each lives in <c>Scoring/EligibilityChecker</c>.</summary>
public enum EligibilityRule
{
    /// <summary>A place: the cover field or a registration clause must name one inside the region (注册地在北京).</summary>
    Location,
    /// <summary>A denial: the applicant must deny events of a grade in recent years (近三年无较大及以上数据安全事件).</summary>
    Denial,
    /// <summary>Operation: the project must be stated to run, not to be under construction (已建成并投入运行).</summary>
    Operation,
    /// <summary>Regular expressions a regulator wrote for a check of its own: <c>about</c>, <c>pass</c>, <c>fail</c>.</summary>
    Patterns,
}

/// <summary>Which verdict wins when an application contains sentences for both (pattern checks only).</summary>
public enum Precedence
{
    /// <summary>One failing statement fails the check (a reported incident outweighs a pledge).</summary>
    FailFirst,
    /// <summary>One passing statement passes the check (a running first phase outweighs a planned second one).</summary>
    PassFirst,
}

/// <summary>
/// A knock-out check: how it reads (<see cref="Rule"/>), its vocabulary (<see cref="Words"/>, lists named by the rule),
/// and what to say for each outcome. Negation, modality, time and subject come from the shared lexicon.
/// </summary>
/// <param name="CoverField">A cover label whose value is judged first, e.g. 注册地.</param>
/// <param name="MissingReason">Why the check is unconfirmed: the statement the application lacks.</param>
/// <param name="Ask">What the enterprise should add, for the feedback letter.</param>
public sealed record EligibilityCheck(
    string Id,
    string Name,
    EligibilityRule Rule,
    string? CoverField,
    string PassReason,
    string FailReason,
    string MissingReason,
    string Ask)
{
    /// <summary>The check's word lists by name (about, inside, operation, construction…); empty when not given.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Words { get; init; } =
        ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    /// <summary>The named list, or an empty one.</summary>
    public ImmutableArray<string> List(string name) => Words.TryGetValue(name, out var list) ? list : [];

    /// <summary>Denial checks: how many years back a reported event or penalty counts (近三年).</summary>
    public int Years { get; init; } = 3;

    /// <summary>Why the check passed another way (a Beijing telecom licence for an applicant registered elsewhere).</summary>
    public string? AlternativeReason { get; init; }

    /// <summary>Pattern checks: sentences matching this are about the check's subject.</summary>
    public Regex? About { get; init; }

    /// <summary>Pattern checks: a relevant clause matching one of these fails the check, unless negated.</summary>
    public ImmutableArray<Regex> Fail { get; init; } = [];

    /// <summary>Pattern checks: a relevant clause matching one of these passes the check when it states a fact.</summary>
    public ImmutableArray<Regex> Pass { get; init; } = [];

    public Precedence Precedence { get; init; } = Precedence.FailFirst;
}
