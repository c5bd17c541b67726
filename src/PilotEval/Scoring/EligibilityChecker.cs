using System.Collections.Immutable;
using PilotEval.Evidence;
using PilotEval.Language;
using PilotEval.Rubrics;

namespace PilotEval.Scoring;

/// <summary>
/// Runs the knock-out checks of <c>eligibility.yaml</c> with three outcomes. Each sentence is read clause by clause
/// (<see cref="ClauseAnalyser"/>): a statement counts only when it is the applicant's own, a fact rather than a plan,
/// and not negated where it matters. Silence is never failure: a check without a decisive statement is unconfirmed,
/// and its reason names the statement the application lacks.
/// </summary>
public static class EligibilityChecker
{
    public static IEnumerable<EligibilityResult> Check(EligibilityRules rules, ClauseAnalyser analyser, CoverFields cover,
        IReadOnlyList<Sentence> sentences) =>
        rules.Checks.Select(check => Check(check, analyser, cover, sentences));

    public static EligibilityResult Check(EligibilityCheck check, ClauseAnalyser analyser, CoverFields cover, IReadOnlyList<Sentence> sentences)
    {
        var reader = new Reader(check, analyser);
        var result = check.Rule switch
        {
            EligibilityRule.Location => Location(reader, cover, sentences),
            EligibilityRule.Denial => Denial(reader, sentences),
            EligibilityRule.Operation => Operation(reader, sentences),
            _ => Patterns(reader, sentences),
        };
        // Only silence can be mended by writing something; a failure on a quoted statement is not a missing sentence.
        return result with { Ask = result.Status == EligibilityStatus.Unconfirmed ? check.Ask : null };
    }

    /// <summary>
    /// An application read only in part (OCR stopped, pages missing) is not judged against the applicant on what the
    /// unread pages may hold: an unconfirmed check says so, and a failure that a statement on those pages could have
    /// overturned (a construction note against a running system, a registration elsewhere against a Beijing licence)
    /// becomes unconfirmed. A quoted incident or penalty stands: no other page can undo it.
    /// </summary>
    public static EligibilityResult AllowForUnreadPages(EligibilityResult result, EligibilityCheck check, string unread)
    {
        var note = $"（{unread}未能读取，其中可能有相关说明，请人工核实）";
        var overturnable = check.Rule == EligibilityRule.Operation ||
                           check.Rule == EligibilityRule.Location && !check.List("licence").IsEmpty ||
                           check.Rule == EligibilityRule.Patterns && check.Precedence == Precedence.PassFirst;
        return result.Status switch
        {
            EligibilityStatus.Unconfirmed => result with { Reason = result.Reason + note },
            EligibilityStatus.Failed when overturnable =>
                result with { Status = EligibilityStatus.Unconfirmed, Reason = $"{check.FailReason}？{result.Reason}{note}", Ask = check.Ask },
            _ => result,
        };
    }

    // ---- registered-in-beijing: a place -------------------------------------------------------------------------

    private enum Place { Inside, Outside, Unknown }

    private static EligibilityResult Location(Reader reader, CoverFields cover, IReadOnlyList<Sentence> sentences)
    {
        var check = reader.Check;
        EligibilityResult? verdict = null;
        if (check.CoverField is { } label && cover.Get(label) is { } field && PlaceOf(reader, field.Value) is var place and not Place.Unknown)
        {
            verdict = Result(check, place == Place.Inside, $"{label}：{field.Value}", new Evidence.Evidence(field.Value, field.Location, check.Id));
        }

        // Otherwise the first clause that registers the applicant somewhere decisive.
        foreach (var sentence in verdict is null ? sentences : [])
        {
            var clauses = reader.Analyse(sentence.Text);
            for (var i = 0; i < clauses.Length && verdict is null; i++)
            {
                var clause = clauses[i];
                var text = reader.Masked(clause.Text);
                if (reader.First("about", text) is not { } about) continue;
                if (clause.SubjectAt(about.Start) != Subject.Applicant || !clause.IsFact || clause.IsNegatedAt(about.Start)) continue;
                // 「注册地址：北京市…」 splits at the colon: the place is the next clause.
                var segment = text[about.Start..];
                if (segment.Length == about.Word.Length && i + 1 < clauses.Length) segment += reader.Masked(clauses[i + 1].Text);
                if (reader.Last("moves", segment) is { } move) segment = segment[move.End..];
                if (PlaceOf(reader, segment) is var stated and not Place.Unknown)
                {
                    verdict = Result(check, stated == Place.Inside, sentence.Text, Quote(sentence, check));
                }
            }
            if (verdict is not null) break;
        }

        // An applicant registered elsewhere is admitted with a licence the region's administration issued.
        if (verdict is null or { Passed: false } && Licence(reader, sentences) is { } licence)
        {
            return new EligibilityResult(check.Id, check.Name, EligibilityStatus.Passed,
                $"{check.AlternativeReason}：「{Shorten(licence.Quote)}」", licence);
        }
        return verdict ?? Missing(check);
    }

