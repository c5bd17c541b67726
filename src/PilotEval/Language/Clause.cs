using System.Collections.Immutable;

namespace PilotEval.Language;

/// <summary>Whose business a predicate is.</summary>
public enum Subject
{
    /// <summary>The applicant or its project; also what an unmarked clause of an application speaks of.</summary>
    Applicant,
    /// <summary>Its customers, users, trainees or partner enterprises (「协助客户处置…」「部署企业中未再发生…」).</summary>
    Customer,
}

/// <summary>What a clause does with its predicate: report it, or plan, aim at, promise it, or say it cannot.</summary>
public enum Modality
{
    /// <summary>Reports a fact (what happened or is the case).</summary>
    Fact,
    /// <summary>拟、计划、预计、将…: something intended.</summary>
    Plan,
    /// <summary>力争、争取、旨在…: something aimed at.</summary>
    Goal,
    /// <summary>确保、防止、避免…: a promise about the future, not a report.</summary>
    Guarantee,
    /// <summary>应为、应已、必须…: a requirement of the call quoted, not a statement about the applicant.</summary>
    Requirement,
    /// <summary>无法、难以…: the applicant cannot do or state it.</summary>
    Inability,
    /// <summary>如果、一旦、可能…, or a clause ending in …时 / …后: something that may happen, not something that did.</summary>
    Condition,
}

/// <summary>When a clause places its predicate.</summary>
public enum Tense
{
    /// <summary>No time is stated.</summary>
    Unstated,
    /// <summary>已、累计、至今, a past date: it happened.</summary>
    Past,
    /// <summary>目前、正在、持续: it is the case now.</summary>
    Ongoing,
    /// <summary>明年、下一步, a future date, or a plan or goal: it is to come.</summary>
    Future,
}

/// <summary>A word of the lexicon found in a clause, with its offset in the clause's text.</summary>
public sealed record Marker(string Word, int Start)
{
    public int End => Start + Word.Length;

    /// <summary>Negators: where their scope ends (the clause's end, or the end of the cause they stand in).</summary>
    public int ScopeEnd { get; init; } = int.MaxValue;
}

/// <summary>A modal word and the modality it sets from its position on.</summary>
public sealed record ModalMarker(string Word, int Start, Modality Modality);

/// <summary>A subject word and whose business it names.</summary>
public sealed record SubjectMarker(string Word, int Start, Subject Subject)
{
    /// <summary>
    /// Named as a place after a locative and a count (「在两家合作单位开展了试点」「已在5家客户处上线」): what happens
    /// there is theirs for an event (「在2家客户处发生…事件」), the applicant's for where its project runs.
    /// </summary>
    public bool Locative { get; init; }
}

