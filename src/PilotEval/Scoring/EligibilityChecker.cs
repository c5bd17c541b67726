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
public static partial class EligibilityChecker
{
    public static IEnumerable<EligibilityResult> Check(EligibilityRules rules, ClauseAnalyser analyser, CoverFields cover,
        IReadOnlyList<Sentence> sentences) =>
        rules.Checks.Select(check => Check(check, analyser, cover, sentences));

    public static EligibilityResult Check(EligibilityCheck check, ClauseAnalyser analyser, CoverFields cover, IReadOnlyList<Sentence> sentences)
    {
        var reader = new Reader(check, analyser);
        // 「承诺书（模板）：…（请根据实际情况填写）」「本单位近三年______发生…」: a template or a blank states nothing, for any check.
        sentences = [.. sentences.Where(s => !analyser.IsTemplate(s.Text))];
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
        if (check.CoverField is { } label && cover.Get(label) is { } field && PlaceOf(reader, FieldValue(field.Value)) is var place and not Place.Unknown)
        {
            verdict = Result(check, place == Place.Inside, $"{label}：{field.Value}", new Evidence.Evidence(field.Value, field.Location, check.Id));
        }

        // Otherwise the first clause that registers the applicant somewhere decisive; a move the same sentence reports
        // as done afterwards (「原注册于北京市海淀区，2022年已整体迁址至成都市」) has the last word.
        foreach (var sentence in verdict is null ? sentences : [])
        {
            var clauses = reader.Analyse(sentence.Text);
            // 「本单位…北京数据服务分公司，属于分支机构，…，集团公司注册于湖南省长沙市」: a branch is registered where its head
            // office is, which a later clause names.
            var branchSentence = verdict is null && Branch(reader, [sentence]) is not null;
            for (var i = 0; i < clauses.Length && verdict is null; i++)
            {
                if (Registered(reader, clauses, i) is not { } stated) continue;
                for (var j = i + 1; j < clauses.Length; j++)
                {
                    if (MovedTo(reader, clauses[j]) is { } moved) stated = moved;
                    // 「…，2024年已整体迁出，现注册地为海南省海口市」「集团总部注册在北京，但本次申报主体为其在成都注册的全资子公司」:
                    // a later clause saying where the applicant is registered now, or after a contrast naming the applicant,
                    // has the last word.
                    var later = reader.Masked(clauses[j].Text);
                    var opening = reader.Analyser.WithoutContrast(later);
                    // (A move is MovedTo's: 「目前正在研究将注册地迁入北京的可行性」 states none.)
                    // 「…，2025年已注销北京主体并在天津重新注册」: so does one that registers the company again (`relocations`).
                    if ((StartsWithAny(reader, "now", opening) || opening.Length < later.Length && clauses[j].Subjects.Any(s => s.Subject == Subject.Applicant) || branchSentence ||
                         reader.First("relocations", later) is not null && !clauses[j].IsNegatedAt(reader.First("relocations", later)!.Start) && clauses[j].IsFact) &&
                        reader.First("moves", later) is null &&
                        Registered(reader, clauses, j) is { } restated) stated = restated;
                }
                verdict = Result(check, stated == Place.Inside, sentence.Text, Quote(sentence, check));
            }
            if (verdict is not null) break;
        }

        // A branch, or no legal person of its own, when no registration is stated.
        if (verdict is null && Branch(reader, sentences) is { } branch) verdict = Result(check, false, branch.Quote, branch);

        // An applicant registered elsewhere is admitted with a licence the region's administration issued.
        if (verdict is null or { Passed: false } && Licence(reader, sentences) is { } licence)
        {
            return new EligibilityResult(check.Id, check.Name, EligibilityStatus.Passed,
                $"{check.AlternativeReason}：「{Shorten(licence.Quote)}」", licence);
        }
        return verdict ?? Missing(check);
    }

    /// <summary>
    /// A cover value up to a wide gap: a form line with several fields (「注 册 地：南京市江宁区　　办 公 地：北京市海淀区」)
    /// gives the label only the text before the next field.
    /// </summary>
    private static string FieldValue(string value) => WideGap().Split(value.Trim(), 2)[0];

    [System.Text.RegularExpressions.GeneratedRegex(@"\s{2,}")]
    private static partial System.Text.RegularExpressions.Regex WideGap();

    [System.Text.RegularExpressions.GeneratedRegex(@"[（(][^（()）]*[）)]")]
    private static partial System.Text.RegularExpressions.Regex Bracketed();

    [System.Text.RegularExpressions.GeneratedRegex(@"[（(][省市区县、/／\s]+[）)]")]
    private static partial System.Text.RegularExpressions.Regex FormHint();

    /// <summary>
    /// Where clause <paramref name="i"/> says the applicant is registered, or null when it says nothing decisive: the
    /// place after the registration word (「注册地址：北京市…」, read into the next clause when the colon split it),
    /// else before it (「于2016年在北京市丰台区市场监督管理局登记注册」), else after a move the clause reports.
    /// A former registration (「原注册于…」) is history, not where the applicant is registered.
    /// </summary>
    private static Place? Registered(Reader reader, ImmutableArray<Clause> clauses, int i)
    {
        var clause = clauses[i];
        var text = reader.Masked(clause.Text);
        // 「注册地是否在北京：否」: a form's question, read with its answer; 「无论注册地是否在北京」 has none and states nothing.
        if (reader.Analyser.IsQuestion(text) && reader.First("about", text) is not null)
        {
            // 「廊坊市广阳区　是否在京注册：否」: the question is the last cell of a row spaced into cells.
            var asked = PlaceOf(reader, text[(text.TrimEnd().LastIndexOf('\u3000') + 1)..]);
            var answer = i + 1 < clauses.Length ? reader.Analyser.Answer(reader.Masked(clauses[i + 1].Text)) : null;
            return (asked, answer) switch
            {
                (Place.Inside, true) => Place.Inside,
                (Place.Inside, false) => Place.Outside,
                (Place.Outside, true) => Place.Outside,
                _ => null,
            };
        }
        // 「不符合在北京注册的条件」: a registration in Beijing said not to be met.
        if (Unmet(reader, clause) is { } unmet && reader.First("about", unmet.Text) is not null)
            return PlaceOf(reader, unmet.Text) == Place.Inside ? Place.Outside : null;
        if (reader.First("about", text) is not { } about)
        {
            // 「…注册于北京市海淀区，2022年已整体迁址至成都市」: a move said of the registration the sentence names, or of the
            // company itself (「我司于2023年6月由北京市朝阳区迁址至河北省廊坊市」).
            // 「公司正在办理由河北省迁入北京市的工商变更手续」: a move under way from a place named after 由 leaves the applicant there.
            if (MoveUnderway(reader, text) is { } underway && clause.SubjectAt(underway.Start) == Subject.Applicant &&
                !clause.IsNegatedAt(underway.Start) && text.LastIndexOf('由', underway.Start) is var origin and >= 0 &&
                PlaceOf(reader, text[(origin + 1)..underway.Start]) is var left and not Place.Unknown) return left;
            return clauses.Any(c => reader.First("about", reader.Masked(c.Text)) is not null) || reader.First("relocations", text) is not null ? MovedTo(reader, clause) : null;
        }
        // 「拟于2026年下半年将注册地由河北省保定市迁至北京」: a move to come leaves the registration where it comes from.
        if (clause.SubjectAt(about.Start) == Subject.Applicant && reader.Last("moves", text) is { } planned && !clause.IsNegatedAt(planned.Start) &&
            // (a plan marker or a date to come: 「迁至北京市昌平区未来科学城」 has 未来 in a place's name, not a plan).
            (clause.ModalityAt(planned.Start) is Modality.Plan or Modality.Goal || clause.HasFutureDate) && text.LastIndexOf('由', planned.Start) is var from and >= 0 &&
            PlaceOf(reader, text[(from + 1)..planned.Start]) is var origin2 and not Place.Unknown)
            return origin2;
        // 「公司拟迁入北京但目前注册地仍为内蒙古呼和浩特市」: what follows a contrast is stated of its own.
        var contrastAt = text.IndexOf('但');
        var asserted = contrastAt >= 0 && contrastAt < about.Start && !clause.Modals.Any(m => m.Start > contrastAt) || clause.IsFact;
        // 「变更完成后注册地将为北京市通州区」: the registration after a condition to come.
        if (clause.Years.IsEmpty && text[..about.Start].TrimEnd() is var conditionedOn && conditionedOn.EndsWith('后') && reader.Analyser.IsConditionClause(conditionedOn)) return null;
        // 「以注册于郑州的母公司名义申报」: the party described is the applicant.
        var appliesAs = AppliesAs(reader, clauses, clause);
        if (clause.SubjectAt(about.Start) != Subject.Applicant && !appliesAs || !asserted || Describes(reader, clause, text, about) && !appliesAs) return null;
        // 「湖南省长沙市（注册）／北京市（研发）」: a registration word in brackets labels the place right before it.
        if (about.Start > 0 && text[about.Start - 1] is '（' or '(' && text.AsSpan(about.End).TrimStart() is ['）' or ')', ..] &&
            PlaceOf(reader, ListItem().Split(text[..(about.Start - 1)])[^1]) is var labelled and not Place.Unknown) return labelled;
        var before = text[..about.Start].TrimEnd();
        // 「本公司在北京市设立的分公司于2020年取得营业执照」: a branch's registration, not the applicant's.
        // 「某某股份有限公司北京分公司（总公司注册于福建省福州市）」: the head office's, named after the branch, is the applicant's.
        if (reader.Last("branch", before) is { } branchOf && reader.First("copula", before[..branchOf.Start]) is null &&
            reader.First("headOffice", before[branchOf.End..]) is null) return null;
        // 「原注册于…」「公司曾于2018年在北京注册」: a former registration, however it is dated.
        if (reader.Check.List("former").Any(w => before.EndsWith(w, StringComparison.Ordinal) || before.Contains(w + "于", StringComparison.Ordinal) ||
                                                before.Contains(w + "在", StringComparison.Ordinal) || before.Contains(w + "为", StringComparison.Ordinal)) &&
            reader.First("moves", text) is null) return null;
        // 「正在办理由河北省迁入北京市的注册地变更手续」: a move under way leaves the registration where it is — the place
        // before the move word, wherever the registration word stands.
        // 「正在办理将注册地迁入北京市…的相关手续」: with no place before it, the clause says nothing of where it is.
        if (MoveUnderway(reader, text) is { } pendingMove)
            return PlaceOf(reader, text[..pendingMove.Start]) is var origin and not Place.Unknown ? origin : null;
        // 「我单位是在天津注册、在北京运营的互联网企业」: the place right before the registration word, after 在.
        if (before.LastIndexOf('在') is var locative and >= 0 && before.Length - locative <= 14 && !before.AsSpan(locative).ContainsAny(['，', '、', '；', ',']) &&
            PlaceOf(reader, before[(locative + 1)..]) is var placed and not Place.Unknown && reader.First("moves", text) is null && !clause.IsNegatedAt(about.Start))
            return placed;
        var segment = text[about.Start..];
        // 「注册登记机关：上海市市场监督管理局」「注册地（省、市、区）：北京」: a label reads its value in the next clause.
        // 「注册地，陕西省西安市高新区」: a clause that is the label alone reads its value in the next clause too; so does
        // one the next clause goes on with (「注册地未变更，仍为浙江省宁波市鄞州区」).
        if ((clause.IsLabel || text.Trim() == about.Word || i + 1 < clauses.Length && StartsWithAny(reader, "still", clauses[i + 1].Text)) &&
            i + 1 < clauses.Length && PlaceOf(reader, segment) == Place.Unknown) segment += reader.Masked(clauses[i + 1].Text);
        if (reader.Last("moves", segment) is { } move)
        {
            // 「注册地址正在办理由天津迁往北京的变更登记手续」: a move under way leaves the registration where it is.
            var underway = reader.First("pending", segment[..move.Start]) is not null || clause.Tense == Tense.Future || !clause.IsFact;
            segment = underway ? segment[..move.Start] : segment[move.End..];
        }
        // 「注册地址变更申请已于2026年5月向北京市海淀区市场监督管理局提交」: an application names the authority, not the registration.
        if (reader.Last("moves", segment) is null && FirstPlace(reader, segment) is { } placeAt && reader.First("pending", segment[..placeAt]) is not null) return null;
        // 「注册在深圳前海、以北京为第二总部」: the place the registration word names before a list's next item.
        var stated = segment.IndexOf('、') is var item and > 0 && PlaceOf(reader, segment[..item]) is var first and not Place.Unknown ? first : PlaceOf(reader, segment);
        // 「注册所在地：成都市高新区（北京运营中心位于朝阳区望京）」: a note in brackets is not the registration.
        if (stated == Place.Unknown) stated = PlaceOf(reader, Bracketed().Replace(segment, m => new string('\u3000', m.Length)));
        if (stated == Place.Unknown) stated = AddressPlace(reader, segment);
        // 「于2025年完成由河北雄安新区迁入北京市通州区的注册变更」: a move done, before the registration word.
        if (stated == Place.Unknown && clause.Tense == Tense.Past && reader.Last("moves", text[..about.Start]) is { } done && !clause.IsNegatedAt(done.Start))
            stated = PlaceOf(reader, text[done.End..about.Start]);
        if (stated == Place.Unknown && reader.Last("moves", text) is null) stated = PlaceOf(reader, text[..about.Start]);
        // 「注册地不在北京」「不是在北京注册的企业」 deny the place: registered elsewhere. Denying a place outside says
        // nothing. Only a negator before the place counts: 「注册地址：北京市海淀区…（非居民住宅）」 denies something else.
        // 「注册地不在外省市，而在北京市通州区」: what a contrast after the denial names is where it is.
        if (stated == Place.Unknown && FirstPlace(reader, text) is { } denied && clause.IsNegatedAt(denied) && text.IndexOf('而', denied) is var but and > 0 &&
            PlaceOf(reader, text[(but + 1)..]) is var contrasted and not Place.Unknown) return contrasted;
        if (stated != Place.Unknown && FirstPlace(reader, text) is { } at && clause.IsNegatedAt(at))
        {
            // 「注册地虽不在海淀区而在北京市大兴区」「注册地不在外省市，而在北京市通州区」: the place after 而 is where it is.
            if (text.IndexOf('而', at) is var contrast and > 0 && PlaceOf(reader, text[(contrast + 1)..]) is var instead and not Place.Unknown) return instead;
            if (i + 1 < clauses.Length && clauses[i + 1].Text.StartsWith('而') && PlaceOf(reader, clauses[i + 1].Text[1..]) is var next and not Place.Unknown) return next;
            // 「未在北京以外地区注册」: denying a place outside Beijing says nothing against it.
            return reader.All("inside", text).Any(m => m.Start == at && !StartsWithAny(reader, "except", text[m.End..])) ? Place.Outside : null;
        }
        // 「申报单位在北京无注册实体」: the registration itself denied at a place inside.
        if (stated == Place.Inside && clause.IsNegatedAt(about.Start)) return Place.Outside;
        // 「公司注册地为北京市的说法不准确」: the place is said to be wrong.
        if (clause.IsRefutedAt(about.Start)) return stated == Place.Inside ? Place.Outside : null;
        return stated == Place.Unknown ? null : stated;
    }