    /// <summary>Inside when a place inside is named and none outside; outside when only places outside are; else unknown.</summary>
    private static Place PlaceOf(Reader reader, string text)
    {
        text = reader.Masked(text);
        var inside = reader.All("inside", text);
        var rest = Reader.Mask(text, [.. inside.Select(m => m.Word), .. reader.Check.List("notPlace"), .. reader.Check.List("ambiguous")]);
        var outside = reader.All("outside", rest);
        return (inside.Count > 0, outside.Count > 0) switch
        {
            (true, false) => Place.Inside,
            (false, true) => Place.Outside,
            _ => Place.Unknown,
        };
    }

    /// <summary>A sentence stating a licence the region's administration issued, not negated (「未取得…许可证」) and not a plan.</summary>
    private static Evidence.Evidence? Licence(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        if (reader.Check.List("licence").IsEmpty) return null;
        foreach (var sentence in sentences)
        {
            var clauses = reader.Analyse(sentence.Text);
            var issuer = clauses.Select(c => (Clause: c, Word: reader.First("licenceIssuer", c.Text))).FirstOrDefault(x => x.Word is not null);
            var licence = clauses.Select(c => (Clause: c, Word: reader.First("licence", c.Text))).FirstOrDefault(x => x.Word is not null);
            if (issuer.Word is null || licence.Word is null) continue;
            if (issuer.Clause.IsNegatedAt(issuer.Word.Start) || licence.Clause.IsNegatedAt(licence.Word.Start)) continue;
            if (!issuer.Clause.IsFact || !licence.Clause.IsFact || licence.Clause.SubjectAt(licence.Word.Start) != Subject.Applicant) continue;
            return Quote(sentence, reader.Check);
        }
        return null;
    }

    // ---- no-major-incident: a denial ---------------------------------------------------------------------------

    private static EligibilityResult Denial(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        var check = reader.Check;
        Evidence.Evidence? denial = null;
        foreach (var sentence in sentences)
        {
            var clauses = reader.Analyse(sentence.Text);
            for (var i = 0; i < clauses.Length; i++)
            {
                var clause = clauses[i];
                var text = reader.Masked(clause.Text);
                var answer = i + 1 < clauses.Length ? Answer(reader, reader.Masked(clauses[i + 1].Text)) : null;
                switch (Incident(reader, clause, text, answer))
                {
                    case false: return Result(check, false, sentence.Text, Quote(sentence, check));
                    case true: denial ??= Quote(sentence, check); break;
                }
                if (Penalty(reader, clause, text, answer) == false) return Result(check, false, sentence.Text, Quote(sentence, check));
            }
        }
        return denial is null ? Missing(check) : Result(check, true, denial.Quote, denial);
    }

    /// <summary>
    /// False when the clause reports an own event of a counted grade in the window, true when it denies events of every
    /// counted grade, null when it says neither (someone else's event, a plan, a guarantee, a grade left open).
    /// </summary>
    private static bool? Incident(Reader reader, Clause clause, string text, bool? answer)
    {
        if (reader.First("events", text) is not { } ev) return null;
        if (!clause.IsFact || clause.SubjectAt(ev.Start) != Subject.Applicant || OutsideWindow(reader, clause)) return null;
        if (reader.All("handling", text).Any(h => h.Start < ev.Start)) return null;
        var levels = reader.All("levels", text);
        var question = reader.First("question", text) is not null;
        if (question) return answer is { } yes ? (yes && levels.Count > 0 ? false : !yes && Covers(reader, levels) ? true : null) : null;
        if (clause.IsNegatedAt(ev.Start)) return Covers(reader, levels) ? true : null;
        if (levels.Count == 0) return null;
        // A table row 「近三年较大及以上数据安全事件：1起」 answers in the next clause; a sentence names the occurrence.
        if (answer is { } counted) return counted ? false : Covers(reader, levels) ? true : null;
        return reader.All("occurred", text).Any(o => o.Start < ev.Start) || Counted(text) ? false : null;
    }

