using System.Collections.Immutable;
using System.Globalization;
using PilotEval.Rubrics;

namespace PilotEval.Evidence;

/// <summary>Finds the sentences that satisfy each signal of a criterion, and says why each one counted.</summary>
public static class SignalMatcher
{
    /// <summary>Quotes kept per signal: enough for a panel to check, few enough to read.</summary>
    public const int MaxQuotesPerSignal = 3;

    public static CriterionEvidence Match(Criterion criterion, IReadOnlyList<Sentence> sentences) =>
        Match(criterion, sentences, criterion.NegativeSignals ?? NegativeSignals.None, SectionMap.Empty);

    /// <param name="negative">The rubric's discounts for plans and slogans (a criterion's own override them).</param>
    /// <param name="sections">Where each quote stands in the application, for the panel.</param>
    public static CriterionEvidence Match(Criterion criterion, IReadOnlyList<Sentence> sentences,
        NegativeSignals negative, SectionMap sections) =>
        Match(criterion, SentenceReading.Of(sentences, Language.EvidenceLexicon.Default), negative, sections, Language.EvidenceLexicon.Default);

    /// <param name="readings">The sentences as read once with the run's lexicon.</param>
    public static CriterionEvidence Match(Criterion criterion, IReadOnlyList<SentenceReading> readings,
        NegativeSignals negative, SectionMap sections, Language.EvidenceLexicon lexicon)
    {
        negative = criterion.NegativeSignals ?? negative;
        var signals = ImmutableArray.CreateBuilder<SignalEvidence>();
        var nearMisses = ImmutableArray.CreateBuilder<NearMiss>();
        foreach (var signal in criterion.Signals)
        {
            var items = readings
                .Select(r => (Reading: r, Hit: Hit(signal, r, lexicon, negative)))
                .Where(m => m.Hit is not null)
                .Select(m => Quote(signal, m.Reading, m.Hit!, negative, sections))
                // Achieved, specific results first: they are what earns full points.
                .OrderBy(e => e.IsSubstantive ? 0 : 1)
                .Take(MaxQuotesPerSignal)
                .ToImmutableArray();
            if (!items.IsEmpty)
            {
                signals.Add(new SignalEvidence(signal.Id, items));
            }
            else if (readings.Select(r => (r, Shortfall(signal, r, lexicon))).FirstOrDefault(m => m.Item2 is not null) is { Item2: { } shortfall } miss)
            {
                nearMisses.Add(new NearMiss(signal.Id, shortfall, miss.r.Sentence.Block.Location));
            }
        }
        return new CriterionEvidence(criterion.Id, signals.ToImmutable()) { NearMisses = nearMisses.ToImmutable() };
    }

    /// <summary>Why a sentence satisfied a signal, and whether what satisfied it is a plan.</summary>
    /// <param name="Plan">The part of the sentence that satisfied the signal is governed by a plan or goal marker.</param>
    private sealed record SignalHit(string Why, bool Plan);

    private static Evidence Quote(Signal signal, SentenceReading reading, SignalHit hit, NegativeSignals negative, SectionMap sections)
    {
        var plan = hit.Plan;
        var slogan = !plan && negative.IsSlogan(reading.Text);
        var why = hit.Why;
        var change = reading.Changes.FirstOrDefault();
        if (change is not null && signal.Kind != SignalKind.Change) why += $"；{Describe(change)}";
        return new Evidence(reading.Text, reading.Sentence.Block.Location, signal.Id, plan, slogan)
        {
            Section = sections.PathOf(reading.Sentence.Block.Location),
            Kind = RubricLoader.KindName(signal.Kind),
            Why = why,
            Credit = plan || slogan ? negative.Share : 1,
        };
    }

    public static bool Satisfies(Signal signal, string sentence) => Test(signal, sentence) is not null;

    public static bool Satisfies(Signal signal, SentenceReading reading, Language.EvidenceLexicon lexicon) =>
        Hit(signal, reading, lexicon, NegativeSignals.None) is not null;

    /// <summary>Why the sentence satisfies the signal, in plain Chinese; null when it does not.</summary>
    public static string? Test(Signal signal, string sentence) =>
        Hit(signal, SentenceReading.Of(sentence, Language.EvidenceLexicon.Default), Language.EvidenceLexicon.Default, NegativeSignals.None)?.Why;

