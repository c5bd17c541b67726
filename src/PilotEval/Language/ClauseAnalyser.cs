using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Evidence;

namespace PilotEval.Language;

/// <summary>
/// Reads a sentence clause by clause (split by the one splitter, <see cref="Sentences.Clauses"/>), with the words of
/// the <see cref="Lexicon"/>. Negation, modality, time and subject are properties of the clause a predicate stands in,
/// not look-behinds on a keyword: 「本单位承诺申报材料真实有效，近三年未发生重大数据安全事件」 denies the incident
/// however far the 未 stands from it, and 「我单位暂无法…作出承诺」 contains no negation at all.
/// </summary>
public sealed partial class ClauseAnalyser
{
    private readonly ImmutableArray<string> negators;
    private readonly ImmutableArray<string> nonNegations;
    private readonly ImmutableArray<string> causeMarkers;
    private readonly ImmutableArray<string> causeEnds;
    private readonly ImmutableArray<string> reasonEnds;
    private readonly ImmutableArray<string> nonCauses;
    private readonly ImmutableArray<string> nonSubjects;
    private readonly ImmutableArray<(string Word, Modality Modality)> modals;
    private readonly ImmutableArray<string> nonModals;
    private readonly ImmutableArray<string> conditionEnds;
    private readonly ImmutableArray<string> nonConditionEnds;
    private readonly ImmutableArray<(string Word, Tense Tense)> times;
    private readonly ImmutableArray<(string Word, Subject Subject)> subjects;
    private readonly ImmutableArray<string> beneficiaries;
    private readonly ImmutableArray<string> serviceVerbs;
    private readonly ImmutableArray<string> refutations;
    private readonly ImmutableHashSet<string> possessed;
    private readonly Regex locative;
    private readonly Regex locativeNamed;
    private readonly Regex objectOf;
    private readonly Regex ownedData;
    private readonly Regex spacedAnswer;
    private readonly ImmutableArray<string> questionMarkers;
    private readonly ImmutableArray<string> yesAnswers;
    private readonly ImmutableArray<string> noAnswers;
    private readonly ImmutableArray<string> answerVerbs;
    private readonly ImmutableArray<string> templateMarkers;
    private readonly ImmutableArray<string> contrastMarkers;
    private readonly ImmutableArray<string> durationMarkers;
    private readonly ImmutableArray<string> concessiveMarkers;
    private readonly ImmutableArray<string> unmetMarkers;
    private readonly ImmutableArray<string> conditionNouns;
    private readonly int? referenceYear;
    private readonly int referenceMonth = 12;