/// <summary>
/// One clause of a sentence, read: who it speaks of, what is negated, whether it reports or plans, and when.
/// Offsets are into <see cref="Text"/>; <see cref="Start"/> places the clause in its sentence.
/// </summary>
/// <param name="Text">The clause, a verbatim substring of the sentence without its closing punctuation.</param>
/// <param name="Start">Offset of the clause in the sentence.</param>
/// <param name="Negators">Negators in the clause; each governs the rest of the clause (「未因…受到处罚」).</param>
/// <param name="Modals">Modal markers in the clause; each sets the modality from its position on.</param>
/// <param name="Subjects">Subject words in the clause, in order.</param>
/// <param name="InheritedModality">The modality an earlier clause of the sentence set and this clause did not replace.</param>
/// <param name="InheritedSubject">The topic of an earlier clause of the sentence, for a clause without a subject of its own.</param>
/// <param name="Tense">When the clause places its predicate.</param>
/// <param name="Years">Four-digit years the clause names (「2023年」「二〇二三年」).</param>
public sealed record Clause(
    string Text,
    int Start,
    ImmutableArray<Marker> Negators,
    ImmutableArray<ModalMarker> Modals,
    ImmutableArray<SubjectMarker> Subjects,
    Modality InheritedModality,
    Subject InheritedSubject,
    Tense Tense,
    ImmutableArray<int> Years)
{
    /// <summary>A negator stands before <paramref name="index"/> in this clause: the predicate there is denied.</summary>
    public bool IsNegatedAt(int index) => NegatorOf(index) is not null;

    /// <summary>The first negator governing <paramref name="index"/>, for explanations; null when none.</summary>
    public Marker? NegatorOf(int index) => Negators.FirstOrDefault(n => n.End <= index && index < n.ScopeEnd);

    /// <summary>The modality at <paramref name="index"/>: the last modal marker before it, else the inherited one.</summary>
    public Modality ModalityAt(int index) =>
        Modals.LastOrDefault(m => m.Start < index) is { } marker ? marker.Modality : InheritedModality;

    /// <summary>The clause's modality: its own first modal marker, else the inherited one.</summary>
    public Modality Modality => Modals.IsEmpty ? InheritedModality : Modals[0].Modality;

    /// <summary>Spans naming those the applicant serves (「协助客户…」「为…企业提供」): a predicate there is theirs.</summary>
    public ImmutableArray<(int Start, int End)> Served { get; init; } = [];

    /// <summary>The clause names a date after the reference date (「平台于2024年10月上线」 read on 2024-09-01).</summary>
    public bool HasFutureDate { get; init; }

    /// <summary>The dates the clause names, with their month where it gives one (「2023年1月」 is (2023, 1)).</summary>
    public ImmutableArray<(int Year, int? Month)> Dates { get; init; } = [];

    /// <summary>
    /// The clause is a form label whose value is the next clause (「上线时间：2023年1月」「注册登记机关：上海市…」): a colon
    /// follows it. Its dates and time include the value's.
    /// </summary>
    public bool IsLabel { get; init; }

    /// <summary>Refutations in the clause (「…的说法不准确」「…与事实不符」): what stands before one is said to be untrue.</summary>
    public ImmutableArray<Marker> Refutations { get; init; } = [];

    /// <summary>The statement at <paramref name="index"/> is refuted by a refutation after it in the clause.</summary>
    public bool IsRefutedAt(int index) => Refutations.Any(r => r.Start > index);

    /// <summary>
    /// Whose business the predicate at <paramref name="index"/> is: someone served when it stands in a served span,
    /// else the nearest subject before it, else the topic.
    /// </summary>
    public Subject SubjectAt(int index) => SubjectAt(index, placesAreOwn: false);

    /// <param name="index">Where the predicate stands in the clause.</param>
    /// <param name="placesAreOwn">Skip subject words named as places (<see cref="SubjectMarker.Locative"/>): the project
    /// deployed at five customers is still the applicant's.</param>
    public Subject SubjectAt(int index, bool placesAreOwn) =>
        Served.Any(r => index >= r.Start && index < r.End) ? Subject.Customer
        : Subjects.LastOrDefault(s => s.Start < index && !(placesAreOwn && s.Locative)) is { } marker ? marker.Subject
        : placesAreOwn ? Actor : Topic;

    /// <summary>The clause's topic: its first subject word outside a served span, else the one it inherits.</summary>
    public Subject Topic =>
        Subjects.FirstOrDefault(s => !Served.Any(r => s.Start >= r.Start && s.Start < r.End)) is { } own ? own.Subject : InheritedSubject;

    /// <summary>
    /// Who acts in the clause, places aside: its first subject word outside a served span and not a place, else the
    /// actor of the clause before. 「平台…，在两家合作单位开展了试点验证，…目前尚未正式投入使用」 is still the platform.
    /// </summary>
    public Subject Actor =>
        Subjects.FirstOrDefault(s => !s.Locative && !Served.Any(r => s.Start >= r.Start && s.Start < r.End)) is { } own ? own.Subject : InheritedActor;

    /// <summary>The actor of the clause before, for a clause that names none (<see cref="Actor"/>).</summary>
    public Subject InheritedActor { get; init; } = Subject.Applicant;

    /// <summary>True when the clause reports a fact rather than a plan, goal, guarantee or inability.</summary>
    public bool IsFact => Modality == Modality.Fact;
}