    /// <summary>
    /// The clause names a party the sentence says the application is made as (「以注册于郑州的母公司名义申报」「本次申报主体为
    /// 母公司，母公司注册地为…」): what it says of that party it says of the applicant.
    /// </summary>
    private static bool AppliesAs(Reader reader, ImmutableArray<Clause> clauses, Clause clause)
    {
        var sentence = string.Concat(clauses.Select(c => c.Text + "，"));
        return clause.Subjects.Any(s => s.Subject != Subject.Applicant &&
            (reader.Check.List("inNameOf").Any(n => sentence.Contains(s.Word + n, StringComparison.Ordinal)) ||
             reader.Check.List("applicantIs").Any(a => sentence.Contains(a + s.Word, StringComparison.Ordinal))));
    }

    /// <summary>
    /// A sentence saying the applicant is a branch (「本单位为杭州某科技有限公司北京分公司」: the applicant, a copula, a
    /// branch word) or is no independent legal person (「不具有独立法人资格」); null when none does.
    /// 「本公司在上海设有分公司」 and 「为北京分公司提供服务」 are not.
    /// </summary>
    private static Evidence.Evidence? Branch(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        foreach (var sentence in sentences)
        {
            foreach (var clause in reader.Analyse(sentence.Text))
            {
                var text = reader.Masked(clause.Text);
                // 「无论在注册地还是在各地分支机构」: alternatives conceded (and 是 of 还是 is no copula).
                if (!clause.IsFact || reader.All("regardless", text).Count > 0) continue;
                var copulas = reader.All("copula", text);
                // (「本项目主要联系人为公司北京办事处负责人」: the branch word must end what the copula says, not qualify a noun.)
                var isBranch = reader.All("branch", text).Any(b =>
                    !clause.IsNegatedAt(b.Start) && clause.SubjectAt(b.Start) == Subject.Applicant &&
                    (text[b.End..].Trim() is "" || text[b.End..].TrimStart()[0] is '（' or '(' or '，' or '、') &&
                    (copulas.Any(c => c.End <= b.Start && clause.Subjects.Any(s => s.Subject == Subject.Applicant && s.Start < c.Start)) ||
                     // 「北京某某科技有限公司上海分公司作为本项目申报单位」: the branch said to be the applicant.
                     copulas.Any(c => c.Start >= b.End && c.Start - b.End <= 1 && clause.Subjects.Any(s => s.Subject == Subject.Applicant && s.Start > c.Start))));
                // 「北京研究院为公司内设机构，不具备独立法人资格」: an internal unit's status, not the applicant's.
                var noLegalPerson = reader.All("legalPerson", text).Any(l => clause.IsNegatedAt(l.Start) && clause.SubjectAt(l.Start) == Subject.Applicant) &&
                                    reader.First("internalUnits", sentence.Text) is null;
                if (isBranch || noLegalPerson) return Quote(sentence, reader.Check);
            }
        }
        return null;
    }

    /// <summary>
    /// A registration that describes the noun after 的 (「平台已服务在深圳注册的300家企业」「与注册于天津的某公司合作」)
    /// is the applicant's only when a copula stands before it (「本公司是在北京注册的企业」
    /// 「本院系在天津市登记的事业单位法人」).
    /// </summary>
    private static bool Describes(Reader reader, Clause clause, string text, Reader.Match about)
    {
        var rest = text[about.End..];
        if (FirstPlace(reader, rest) == 0) rest = rest[(reader.All("inside", rest).Concat(reader.All("outside", rest)).Where(m => m.Start == 0).Max(m => m.End))..];
        if (!about.Word.EndsWith('的') && !rest.StartsWith('的')) return false;
        // 「登记的住所始终为北京市朝阳区」「注册在北京的海淀区」: what follows 的 is the registration or its place.
        var noun = rest.TrimStart('的');
        if (reader.First("about", noun) is { Start: 0 } || FirstPlace(reader, noun) == 0) return false;
        // 「而是在北京市海淀区独立注册的企业法人」「作为中国移动在北京注册的全资子公司，本公司…」
        return reader.First("copula", text[..about.Start]) is null;
    }

    /// <summary>
    /// The place an address names when it names places on both sides: the head after the last 的 (「北京市与河北省交界处的
    /// 河北省涿州市」), else the first place when nothing lists them apart (「天津市宝坻区京津中关村科技城」 names its city first);
    /// unknown when the places are listed side by side (「北京和上海」).
    /// </summary>
    private static Place AddressPlace(Reader reader, string text)
    {
        text = Reader.Mask(reader.Masked(text), [.. reader.Check.List("notPlace"), .. reader.Check.List("ambiguous")]);
        if (text.LastIndexOf('的') is var of and >= 0 && PlaceOf(reader, text[(of + 1)..]) is var head and not Place.Unknown) return head;
        if (AddressJoiners().IsMatch(text) || FirstPlace(reader, text) is not { } first) return Place.Unknown;
        return reader.All("inside", text).Any(m => m.Start == first) ? Place.Inside : Place.Outside;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[、，,；;和与及或/／]|以及")]
    private static partial System.Text.RegularExpressions.Regex AddressJoiners();

    /// <summary>「…许可证的」「…经营许可证的」: 的 right after the licence word (its 证 perhaps left over).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\G\s*证?\s*的")]
    private static partial System.Text.RegularExpressions.Regex KindAfter();

    [System.Text.RegularExpressions.GeneratedRegex(@"[／/、，,；;]")]
    private static partial System.Text.RegularExpressions.Regex ListItem();

    /// <summary>Where the first place the text names (inside or outside) starts; null when it names none.</summary>
    private static int? FirstPlace(Reader reader, string text) =>
        reader.All("inside", text).Concat(reader.All("outside", text)).Select(m => (int?)m.Start).Min();

    /// <summary>The clause's last move word when a `pending` word stands before it (「正在办理由河北省迁入北京市的…手续」): a move under way.</summary>
    private static Reader.Match? MoveUnderway(Reader reader, string text) =>
        reader.Last("moves", text) is { } move && reader.First("pending", text[..move.Start]) is not null ? move : null;

    /// <summary>The place a clause says the applicant has moved its registration to, as a done fact; null otherwise.</summary>
    private static Place? MovedTo(Reader reader, Clause clause)
    {
        var text = reader.Masked(clause.Text);
        if (reader.Last("moves", text) is not { } move) return null;
        if (!clause.IsFact || clause.Tense != Tense.Past || clause.IsNegatedAt(move.Start) || clause.SubjectAt(move.Start) != Subject.Applicant) return null;
        // 「办公地点于2023年迁至河北雄安新区」: the office moved, not the registration.
        if (reader.Last("premises", text[..move.Start]) is { } premises && reader.Last("about", text[premises.End..move.Start]) is null) return null;
        return PlaceOf(reader, text[move.End..]) is var place and not Place.Unknown ? place : null;
    }

    /// <summary>Inside when a place inside is named and none outside; outside when only places outside are; else unknown.</summary>
    private static Place PlaceOf(Reader reader, string text)
    {
        // 「注册地（省市区县）：」: a form's hint names no place.
        text = FormHint().Replace(reader.Masked(text), m => new string('\u3000', m.Length));
        var all = reader.All("inside", text);
        // 「北京市以外地区」 excludes the place it names.
        // 「紧邻北京」: a place near Beijing is not in it.
        var excluded = all.Where(m => StartsWithAny(reader, "except", text[m.End..]) ||
                                      reader.Check.List("near").Any(n => text.AsSpan(0, m.Start).TrimEnd().EndsWith(n, StringComparison.Ordinal))).ToList();
        var inside = all.Except(excluded).ToList();
        var rest = Reader.Mask(text, [.. all.Select(m => m.Word), .. reader.Check.List("notPlace"), .. reader.Check.List("ambiguous")]);
        // 省、市 after a bracket or a 、 are a form's hint (「注册地（省、市、区）」), not the end of a place's name.
        var outside = reader.All("outside", rest)
            .Where(m => !reader.Check.List("nameSuffixes").Contains(m.Word) || m.Start > 0 && char.IsLetter(rest[m.Start - 1]))
            .Concat(excluded).ToList();
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
            // 「是否持有北京市通信管理局核发的…许可证：否」: a form's question holds the licence only when answered yes.
            if (reader.Analyser.IsQuestion(licence.Clause.Text))
            {
                var next = clauses.IndexOf(licence.Clause) + 1;
                if (next >= clauses.Length || reader.Analyser.Answer(reader.Masked(clauses[next].Text)) != true) continue;
            }
            // 「北京市通信管理局核发许可证：无」: a form's label answered no.
            if (licence.Clause.IsLabel && clauses.IndexOf(licence.Clause) + 1 is var cellAt && cellAt < clauses.Length &&
                reader.Analyser.Answer(reader.Masked(clauses[cellAt].Text)) == false) continue;
            if (issuer.Clause.IsNegatedAt(issuer.Word.Start) || licence.Clause.IsNegatedAt(licence.Word.Start)) continue;
            // 「持有北京市通信管理局颁发…许可证的企业均可申报」: a kind of applicant the call admits, not this one.
            var licenceText = reader.Masked(licence.Clause.Text);
            if (KindAfter().Match(licenceText, licence.Word.End) is { Success: true } kind &&
                reader.Check.List("described").Any(d => licenceText.AsSpan(kind.Index + kind.Length).StartsWith(d, StringComparison.Ordinal)) &&
                reader.First("copula", licenceText[..licence.Word.Start]) is null) continue;
            // 「北京市通信管理局尚未向其核发许可」: the administration denies it. 「该证已于2023年注销」: held no longer.
            if (issuer.Clause.Negators.Any(n => n.Start > issuer.Word.Start) || reader.First("lapsed", reader.Masked(sentence.Text)) is not null) continue;
            if (!issuer.Clause.IsFact || !licence.Clause.IsFact || licence.Clause.SubjectAt(licence.Word.Start) != Subject.Applicant) continue;
            // A licence applied for or under review (「申请…许可证的材料已提交，目前正在审批中」) is not held.
            if (reader.First("pending", sentence.Text) is not null) continue;
            return Quote(sentence, reader.Check);
        }
        return null;
    }

    // ---- no-major-incident: a denial ---------------------------------------------------------------------------