    /// <param name="referenceYear">
    /// The year the application is read in (the call year): a date after it is future, one up to it past. Without it
    /// a date counts as past, as dated statements in an application report history unless a plan marker says otherwise.
    /// </param>
    public ClauseAnalyser(Lexicon lexicon, int? referenceYear = null)
    {
        negators = lexicon.Words(Lexicon.Sections.Negators);
        nonNegations = lexicon.Words(Lexicon.Sections.NonNegations);
        causeMarkers = lexicon.Words(Lexicon.Sections.CauseMarkers);
        causeEnds = lexicon.Words(Lexicon.Sections.CauseEnds);
        reasonEnds = lexicon.Words(Lexicon.Sections.ReasonEnds);
        nonCauses = lexicon.Words(Lexicon.Sections.NonCauses);
        nonSubjects = lexicon.Words(Lexicon.Sections.NonSubjects);
        modals = Longest(
            Tag(lexicon.Words(Lexicon.Sections.PlanMarkers), Modality.Plan),
            Tag(lexicon.Words(Lexicon.Sections.GoalMarkers), Modality.Goal),
            Tag(lexicon.Words(Lexicon.Sections.GuaranteeMarkers), Modality.Guarantee),
            Tag(lexicon.Words(Lexicon.Sections.RequirementMarkers), Modality.Requirement),
            Tag(lexicon.Words(Lexicon.Sections.InabilityMarkers), Modality.Inability),
            Tag(lexicon.Words(Lexicon.Sections.ConditionMarkers), Modality.Condition));
        nonModals = lexicon.Words(Lexicon.Sections.NonModals);
        conditionEnds = lexicon.Words(Lexicon.Sections.ConditionEnds);
        nonConditionEnds = lexicon.Words(Lexicon.Sections.NonConditionEnds);
        times = Longest(
            Tag(lexicon.Words(Lexicon.Sections.FutureMarkers), Tense.Future),
            Tag(lexicon.Words(Lexicon.Sections.OngoingMarkers), Tense.Ongoing),
            Tag(lexicon.Words(Lexicon.Sections.PastMarkers), Tense.Past));
        subjects = Longest(
            Tag(lexicon.Words(Lexicon.Sections.CustomerSubjects), Subject.Customer),
            Tag(lexicon.Words(Lexicon.Sections.ApplicantSubjects), Subject.Applicant));
        beneficiaries = lexicon.Words(Lexicon.Sections.BeneficiaryMarkers);
        serviceVerbs = lexicon.Words(Lexicon.Sections.ServiceVerbs);
        refutations = lexicon.Words(Lexicon.Sections.Refutations);
        possessed = [.. lexicon.Words(Lexicon.Sections.PossessedSubjects)];
        // A locative right before the subject word, perhaps with names and a count (「在客户现场」「在两家合作单位」「在北京移动、北京联通等5家单位」).
        var locatives = string.Join('|', lexicon.Words(Lexicon.Sections.Locatives).Select(Regex.Escape));
        locative = new Regex($"(?:{locatives})(?:[^，。；：:,;\\s]{{0,16}}?[0-9一二两三四五六七八九十百千万余多数几]+\\s*[家个所名位]?|任何|各|所有)?\\s*$");
        // …or with a short name before a party left unnamed (「在北京某运营商开展试点」「在浙江某银行部署」).
        locativeNamed = new Regex($"(?:{locatives})\\p{{IsCJKUnifiedIdeographs}}{{2,3}}$");
        // An object marker right before the subject word, perhaps with 约、部分 or a count (「涉及用户约四万人」「培训学员」).
        objectOf = new Regex($"(?:{string.Join('|', lexicon.Words(Lexicon.Sections.ObjectMarkers).Select(Regex.Escape))})(?:约|近|超过|部分|全部|[0-9一二两三四五六七八九十百千万余多]+\\s*[家个所名位万]?){{0,2}}\\s*$");
        // Data right after the word, or after 的 and a few characters (「用户的手机号和地址信息」「用户订单信息」).
        // Or after a qualifier of two characters at most (「用户实名信息」「用户工单信息」), not a name (「某某信息技术有限公司」).
        ownedData = new Regex($"^(?:的[^，。；、：:,;\\s]{{0,8}}?|[^，。；、：:,;\\s的某×]{{1,2}})?(?:{string.Join('|', lexicon.Words(Lexicon.Sections.OwnedData).Select(Regex.Escape))})(?!安全|技术|科技|服务|中台|平台|中心)");
        questionMarkers = lexicon.Words(Lexicon.Sections.QuestionMarkers);
        yesAnswers = lexicon.Words(Lexicon.Sections.YesAnswers);
        noAnswers = lexicon.Words(Lexicon.Sections.NoAnswers);
        spacedAnswer = new Regex($"\u3000+(?=(?:{string.Join('|', yesAnswers.AddRange(noAnswers).OrderByDescending(w => w.Length).Select(Regex.Escape))})(?:[，。；,;]|$))");
        unmetMarkers = lexicon.Words(Lexicon.Sections.UnmetMarkers);
        conditionNouns = lexicon.Words(Lexicon.Sections.ConditionNouns);
        answerVerbs = [.. lexicon.Words(Lexicon.Sections.AnswerVerbs).OrderByDescending(w => w.Length)];
        templateMarkers = lexicon.Words(Lexicon.Sections.TemplateMarkers);
        contrastMarkers = lexicon.Words(Lexicon.Sections.ContrastMarkers);
        durationMarkers = lexicon.Words(Lexicon.Sections.DurationMarkers);
        concessiveMarkers = lexicon.Words(Lexicon.Sections.ConcessiveMarkers);
        this.referenceYear = referenceYear;
    }

    /// <summary>The sentence is a template or has a blank to fill in (「本单位近三年______发生…」): it states nothing.</summary>
    public bool IsTemplate(string sentence) => templateMarkers.Any(m => sentence.Contains(m, StringComparison.Ordinal));

    /// <summary>The clause asks a form's question (「注册地是否在北京」): what it names is neither stated nor denied by itself.</summary>
    public bool IsQuestion(string text) => Find(text, WordList.LongestFirst(questionMarkers)).Count > 0;