    /// <summary>False when the clause reports an own penalty in the window; true when it denies one; null otherwise.</summary>
    private static bool? Penalty(Reader reader, Clause clause, string text, bool? answer)
    {
        if (reader.First("penalties", text) is not { } penalty) return null;
        if (!clause.IsFact || clause.SubjectAt(penalty.Start) != Subject.Applicant || OutsideWindow(reader, clause)) return null;
        var verb = reader.All("penalised", text).Any(p => p.Start < penalty.Start);
        if (reader.First("question", text) is not null || answer is not null && !verb && !clause.IsNegatedAt(penalty.Start))
            return answer is { } yes ? !yes : null;
        if (clause.IsNegatedAt(penalty.Start)) return true;
        return verb ? false : null;
    }

    /// <summary>A denial must leave no counted grade open: 「未发生特别重大事件」 alone says nothing of 较大.</summary>
    private static bool Covers(Reader reader, IReadOnlyList<Reader.Match> levels) =>
        levels.Count == 0 || levels.Any(l => !reader.Check.List("narrowLevels").Contains(l.Word));

    /// <summary>The answer a table gives in the clause after a question or label: yes (是、1起) or no (否、0次); null when none.</summary>
    private static bool? Answer(Reader reader, string next)
    {
        var text = next.Trim();
        // An answer is a table cell (否、1起、是（2023年…）), not a clause of its own.
        if (text.Length > 16) return null;
        if (reader.Check.List("answerNo").Any(w => text.StartsWith(w, StringComparison.Ordinal))) return false;
        if (reader.Check.List("answerYes").Any(w => text.StartsWith(w, StringComparison.Ordinal))) return true;
        return Counted(text) && text.Length < 16 ? true : null;
    }

    /// <summary>A count of one or more events (「1起」「一起」「2次」).</summary>
    private static bool Counted(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"(^|[^0-9])([1-9][0-9]*|[一二两三四五六七八九十]+)\s*[起次]");

    /// <summary>An event dated before the window (「2019年曾受到处罚」 read in 2024 against 近三年) is not counted.</summary>
    private static bool OutsideWindow(Reader reader, Clause clause) =>
        reader.Analyser.ReferenceYear is { } year && clause.Years.Length > 0 && clause.Years.All(y => y < year - reader.Check.Years);

    // ---- in-operation: the project runs ------------------------------------------------------------------------

    private static EligibilityResult Operation(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        var check = reader.Check;
        Evidence.Evidence? failure = null;
        foreach (var sentence in sentences)
        {
            var clauses = reader.Analyse(sentence.Text);
            var projectNamed = reader.First("projectNouns", sentence.Text) is not null;
            foreach (var clause in clauses)
            {
                switch (Runs(reader, clause, reader.Masked(clause.Text), projectNamed))
                {
                    case true: return Result(check, true, sentence.Text, Quote(sentence, check));
                    case false: failure ??= Quote(sentence, check); break;
                }
            }
        }
        return failure is null ? Missing(check) : Result(check, false, failure.Quote, failure);
    }

    /// <summary>
    /// True when the clause states the project runs (an operation word as past or ongoing fact); false when it states
    /// the project is under construction, has not started, or starts only in the future; null when it says neither.
    /// </summary>
    private static bool? Runs(Reader reader, Clause clause, string text, bool projectNamed)
    {
        var nextPhase = reader.First("nextPhase", text) is not null;
        var construction = reader.All("construction", text);
        var operation = reader.All("operation", Reader.Mask(text, [.. construction.Select(c => c.Word)]));
        var ownConstruction = construction.FirstOrDefault(c => clause.SubjectAt(c.Start) == Subject.Applicant && !clause.IsNegatedAt(c.Start));

        foreach (var op in operation.Where(o => clause.SubjectAt(o.Start) == Subject.Applicant && !After(text, o)))
        {
            if (clause.IsNegatedAt(op.Start)) return nextPhase ? null : false;
            if (clause.ModalityAt(op.Start) != Modality.Fact || clause.HasFutureDate)
            {
                if (reader.Check.List("start").Contains(op.Word) && !nextPhase && clause.ModalityAt(op.Start) is Modality.Plan or Modality.Fact) return false;
                continue;
            }
            if (clause.Tense is Tense.Past or Tense.Ongoing) return true;
        }
        if (ownConstruction is not null && !nextPhase) return false;
        // A planned start not listed among the operation words (「预计明年正式部署」).
        var start = reader.All("start", text).FirstOrDefault(s => clause.SubjectAt(s.Start) == Subject.Applicant && !After(text, s));
        if (start is not null && !nextPhase && !clause.IsNegatedAt(start.Start) &&
            (clause.ModalityAt(start.Start) == Modality.Plan || clause.IsFact && clause.HasFutureDate)) return false;
        // Use of the project said as past or ongoing fact (「截至目前，平台已接入数据提供方35家」).
        if (projectNamed && clause.IsFact && !clause.HasFutureDate && clause.Tense is Tense.Past or Tense.Ongoing &&
            reader.All("usage", text).Any(u => clause.SubjectAt(u.Start) == Subject.Applicant && !clause.IsNegatedAt(u.Start)))
            return true;
        return null;
    }