    private static EligibilityResult Denial(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        var check = reader.Check;
        Evidence.Evidence? denial = null;
        // The paragraph whose denied list heading (「不存在以下情形：」) governs the items after it, split into sentences at ；.
        Documents.Block? deniedItems = null;
        // The paragraph whose label counts per grade (「近三年数据安全事件统计：特别重大 0 起；重大 0 起；较大 1 起」), whose
        // counts go on in the sentences after it, split at ；.
        Documents.Block? countedItems = null;
        // The paragraph (a table row split into sentences at ；) whose earlier cell named an own event: a grade cell after
        // it grades that event (「序号：1；时间：2024年4月；事件：…导致业务中断10小时；等级：较大」).
        Documents.Block? eventRow = null;
        foreach (var sentence in sentences)
        {
            if (ReferenceEquals(countedItems, sentence.Block) && reader.Masked(sentence.Text).Trim().TrimEnd('；', ';', '。') is var item && GradeItem().IsMatch(item))
            {
                if (CountsPerGrade(reader, item) == false) return Result(check, false, sentence.Text, Quote(sentence, check));
                continue;
            }
            var clauses = reader.Analyse(sentence.Text);
            // A bare 「事件」 is a data-security event only in a sentence about data or networks, not in
            // 「未发生重大环境污染事件」; the scale of a leak (「涉及约1500万名用户」) may grade an event the sentence leaves ungraded.
            // 「事件时间：2024年5月；事件等级：较大」: a table row's cells are sentences of one paragraph about data.
            // 「…罚款2000元，原因为逾期申报，与数据安全无关」: said to be unrelated.
            var about = new Topic(reader.First("context", sentence.Text) is not null || reader.First("context", sentence.Block.Text) is not null && sentence.Text.Length < sentence.Block.Text.Length,
                Graded(reader, sentence.Text), reader.First("unrelated", sentence.Text) is not null);
            // An own event a clause names, of data security (a bare 事件 only with context), stated as fact and not denied.
            bool OwnEvent(Clause c, string masked) => reader.First("events", masked) is { } e && (about.DataSecurity || !reader.Check.List("needsContext").Contains(e.Word)) &&
                                                      c.IsFact && !c.IsNegatedAt(e.Start) && c.SubjectAt(e.Start) == Subject.Applicant;
            // Whether the last clause naming an event spoke of someone else's or a handled one: 「…为企业处置数据安全事件
            // 156起，其中重大事件9起」 — what 其中 counts is among those.
            var othersEvents = false;
            // 「我单位近三年内不存在以下情形：发生较大及以上数据安全事件；因…受到行政处罚」: every item after a denied list
            // heading is denied.
            var deniedList = ReferenceEquals(deniedItems, sentence.Block);
            // 「2021年，公司曾发生一起较大数据安全事件」: a date clause dates the clauses after it.
            var lastYears = ImmutableArray<int>.Empty;
            var lastDates = ImmutableArray<(int Year, int? Month)>.Empty;
            // 「不能承诺近三年未发生重大数据安全事件，因为2024年曾发生过一起」: the event of the clause before, counted.
            var lastLevels = false;
            // 「本单位共发生数据安全事件5起，其中一般4起，较大1起（2023年9月…）」: the applicant's own events counted, then
            // counted again per grade in the clauses after.
            var ownCounted = false;
            // 「…共处置自身一般数据安全事件2起，均未达到较大级别」: the applicant's events named, then their grade denied.
            var ownNamed = false;
            for (var i = 0; i < clauses.Length; i++)
            {
                var clause = clauses[i];
                var text = reader.Masked(clause.Text);
                // Only a clause that is a date and nothing more (「2021年」「2023年11月」) dates the next; a span to now
                // (「自2021年1月以来」) or a window the clause names itself (「近三年」) is not moved.
                var undated = clause.Years.IsEmpty;
                if (!clause.Years.IsEmpty) (lastYears, lastDates) = DateOnlyClause().IsMatch(clause.Text) ? (clause.Years, clause.Dates) : ([], []);
                else if (!lastYears.IsEmpty && !WindowPattern().IsMatch(clause.Text)) clause = clause with { Years = lastYears, Dates = lastDates };
                // 「公司2022年曾发生一起较大事件，并因此被主管部门处以罚款」: what follows from the clause before happened when it did.
                // 「2019年公司曾发生一起较大数据安全事件，受到警告处罚」: so does a penalty naming no one of its own right after
                // the dated event it follows from.
                if (undated && i > 0 && !clauses[i - 1].Years.IsEmpty && (StartsWithAny(reader, "consequence", text) ||
                        clause.Subjects.IsEmpty && reader.First("penalties", text) is not null && reader.First("events", reader.Masked(clauses[i - 1].Text)) is not null))
                    clause = clause with { Years = clauses[i - 1].Years, Dates = clauses[i - 1].Dates };
                if (reader.First("events", text) is null && lastLevels && Counted(text) && reader.First("occurred", text) is not null &&
                    clause.IsFact && clause.SubjectAt(0) == Subject.Applicant && clause.Negators.IsEmpty && !OutsideWindow(reader, clause))
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                // 「本单位发生数据安全事件两起，其中2024年6月一起定级为较大」: one of them graded.
                if (reader.First("events", text) is null && ownCounted && !OutsideWindow(reader, clause) && Counted(text) && clause.Negators.IsEmpty &&
                    reader.All("grading", text).Any(g => reader.First("levels", text[g.End..]) is { Start: <= 1 }) && reader.First("lesserLevels", text) is null)
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                // 「2025年4月，警告」「2024年3月，通报批评，已整改」: a penalty listed in a dated record.
                // (lastYears holds only what a clause that is a date and nothing more gave.)
                if (i > 0 && !lastYears.IsEmpty && clause.IsFact && clause.Negators.IsEmpty && !OutsideWindow(reader, clause) &&
                    reader.Check.List("penalties").Any(p => text.Trim() == p || text.Trim().StartsWith(p, StringComparison.Ordinal) && Amount().IsMatch(text.Trim()[p.Length..])))
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                if (reader.First("events", text) is null && ownCounted && !OutsideWindow(reader, clause) &&
                    CountsPerGrade(reader, text.TrimStart()[(reader.Check.List("among").FirstOrDefault(a => text.TrimStart().StartsWith(a, StringComparison.Ordinal))?.Length ?? 0)..]) == false)
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                if (reader.First("events", text) is null && ownNamed && clause.IsFact && clause.Negators.FirstOrDefault() is { } below &&
                    reader.First("levels", text[below.End..]) is { } denied && reader.First("grading", text[below.End..][..denied.Start]) is not null &&
                    Covers(reader, [denied]) && !OutsideWindow(reader, clause))
                    denial ??= Quote(sentence, check);
                if (reader.First("events", text) is { } named)
                {
                    ownNamed = clause.IsFact && clause.SubjectAt(named.Start) == Subject.Applicant && !clause.IsNegatedAt(named.Start);
                    if (OwnEvent(clause, text)) eventRow = sentence.Block;
                    lastLevels = reader.First("levels", text) is not null;
                    ownCounted = !lastLevels && Counted(text) && clause.IsFact && clause.Negators.IsEmpty && clause.SubjectAt(named.Start) == Subject.Applicant &&
                                 !reader.All("handling", text).Any(h => h.Start < named.Start);
                }
                if (deniedList)
                {
                    if (Incident(reader, clause, text, null, about) is not null || Penalty(reader, clause, text, null, about) is not null) denial ??= Quote(sentence, check);
                    continue;
                }
                if (clause.IsLabel && !clause.Negators.IsEmpty && ListHeading().IsMatch(text) && clause.SubjectAt(clause.Negators[0].Start) == Subject.Applicant)
                {
                    deniedList = true;
                    deniedItems = sentence.Block;
                    continue;
                }
                // A table's cell ends at ；: 「数据安全事件（近三年）：０起；数据安全行政处罚（近三年）：０次」; or at a wide gap
                // before the next label: 「数据安全事件（近三年）：未发生　　数据安全行政处罚（近三年）：未受到」.
                var cell = i + 1 < clauses.Length ? WideGap().Split(reader.Masked(clauses[i + 1].Text).Split('；', ';')[0].Trim(), 2)[0] : null;
                // 「近三年数据安全事件统计：重大0起，较大1起，一般5起」: a label's cell counting per grade runs on over the
                // clauses that go on counting.
                if (clause.IsLabel && cell is not null && GradeItem().IsMatch(cell))
                {
                    cell = string.Join('，', clauses[(i + 1)..].Select(c => reader.Masked(c.Text)).TakeWhile(c => GradeItem().IsMatch(c)));
                    countedItems = sentence.Block;
                }
                // 「2024年6月，…公司承载的固定宽带接入业务中断约十个小时」: an own outage, dated in the window, as long as the plan
                // grades 较大 (`outageScale`), is an event of that grade though no event word names it.
                // (「2024年公司发生一次机房断电，导致核心业务系统中断约11个小时」: dated by a clause before it.)
                if (clause.IsFact && (clause.Years.IsEmpty ? clauses[..i].LastOrDefault(c => !c.Years.IsEmpty) : clause) is { } dated && clause.Negators.IsEmpty &&
                    !OutsideWindow(reader, dated) && reader.First("lesserLevels", text) is null &&
                    // 「演练中模拟了核心系统中断12小时的…场景」: a drill's scenario is no outage.
                    reader.First("guardedAgainst", text) is null &&
                    reader.All("outage", text).Any(o => clause.SubjectAt(o.Start) == Subject.Applicant) && LongOutage(reader, text))
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                // 「近三年数据安全事件｜时间：2025年2月｜级别：较大｜处置情况：已整改」: a row naming an own event, then a grade
                // cell answering its grade label, reports the event (undated or dated inside the window).
                // (「…导致业务中断10小时；等级：较大」: the label is what follows the clause's last ；.)
                if (clause.IsLabel && GradeLabel().IsMatch(text[(text.LastIndexOfAny(['；', ';']) + 1)..]) && cell is not null && reader.First("levels", cell) is { Start: <= 1 } &&
                    reader.First("lesserLevels", cell) is null && !Zero(cell, 0) && !Counted(cell) &&
                    (clauses[..i].Any(c => OwnEvent(c, reader.Masked(c.Text))) || i == 0 && ReferenceEquals(eventRow, sentence.Block)) &&
                    !reader.Analyse(sentence.Block.Text).Any(c => !c.Years.IsEmpty && OutsideWindow(reader, c)))
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                // 「近三年数据安全事件统计表：2023年0起，2024年1起（较大），2025年0起」: a label counting per year over the
                // clauses after it fails on a year in the window counting a graded event, and denies nothing while any
                // year counts one.
                if (clause.IsLabel && cell is not null && YearItem().IsMatch(cell) && reader.First("events", text) is not null)
                {
                    var years = Enumerable.Range(i + 1, clauses.Length - i - 1).TakeWhile(k => YearItem().IsMatch(reader.Masked(clauses[k].Text)))
                        .Select(k => (Clause: clauses[k], Item: YearItem().Match(reader.Masked(clauses[k].Text)))).ToList();
                    var counting = years.Where(y => ChineseQuantity.ParseNumber(y.Item.Groups["n"].Value) > 0).ToList();
                    if (counting.Any(y => reader.First("levels", y.Item.Groups["grade"].Value) is not null &&
                                          reader.First("lesserLevels", y.Item.Groups["grade"].Value) is null && !OutsideWindow(reader, y.Clause)))
                        return Result(check, false, sentence.Text, Quote(sentence, check));
                    if (counting.Count > 0) continue;
                }
                if (reader.First("events", text) is not null)
                {
                    var among = StartsWithAny(reader, "among", text);
                    if (among && othersEvents) continue;
                    othersEvents = !among && (clause.SubjectAt(reader.First("events", text)!.Start) != Subject.Applicant ||
                                              reader.All("handling", text).Any(h => h.Start < reader.First("events", text)!.Start));
                }
                // 「本单位不符合“近三年未发生重大数据安全事件”的条件」: the denial is said not to hold.
                if (Unmet(reader, clause) is { } unmet && reader.All("events", unmet.Text).Concat(reader.All("penalties", unmet.Text))
                        .Any(e => clause.Negators.Any(n => n.Start >= unmet.Start && n.Start < unmet.Start + e.Start)))
                    return Result(check, false, sentence.Text, Quote(sentence, check));
                var incident = Incident(reader, clause, Reader.WithoutTitles(text), cell, about);
                // 「事件等级：较大　发生时间：2019年7月」: an undated cell's event in a row whose every date is before the window.
                if (incident == false && clause.Years.IsEmpty && clauses.Any(c => !c.Years.IsEmpty) && clauses.Where(c => !c.Years.IsEmpty).All(c => OutsideWindow(reader, c)))
                    incident = null;
                // 「2024年发生一般数据安全事件1起，…未造成数据泄露」: an ungraded denial beside a lesser event reported.
                // 「除此之外近三年未发生其他数据安全事件」 denies every other one.
                // 「2025年3月，…因遭受DDoS攻击中断访问约两小时，未发生数据泄露」: so is one beside an own event the sentence dates.
                if (incident == true && reader.First("levels", text) is null && reader.First("others", text) is null &&
                    clauses.Any(c => c != clause && (LesserReported(reader, c) || EventReported(reader, c) && clauses.Any(d => !d.Years.IsEmpty)))) incident = null;
                switch (Stated(reader, clause, text, sentence.Text, incident))
                {
                    case false: return Result(check, false, sentence.Text, Quote(sentence, check));
                    case true: denial ??= Quote(sentence, check); break;
                }
                if (Stated(reader, clause, text, sentence.Text, Penalty(reader, clause, text, cell is null ? null : Answer(reader, cell), about)) == false)
                    return Result(check, false, sentence.Text, Quote(sentence, check));
            }
        }
        return denial is null ? Missing(check) : Result(check, true, denial.Quote, denial);
    }