    /// <summary>
    /// A form's answer in <paramref name="cell"/> (the short clause after a question or label): true for 是、有、存在,
    /// false for 否、无、不存在; null when the clause is no such answer (too long to be a cell, or another word).
    /// </summary>
    public bool? Answer(string cell)
    {
        var text = cell.Trim().TrimStart('（', '(', '[', '【');
        if (text.Length is 0 or > 16) return null;
        // 「我单位勾选了“是”」: the answer reported with the verb that gave it, in quotes or not.
        if (answerVerbs.Select(v => (Verb: v, At: text.IndexOf(v, StringComparison.Ordinal))).FirstOrDefault(x => x.At >= 0) is { Verb: not null } reported)
            text = text[(reported.At + reported.Verb.Length)..].TrimStart('“', '"', '「', '‘', '\'', ' ');
        // Ticked boxes answer (「☑否」); unticked ones are options, not answers.
        text = text.TrimStart('☑', '☒', '■', '√', '✓', '✔', ' ');
        // A verb phrase answering (「未发生、未受处罚」) is the whole cell or its first item; 「未发生其他数据安全事件」 is a clause.
        if (noAnswers.OrderByDescending(w => w.Length).Any(w => text.StartsWith(w, StringComparison.Ordinal) &&
                (w.Length < 3 || text.Length == w.Length || !char.IsLetter(text[w.Length])))) return false;
        if (yesAnswers.Any(w => text.StartsWith(w, StringComparison.Ordinal))) return true;
        return null;
    }

    /// <param name="referenceDate">
    /// The day the application is read against (its 申报日期 or the deadline): 「2024年10月上线」 read on 2024-09-01 is future.
    /// </param>
    public ClauseAnalyser(Lexicon lexicon, DateOnly referenceDate) : this(lexicon, referenceDate.Year)
    {
        referenceMonth = referenceDate.Month;
    }

    /// <summary>The clause after the contrast word it opens with (但、然而), or the clause itself when it opens with none.</summary>
    public string WithoutContrast(string text) =>
        contrastMarkers.FirstOrDefault(c => text.StartsWith(c, StringComparison.Ordinal)) is { } contrast ? text[contrast.Length..] : text;

    /// <summary>The year dates are compared with, when one was given.</summary>
    public int? ReferenceYear => referenceYear;

    /// <summary>The month of the reference date (12 when only a year was given).</summary>
    public int ReferenceMonth => referenceMonth;