    /// <summary>Why the reading satisfies the signal, in plain Chinese; null when it does not.</summary>
    public static string? Test(Signal signal, SentenceReading reading, Language.EvidenceLexicon lexicon) =>
        Hit(signal, reading, lexicon, NegativeSignals.None)?.Why;

    /// <summary>
    /// Keywords (with their synonyms, outside names) in the sentence — or, for a quantity signal, in the sentence before it
    /// in the same paragraph —, the pattern, a quantity within bounds that is not a baseline, a before/after pair, a
    /// credential. Where the proof stands decides whether it is a plan: a plan marker governs its clause, not the sentence.
    /// </summary>
    private static SignalHit? Hit(Signal signal, SentenceReading reading, Language.EvidenceLexicon lexicon, NegativeSignals negative)
    {
        var reasons = new List<string>();
        var anchors = new List<int>();
        var sentence = reading.Text;
        if (!signal.Keywords.IsEmpty)
        {
            var found = KeywordHits(signal, reading.Words, lexicon);
            if (found.Count > 0)
            {
                reasons.Add($"含“{found[0].Word}”");
                anchors.AddRange(found.Select(f => f.Index));
            }
            else if (signal.Quantity is { Min: not null } or { Max: not null } && reading.Previous is { } previous &&
                     KeywordHits(signal, previous.Words, lexicon) is [var (word, _), ..])
            {
                // 「开设数据安全管理员培训班。全年累计达3,200人次。」: the number belongs to the subject named just before.
                // Only a bounded rule borrows: its unit and threshold say the number is of the right kind, where an
                // unbounded one would take any 「一个」 after a sentence that mentions 采用.
                reasons.Add($"上一句含“{word}”");
            }
            else return null;
        }
        if (signal.Pattern is not null)
        {
            var match = signal.Pattern.Match(reading.Words);
            if (!match.Success) return null;
            if (signal.Keywords.IsEmpty)
            {
                reasons.Add($"含“{match.Value}”");
                anchors.Add(match.Index);
            }
        }
        if (signal.Quantity is { } rule && signal.Kind != SignalKind.Change)
        {
            var candidates = reading.Quantities.Where(q => q.Role != QuantityRole.Baseline && Within(rule, q, lexicon.Units)).ToList();
            // An achieved number before a goal: 「已培训3200人次，目标为5000人次」 proves 3200.
            var quantity = candidates.FirstOrDefault(q => q.Role == QuantityRole.Achieved && !negative.IsPlanAt(sentence, q.Index))
                           ?? candidates.FirstOrDefault();
            if (quantity is null) return null;
            reasons.Add(Describe(rule, quantity, lexicon.Units));
            anchors.Clear();
            anchors.Add(quantity.Index);
            if (quantity.Role == QuantityRole.Target) return new SignalHit(string.Join("；", reasons), Plan: true);
        }
        if (signal.Kind == SignalKind.Change)
        {
            var change = reading.Changes.FirstOrDefault(c => signal.Quantity is null || Within(signal.Quantity, c.After, lexicon.Units));
            if (change is null) return null;
            reasons.Add(Describe(change));
            anchors.Clear();
            anchors.Add(change.After.Index);
        }
        if (signal.Credential is { } credential)
        {
            var found = CredentialMatch(signal.Kind, credential, reading.Credentials(lexicon));
            if (found is null) return null;
            reasons.Add(found);
        }
        var plan = anchors.Count == 0 ? negative.IsPlan(sentence) : anchors.All(a => negative.IsPlanAt(sentence, a));
        return new SignalHit(string.Join("；", reasons), plan);
    }

    /// <summary>
    /// Where the signal's keywords or their synonyms stand in the words (names blanked), earliest first (a tie in the
    /// order of <see cref="SearchWords"/>).
    /// </summary>
    private static IReadOnlyList<(string Word, int Index)> KeywordHits(Signal signal, string words, Language.EvidenceLexicon lexicon)
    {
        List<(string Word, int Index)>? hits = null;
        foreach (var (word, comparison) in SearchWords(signal, lexicon))
        {
            var index = words.IndexOf(word, comparison);
            if (index >= 0) (hits ??= []).Add((word, index));
        }
        if (hits is null) return [];
        // A stable sort, as OrderBy: two words found at the same place keep their order.
        return hits.Count == 1 ? hits : [.. hits.OrderBy(h => h.Index)];
    }

    private sealed record SearchList(Language.EvidenceLexicon Lexicon, (string Word, StringComparison Comparison)[] Words);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Signal, SearchList> Searches = [];