    /// <summary>
    /// False when the clause reports an own event of a counted grade in the window, true when it denies events of every
    /// counted grade, null when it says neither (someone else's event, a plan, a guarantee, a grade left open).
    /// </summary>
    private static bool? Incident(Reader reader, Clause clause, string text, string? cell, Topic about)
    {
        // 「事件等级：较大」: a form's row grading its event with a counted grade is the data-security event table, whatever
        // else the row names.
        if (reader.All("events", text).FirstOrDefault(e => about.DataSecurity || !reader.Check.List("needsContext").Contains(e.Word) ||
                cell is not null && GradeLabel().IsMatch(text[e.End..]) && reader.First("levels", cell) is { Start: <= 1 }) is not { } ev) return null;
        // 「本单位承诺今后三年内不发生重大数据安全事件」: a promise about the future reports nothing of the last three years.
        if (!Pledged(clause, text) || clause.Tense == Tense.Future || clause.SubjectAt(ev.Start) != Subject.Applicant || OutsideWindow(reader, clause)) return null;
        // 「演练场景为“核心数据库发生重大数据泄露事件”」: an event in quotes is a scenario or a name, not a report — unless
        // the quote is a form's question (「“近三年是否发生…”一栏」) or a count of none (「“零事件、零处罚”」).
        if (Quoted(text, ev.Start) && !NoneBefore(text, ev.Start) && !reader.Analyser.IsQuestion(text)) return null;
        // 「数据泄露应急演练」: the event names what is drilled or guarded against.
        if (StartsWithAny(reader, "guardedAgainst", text[ev.End..])) return null;
        // 「拒绝签署近三年无数据安全事件承诺书」: the words name a document, not the applicant's denial.
        if (StartsWithAny(reader, "documents", text[ev.End..])) return null;
        // 「处置…事件」「避开了…事件」「数据泄露风险」: the event is handled, prevented or only a risk, not suffered — unless a
        // negator or a grade stands between (「在数据处理活动中未发生…」「经研判属于较大数据安全事件」).
        // 「按照应急预案将事件定级为重大」: nor when the event is graded right after it.
        var grading = reader.All("grading", text);
        var gradedRightAfter = GradedAfter().Match(text[ev.End..]) is { Success: true, Length: > 0 } after &&
                               reader.First("levels", text[(ev.End + after.Length)..]) is { Start: 0 };
        if (reader.All("handling", text).Any(h => h.Start < ev.Start && !clause.Negators.Any(n => n.Start > h.Start && n.Start < ev.Start) &&
                                                   !grading.Any(g => g.End > h.End && g.Start < ev.Start) && !gradedRightAfter) || Risk(reader, text, ev)) return null;
        // 「未发生重大数据安全事件的企业方可申报」: a kind of applicant described, not this one.
        if (Described(reader, text, ev)) return null;
        // 「涉及1000万人以上个人信息泄露的事件属于重大事件」: a kind of event defined, undated and uncounted, not one that happened.
        if (clause.Years.IsEmpty && !Counted(text) && reader.All("events", text).Any(e => text[..e.Start].TrimEnd().EndsWith('的') &&
                reader.All("grading", text).Any(g => g.Start >= e.End && g.Start - e.End <= 2))) return null;
        var levels = reader.All("levels", text);
        var graded = levels.Count > 0 || reader.First("lesserLevels", text) is null && about.GradedByScale;
        // 「本单位发生较大及以上数据安全事件1起，受到数据安全行政处罚0次」: a clause that counts its own events is a statement,
        // not a label the next clause answers.
        var answer = cell is null || Counted(text) && !clause.IsLabel ? null : Answer(reader, cell);
        if (reader.Analyser.IsQuestion(text)) return answer is { } yes ? (yes && levels.Count > 0 ? false : !yes && Covers(reader, levels) ? true : null) : null;
        // 「较大及以上数据安全事件0起」「数量为零」「零事件」: a count of none is a denial.
        if (Zero(text, ev.End) || NoneBefore(text, ev.Start)) return Covers(reader, levels) ? true : null;
        // 「事件等级较大」「事件级别为重大」: the event graded right after it.
        if (GradedAfter().Match(text[ev.End..]) is { Success: true } gradedAfter && reader.First("levels", text[(ev.End + gradedAfter.Length)..]) is { Start: 0 } &&
            reader.First("lesserLevels", text[(ev.End + gradedAfter.Length)..]) is null && !clause.IsNegatedAt(ev.Start)) return false;
        // 「已按较大事件报送」「事后按较大事件向主管部门报告」: the event reported to the authorities under its grade.
        if (ReportedAs().Match(text) is { Success: true } reportedAs && reportedAs.Index <= ev.Start && ev.Start < reportedAs.Index + reportedAs.Length &&
            reader.First("lesserLevels", reportedAs.Value) is null && !clause.IsNegatedAt(reportedAs.Index)) return false;
        // 「事件等级：较大」: a table row grading its event.
        if (cell is not null && GradeLabel().IsMatch(text[ev.End..]) && reader.First("levels", cell) is { Start: <= 1 } && reader.First("lesserLevels", cell) is null) return false;
        // 「近三年发生数据安全事件情况：重大1起、较大0起、一般3起」: a count per grade.
        if (levels.Count == 0 && cell is not null && CountsPerGrade(reader, cell) is { } perGrade) return perGrade;
        // 「2024.03｜数据泄露｜较大｜已整改」: the next cell of a table row grades its event.
        // 「…导致数据泄露，定级较大」: or names its grade.
        if (levels.Count == 0 && cell is not null && (GradedAfter().Match(cell) is { Success: true } named ? cell[named.Length..] : cell.TrimStart()) is var gradeCell &&
            reader.First("levels", gradeCell) is { Start: 0 } && reader.First("lesserLevels", cell) is null && !Zero(cell, 0) && !Counted(cell))
            graded = true;
        if (clause.NegatorOf(ev.Start) is { } negator)
        {
            // 「没有专门统计近三年数据安全事件的情况」: knowing is denied, not the event.
            if (reader.All("unknowing", text).Any(u => u.Start >= negator.End && u.Start < ev.Start)) return null;
            // 「未发生因本平台漏报导致的安全事件」「不存在未按规定报告的数据安全事件」 deny only the events so described.
            var between = text[negator.End..ev.Start];
            // 「未设立专门的数据安全事件台账」: a topic denied, not the event.
            if (Heading(reader, text, ev)) return null;
            // 「未涉及该事件」: a denial of one event named before, not of events.
            if (Demonstrative().IsMatch(between)) return null;
            // 「关于承诺书中“近三年未发生重大数据安全事件”一项」: the pledge's words mentioned, not made.
            if (Mentioned().IsMatch(text)) return null;
            // 「并未隐瞒2025年发生的较大数据安全事件」: what is denied is another verb; the event, dated, happened.
            if (levels.Count > 0 && DatedOccurrence().IsMatch(between)) return false;
            // 「未造成客户数据泄露」: the outcome of what the sentence reports (attacks blocked), not a pledge.
            if (reader.Check.List("results").Any(r => between.StartsWith(r, StringComparison.Ordinal))) return null;
            // 「排查后未发现本单位系统存在泄露」「未见数据外泄证据」: what a search did not find, not a pledge — unless it names the
            // grades the pledge denies (「均未发现本单位发生较大及以上数据安全事件」).
            if (levels.Count == 0 && reader.Check.List("findings").Any(r => between.StartsWith(r, StringComparison.Ordinal))) return null;
            // 「曾有一起未上报的数据安全事件」: the negator qualifies the event after 的 (not reported), and the event is counted
            // before it: it happened.
            if (between.EndsWith('的') && Counted(text[..negator.Start]) && !reader.Analyser.IsCause(between) && graded &&
                reader.First("lesserLevels", text) is null && clause.SubjectAt(negator.Start) == Subject.Applicant) return false;
            // 「未发生因外部攻击或内部违规导致的…事件」: causes listed one after another cover the events; a single cause
            // (「未发生因本平台漏报导致的安全事件」) restricts the denial to the events so caused.
            // 「未发生因本单位原因导致的…事件」: a cause naming the applicant's own doing is the pledge's usual wording; it
            // restricts nothing.
            var restricted = between.Contains('的') && (reader.Analyser.IsCause(between) && !CausesListed().IsMatch(between) && reader.First("ownCause", between) is null ||
                                                       clause.Negators.Any(n => n.Start >= negator.End && n.Start < ev.Start));
            return !restricted && Covers(reader, levels) ? true : null;
        }
        // 「近三年数据安全事件情况：无」: no event of any grade.
        if (answer == false) return Covers(reader, levels) ? true : null;
        if (!graded || answer is null && Heading(reader, text, ev)) return null;
        // A table row 「近三年较大及以上数据安全事件：1起」 answers in the next clause; a sentence names the occurrence.
        if (answer is { } counted) return counted ? false : Covers(reader, levels) ? true : null;
        // 「约120万条用户信息被非法获取」: the event word is the verb that says it happened. 「本公司用户数据泄露的直接原因是…」:
        // what is said of it presupposes it happened.
        // 「都在外泄扩散之前得到控制」: before it, so it did not happen.
        if (BeforeIt().IsMatch(text[ev.End..])) return null;
        var presupposed = reader.Check.List("eventVerbs").Any(v => ev.Word.EndsWith(v, StringComparison.Ordinal)) && !StartsWithAny(reader, "notOccurrence", text[ev.End..]) ||
                          text[ev.End..].TrimStart() is ['的', ..] rest && reader.Check.List("presupposing").Any(p => rest.AsSpan(1).StartsWith(p, StringComparison.Ordinal)) ||
                          StartsWithAny(reader, "reported", text[ev.End..]);
        // 「受2024年7月那次…事件影响」: one event pointed at, in a clause dated in the window, is one that happened; so is a
        // graded event its date qualifies (「受2024年重大数据安全事件影响」「消除2025年4月较大数据安全事件中暴露的漏洞」).
        // 「2025年7月的数据泄露事件涉及约一千三百万用户」: so is an event its date qualifies with 的, when its scale grades it.
        var pointedAt = clause.Years.Length > 0 && (reader.All("specific", text[..ev.Start]).Any() || DatedEvent().IsMatch(text[..ev.Start]) && levels.Count > 0 ||
                                                    DatedEventOf().IsMatch(text[..ev.Start]));
        return presupposed || pointedAt || reader.All("occurred", text).Any(o => o.Start < ev.Start || o.Start >= ev.End) || Counted(text) ? false : null;
    }

    /// <summary>Nothing, or only a noun naming the work (`work`: 工作、程序), perhaps with 的 or 也 after it.</summary>
    private static bool WorkNamed(Reader reader, string between) =>
        between.Length == 0 || reader.Check.List("work").Any(w => between.StartsWith(w, StringComparison.Ordinal) && between[w.Length..] is "" or "的" or "也");

    /// <summary>The text, leading spaces aside, starts with a word of the check's list.</summary>
    private static bool StartsWithAny(Reader reader, string list, string text) =>
        reader.Check.List(list).Any(w => text.AsSpan().TrimStart().StartsWith(w, StringComparison.Ordinal));