    /// <summary>The clauses of one sentence, each read in the light of the clauses before it.</summary>
    public ImmutableArray<Clause> Analyse(string sentence)
    {
        // 「较大数据安全事件——无；数据安全行政处罚——无」: a dash before a short answer is a table's colon. Same length, so
        // offsets still point into the sentence.
        // 「较大及以上数据安全事件　无；数据安全行政处罚　无」: so is a wide space before a yes or no (the lexicon's answers).
        sentence = DashedAnswer().Replace(sentence, m => "：" + new string('\u3000', m.Length - 1));
        // 「近 三 年 数 据 安 全 事 件 及 处 罚 情 况：」: a label spaced out letter by letter reads as its words, the spaces
        // moved after them (same length, so offsets outside the label still hold).
        sentence = SpacedLetters().Replace(sentence, m => m.Value.Replace(" ", "", StringComparison.Ordinal).PadRight(m.Length));
        // 「住　　所：北京市西城区…」: so does a short form label spaced with wide spaces before its colon.
        sentence = SpacedLabel().Replace(sentence, m => m.Value.Replace("\u3000", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).PadRight(m.Length));
        if (sentence.Contains('\u3000')) sentence = spacedAnswer.Replace(sentence, m => "：" + new string('\u3000', m.Length - 1));
        var result = ImmutableArray.CreateBuilder<Clause>();
        var modality = Modality.Fact;
        var topic = Subject.Applicant;
        var actor = Subject.Applicant;
        // A clause that names no time of its own is placed by the clause before it: 「二〇二二年十二月，监测平台正式投入
        // 生产运行」 dates the going-live, 「2024年10月，平台正式上线」 puts it after the reference date.
        var lastTense = Tense.Unstated;
        var lastFutureDate = false;
        // 「虽然我公司员工全部在北京办公…，客户也以…为主，但营业执照登记的住所为天津市…」: the contrast answering a
        // concession speaks of what the concession spoke of, when it names nothing of its own.
        (Subject Topic, Subject Actor)? conceded = null;
        // 「2024年9月完成全部开发与联调，同年11月…正式上线」: the year a clause names, for the clauses that name it again.
        int? lastYear = null;
        var split = Sentences.Clauses(sentence).ToList();
        for (var index = 0; index < split.Count; index++)
        {
            var (start, text) = split[index];
            // 「上线时间：2023年1月」: a label followed by a colon takes its value's dates (the value is the next clause).
            var label = index + 1 < split.Count && sentence.AsSpan(start + text.Length).TrimStart() is [':' or '：', ..];
            var causes = Find(text, WordList.LongestFirst(causeMarkers), WordList.InOrder(nonCauses));
            var ends = Find(text, WordList.LongestFirst(causeEnds));
            var reasons = Find(text, WordList.LongestFirst(reasonEnds));
            var negated = Find(text, WordList.LongestFirst(negators), WordList.InOrder(nonNegations)).Select(m => new Marker(m.Word, m.Start)
            {
                // Inside a cause (因 before it, its end after it) the negator governs the cause only.
                // So inside a reason closed by 为由 (「以未履行…义务为由处以行政处罚」).
                // 「运行情况：无（项目在建）」: a negator right before a bracket governs nothing inside it.
                ScopeEnd = m.Start + m.Word.Length < text.Length && text[m.Start + m.Word.Length] is '（' or '(' ? m.Start + m.Word.Length
                    : causes.Any(c => c.Start < m.Start) && ends.FirstOrDefault(e => e.Start >= m.Start + m.Word.Length) is { Word: not null } end
                    ? end.Start
                    : reasons.FirstOrDefault(r => r.Start >= m.Start + m.Word.Length) is { Word: not null } reason ? reason.Start
                    : int.MaxValue,
            });
            var modalMarkers = Find(text, WordList.LongestFirst(modals), WordList.InOrder(nonModals)).Select(m => new ModalMarker(m.Word, m.Start, m.Tag)).ToImmutableArray();
            // Words that hide a marker (「未来科学城」) hide it from time as well as from modality.
            var timeMarkers = Find(text, WordList.LongestFirst(times), WordList.InOrder(nonModals));
            var dates = label ? Dates(text).AddRange(Dates(split[index + 1].Text)) : Dates(text);
            if (dates.IsEmpty && lastYear is { } named && SameYear().Match(text) is { Success: true } same)
                dates = [(named + (same.Groups[1].Value is "次年" or "翌年" ? 1 : 0), same.Groups[2].Success ? Month(same.Groups[2].Value) : null)];
            if (!dates.IsEmpty) lastYear = dates[^1].Year;
            // A clause that states a time of its own (已上线、目前、2023年) reports; it does not carry on an earlier plan.
            // 「公司将…，持续提升…」「应当已投入运行，运行稳定」: a marker of manner or steady state does not end a plan or a
            // requirement.
            var ownFact = timeMarkers.Any(t => t.Tag is Tense.Past or Tense.Ongoing && !(modality != Modality.Fact && durationMarkers.Contains(t.Word))) ||
                          dates.Any(d => !IsFuture(d));
            // 「发生较大及以上数据安全事件时」「平台上线后」: the clause is the condition of the next, not a report of its own,
            // unless it dates itself in the past (「2023年3月发生较大事件后」).
            var condition = !ownFact && IsConditionClause(text);
            if (condition) modalMarkers = modalMarkers.Insert(0, new ModalMarker(text[^1..], 0, Modality.Condition));
            var served = Served(text);
            // A subject named inside a 为…提供 / 协助… phrase is someone served, whatever the word says.
            // 「未发生因内部人员违规、第三方合作方过错导致的…事件」: who is named inside a cause caused it; it is not who
            // the predicate after the cause is about.
            var causeSpans = causes.Select(c => (c.Start, End: ends.FirstOrDefault(e => e.Start > c.Start) is { Word: not null } e ? e.Start : -1))
                .Where(c => c.End > c.Start).ToList();
            var subjectMarkers = SubjectsOf(text, served).RemoveAll(m => causeSpans.Any(c => m.Start > c.Start && m.Start < c.End));
            var years = dates.Select(d => d.Year).ToImmutableArray();

            // 「但因股东会未通过相关决议」: a contrast states something of its own; a clause that is only a cause names who
            // caused it, not who acts in the clauses after.
            var opening = WithoutContrast(text);
            var causeOnly = causes.Any(c => c.Start == text.Length - opening.Length);
            // 「公司将在后续建设中逐步完善…，并持续提升…」: a clause joined by 并 goes on with the plan before it unless it
            // dates itself or says it happened (「并已完成…」).
            var joined = text.StartsWith('并') && dates.IsEmpty && !timeMarkers.Any(t => t.Tag == Tense.Past);
            var inherited = (ownFact && !joined) || opening.Length < text.Length ? Modality.Fact : modality;
            // 「申报通知要求申报单位须为北京注册企业，本单位符合该条件，…」: a requirement does not carry into a clause that
            // opens with the applicant itself.
            if (inherited == Modality.Requirement && subjectMarkers.FirstOrDefault() is { Start: 0, Subject: Subject.Applicant }) inherited = Modality.Fact;
            var clauseModality = modalMarkers.IsEmpty ? inherited : modalMarkers[0].Modality;
            var tense = TenseOf(clauseModality, timeMarkers, dates);
            var futureDate = dates.Any(IsFuture);
            if (tense == Tense.Unstated && timeMarkers.Count == 0 && dates.IsEmpty)
            {
                tense = lastTense;
                futureDate = lastFutureDate;
            }

            if (opening.Length < text.Length && subjectMarkers.IsEmpty && conceded is { } concession) (topic, actor) = concession;
            result.Add(new Clause(text, start, [.. negated], modalMarkers, subjectMarkers, inherited, topic, tense, years)
            {
                Served = served,
                HasFutureDate = futureDate,
                Dates = dates,
                IsLabel = label,
                InheritedActor = actor,
                Refutations = [.. Find(text, WordList.LongestFirst(refutations)).Select(m => new Marker(m.Word, m.Start))],
            });
            // A condition governs its own clause only; the clause it conditions reports or plans for itself.
            // Inability (「部分无法恢复」) is said of its own clause; the clauses after report for themselves.
            modality = condition ? inherited : modalMarkers.IsEmpty ? inherited : modalMarkers[^1].Modality is Modality.Inability ? inherited : modalMarkers[^1].Modality;
            // (「我单位虽自2015年起…」: the concession may follow the subject it speaks of.)
            if (concessiveMarkers.Any(c => text.StartsWith(c, StringComparison.Ordinal) ||
                                           subjectMarkers.FirstOrDefault() is { Start: 0 } first && text.AsSpan(first.Word.Length).StartsWith(c, StringComparison.Ordinal)))
                conceded = (result[^1].Topic, result[^1].Actor);
            lastTense = tense;
            lastFutureDate = futureDate;
            if (!causeOnly)
            {
                topic = result[^1].Topic;
                actor = result[^1].Actor;
            }
            // 「本项目监测范围内的三十余家企业，2025年共发生…」: so does a clause that is only a noun phrase whose head, after 的,
            // is others.
            if (subjectMarkers.LastOrDefault() is { Subject: Subject.Customer } head && text.TrimEnd() is var phrase &&
                head.Start + head.Word.Length == phrase.Length && phrase.LastIndexOf('的', head.Start) is var of and >= 0 &&
                !phrase.AsSpan(of, head.Start - of).ContainsAny(ClausePunctuation) && timeMarkers.Count == 0 && modalMarkers.IsEmpty && !negated.Any() &&
                // (not 「申报主体为…的母公司」「我单位系…设立的分公司」: a copula says what the applicant is).
                phrase.AsSpan(0, head.Start).IndexOfAny(Copulas) < 0)
                topic = actor = Subject.Customer;
            // 「平台部署企业中，2025年未再发生…」: a frame of others (…企业中) makes them what the clauses after speak of.
            if (subjectMarkers.LastOrDefault() is { Subject: Subject.Customer } frame && text.TrimEnd() is var framed && framed.EndsWith('中') &&
                frame.Start + frame.Word.Length == framed.Length - 1)
                topic = actor = Subject.Customer;
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// The subject words of a clause, in order. One inside a served span is someone served; one right after a locative
    /// (「在两家合作单位开展了试点」) is a place and marked so; a possessed word (系统、平台) right after
    /// someone else's name (「客户某银行的新一代核心系统」) is theirs.
    /// </summary>
    private ImmutableArray<SubjectMarker> SubjectsOf(string text, ImmutableArray<(int Start, int End)> served)
    {
        var result = ImmutableArray.CreateBuilder<SubjectMarker>();
        foreach (var (word, start, tag) in Find(text, WordList.LongestFirst(subjects), WordList.InOrder(nonSubjects)))
        {
            var marker = new SubjectMarker(word, start, tag);
            if (served.Any(r => start >= r.Start && start < r.End))
            {
                result.Add(marker with { Subject = Subject.Customer });
                continue;
            }
            // 「申报主体（母公司）」: a word in brackets right after the applicant names the applicant.
            if (tag == Subject.Customer && start > 0 && text[start - 1] is '（' or '(' && result.Count > 0 &&
                result[^1] is { Subject: Subject.Applicant } applicant && applicant.Start + applicant.Word.Length == start - 1) continue;
            // 「涉及用户约四万人」「培训学员」: affected or served, not who acts; 「用户的手机号…信息」: whose data it is.
            if (tag == Subject.Customer && (objectOf.IsMatch(text[..start]) || ownedData.IsMatch(text[(start + word.Length)..]))) continue;
            // 「但作为京津冀一体化布局的互联网数据中心运营商，…」: the role the clause's subject acts as, not another party.
            if (tag == Subject.Customer && result.Count == 0 && RoleOpening().IsMatch(text[..start])) continue;
            if (locative.IsMatch(text[..start]) || word.StartsWith('某') && locativeNamed.IsMatch(text[..start])) marker = marker with { Locative = true };
            // 「客户某运营商于2024年完成了其大数据平台的建设」: 其 gives the possessed word to whoever was named before it.
            if (possessed.Contains(word) && result.Count > 0 && result[^1] is { Subject: Subject.Customer } named && text.LastIndexOf('其', start) is var its and >= 0 &&
                its > named.Start && start - its <= 8 && !text.AsSpan(its, start - its).ContainsAny(ClausePunctuation))
                marker = marker with { Subject = Subject.Customer };
            else if (possessed.Contains(word) && result.Count > 0 && result[^1] is { Subject: Subject.Customer } owner &&
                     !served.Any(r => owner.Start >= r.Start && owner.Start < r.End) &&
                     start - (owner.Start + owner.Word.Length) is >= 0 &&
                     // 「公司全资子公司××（北京）科技有限公司」: a place in brackets inside a name does not part it from its owner.
                     NameBracket().Replace(text[(owner.Start + owner.Word.Length)..start], "") is { Length: <= 8 } between &&
                     !between.AsSpan().ContainsAny(ClausePunctuation))
                // 「在某省电信公司生产网运行」: the owner's place makes its possession a place too.
                marker = marker with { Subject = Subject.Customer, Locative = owner.Locative };
            result.Add(marker);
        }
        return result.ToImmutable();
    }

    private static readonly System.Buffers.SearchValues<char> Copulas = System.Buffers.SearchValues.Create("是为系");

    private static readonly System.Buffers.SearchValues<char> ClausePunctuation = System.Buffers.SearchValues.Create("，。；、：,;:（）()“”");

    private Tense TenseOf(Modality modality, List<(string Word, int Start, Tense Tag)> markers, ImmutableArray<(int Year, int? Month)> dates)
    {
        if (modality is Modality.Plan or Modality.Goal) return Tense.Future;
        if (markers.Any(m => m.Tag == Tense.Future) || dates.Any(IsFuture)) return Tense.Future;
        if (markers.Any(m => m.Tag == Tense.Past) || !dates.IsEmpty) return Tense.Past;
        if (markers.Any(m => m.Tag == Tense.Ongoing)) return Tense.Ongoing;
        return Tense.Unstated;
    }

    /// <summary>
    /// The condition a clause says is not met: the span between an unmet marker and the condition noun after it
    /// (「不符合“近三年未发生重大数据安全事件”的条件」 → 「“近三年未发生重大数据安全事件”的」); null when there is none.
    /// </summary>
    public (int Start, int End)? Unmet(string text)
    {
        if (Find(text, WordList.LongestFirst(unmetMarkers)).FirstOrDefault() is not { Word: not null } marker) return null;
        var from = marker.Start + marker.Word.Length;
        return Find(text[from..], WordList.LongestFirst(conditionNouns)).FirstOrDefault() is { Word: not null } noun
            ? (from, from + noun.Start)
            : null;
    }

    /// <summary>True when the text opens a cause (因、由于): 「因本平台漏报导致的」.</summary>
    public bool IsCause(string text) => Find(text, WordList.LongestFirst(causeMarkers), WordList.InOrder(nonCauses)).Count > 0;

    /// <summary>
    /// The cause standing before <paramref name="index"/> in a clause (「因广告宣传用语问题被」 before 罚款), from its
    /// marker on; null when none.
    /// </summary>
    public string? CauseBefore(string text, int index) =>
        Find(text[..index], WordList.LongestFirst(causeMarkers), WordList.InOrder(nonCauses)).LastOrDefault() is { Word: not null } cause ? text[cause.Start..index] : null;

    /// <summary>The text ends as a condition does (「试运行期满后」「发生…事件时」), not as 此后、小时 do.</summary>
    public bool IsConditionClause(string text) =>
        conditionEnds.Any(e => text.EndsWith(e, StringComparison.Ordinal)) &&
        // 「我们公司是在深圳注册的」: 是…的 states a fact.
        !(text.EndsWith('的') && text.Contains('是')) &&
        !nonConditionEnds.Any(e => text.EndsWith(e, StringComparison.Ordinal));

    private bool IsFuture((int Year, int? Month) date) =>
        referenceYear is { } year && (date.Year > year || date.Year == year && date.Month > referenceMonth);

    /// <summary>Spans of the clause that name those the applicant serves: after 协助/帮助…, and between 为 and a service verb.</summary>
    private ImmutableArray<(int Start, int End)> Served(string text)
    {
        var spans = ImmutableArray.CreateBuilder<(int, int)>();
        foreach (var (_, start, _) in Find(text, WordList.LongestFirst(beneficiaries))) spans.Add((start, text.Length));
        for (var at = text.IndexOf('为'); at >= 0; at = text.IndexOf('为', at + 1))
        {
            var verb = serviceVerbs.Select(v => text.IndexOf(v, at + 1, StringComparison.Ordinal)).Where(i => i > at + 1).DefaultIfEmpty(-1).Min();
            // 「本项目为我公司拟建设的靶场」: 为 is the copula when the applicant itself stands after it; no one serves itself.
            if (verb > 0 && !subjects.Any(s => s.Subject == Subject.Applicant && text.IndexOf(s.Word, at + 1, verb - at - 1, StringComparison.Ordinal) >= 0))
                spans.Add((at, verb));
        }
        return spans.ToImmutable();
    }

    /// <summary>
    /// Occurrences of the words in <paramref name="text"/>, longest word first and never overlapping one another or an
    /// excluded word (「无法」 hides its 无 from the negators); case is ignored (POC, ICP). Words of one length compete by
    /// place: the leftmost wins an overlap (「实施工作」 is 实施 and 工作, not 施工). The one word finder of the clause
    /// readers: the eligibility rules use it too. The lists come prepared (<see cref="WordList"/>): sorted once and
    /// scanned for in one pass, as Find runs for many lists in every clause of every check.
    /// </summary>
    /// <param name="words">The words to find (<see cref="WordList.LongestFirst(ImmutableArray{string})"/>).</param>
    /// <param name="excluded">Words marked first, in their own order, and not returned (<see cref="WordList.InOrder"/>).</param>
    internal static List<(string Word, int Start, T Tag)> Find<T>(string text, WordList<T> words, WordList<bool>? excluded = null)
    {
        // A clause fits on the stack; a whole paragraph (some rules read one) gets an array.
        Span<bool> taken = text.Length <= 1024 ? stackalloc bool[text.Length] : new bool[text.Length];
        var occurrences = new List<(int Order, int Start, int Word)>();
        if (excluded is not null)
        {
            excluded.Occurrences(text, occurrences);
            foreach (var (_, start, word) in occurrences) Mark(taken, start, excluded.Word(word).Length);
            occurrences.Clear();
        }
        words.Occurrences(text, occurrences);
        var found = new List<(string Word, int Start, T Tag)>();
        foreach (var (_, start, word) in occurrences)
        {
            if (Mark(taken, start, words.Word(word).Length)) found.Add((words.Word(word), start, words.Tag(word)));
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Takes the characters of an occurrence unless one of them is taken already; true when it took them.</summary>
    private static bool Mark(Span<bool> taken, int start, int length)
    {
        var span = taken.Slice(start, length);
        if (span.Contains(true)) return false;
        span.Fill(true);
        return true;
    }

    /// <summary>Dates the clause names, as year and (when given) month; full-width and Chinese digits read too.</summary>
    private ImmutableArray<(int Year, int? Month)> Dates(string text) =>
        [.. YearPattern().Matches(AsciiDigits(text))
            .Select(m => (Year: int.Parse(ChineseDigits(m.Groups[1].Value), System.Globalization.CultureInfo.InvariantCulture),
                Month: m.Groups[2].Success ? Month(m.Groups[2].Value)
                    : m.Groups[3].Success ? 3 * ("一二三四".IndexOf(m.Groups[3].Value[0]) is var q and >= 0 ? q : m.Groups[3].Value[0] - '1') + 1
                    : m.Groups[4].Success ? PartOfYear(m.Groups[4].Value)
                    : (int?)null))
            .Where(d => d.Year is >= 1990 and <= 2100),
         // 「今年9月」「去年年底」: a year named from the reference date, when there is one.
         // 「今年」 alone says nothing of before or after.
        .. referenceYear is not { } year || !RelativeYearWord().IsMatch(text) ? [] : RelativeYearPattern().Matches(AsciiDigits(text)).Where(m => m.Groups[1].Value != "今年" || m.Groups[2].Success || m.Groups[3].Success)
            .Select(m => (Year: year + m.Groups[1].Value switch { "前年" => -2, "去年" => -1, "明年" => 1, "后年" => 2, _ => 0 },
                Month: m.Groups[2].Success ? Month(m.Groups[2].Value) : m.Groups[3].Success ? PartOfYear(m.Groups[3].Value) : (int?)null))];

    /// <summary>The first month of a named part of a year: 上半年 and 年初 January, 年中 June, 下半年 July, 年底 December.</summary>
    private static int PartOfYear(string part) => part switch
    {
        "上半年" or "年初" or "初" => 1,
        "春季" => 3,
        "年中" or "夏季" => 6,
        "秋季" => 9,
        "下半年" => 7,
        _ => 12,
    };

    private static int? Month(string text) =>
        int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : text switch { "十" => 10, "十一" => 11, "十二" => 12, _ => "一二三四五六七八九".IndexOf(text, StringComparison.Ordinal) is var i and >= 0 && text.Length == 1 ? i + 1 : null };

    /// <summary>Full-width digits as ASCII, one character for one, so offsets still point into the clause.</summary>
    internal static string AsciiDigits(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = source[i] is >= '０' and <= '９' ? (char)('0' + (source[i] - '０')) : source[i];
        });

    private static string ChineseDigits(string year) =>
        string.Concat(year.Select(c => "〇一二三四五六七八九".IndexOf(c) is var d and >= 0 ? (char)('0' + d) : c == '零' ? '0' : c));

    private static ImmutableArray<(string Word, T Tag)> Tag<T>(ImmutableArray<string> words, T tag) => [.. words.Select(w => (w, tag))];

    /// <summary>Merged lists, longest word first, so 将会 wins over a shorter marker inside it.</summary>
    private static ImmutableArray<(string Word, T Tag)> Longest<T>(params ImmutableArray<(string Word, T Tag)>[] lists) =>
        [.. lists.SelectMany(l => l).OrderByDescending(w => w.Word.Length)];

    [GeneratedRegex(@"[（(][^（()）]{1,4}[）)]")]
    private static partial Regex NameBracket();

    [GeneratedRegex(@"^(?:但|而|并|且|同时)?\s*(?:作为|身为)[^，。；、：,;:]{0,24}$")]
    private static partial Regex RoleOpening();

    [GeneratedRegex(@"(同年|当年|次年|翌年)(?:\s*(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月)?")]
    private static partial Regex SameYear();

    [GeneratedRegex(@"(?:\p{IsCJKUnifiedIdeographs} ){2,}\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex SpacedLetters();

    [GeneratedRegex(@"(?<![\p{IsCJKUnifiedIdeographs}])(?:\p{IsCJKUnifiedIdeographs}[ \u3000]+){1,5}\p{IsCJKUnifiedIdeographs}(?=\s*[：:])")]
    private static partial Regex SpacedLabel();

    [GeneratedRegex(@"——(?=[^，。；：,;:—]{1,8}(?:[，。；,;]|$))")]
    private static partial Regex DashedAnswer();

    [GeneratedRegex(@"((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})\s*年(?:\s*(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月|\s*第?([一二三四1-4])\s*季度|\s*(上半年|下半年|年中|年底|年末|年初|底|末|初|[春夏秋冬]季))?")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"(前年|去年|明年|后年)|今年(?=\s*(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月|上半年|下半年|年中|年底|年末|年初|底|末|初|[春夏秋冬]季)")]
    private static partial Regex RelativeYearWord();

    [GeneratedRegex(@"(前年|去年|今年|明年|后年)(?:\s*(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月|(上半年|下半年|年中|年底|年末|年初|底|末|初|[春夏秋冬]季))?")]
    private static partial Regex RelativeYearPattern();
}