    /// <summary>「上线后」「部署之后」: what follows is conditional on it, not a statement that it happened (「以来」 is).</summary>
    private static bool After(string text, Reader.Match match) =>
        match.End < text.Length && text[match.End] == '后' || text.AsSpan(match.End).StartsWith("之后", StringComparison.Ordinal);

    // ---- checks a regulator writes as regular expressions ---------------------------------------------------------

    private static EligibilityResult Patterns(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        var check = reader.Check;
        Evidence.Evidence? pass = null, fail = null;
        foreach (var sentence in sentences.Where(s => check.About!.IsMatch(s.Text)))
        {
            foreach (var clause in reader.Analyse(sentence.Text))
            {
                var text = reader.Masked(clause.Text);
                if (check.Fail.Select(p => p.Match(text)).FirstOrDefault(m => m.Success) is { } f && !clause.IsNegatedAt(f.Index) && clause.SubjectAt(f.Index) == Subject.Applicant)
                    fail ??= Quote(sentence, check);
                else if (check.Pass.Select(p => p.Match(text)).FirstOrDefault(m => m.Success) is { } p && clause.IsFact && clause.SubjectAt(p.Index) == Subject.Applicant)
                    pass ??= Quote(sentence, check);
            }
        }
        return (check.Precedence, pass, fail) switch
        {
            (Precedence.FailFirst, _, { } f) => Result(check, false, f.Quote, f),
            (_, { } p, _) => Result(check, true, p.Quote, p),
            (_, null, { } f) => Result(check, false, f.Quote, f),
            _ => Missing(check),
        };
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private static Evidence.Evidence Quote(Sentence sentence, EligibilityCheck check) =>
        new(sentence.Text, sentence.Block.Location, check.Id);

    private static EligibilityResult Result(EligibilityCheck check, bool passed, string statement, Evidence.Evidence quote) =>
        new(check.Id, check.Name, passed ? EligibilityStatus.Passed : EligibilityStatus.Failed,
            $"{(passed ? check.PassReason : check.FailReason)}：「{Shorten(statement)}」", quote);

    private static EligibilityResult Missing(EligibilityCheck check) =>
        new(check.Id, check.Name, EligibilityStatus.Unconfirmed, check.MissingReason, null);

    private static string Shorten(string text) => Documents.TextNormalizer.Shorten(text, 80);

    /// <summary>The check's words, found in clause text with the check's <c>ignore</c> phrases masked.</summary>
    private sealed class Reader(EligibilityCheck check, ClauseAnalyser analyser)
    {
        public sealed record Match(string Word, int Start)
        {
            public int End => Start + Word.Length;
        }

        private readonly Dictionary<string, ImmutableArray<Clause>> clauses = new(StringComparer.Ordinal);

        public EligibilityCheck Check => check;

        public ClauseAnalyser Analyser => analyser;

        public ImmutableArray<Clause> Analyse(string sentence)
        {
            if (!clauses.TryGetValue(sentence, out var result)) clauses[sentence] = result = analyser.Analyse(sentence);
            return result;
        }

        public string Masked(string text) => Mask(text, check.List("ignore"));

        /// <summary>The words replaced by a character no list contains, so offsets keep pointing into the clause.</summary>
        public static string Mask(string text, IEnumerable<string> words)
        {
            foreach (var word in words.OrderByDescending(w => w.Length))
            {
                if (word.Length > 0) text = text.Replace(word, new string('\u3000', word.Length), StringComparison.Ordinal);
            }
            return text;
        }

        /// <summary>Every occurrence of the list's words, longest first, never overlapping, in text order.</summary>
        public List<Match> All(string list, string text) =>
            [.. ClauseAnalyser.Find(text, check.List(list).Select(w => (w, true)), []).Select(m => new Match(m.Word, m.Start))];

        public Match? First(string list, string text) => All(list, text).FirstOrDefault();

        public Match? Last(string list, string text) => All(list, text).LastOrDefault();
    }
}