    [System.Text.RegularExpressions.GeneratedRegex(@"按\s*(?:特别重大|重大|较大)[^，。；,;]{0,8}?(?:事件|事故)[^，。；,;]{0,10}?(?:报送|上报|报告|报备|启动[^，。；,;]{0,4}响应)")]
    private static partial System.Text.RegularExpressions.Regex ReportedAs();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:等级|级别|分级|定级)\s*$")]
    private static partial System.Text.RegularExpressions.Regex GradeLabel();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[（(]?\s*(?:等级|级别|定级|定为|评定为|认定为)\s*(?:为|是|属于|属)?\s*")]
    private static partial System.Text.RegularExpressions.Regex GradedAfter();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^，。；,;]{0,4}?(?:之前|以前|前)")]
    private static partial System.Text.RegularExpressions.Regex BeforeIt();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:该|此|上述|前述|这一|这起|那起)$")]
    private static partial System.Text.RegularExpressions.Regex Demonstrative();

    [System.Text.RegularExpressions.GeneratedRegex(@"关于[^“”]{0,8}“[^“”]+”|“[^“”]+”(?:一项|这一|一条|的表述|的要求)")]
    private static partial System.Text.RegularExpressions.Regex Mentioned();

    [System.Text.RegularExpressions.GeneratedRegex(@"[、或]|以及")]
    private static partial System.Text.RegularExpressions.Regex CausesListed();

    /// <summary>
    /// The clause reports a fact, or guarantees something of a past window (「本单位保证近三年未发生…」), which is a pledge
    /// about what happened, not a promise about the future.
    /// </summary>
    private static bool Pledged(Clause clause, string text) =>
        clause.IsFact || clause.Modality == Modality.Guarantee && WindowPattern().IsMatch(clause.Modals.IsEmpty ? text : text[clause.Modals[0].Start..]);

    /// <summary>A clause reporting an event of a lesser grade (「2024年发生一般数据安全事件1起」).</summary>
    private static bool LesserReported(Reader reader, Clause clause)
    {
        var text = reader.Masked(clause.Text);
        return reader.First("lesserLevels", text) is { } lesser && !clause.IsNegatedAt(lesser.Start) && reader.First("occurred", text) is not null &&
               !OutsideWindow(reader, clause);
    }

    /// <summary>A clause dating an own outage or attack it reports (「2025年3月，网站因遭受DDoS攻击中断访问约两小时」).</summary>
    private static bool EventReported(Reader reader, Clause clause)
    {
        var text = reader.Masked(clause.Text);
        return clause.IsFact && !OutsideWindow(reader, clause) &&
               reader.All("outage", text).Concat(reader.All("occurred", text)).Any(o => !clause.IsNegatedAt(o.Start) && clause.SubjectAt(o.Start) == Subject.Applicant);
    }

    /// <summary>「零事件」「零处罚」「0起事件」: none, counted before the event or penalty.</summary>
    private static bool NoneBefore(string text, int start) =>
        text[..start].TrimEnd() is var before && (before.EndsWith('零') || before.EndsWith('0') && (before.Length == 1 || !char.IsAsciiDigit(before[^2]) && before[^2] != '.'));

    /// <summary>
    /// A denial describing a kind of party after 的 (「未发生重大数据安全事件的企业方可申报」), with no copula saying the
    /// applicant is one (「本单位是近三年未发生…的企业」).
    /// </summary>
    private static bool Described(Reader reader, string text, Reader.Match ev)
    {
        var rest = text.AsSpan(ev.End).TrimStart();
        if (!rest.StartsWith("的", StringComparison.Ordinal)) return false;
        var noun = rest[1..].ToString();
        return reader.Check.List("described").Any(d => noun.StartsWith(d, StringComparison.Ordinal)) &&
               reader.First("copula", text[..ev.Start]) is null;
    }

    /// <summary>
    /// A cell counting events per grade (「重大1起、较大0起、一般3起」): false when a counted grade has one or more, true when
    /// the counted grades it names all have none and leave none open, null when it names no counted grade.
    /// </summary>
    private static bool? CountsPerGrade(Reader reader, string cell)
    {
        var counts = reader.All("levels", cell)
            .Select(l => (Level: l, Count: GradeCount().Match(cell[l.End..]) is { Success: true } m ? ChineseQuantity.ParseNumber(m.Groups[1].Value) : null))
            .Where(c => c.Count is not null).ToList();
        if (counts.Count == 0) return null;
        if (counts.Any(c => c.Count > 0)) return false;
        return Covers(reader, [.. counts.Select(c => c.Level)]) ? true : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(以下|下列|如下)(情形|情况|任一|任何|行为)")]
    private static partial System.Text.RegularExpressions.Regex ListHeading();

    // 「较大级1起」「较大级别：0起」: the grade's own suffix may stand between.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:级别|级)?\s*[:：]?\s*([0-9]+|[零〇一二两三四五六七八九十]+)\s*[起次件宗例]")]
    private static partial System.Text.RegularExpressions.Regex GradeCount();

    /// <summary>One year and its count, perhaps graded in brackets, as a table cell gives it (「2024年1起（较大）」「2023年：0起」).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:19|20)\d{2}\s*年度?\s*[:：]?\s*(?<n>[0-9]+|[零〇一二两三四五六七八九十]+)\s*[起次件宗例]\s*(?:[（(](?<grade>[^）)]{1,8})[）)])?\s*$")]
    private static partial System.Text.RegularExpressions.Regex YearItem();

    /// <summary>One grade and its count, as a table cell gives it (「较大1起」「一般：5次」).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[^\s，,；;：:0-9]{1,6}\s*[:：]?\s*([0-9]+|[零〇一二两三四五六七八九十]+)\s*[起次件宗例]\s*$")]
    private static partial System.Text.RegularExpressions.Regex GradeItem();

    /// <summary>
    /// A clause's reading of an incident or penalty, as the clause finally states it: a record still to be supplied
    /// (「…处罚情况需待主管部门出具证明后补充」) states nothing; a refuted denial (「…不存在重大事件的说法与事实不符」)
    /// reports one, a refuted report states nothing; a denial over a shorter window than the check's (「近一年未发生…」)
    /// leaves the rest of the window open.
    /// </summary>
    private static bool? Stated(Reader reader, Clause clause, string text, string sentence, bool? reading)
    {
        // 「…受到行政处罚的情况（详见附件7处罚决定书）」: a note in brackets pointing elsewhere leaves the statement standing.
        if (reading is null || reader.First("pending", Bracketed().Replace(text, m => new string('\u3000', m.Length))) is not null) return null;
        if (!clause.Refutations.IsEmpty) return reading == true ? false : null;
        // 「本单位自2025年以来未发生数据安全事件」 read in 2026 denies one year of three.
        var spanShort = reader.Analyser.ReferenceYear is { } year && SpanToNow(sentence) is { } from && from > year - reader.Check.Years ||
                        // 「本项目上线以来未发生数据泄露」: since the project began, not the applicant's three years.
                        reader.First("sinceStart", text) is not null;
        return reading == true && (ShortWindow(sentence, reader.Check.Years) || spanShort) ? null : reading;
    }

    /// <summary>The sentence names a recent window shorter than <paramref name="years"/> years (近一年、最近两年、近12个月).</summary>
    private static bool ShortWindow(string sentence, int years)
    {
        var months = WindowPattern().Matches(sentence)
            .Select(m => (m.Groups["n"].Value == "半" ? 0.5 : ChineseQuantity.ParseNumber(m.Groups["n"].Value)) * (m.Groups["unit"].Value == "月" ? 1 : 12))
            .OfType<double>().ToList();
        // 「近三年…，其中近一年…」 still covers the whole window.
        return months.Count > 0 && months.All(n => n < years * 12);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:近|最近|过去)\s*(?<n>[0-9]+|[一二两三四五六七八九十]+|半)\s*(?:个)?(?<unit>年|月)")]
    private static partial System.Text.RegularExpressions.Regex WindowPattern();

    /// <summary>What a sentence is about, for the clauses of it that name an event.</summary>
    private sealed record Topic(bool DataSecurity, bool GradedByScale, bool Unrelated = false);

    /// <summary>
    /// An event or penalty followed by a risk word (「数据泄露风险」「处罚风险」) is a risk of it, not the thing itself.
    /// </summary>
    private static bool Risk(Reader reader, string text, Reader.Match match) =>
        StartsWithAny(reader, "risk", text[match.End..]);

    /// <summary>
    /// True when the sentence states a scale that makes an event at least 较大 by the incident plan's thresholds
    /// (`scale` in eligibility.yaml: persons whose information leaked, hours of outage), however it names the grade.
    /// </summary>
    private static bool Graded(Reader reader, string sentence)
    {
        // 「核心数据泄露」: the data's class grades the event.
        if (reader.First("graveData", sentence) is not null) return true;
        if (LongOutage(reader, sentence)) return true;
        var minima = reader.Check.List("scale").Select(Scale).OfType<(double Number, string Unit)>().ToList();
        return ScalePattern().Matches(sentence).Select(m => Scale(m.Value)).OfType<(double Number, string Unit)>()
            .Any(stated => minima.Any(min => stated.Unit.StartsWith(min.Unit, StringComparison.Ordinal) && stated.Number >= min.Number));
    }

    /// <summary>An outage as long as `outageScale` or longer (「因遭受网络攻击中断服务约14小时」; 214号: 较大 from 8 hours).</summary>
    private static bool LongOutage(Reader reader, string text)
    {
        var outageMinima = reader.Check.List("outageScale").Select(Scale).OfType<(double Number, string Unit)>().ToList();
        // 「持续约十小时的系统瘫痪」: the length may stand before the outage, in the same clause.
        static IEnumerable<System.Text.RegularExpressions.Match> Around(string text, Reader.Match o) =>
            ScalePattern().Matches(text[(text.LastIndexOfAny(['，', '。', '；', ','], Math.Max(0, o.Start - 1)) + 1)..o.Start])
                .Concat(ScalePattern().Matches(text[o.End..]).Take(2));
        return reader.All("outage", text).Any(o => Around(text, o).Select(m => Scale(m.Value)).OfType<(double Number, string Unit)>()
            .Any(stated => outageMinima.Any(min => stated.Unit.StartsWith(min.Unit, StringComparison.Ordinal) && stated.Number >= min.Number)));
    }

    /// <summary>A number with its unit: 「1500万名用户」 is 15,000,000 名用户, 「8小时」 8 小时.</summary>
    private static (double Number, string Unit)? Scale(string text) =>
        ScalePattern().Match(text) is { Success: true } m
            && ChineseQuantity.ParseNumber(m.Groups[1].Value) is { } number
            ? (number * (m.Groups[2].Value switch { "万" => 1e4, "亿" => 1e8, _ => 1 }), m.Groups[4].Value)
            : null;

    // 「1500万名用户」「约两千万用户」: Arabic or Chinese numerals.
    // 「八个半小时」: 个 (and a half) before an hour.
    [System.Text.RegularExpressions.GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+)\s*(?:余|多)?\s*(万|亿)?\s*(余|多)?\s*(?:个半(?=小时)|个(?=小时))?([^\s\p{P}0-9一二两三四五六七八九十百千万亿余多]{1,2})")]
    private static partial System.Text.RegularExpressions.Regex ScalePattern();

    /// <summary>False when the clause reports an own penalty in the window; true when it denies one; null otherwise.</summary>
    private static bool? Penalty(Reader reader, Clause clause, string text, bool? answer, Topic about)
    {
        var dataSecurity = about.DataSecurity;
        if (reader.First("penalties", text) is not { } penalty || about.Unrelated) return null;
        // 「受到某省通信管理局行政处罚」: who is named after the verb imposed it.
        var penalisedAt = reader.All("penalised", text).LastOrDefault(p => p.Start < penalty.Start)?.Start ?? penalty.Start;
        if (!Pledged(clause, text) || clause.Tense == Tense.Future || clause.SubjectAt(penalisedAt) != Subject.Applicant || OutsideWindow(reader, clause)) return null;
        // 「避免…受到行政处罚」「处罚风险」: prevented or only a risk.
        if (reader.All("prevention", text).Any(h => h.Start < penalty.Start) || Risk(reader, text, penalty)) return null;
        // A penalty for something other than data (「因广告宣传用语问题被罚款」) is not a data-security penalty.
        // A cause that follows up on the sentence's own event (「因整改不到位被处以罚款」) or is a reason clause of its own
        // (「因公司曾于2024年12月被处以警告」) takes the sentence's subject.
        if (reader.Analyser.CauseBefore(text, penalty.Start) is { } cause && reader.First("context", cause) is null &&
            !(dataSecurity && (reader.First("followUp", cause) is not null || clause.Years.Length > 0 && DatedCause().IsMatch(cause)))) return null;
        // 「并处罚款五万元」: a fine with its amount was imposed.
        // 「针对2025年3月行政处罚决定书指出的问题」: a dated decision was issued.
        var verb = reader.All("penalised", text).Any(p => p.Start < penalty.Start) || Amount().IsMatch(text[penalty.End..]) ||
                   clause.Years.Length > 0 && StartsWithAny(reader, "decisions", text[penalty.End..]) ||
                   // 「数据安全行政处罚1次」: counted once or more.
                   Counted(text[penalty.End..]) && !Zero(text, penalty.End);
        if (reader.Analyser.IsQuestion(text) || answer is not null && !verb && !clause.IsNegatedAt(penalty.Start))
            return answer is { } yes ? !yes : null;
        if (clause.IsNegatedAt(penalty.Start) || Zero(text, penalty.End) || NoneBefore(text, penalty.Start)) return true;
        // 「存在因数据安全问题受到行政处罚的情况」: a topic said to exist is reported.
        if (Heading(reader, text, penalty) && !reader.All("existential", text[..penalty.Start]).Any(e => !clause.IsNegatedAt(e.Start))) return null;
        return verb ? false : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:19|20)\d{2}\s*年")]
    private static partial System.Text.RegularExpressions.Regex DatedCause();

    // 「2024年重大数据安全事件」「2025年4月较大数据安全事件」: a date right before the graded event.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:19|20)\d{2}\s*年(?:\s*[0-9]{1,2}\s*月)?(?:份)?\s*(?:特别重大|重大|较大)[^，。；]{0,6}$")]
    private static partial System.Text.RegularExpressions.Regex DatedEvent();

    // 「2025年7月的数据泄露事件」「2024年3月发生的较大…事件」: a date qualifying the event with 的.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:19|20)\d{2}\s*年(?:\s*[0-9]{1,2}\s*月)?(?:份)?(?:\s*[0-9]{1,2}\s*日)?(?:发生)?的[^，。；、,;]{0,8}$")]
    private static partial System.Text.RegularExpressions.Regex DatedEventOf();

    // 「隐瞒2025年发生的较大…」: the event dated in a relative clause after the negated verb.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[^，。；]{1,4}(?:19|20)\d{2}\s*年[^，。；]{0,6}发生的")]
    private static partial System.Text.RegularExpressions.Regex DatedOccurrence();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:人民币)?\s*[0-9零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟.,]+\s*(?:万|亿)?\s*元")]
    private static partial System.Text.RegularExpressions.Regex Amount();

    /// <summary>「近三年受处罚情况的说明」「事件情况」: the event or penalty names a topic, not something that happened.</summary>
    private static bool Heading(Reader reader, string text, Reader.Match match)
    {
        var rest = text.AsSpan(match.End).TrimStart();
        if (rest.StartsWith("的", StringComparison.Ordinal)) rest = rest[1..];
        foreach (var noun in reader.Check.List("topicNouns"))
        {
            if (rest.StartsWith(noun, StringComparison.Ordinal)) return true;
        }
        return false;
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
        if (text is "0" or "零" || Zero(text, 0)) return false;
        return reader.Analyser.Answer(text) ?? (Counted(text) ? true : null);
    }

    /// <summary>A count of none after <paramref name="from"/>: 「0起」「0次」「为零」「零发生」; not 零信任, 零容忍 or 损失0元.</summary>
    private static bool Zero(string text, int from) => ZeroPattern().IsMatch(text[from..]);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9０-９.])[0０零]\s*(?:起|次|件|例|宗)|为\s*[0０零](?![0-9０-９.])|零发生|[：:]\s*[0０零]\s*$")]
    private static partial System.Text.RegularExpressions.Regex ZeroPattern();

    /// <summary>A count of one or more events (「1起」「一起」「2次」).</summary>
    private static bool Counted(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"(^|[^0-9])([1-9][0-9]*|[一二两三四五六七八九十]+)\s*[起次]");

    /// <summary>
    /// An event dated before the window (「2019年曾受到处罚」 read in 2024 against 近三年; 「2023年1月」 read on 2026-06-30) is
    /// not counted. A year without a month is inside when any of it is.
    /// </summary>
    private static bool OutsideWindow(Reader reader, Clause clause)
    {
        if (reader.Analyser.ReferenceYear is not { } year || clause.Years.Length == 0 || SpanToNow(clause.Text) is not null) return false;
        var first = year - reader.Check.Years;
        return clause.Dates.IsEmpty
            ? clause.Years.All(y => y < first)
            : clause.Dates.All(d => d.Year < first || d.Year == first && d.Month < reader.Analyser.ReferenceMonth);
    }

    /// <summary>The year a span to now starts (「2021年以来」「自2025年起」「2021年至今」); null when the text names none.</summary>
    private static int? SpanToNow(string text) =>
        SpanPattern().Match(text) is { Success: true } m && ChineseQuantity.ParseNumber(m.Groups[1].Value) is { } year ? (int)year : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月\s*)?(?:[0-9一二三四五六七八九十]{1,2}\s*日\s*)?(?:起|[^，。；起]{0,4}?(?:以来|至今))")]
    private static partial System.Text.RegularExpressions.Regex SpanPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年\s*([0-9一二三四五六七八九十]{1,2}\s*月)?\s*(份|初|底|末|上半年|下半年|年中)?\s*$")]
    private static partial System.Text.RegularExpressions.Regex DateOnlyClause();

    // ---- in-operation: the project runs ------------------------------------------------------------------------

    private static EligibilityResult Operation(Reader reader, IReadOnlyList<Sentence> sentences)
    {
        var check = reader.Check;
        Evidence.Evidence? failure = null;
        foreach (var sentence in sentences)
        {
            var clauses = reader.Analyse(sentence.Text);
            // The project named as the applicant's: 「客户某银行的新一代核心系统」 is the bank's.
            var projectNamed = clauses.Any(c => reader.All("projectNouns", c.Text).Any(m => c.SubjectAt(m.End - 1) == Subject.Applicant));
            // A sentence that says the project runs passes, unless a later clause says it stopped or is not yet in use
            // (「2021年上线，2023年已停止运行」「2023年完成验收，但至今未投入使用」); construction of something in a later
            // clause (「已上线，正在开发移动端」) does not outweigh it.
            bool? verdict = null;
            // Use words are the weakest sign (「检测设备已签订采购合同」): a later construction or plan outweighs them.
            var verdictByUse = false;
            // 「项目实施计划：第一阶段完成需求调研，…第三阶段上线运行」: stages of a plan under a heading, undated, say
            // neither that the project runs nor that it does not.
            var planHeading = clauses.Length > 1 && clauses[0].IsLabel && clauses[0].Modals.Any(m => m.Modality == Modality.Plan);
            // 「二期工程计划新增…模块，预计投资600万元，建设周期12个月」: clauses naming nothing of their own go on with the
            // next phase or the works the clause before them began with.
            var carried = false;
            for (var i = 0; i < clauses.Length; i++)
            {
                var clause = clauses[i];
                var text = reader.Masked(clause.Text);
                if (planHeading && i > 0 && clause.Modals.IsEmpty && clause.Years.IsEmpty && clause.Tense is Tense.Future or Tense.Unstated) continue;
                var byUse = false;
                // 「公司新建的研发大楼目前正在施工，预计2027年投入使用」: a clause naming nothing of its own goes on with the
                // next phase or works of the clause before.
                // Only a clause that opens with a plan or a period names nothing of its own (「预计2027年上线」「建设周期12个月」);
                // 「两期工程合并验收后才能正式投入运行」 names its own.
                // (「本项目的二期将新增…模块，计划2027年建成」: the next phase opens the clause before, after whose it is.)
                carried = i > 0 && clause.Subjects.IsEmpty && (clause.Modals.Any(m => m.Start == 0) || reader.First("period", text) is { Start: 0 }) &&
                          (carried || reader.First("notProject", reader.Masked(clauses[i - 1].Text)) is not null ||
                           reader.First("nextPhase", reader.Masked(clauses[i - 1].Text)) is { } phase &&
                           (phase.Start == 0 || phase.Start <= 6 && reader.Masked(clauses[i - 1].Text)[..phase.Start] is var head && (head.EndsWith('的') || head.EndsWith('将'))));
                var runs = Asked(reader, clause, text, i + 1 < clauses.Length ? clauses[i + 1] : null) ?? Runs(reader, clause, text, projectNamed, carried, out byUse);
                // 「我单位曾于2022年建设过一套类似系统，已于2024年下线」: a clause naming nothing of its own after works that are
                // not the project speaks of them.
                if (runs is not null && i > 0 && clause.Subjects.IsEmpty && reader.First("notProject", reader.Masked(clauses[i - 1].Text)) is not null) runs = null;
                // 「已上线模块：无」: a label whose cell answers none denies what the label names.
                if (runs == true && clause.IsLabel && i + 1 < clauses.Length && Answer(reader, reader.Masked(clauses[i + 1].Text).Split('；', ';')[0]) == false) runs = false;
                // 「平台原定2025年底上线，因需求调整推迟至2027年初」: the start of a clause before, put off to a date to come.
                if (runs is null && clause.HasFutureDate && reader.First("postponed", text) is not null &&
                    clauses[..i].Any(c => OwnStart(reader, c, reader.Masked(c.Text))))
                    runs = false;
                // 「终验和正式上线安排在整改完成后，预计不早于2026年第四季度」: a plan opening the clause, dated to come and naming
                // nothing of its own, dates the start of the clause before.
                if (runs is null && i > 0 && clause.Subjects.IsEmpty && clause.HasFutureDate && clause.Modals is [{ Start: 0, Modality: Modality.Plan or Modality.Goal }, ..] &&
                    !carried && !NextPhase(reader, text) && !NextPhase(reader, reader.Masked(clauses[i - 1].Text)) && clauses[i - 1].Tense != Tense.Past &&
                    OwnStart(reader, clauses[i - 1], reader.Masked(clauses[i - 1].Text)))
                    runs = false;
                // 「立项批复时间为2025年12月，建设期18个月」: a building period counted from a date before it, ending after the
                // reference date.
                if (runs is null && reader.First("period", text) is { } counted && clause.SubjectAt(counted.Start, placesAreOwn: true) == Subject.Applicant && !NextPhase(reader, text) &&
                    Duration().Match(text[counted.End..]) is { Success: true } duration && ChineseQuantity.ParseNumber(duration.Groups[1].Value) is { } length &&
                    clauses[..(i + 1)].SelectMany(c => c.Dates).LastOrDefault(d => d.Month is not null) is { Month: { } fromMonth } from && reader.Analyser.ReferenceYear is { } referenceYear &&
                    from.Year * 12 + fromMonth + length * (duration.Groups[2].Value == "年" ? 12 : 1) > referenceYear * 12 + reader.Analyser.ReferenceMonth)
                    runs = false;
                // 「建设期两年，自2026年1月至2027年12月」: a building period dated in the clause after.
                if (runs is null && reader.First("period", text) is { } span && i + 1 < clauses.Length && clauses[i + 1].HasFutureDate && clauses[i + 1].Subjects.IsEmpty &&
                    clause.SubjectAt(span.Start, placesAreOwn: true) == Subject.Applicant)
                    runs = false;
                // 「平台已上线的说法不准确」: the statement is said to be untrue.
                if (!clause.Refutations.IsEmpty) runs = runs == true ? false : null;
                // Use of the project (「部署试用」「提供服务」) does not outweigh a trial or construction the sentence states.
                if (runs == true && (!byUse || verdict is null))
                {
                    verdict = true;
                    verdictByUse = byUse;
                }
                else if (runs == false && (verdict is null || verdictByUse || Stops(reader, clause, text))) verdict = false;
            }
            switch (verdict)
            {
                case true: return Result(check, true, sentence.Text, Quote(sentence, check));
                case false: failure ??= Quote(sentence, check); break;
            }
        }
        return failure is null ? Missing(check) : Result(check, false, failure.Quote, failure);
    }

    /// <summary>
    /// True when the clause states the project runs (an operation word as past or ongoing fact); false when it states
    /// the project is under construction, has not started, or starts only in the future; null when it says neither.
    /// What is said of a next phase (二期、新模块) or of customers says nothing about the project.
    /// </summary>
    /// <summary>
    /// A form's question about operation with its answer (「本项目是否已投入运行：否」): the answer decides; a question
    /// without one (「…是否正式上线」) states nothing. Null when the clause asks nothing about operation.
    /// </summary>
    private static bool? Asked(Reader reader, Clause clause, string text, Clause? next)
    {
        var cell = next is null ? null : reader.Masked(next.Text);
        // 「系统正式上线时间：待定」「上线时间：2023-09-15」: a form's time of going live, answered in the next cell.
        if (clause.IsLabel && cell is not null && reader.All("start", text).Concat(reader.All("operation", text)).FirstOrDefault(o => Timed(reader, text, o) is not null) is not null)
        {
            // 「上线时间：2026年12月（计划）」: a time still to come, or planned, has not happened.
            if (reader.First("pending", cell) is not null || clause.HasFutureDate || next!.Modality is Modality.Plan or Modality.Goal) return false;
            if (CellYear().Match(cell) is { Success: true } year && reader.Analyser.ReferenceYear is { } now)
                return int.Parse(year.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= now;
        }
        if (!reader.Analyser.IsQuestion(text) || reader.First("operation", text) is null && reader.First("start", text) is null) return null;
        return cell is null ? null : reader.Analyser.Answer(cell);
    }

    private static bool? Runs(Reader reader, Clause clause, string text, bool projectNamed, bool carriedNextPhase, out bool byUse)
    {
        byUse = false;
        // 「试点结束并经评估后再决定是否正式上线」: going live is still to be decided — its 是否 asks no form's question (a next phase's too: 「再决定是否推广上线」).
        if (clause.Modality is not Modality.Requirement && reader.All("undecided", text).Any(d => reader.All("start", text[d.End..]).Concat(reader.All("operation", text[d.End..])).Any())) return false;
        // A question with no answer reads as nothing (Asked has handled one with an answer).
        if (reader.Analyser.IsQuestion(text)) return null;
        var nextPhase = carriedNextPhase || NextPhase(reader, text);
        var construction = reader.All("construction", text);
        var operation = reader.All("operation", Reader.Mask(text, [.. construction.Select(c => c.Word), .. reader.Check.List("stopped")]));
        // 「平台2022年投产后，…」: an after-clause dated in the past says it happened.
        bool Own(Reader.Match m) => clause.SubjectAt(m.Start, placesAreOwn: true) == Subject.Applicant && (!After(text, m) || clause.Years.Length > 0 && !clause.HasFutureDate);
        // A building word under a requirement or a condition (「在建项目不予受理」 after 「申报项目应已建成」) is no report.
        // So is one describing a kind of project the call refuses (「尚处于在建或试点阶段的项目不予受理」).
        // 「分为需求调研、系统设计、开发测试、部署实施四个阶段」: stages listed describe the plan, not where the project stands.
        bool Reported(Reader.Match m) => clause.ModalityAt(m.Start) is not (Modality.Requirement or Modality.Condition) &&
                                         !RefusedKind().IsMatch(text[m.End..]) && reader.First("stagesListed", text[..m.Start]) is null;

        if (Stops(reader, clause, text)) return false;
        // 「不具备对外提供服务的条件」「不满足上线要求」: going live or use said not to be possible yet.
        // 「系统暂不具备上线条件」: 上线条件 is masked where it names a condition; here it is what is unmet.
        if (!nextPhase && Unmet(reader, clause) is { } unmet && ClauseAnalyser.AsciiDigits(clause.Text).Substring(unmet.Start, unmet.Text.Length) is var unmetText &&
            reader.All("operation", unmetText).Concat(reader.All("start", unmetText)).Concat(reader.All("usage", unmetText)).Any()) return false;
        // 「生产环境部署预计于今年9月完成」「具体部署工作将在协议签订后六个月内完成」: the start or the building is the topic, and
        // a plan right after it says when it will be done.
        // Not a noun made with the plan (「项目实施计划：」「国家重点研发计划」「建设目标是…」).
        if (!nextPhase && !clause.IsLabel && !(clause.Years.Length > 0 && !clause.HasFutureDate) &&
            reader.All("start", text).Concat(reader.All("building", text)).Any(m => Own(m) && !clause.IsNegatedAt(m.Start) && clause.ModalityAt(m.Start) == Modality.Fact &&
                clause.Modals.Any(md => md.Modality == Modality.Plan && md.Start >= m.End && WorkNamed(reader, text[m.End..md.Start]) &&
                                        !(md.Word is "计划" or "规划" && (md.Start + md.Word.Length >= text.Length || "于在将从自".IndexOf(text[md.Start + md.Word.Length]) < 0))))) return false;
        // 「上线时间相应推迟」: the start is put off.
        // 「系统暂缓上线」: before it too.
        // 「建设工作推迟至2026年下半年启动」: building put off, in a sentence naming the project.
        if (!nextPhase && reader.First("postponed", text) is not null &&
            (reader.All("start", text).Any(Own) || projectNamed && reader.All("building", text).Any(Own))) return false;
        if (!nextPhase && Trial(reader, clause, text) is { } trial && Own(trial) && Reported(trial)) return false;
        // 「二〇二六年七月起将开展试点应用」: a trial still to begin (a plan or a date to come, a start of work right before it).
        if (!nextPhase && (clause.HasFutureDate || clause.Modality is Modality.Plan) && !(clause.Years.Length > 0 && !clause.HasFutureDate) &&
            reader.All("trial", text).Any(t => Own(t) && Reported(t) && !clause.IsNegatedAt(t.Start) &&
                reader.All("underwayWork", text[..t.Start]).Any(u => t.Start - u.End <= 4))) return false;
        // 「计划在完成试点后于明年推广上线」: a plan waiting for a trial to end says the trial is now.
        if (clause.Modality is Modality.Plan or Modality.Goal && reader.All("trial", text).Any(t => clause.SubjectAt(t.Start, placesAreOwn: true) == Subject.Applicant &&
                text[..t.Start].EndsWith("完成", StringComparison.Ordinal) &&
                text.AsSpan(t.End).TrimStart("工作阶段期").StartsWith("后", StringComparison.Ordinal))) return false;
        foreach (var op in operation.Where(Own))
        {
            if (clause.NegatorOf(op.Start) is { } negator && !TrialDenied(reader, text, negator, op)) return nextPhase || !NotYet(negator) ? null : false;
            // 「测试上线（未开始）」: a stage's status in brackets after it says it has not happened.
            if (!nextPhase && StatusAfter(text, op) is { } status && reader.Analyser.Analyse(status) is [{ Negators: [var denied, ..] }] && NotYet(denied)) return false;
            // 「待验收后投入使用」: waiting for it, so not yet.
            if (Pending(reader, text, op)) return nextPhase ? null : false;
            // 「公司新办公楼于2025年正式投入使用」: works that are not the project. 「工程化落地工作正在推进中」: the work
            // towards it, not it. 「公司运营的多个互联网平台」: an undated word describing the noun after 的 says nothing of the
            // project, unless a copula makes the project that noun (「本项目…是已规模化商用的成熟产品」).
            // 「正式上线方案」「试运行方案」: a plan for it, not it.
            if (StartsWithAny(reader, "planFor", text[op.End..])) continue;
            // 「试运行期满后」「试运行期间」: the trial's period, read by Trial.
            if (reader.First("notProject", text[..op.Start]) is not null || text.AsSpan(op.End).StartsWith("工作", StringComparison.Ordinal) ||
                reader.Check.List("trial").Contains(op.Word) && text.AsSpan(op.End).StartsWith("期", StringComparison.Ordinal) ||
                text.AsSpan(op.End).StartsWith("的", StringComparison.Ordinal) && clause.Years.IsEmpty && !text[..op.Start].Contains('是')) continue;
            // 「试运行期满后组织验收」: what follows a condition has not happened unless the clause dates it.
            // 「项目建成后已交付使用两年」: 已 after the condition says it happened.
            if (clause.Years.IsEmpty && text.LastIndexOf('后', Math.Max(0, op.Start - 1)) is var after and > 0 && after < op.Start &&
                reader.Analyser.IsConditionClause(text[..(after + 1)]) && !text.AsSpan(after, op.Start - after).Contains('已')) continue;
            // 「该平台可与公司已上线的数据资产管理系统对接」: another system, named after 与, is the one that runs.
            if (text.AsSpan(op.End).StartsWith("的", StringComparison.Ordinal) && reader.All("alongside", text[..op.Start]).Count > 0) continue;
            // 「验收前仅开展了功能演示」: before it, so not it.
            if (StartsWithAny(reader, "before", text[op.End..])) continue;
            // 「平台目前无法上线运营」: cannot go live, so it does not run.
            if (!nextPhase && InabilityBefore(clause, op)) return false;
            // 「正式上线时间待定」「上线时间另行确定」: the start is not fixed, so it has not happened.
            // 「上线时间待算法优化完成后再定」: what it waits for may name a next step (优化) without making it one.
            // 「新的上线时间尚未确定」: a new time for the same start, not a next phase's.
            if (Timed(reader, text, op) is { } when && (reader.First("nextPhase", text[..when]) is null || NewTime().IsMatch(text[..op.Start])) &&
                (reader.First("pending", text[when..]) is not null || clause.Negators.Any(n => n.Start >= when && NotYet(n)))) return false;
            // 「正式运行须待验收通过后方可开展」: the word is the topic, and what it waits for follows it.
            if (!nextPhase && PendingAfter(reader, text, op)) return false;
            // 「上线时间尚无法确定」「上线时间预计为明年三月」: the time of going live is the topic, and what the clause says of
            // it after the word decides.
            var modality = Timed(reader, text, op) is not null
                ? clause.Modals.LastOrDefault()?.Modality ?? clause.ModalityAt(op.Start)
                : clause.ModalityAt(op.Start);
            if (modality != Modality.Fact || clause.HasFutureDate || clause.Tense == Tense.Future)
            {
                // 「平台预计2025年底上线」 read in mid-2026: a plan whose date has passed says nothing now.
                if (modality is Modality.Plan or Modality.Goal && clause.Years.Length > 0 && !clause.HasFutureDate) continue;
                // A start planned, aimed at or dated after the application (「力争年底前完成平台上线」「平台于2024年10月上线」).
                if (reader.Check.List("start").Contains(op.Word) && !nextPhase && modality is Modality.Plan or Modality.Goal or Modality.Fact) return false;
                continue;
            }
            if (clause.Tense is Tense.Past or Tense.Ongoing)
            {
                // 「试运行范围仅限于…」: a trial word used as operation does not outweigh a trial the sentence states.
                byUse = reader.Check.List("trial").Contains(op.Word);
                return true;
            }
        }
        if (!nextPhase)
        {
            if (construction.Any(c => Own(c) && Reported(c) && !clause.IsNegatedAt(c.Start) && !History(clause) && !Completed(reader, text, c))) return false;
            // 「本项目拟依托现有机房建设数据安全监测平台」: the project itself is still to be built (a building word before the
            // project's noun; 「将持续投入研发力量」 builds nothing named).
            // 「预计2026年底集成到平台中」 builds into the platform, not the platform.
            if (reader.All("building", text).Any(b => Own(b) && !clause.IsNegatedAt(b.Start) && clause.ModalityAt(b.Start) is Modality.Plan or Modality.Goal &&
                                                      reader.First("projectNouns", text[b.End..]) is not null && text.AsSpan(b.End).TrimStart() is not ['到' or '至' or '进' or '入' or '于', ..]))
                return false;
            // 「系统开发已完成约70%」「项目建设完成率约45%」: building part done is building under way.
            // 「项目整体进度约60%」: the project's progress, said of it.
            // 「系统开发已完成百分之八十」: a share in words too.
            if (projectNamed && PartDone().Match(text) is { Success: true } part &&
                (part.Groups[1].Success ? double.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                    : part.Groups[2].Success ? ChineseQuantity.ParseNumber(part.Groups[2].Value) ?? 100 : 50) < 100 &&
                (reader.All("building", text).Any(b => Own(b) && b.Start < part.Index) ||
                 part.Value.StartsWith("进度", StringComparison.Ordinal) && reader.First("projectNouns", text[..part.Index]) is { } whose && clause.SubjectAt(whose.Start) == Subject.Applicant &&
                 !NextPhase(reader, text))) return false;
            // 「部署上线0%」: a start not begun.
            if (reader.All("start", text).Any(s => Own(s) && NoneDone().IsMatch(text[s.End..]))) return false;
            // 「下一步将启动项目建设」: starting to build the project is what is planned.
            if (clause.Modality is Modality.Plan or Modality.Goal && !(clause.Years.Length > 0 && !clause.HasFutureDate) &&
                reader.All("building", text).Any(b => Own(b) && (reader.All("underwayWork", text[..b.Start]).Concat(reader.All("completed", text[..b.Start])).Any(u =>
                    b.Start - u.End <= 6 && reader.First("projectNouns", text[u.End..b.Start]) is not null) ||
                    // 「下一步将启动招标采购工作」: the building right after the start, in a sentence naming the project.
                    // 「计划…启动正式建设」: 正式 or 全面 may stand between.
                    projectNamed && reader.All("underwayWork", text[..b.Start]).Any(u => b.Start - u.End <= 1 || text[u.End..b.Start] is "正式" or "全面")))) return false;
            // Building words need the project named in the sentence: 「公司正在研发基于大模型的检测能力」 is not the project.
            if (projectNamed && Building(reader, clause, text) is { } building && Own(building) && Reported(building)) return false;
            // 「项目建设期为2024年7月至2025年12月」: a building period that has not ended.
            // 「预计建设周期十二个月」: a building period planned has not begun to end.
            if (reader.First("period", text) is { } period && (clause.HasFutureDate || clause.ModalityAt(period.Start) == Modality.Plan) && Own(period) && Reported(period)) return false;
        }
        // A planned start not listed among the operation words (「预计明年正式部署」).
        var start = reader.All("start", text).FirstOrDefault(Own);
        if (start is not null && !nextPhase && !clause.IsNegatedAt(start.Start) &&
            (clause.ModalityAt(start.Start) is Modality.Plan or Modality.Goal && !(clause.Years.Length > 0 && !clause.HasFutureDate) ||
             clause.IsFact && (clause.HasFutureDate || clause.Tense == Tense.Future) || Pending(reader, text, start) || PendingAfter(reader, text, start))) return false;
        // 「正式部署的时间还没有确定」: the start's time not fixed.
        if (!nextPhase && reader.All("start", text).Any(s => Own(s) && Timed(reader, text, s) is { } fixedAt &&
                (reader.First("pending", text[fixedAt..]) is not null || clause.Negators.Any(n => n.Start >= fixedAt)))) return false;
        // 「项目实施方案已报送集团审批，待批复后启动实施」: building waits for something.
        // 「相关建设工作待资金落实后启动」: what it waits for follows it.
        if (!nextPhase && projectNamed && reader.All("building", text).Any(b => Own(b) && (Pending(reader, text, b) || PendingAfter(reader, text, b)) && !clause.IsNegatedAt(b.Start))) return false;
        // 「两项测评通过后方能部署到生产环境」: use waiting for something has not begun.
        if (!nextPhase && projectNamed && reader.All("usage", text).Any(u => Own(u) && Pending(reader, text, u) && !clause.IsNegatedAt(u.Start))) return false;
        // 「至今未完工」「尚未交付」: the start not yet made.
        if (!nextPhase && reader.All("start", text).Any(s => Own(s) && clause.NegatorOf(s.Start) is { } n && NotYetBegun(reader, text, n))) return false;
        // 「平台至今未能接入生产网络」「尚未对外提供服务」: use not yet begun (not 「平台未接入互联网」, a design).
        if (projectNamed && !nextPhase && reader.All("usage", text).Any(u => Own(u) && clause.NegatorOf(u.Start) is { } n && NotYetBegun(reader, text, n)))
            return false;
        // Use of the project said as past or ongoing fact (「截至目前，平台已接入数据提供方35家」).
        // 「硬件部署已完成」 is a step of building, 「部署试用」 a trial: neither is use.
        // 「项目新增的API风险检测功能目前正在开发中」: use words in a clause building a next phase are that phase's.
        var buildingNext = nextPhase && (construction.Count > 0 || reader.First("building", text) is not null);
        // 「系统已部署至测试环境」「在测试环境中部署」: use in a test environment is a trial, not operation (not 「为本项目提供测试
        // 环境」, which provides one).
        var inTest = reader.First("testEnvironments", text) is not null && reader.First("production", text) is null;
        if (projectNamed && !nextPhase && inTest && clause.IsFact && reader.All("usage", text).Any(u => Own(u) && !clause.IsNegatedAt(u.Start) &&
                reader.All("testEnvironments", text).Any(t => t.Start - u.End is >= 1 and <= 4 && "至到于在进入".Contains(text[u.End], StringComparison.Ordinal) &&
                    !text.AsSpan(u.End, t.Start - u.End).ContainsAny('，', '、') || t.End <= u.Start && u.Start - t.End <= 3 && text[..t.Start].EndsWith('在')))) return false;
        if (projectNamed && !buildingNext && clause.IsFact && !clause.HasFutureDate && clause.Tense is Tense.Past or Tense.Ongoing &&
            // 「明确了“监测—预警—处置—溯源”一体化的建设目标」: words in quotes name something; they report no use.
            reader.All("usage", text).Any(u => !Quoted(text, u.Start) && clause.SubjectAt(u.Start, placesAreOwn: true) == Subject.Applicant && !clause.IsNegatedAt(u.Start) &&
                                               // 「两项测评通过后方能部署到生产环境」: use waiting for something is not use.
                                               !Pending(reader, text, u) &&
                                               !BuildingStep(reader, text, u)))
        {
            byUse = true;
            return true;
        }
        return null;
    }

    /// <summary>
    /// A building word that puts the project under construction: after an under-way marker (「正在开发」「处于研发阶段」
    /// 「仍在调试」), ending the clause with 中 (「平台研发中」), or denied as not yet done (「尚未开始建设」「还没有完成部署」).
    /// A completed period (「建设期为2022年1月至2022年12月」) is history.
    /// </summary>
    private static Reader.Match? Building(Reader reader, Clause clause, string text)
    {
        // 「项目计划于2022年开始建设」 read in 2026: a plan whose date has passed says nothing now.
        if (History(clause) || clause.Modality is Modality.Plan or Modality.Goal && clause.Years.Length > 0 && !clause.HasFutureDate) return null;
        var underway = reader.All("underway", text);
        foreach (var verb in reader.All("building", text))
        {
            if (clause.NegatorOf(verb.Start) is { } negator) return NotYet(negator) ? verb : null;
            if (Completed(reader, text, verb)) continue;
            // 「平台建设工作尚未完成」: the work named by the verb not yet done.
            if (clause.Negators.FirstOrDefault(n => n.Start >= verb.End && n.Start - verb.End <= 3 && NotYet(n)) is { } undone &&
                StartsWithAny(reader, "completed", text[undone.End..])) return verb;
            if (underway.Any(u => u.End <= verb.Start)) return verb;
            // 「生产环境部署工作尚未启动」: the work named by the verb has not begun.
            if (clause.Negators.FirstOrDefault(n => n.Start >= verb.End && NotYetBegun(reader, text, n)) is { } notYet &&
                StartsWithAny(reader, "underwayWork", text[notYet.End..])) return verb;
            var rest = text.AsSpan(verb.End).Trim().ToString();
            // 「生产环境部署工作尚在推进」「建设工作正在进行」: the work named by the verb is under way.
            if (underway.FirstOrDefault(u => u.Start >= verb.End) is { } after &&
                StartsWithAny(reader, "underwayWork", text[after.End..])) return verb;
            // 「系统开发（进行中）」: a stage's status in brackets after it.
            if (reader.Check.List("inProgress").Contains(rest) || reader.Check.List("inProgress").Contains(rest.Trim('（', '）', '(', ')')) || rest.StartsWith("阶段", StringComparison.Ordinal) && clause.Tense == Tense.Ongoing) return verb;
        }
        return null;
    }

    /// <summary>
    /// A trial said of now: a trial word after an under-way marker (「尚在试运行」「目前仍处于小规模试点阶段」) or ending
    /// the clause in 中 / 阶段 said of now; or an operation word, or an under-way marker, in a clause naming a test
    /// environment (「系统仍在测试环境中运行」). Not a trial denied (「并非处于试点阶段」) or completed (「完成试运行」).
    /// </summary>
    private static Reader.Match? Trial(Reader reader, Clause clause, string text)
    {
        // 「试点期为2026年3月至2026年12月」「试运行期自2026年4月起」: a trial period that ends later or has only begun
        // (not 「试运行期间」, during it, nor 「试运行期满」, at its end).
        if (reader.All("trial", text).FirstOrDefault(t => text.AsSpan(t.End).StartsWith("期", StringComparison.Ordinal) &&
                text.AsSpan(t.End).StartsWith("期间", StringComparison.Ordinal) is false && text.AsSpan(t.End).StartsWith("期满", StringComparison.Ordinal) is false &&
                !clause.IsNegatedAt(t.Start) && (clause.HasFutureDate || SpanToNow(clause.Text) is not null && clause.Years.Length == 1)) is { } period)
            return period;
        if (History(clause) || clause.Tense == Tense.Future) return null;
        var underway = reader.All("underway", text);
        foreach (var trial in reader.All("trial", text))
        {
            if (clause.IsNegatedAt(trial.Start) || Completed(reader, text, trial)) continue;
            // Right before it, a qualifier at most between (「仍处于小规模试点阶段」); not 「正在申报…试点」.
            // 「进入为期六个月的试运行期」: or a modifier ending in 的.
            if (underway.Any(u => u.End <= trial.Start && (trial.Start - u.End <= 4 || trial.Start - u.End <= 10 && text[u.End..trial.Start].EndsWith('的')) &&
                                  !text[u.End..trial.Start].Any(IsClausePunctuation))) return trial;
            var rest = text.AsSpan(trial.End).TrimStart();
            // 「目前在三个试点单位试用」: a trial ending a clause said of now.
            if ((rest.StartsWith("中", StringComparison.Ordinal) || rest.StartsWith("阶段", StringComparison.Ordinal) || rest.IsEmpty) && clause.Tense == Tense.Ongoing) return trial;
        }
        if (reader.First("testEnvironments", text) is { } test && !clause.IsNegatedAt(test.Start) && reader.First("production", text) is null &&
            // 「平台已上线测试版本」: or right before the test version it puts up.
            (reader.All("operation", text).Any(o => o.Start > test.Start || test.Start - o.End is >= 0 and <= 1) || underway.Count > 0))
            return test;
        return null;
    }

    /// <summary>
    /// 「尚未」「还未」「暂未」「仍未」「未能」「至今未」 (`notYet`, the negator with the character on either side of it): not
    /// yet begun, not a property.
    /// </summary>
    private static bool NotYetBegun(Reader reader, string text, Marker negator)
    {
        var window = text[Math.Max(0, negator.Start - 1)..Math.Min(text.Length, negator.End + 1)];
        return reader.Check.List("notYet").Any(w => window.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>An inability marker right before the word (「无法上线」「不能正式投入使用」).</summary>
    private static bool InabilityBefore(Clause clause, Reader.Match op) =>
        clause.Modals.Any(m => m.Modality == Modality.Inability && m.Start < op.Start && op.Start - (m.Start + m.Word.Length) <= 2);

    /// <summary>
    /// Where what is said of a start's time begins (「上线时间待定」: after 时间, one of `timeNouns`), or null when the word
    /// names no time.
    /// </summary>
    private static int? Timed(Reader reader, string text, Reader.Match op) =>
        // 「正式部署的时间还没有确定」: with 的 too.
        reader.Check.List("timeNouns").FirstOrDefault(t => text.AsSpan(op.End).TrimStart('的').StartsWith(t, StringComparison.Ordinal)) is { } noun
            ? text.IndexOf(noun, op.End, StringComparison.Ordinal) + noun.Length
            : null;

    /// <summary>
    /// A use word that names a step of building or a trial (「硬件部署已完成」「部署工作」「部署试用」), or is part of the
    /// project's name (「数据安全监测平台」).
    /// </summary>
    private static bool BuildingStep(Reader reader, string text, Reader.Match use)
    {
        var rest = text[use.End..].TrimStart();
        return reader.Check.List("projectNouns").Any(n => rest.StartsWith(n, StringComparison.Ordinal)) || rest.StartsWith("已完成", StringComparison.Ordinal) ||
               rest.StartsWith("完毕", StringComparison.Ordinal) ||
               // 「部署完成」「部署完成后」 is a step; 「支撑完成三个年度的评估工作」 is use that completed work.
               rest.StartsWith("完成", StringComparison.Ordinal) && rest[2..].TrimStart() is "" or ['了' or '后' or '，' or '。' or '；', ..] ||
               rest.StartsWith("工作", StringComparison.Ordinal) || reader.Check.List("trial").Any(t => rest.StartsWith(t, StringComparison.Ordinal));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:完成|完成率|完成度|进度)[^，。；,;]{0,4}?(?:([0-9]{1,3}(?:\.[0-9]+)?)\s*[%％]|百分之([零一二两三四五六七八九十]+)|(一半|过半))")]
    private static partial System.Text.RegularExpressions.Regex PartDone();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:为|约|共|计)?\s*([0-9]{1,2}|[一二两三四五六七八九十]+)\s*个?\s*(月|年)")]
    private static partial System.Text.RegularExpressions.Regex Duration();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|[^重])新的?$")]
    private static partial System.Text.RegularExpressions.Regex NewTime();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[:：]?\s*0\s*[%％]")]
    private static partial System.Text.RegularExpressions.Regex NoneDone();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*((?:19|20)\d{2})\s*[-./年]")]
    private static partial System.Text.RegularExpressions.Regex CellYear();

    [System.Text.RegularExpressions.GeneratedRegex(@"的(申报)?项目.{0,4}(不予|不得|不能|不可|不在)")]
    private static partial System.Text.RegularExpressions.Regex RefusedKind();

    private static bool IsClausePunctuation(char c) => c is '，' or '、' or '；' or '：' or ',' or ';' or ':';

    /// <summary>「已完成测试阶段」「完成开发」: a completed word right before the building word.</summary>
    private static bool Completed(Reader reader, string text, Reader.Match match) =>
        reader.Check.List("completed").Any(c => text.AsSpan(0, match.Start).TrimEnd().EndsWith(c, StringComparison.Ordinal)) ||
        // 「完成全部开发与联调」: one completion over the works listed after it.
        reader.All("completed", text[..match.Start]).LastOrDefault() is { } done && match.Start - done.End <= 8 &&
        text.AsSpan(done.End, match.Start - done.End).ContainsAny("与和及、") &&
        !text.AsSpan(done.End, match.Start - done.End).ContainsAny("，。；,") && reader.First("underway", text[done.End..match.Start]) is null;

    /// <summary>
    /// The clause says the project stopped (「已停止运行」), or that it is not in use yet (「至今未投入使用」): a statement
    /// that outweighs an earlier start in the same sentence.
    /// </summary>
    private static bool Stops(Reader reader, Clause clause, string text)
    {
        if (NextPhase(reader, text)) return false;
        // Whose project: as in Runs, places aside (「仅在一家合作单位接入…，尚未形成稳定的业务运行」 is still the platform).
        if (reader.All("stopped", text).Any(s => clause.SubjectAt(s.Start, placesAreOwn: true) == Subject.Applicant && !clause.IsNegatedAt(s.Start) &&
                                                  clause.IsFact && !clause.HasFutureDate && clause.Tense != Tense.Future)) return true;
        // 「目前尚无用户实际部署使用」: nobody uses it yet.
        if (reader.First("unused", text) is not null && clause.IsFact) return true;
        // 「虽已完成验收，但系统暂缓上线」: a start put off.
        if (reader.First("postponed", text) is not null && clause.IsFact && !History(clause) &&
            OwnStart(reader, clause, text)) return true;
        return reader.All("operation", text).Any(o => clause.SubjectAt(o.Start, placesAreOwn: true) == Subject.Applicant && !After(text, o) &&
                                                     clause.NegatorOf(o.Start) is { } negator && NotYet(negator) && !TrialDenied(reader, text, negator, o));
    }

    /// <summary>「不再是试运行」: a trial denied through a copula is operation going on, not operation denied.</summary>
    private static bool TrialDenied(Reader reader, string text, Marker negator, Reader.Match op) =>
        reader.Check.List("trial").Contains(op.Word) && text[negator.End..op.Start] is "是" or "为" or "处于";

    /// <summary>The clause names a start (上线、投入使用…) of the applicant's own project, places aside.</summary>
    private static bool OwnStart(Reader reader, Clause clause, string text) =>
        reader.All("start", text).Any(s => clause.SubjectAt(s.Start, placesAreOwn: true) == Subject.Applicant);

    /// <summary>A clause that spans a period ending in the past (「2022年1月至2022年12月」) tells history, not the present.</summary>
    private static bool History(Clause clause) => clause.Years.Length >= 2 && !clause.HasFutureDate && clause.Tense == Tense.Past;

    /// <summary>
    /// 未 and 没 deny that something has happened (「尚未上线」「还没有在生产环境中使用」); 不 denies a habit or a property
    /// (「平台不运行在公网」「无需部署客户端」 is no statement of being unbuilt), except 不再 (no longer).
    /// </summary>
    private static bool NotYet(Marker negator) => negator.Word.Contains('未') || negator.Word.Contains('没') || negator.Word == "不再";

    /// <summary>「待验收后投入使用」「有待上线」: a pending marker before the word in its clause.</summary>
    private static bool Pending(Reader reader, string text, Reader.Match match) =>
        reader.All("pending", text).Any(p => p.End <= match.Start);

    /// <summary>
    /// The clause speaks of a next phase (二期、新模块) or of works that are not the project (大楼、园区): building them
    /// says nothing of the project.
    /// </summary>
    private static bool NextPhase(Reader reader, string text) => reader.First("nextPhase", text) is not null || reader.First("notProject", text) is not null;

    /// <summary>The position stands inside “…” or 「…」.</summary>
    private static bool Quoted(string text, int index) =>
        text.LastIndexOfAny(['“', '「'], Math.Max(0, index - 1)) is var open and >= 0 && text.IndexOfAny(['”', '」'], open) is var close and > 0 && close > index;

    /// <summary>The text of a bracket right after the word (「测试上线（未开始）」 → 未开始); null when none follows it.</summary>
    private static string? StatusAfter(string text, Reader.Match match) =>
        StatusBracket().Match(text, match.End) is { Success: true } m && m.Index == match.End ? m.Groups[1].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"[（(]([^（()）]{1,8})[）)]")]
    private static partial System.Text.RegularExpressions.Regex StatusBracket();

    /// <summary>「正式运行须待验收通过」「上线尚需主管部门批准」: a pending marker within a few characters after the word.</summary>
    private static bool PendingAfter(Reader reader, string text, Reader.Match match)
    {
        // 「正式验收及上线尚待主管部门批复」: what waits may be a pair of words joined by 及、和、与.
        var rest = text[match.End..];
        if (rest is ['及' or '和' or '与' or '、', ..] &&
            reader.All("operation", rest[1..]).Concat(reader.All("start", rest[1..])).FirstOrDefault(o => o.Start == 0) is { } joined)
            rest = rest[(1 + joined.Word.Length)..];
        return reader.All("pending", rest).Any(p => p.Start <= 2);
    }

    /// <summary>「上线后」「部署之后」: what follows is conditional on it, not a statement that it happened (「以来」 is).</summary>
    private static bool After(string text, Reader.Match match) =>
        match.End < text.Length && text[match.End] == '后' || text.AsSpan(match.End).StartsWith("之后", StringComparison.Ordinal) ||
        // 「正式运行满一年后」: a time after it.
        FullTermAfter().IsMatch(text[match.End..]);

    // 「建成验收后投入使用」: a word or two more before 后 (not 后台、后续、后端).
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:满[^，。；,;]{0,6}?|[^，。；,;后]{1,4})后(?!台|续|端|期)")]
    private static partial System.Text.RegularExpressions.Regex FullTermAfter();

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

    /// <summary>
    /// The condition the applicant says it does not meet, masked, with where it starts in the clause
    /// (「本单位不符合“近三年未发生重大数据安全事件”的条件」); null when the clause states none as fact.
    /// </summary>
    private static (int Start, string Text)? Unmet(Reader reader, Clause clause) =>
        clause.IsFact && reader.Analyser.Unmet(clause.Text) is { } span && clause.SubjectAt(span.Start) == Subject.Applicant
            ? (span.Start, reader.Masked(clause.Text)[span.Start..span.End])
            : null;

    private static Evidence.Evidence Quote(Sentence sentence, EligibilityCheck check) =>
        new(sentence.Text, sentence.Block.Location, check.Id);

    private static EligibilityResult Result(EligibilityCheck check, bool passed, string statement, Evidence.Evidence quote) =>
        new(check.Id, check.Name, passed ? EligibilityStatus.Passed : EligibilityStatus.Failed,
            $"{(passed ? check.PassReason : check.FailReason)}：「{Shorten(statement)}」", quote);

    private static EligibilityResult Missing(EligibilityCheck check) =>
        new(check.Id, check.Name, EligibilityStatus.Unconfirmed, check.MissingReason, null);

    private static string Shorten(string text) => Documents.TextNormalizer.Shorten(text, 80);

    [System.Text.RegularExpressions.GeneratedRegex(@"[□☐][^□☐☑☒■√✓✔]*")]
    private static partial System.Text.RegularExpressions.Regex UntickedOptions();

    [System.Text.RegularExpressions.GeneratedRegex(@"《[^《》]*》")]
    private static partial System.Text.RegularExpressions.Regex BookTitle();

    /// <summary>The check's words, found in clause text with the check's <c>ignore</c> phrases masked.</summary>
    private sealed class Reader(EligibilityCheck check, ClauseAnalyser analyser)
    {
        public sealed record Match(string Word, int Start)
        {
            public int End => Start + Word.Length;
        }

        public EligibilityCheck Check => check;

        public ClauseAnalyser Analyser => analyser;

        /// <summary>The sentence's clauses, analysed once for every check inside the caller's keeping scope.</summary>
        public ImmutableArray<Clause> Analyse(string sentence) => AnalysedClauses.Of(analyser, sentence);

        /// <summary>
        /// The clause with the check's <c>ignore</c> phrases masked, full-width digits read as ASCII (「０起」), and a
        /// form's unticked options masked (「□已上线 □试运行 □在建」 offers them; 「☑已上线」 states one).
        /// </summary>
        /// <remarks>Kept per text: the rules mask the same clause again at every question they ask of it.</remarks>
        public string Masked(string text)
        {
            if (!masked.TryGetValue(text, out var result))
                masked[text] = result = UntickedOptions().Replace(Mask(ClauseAnalyser.AsciiDigits(text), check.List("ignore")), m => new string('\u3000', m.Length));
            return result;
        }

        private readonly Dictionary<string, string> masked = new(StringComparer.Ordinal);

        /// <summary>
        /// The text with documents' titles masked: 「未发生《工业和信息化领域数据安全事件应急预案（试行）》所列…事件」 names
        /// an event and a plan only inside the title. (A cause keeps its title: 「因违反《数据安全法》」 is about data.)
        /// </summary>
        public static string WithoutTitles(string text) => BookTitle().Replace(text, m => new string('\u3000', m.Length));

        /// <summary>The words replaced by a character no list contains, so offsets keep pointing into the clause.</summary>
        public static string Mask(string text, IEnumerable<string> words)
        {
            foreach (var word in words.OrderByDescending(w => w.Length))
            {
                // (A word the text does not contain costs no replacement string.)
                if (word.Length > 0 && text.Contains(word, StringComparison.Ordinal)) text = text.Replace(word, new string('\u3000', word.Length), StringComparison.Ordinal);
            }
            return text;
        }

        /// <summary>Every occurrence of the list's words, longest first, never overlapping, in text order.</summary>
        public List<Match> All(string list, string text) =>
            [.. ClauseAnalyser.Find(text, WordList.LongestFirst(check.List(list))).Select(m => new Match(m.Word, m.Start))];

        public Match? First(string list, string text) => All(list, text).FirstOrDefault();

        public Match? Last(string list, string text) => All(list, text).LastOrDefault();
    }
}