    /// <summary>
    /// Every keyword of the signal followed by its synonyms (each keyword's group without repeats), worked out once per
    /// signal rather than for every sentence. A word of Chinese characters, CJK punctuation and digits only has no case,
    /// and no other character folds to one of its own, so it is looked for ordinally: the same answer as ignoring case,
    /// without case-folding every sentence.
    /// </summary>
    private static (string Word, StringComparison Comparison)[] SearchWords(Signal signal, Language.EvidenceLexicon lexicon)
    {
        if (Searches.TryGetValue(signal, out var kept) && ReferenceEquals(kept.Lexicon, lexicon)) return kept.Words;
        var words = signal.Keywords
            .SelectMany(k => lexicon.WordsFor(k).Prepend(k).Distinct())
            .Select(w => (w, w.All(Caseless) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            .ToArray();
        Searches.AddOrUpdate(signal, new SearchList(lexicon, words));
        return words;
    }

    /// <summary>CJK ideographs (not the fullwidth forms, whose Latin letters have case), CJK punctuation, ASCII digits.</summary>
    private static bool Caseless(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or >= '\u3000' and <= '\u303F' ||
        char.IsAsciiDigit(c);

    /// <summary>Credentials of the signal's kind that the rule accepts, described; null when none qualifies.</summary>
    private static string? CredentialMatch(SignalKind kind, CredentialRule rule, IReadOnlyList<Credential> stated)
    {
        var accepted = stated.Where(c => Qualifies(kind, rule, c)).ToList();
        if (accepted.Count == 0) return null;
        if (rule.MinCount is { } min)
        {
            // 「发明专利授权3项、受理2项」 holds 3 granted patents; a stated mention without a number is one.
            var count = accepted.Sum(c => c.Count ?? 1);
            if (count < min) return null;
            return $"{string.Join("、", accepted.Select(c => c.Describe()))}，合计 {count} 项 ≥ {min} 项";
        }
        return string.Join("、", accepted.Select(c => c.Describe()).Distinct());
    }

    private static bool Qualifies(SignalKind kind, CredentialRule rule, Credential c)
    {
        var expected = kind switch
        {
            SignalKind.Certification => CredentialKind.Certification,
            SignalKind.Standard => CredentialKind.Standard,
            SignalKind.Patent => CredentialKind.Patent,
            _ => CredentialKind.SoftwareCopyright,
        };
        if (c.Kind != expected) return false;
        if (rule.GrantedOnly && c.Pending) return false;
        if (rule.DraftedOnly && !c.Drafted) return false;
        if (rule.Accept.IsEmpty) return true;
        return c.Kind switch
        {
            CredentialKind.Certification => rule.Accept.Any(a => a.Name == c.Scheme && (a.MinLevel is null || c.Level >= a.MinLevel)),
            CredentialKind.Standard => rule.Accept.Any(a => c.Scheme.StartsWith(a.Name, StringComparison.OrdinalIgnoreCase) || c.Scheme == a.Name),
            _ => rule.Accept.Any(a => a.Name == "专利" || a.Name == c.Scheme),
        };
    }

    /// <summary>
    /// What a sentence about the signal's subject lacks: a number below the bound, a certificate below the level,
    /// patents that are only pending. Null when the sentence is not about the subject or nothing is measurable.
    /// </summary>
    public static string? Shortfall(Signal signal, string sentence) =>
        Shortfall(signal, SentenceReading.Of(sentence, Language.EvidenceLexicon.Default), Language.EvidenceLexicon.Default);

    public static string? Shortfall(Signal signal, SentenceReading reading, Language.EvidenceLexicon lexicon)
    {
        if (!signal.Keywords.IsEmpty && KeywordHits(signal, reading.Words, lexicon).Count == 0) return null;
        if (signal.Pattern is not null && !signal.Pattern.IsMatch(reading.Words)) return null;
        var units = lexicon.Units;
        if (signal.Quantity is { } rule && (rule.Min is not null || rule.Max is not null))
        {
            // Only a number of the measure the rule asks for, and never the situation before the project.
            var sameDimension = reading.Quantities
                .FirstOrDefault(q => q.Role != QuantityRole.Baseline && BoundUnit(rule, q, units) is not null && (rule.Units.Contains(q.Unit) || q.Dimension != "items"));
            if (sameDimension is not null && !Within(rule, sameDimension, units))
                return $"申报书写明“{sameDimension.Text}”{Converted(rule, sameDimension, units)}，{Bound(rule, sameDimension, units)}";
        }
        if (signal.Credential is { } credential)
        {
            var loose = credential with { GrantedOnly = false, DraftedOnly = false, MinCount = null, Accept = [.. credential.Accept.Select(a => a with { MinLevel = null })] };
            var near = reading.Credentials(lexicon).Where(c => Qualifies(signal.Kind, loose, c)).ToList();
            if (near.Count > 0) return $"申报书写明“{string.Join("、", near.Select(c => c.Describe()).Distinct())}”，未达到要求";
        }
        return null;
    }

    /// <summary>The unit a bound is read in for this quantity: the rule's first unit of the quantity's dimension.</summary>
    private static string? BoundUnit(QuantityRule rule, Quantity quantity, UnitTable units) =>
        rule.Units.FirstOrDefault(u => units.Dimension(u) == quantity.Dimension);

    /// <summary>
    /// The quantity is of a unit the rule accepts and within its bounds. Without bounds the units say what kind of number to
    /// look for: the listed ones, or any of an interchangeable dimension (money, data, percent). With bounds, units of
    /// the same dimension convert (35 分钟 meets ≤ 60 分钟, 1.5PB meets ≥ 100 TB), except counters of things (个 is not 款).
    /// Bounds are read in the rule's first unit of the quantity's dimension and compared in base units; a range is judged
    /// by its unfavourable end: 「10至20家」 is not proof of ≥ 15 家.
    /// </summary>
    private static bool Within(QuantityRule rule, Quantity quantity, UnitTable units)
    {
        if (BoundUnit(rule, quantity, units) is not { } unit) return false;
        var bounded = rule.Min is not null || rule.Max is not null;
        var accepted = rule.Units.Contains(quantity.Unit) ||
                       units.DimensionOf(quantity.Unit)?.Interchangeable == true ||
                       bounded && quantity.Dimension != "items";
        if (!accepted) return false;
        var factor = units.Factor(unit);
        if (rule.Min is { } min && quantity.BaseValue < min * factor) return false;
        if (rule.Max is { } max && quantity.BaseUpTo > max * factor) return false;
        return true;
    }

    private static string Describe(QuantityRule rule, Quantity quantity, UnitTable units)
    {
        var what = quantity.Measure is null ? $"“{quantity.Text}”" : $"“{quantity.Text}”（{quantity.Measure}）";
        return rule.Min is null && rule.Max is null
            ? $"写明{what}"
            : $"{what}{Converted(rule, quantity, units)}{Satisfied(rule, quantity, units)}";
    }

    /// <summary>「，折合 180 分钟」 when the quantity is written in another unit than the bound.</summary>
    private static string Converted(QuantityRule rule, Quantity quantity, UnitTable units)
    {
        // 「450名」 against 100 人 needs no conversion; 「3小时」 against 60 分钟 does.
        if (BoundUnit(rule, quantity, units) is not { } unit || units.Factor(unit) == units.Factor(quantity.Unit)) return "";
        var value = quantity.BaseValue / units.Factor(unit);
        return $"，折合 {Format(value)} {unit}";
    }

    private static string Satisfied(QuantityRule rule, Quantity quantity, UnitTable units)
    {
        var unit = BoundUnit(rule, quantity, units) ?? rule.Units[0];
        return (rule.Min, rule.Max) switch
        {
            ({ } min, { } max) => $"，在 {Format(min)}–{Format(max)} {unit} 之间",
            ({ } min, null) => $" ≥ {Format(min)} {unit}",
            (null, { } max) => $" ≤ {Format(max)} {unit}",
            _ => "",
        };
    }

    private static string Bound(QuantityRule rule, Quantity quantity, UnitTable units)
    {
        var unit = BoundUnit(rule, quantity, units) ?? rule.Units[0];
        return (rule.Min, rule.Max) switch
        {
            ({ } min, { } max) => $"不在要求的 {Format(min)}–{Format(max)} {unit} 之间",
            ({ } min, null) => $"未达到 {Format(min)} {unit}",
            (null, { } max) => $"超过要求的 {Format(max)} {unit}",
            _ => "",
        };
    }

    public static string Describe(BeforeAfter change) =>
        change.Change is { } ratio
            ? $"{change.Before.Text} → {change.After.Text}（{(ratio < 0 ? "下降" : "提高")} {Math.Abs(ratio) * 100:0.#}%）"
            : $"{change.Before.Text} → {change.After.Text}";

    private static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
}
