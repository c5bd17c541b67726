using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The three phrase banks the rules are tuned on, each written by a session blind to the rules, each spent once it was
/// measured and its misses studied:
/// <list type="bullet">
/// <item><c>tune.tsv</c>, the tuning half of the first bank;</item>
/// <item><c>heldback.tsv</c>, its held-back half, opened once at the end of issue 10 (104 of 135; failed recall 93 %,
/// 80 %, 53 %), tuned on since;</item>
/// <item><c>fresh.tsv</c> (<c>fresh-README.md</c>), written after that tuning and measured once on 2026-11-30 (282 of
/// 323; failed recall 94 / 74 / 75 %, five wrongful fails), tuned on since by the class of each miss;</item>
/// <item><c>bank3.tsv</c> (<c>bank3-README.md</c>), measured once on 2026-11-30 (397 of 442; failed recall 90 / 84 /
/// 78 %, four wrongful fails), tuned on since by the class of each miss (forms' questions and answers, counts per grade,
/// penalties with their amount, incidents graded after handling, subsidiaries and parents, plans and building steps,
/// unticked options). Of its four misses left, three are labels the programme's rules overrule: its author was told
/// only "registered in Beijing", and domain.md admits an applicant holding a licence of the Beijing administration;</item>
/// <item><c>bank4.tsv</c> (<c>bank4-README.md</c>), measured once on 2026-12-01 (424 of 460; failed recall 96 / 94 /
/// 86 %, six wrongful fails), tuned on since by the class of each miss (lists of denied situations, reasons given with
/// 以…为由, fines paid, core data, spans to now, moves under way, postponed starts, requirements about a kind of
/// project, agents and objects that are not the actor);</item>
/// <item><c>bank5.tsv</c> (<c>bank5-README.md</c>), measured once on 2026-12-01 (329 of 360; failed recall 97 / 93 /
/// 80 %, four wrongful fails), tuned on since by the class of each miss (dates of a clause before, stale plans, an event
/// counted in the next clause, grades given after the event, starts not fixed, inability to go live, use not yet
/// begun, trial words as operation, the time a form answers);</item>
/// <item><c>bank6.tsv</c> (<c>bank6-README.md</c>), the held-back measurement of the last round, measured once on
/// 2026-12-01 (403 of 434; failed recall 96 / 92 / 85 %, two wrongful fails), tuned on since by the class of each miss
/// (a Beijing registration authority, joint applications' lead unit, a licence question answered no, definitions,
/// subsidiaries and group members, dashes before a table's answer, document titles, conditions said not to be met,
/// answers reported with the verb that gave them, grades reached, penalty decisions, production-safety accidents,
/// routine and full use, a planned time in a form's cell, work not yet begun, planned trial runs);</item>
/// <item><c>bank7.tsv</c> (<c>bank7-README.md</c>), the held-back measurement of the round after, measured once on
/// 2026-12-01 (407 of 446; failed recall 91 / 89 / 76 %, three wrongful fails), tuned on since by the class of each miss
/// (use words outweighed by a later plan or construction, a place name with 未来, provinces counted, lapsed or denied
/// licences, an application naming the authority, a partner's and a group's events, grades given after an event,
/// penalties with amounts in formal numerals, month-precise windows, trials said of now, starts put off either way,
/// preliminary and delivery acceptance, another product, companion facilities). One label is left against the earlier
/// banks: a planned move into Beijing is unconfirmed in four of them and failed in this one; the rules keep unconfirmed.
/// It does not meet the bar even as tuning data: the classes left are tables whose cells are joined with ｜ (an event
/// and its grade in separate cells), a customer's hosted database lost by the applicant's staff, and building
/// statements that name no project (「目前正处于设备安装调试阶段」), which the rules read as unconfirmed on purpose.</item>
/// <item><c>bank8.tsv</c> (<c>bank8-README.md</c>), the held-back measurement of the round after that, measured once on
/// 2026-12-01 (426 of 466; failed recall 91 / 88 / 80 %, three wrongful fails), tuned on since by the class of each miss
/// (a registration word in brackets after its place, an address naming its city first or its head after 的, a former
/// registration dated, a correction of a wrongly filled field, a licence describing a kind of applicant, a name with a
/// place in brackets owned by a subsidiary, causes listed one after another, who is named inside a cause, an outcome
/// denied, a lesser event outside the window, events counted per grade after a count or a label, a dated penalty
/// decision, a follow-up cause, definitions of a kind of event, trial periods not ended, statuses in brackets and stages
/// joined by arrows, conditions before the word, what is waited for after it, buildings and premises, another system
/// named after 与, a customer's platform named with 其, use within the group, construction put off). One miss is left
/// on purpose: a form that answers only the penalty question (「是否受到数据安全行政处罚（近三年）：否」) is labelled passed;
/// the rules want the incidents denied too and leave it unconfirmed.</item>
/// <item><c>bank9.tsv</c> (<c>bank9-README.md</c>), the held-back measurement of the round after, measured once on
/// 2026-12-01 (403 of 452; failed recall 93 / 60 / 84 %, five wrongful fails), tuned on since by the class of each miss
/// (templates and blanks, conditions opened by 如本单位, a move planned from a stated origin, a label standing alone before
/// its value, a move done before the registration word, a branch named as the applicant or owning the registration, an
/// internal unit's legal status, events named by their verb or presupposed by what is said of them, outages graded by
/// their length, 通报批评 as a penalty, penalties counted, a follow-up on the same problem, one event named by 该,
/// spans since the project began, trial periods entered, works that are not the project in use, the work towards
/// operation, undated descriptions after 的, stages of building part done). It does not meet the bar even as tuning data,
/// on purpose: its author labelled an own incident of unstated grade and scale failed, and 约谈 or a bare 通报 a failure;
/// the call's condition is no incident of grade 较大 or worse and no administrative penalty, so the rules leave those
/// unconfirmed (待核实) rather than exclude on a guess.</item>
/// <item><c>bank10.tsv</c> (<c>bank10-README.md</c>), measured once on 2026-12-01 (423 of 459; failed recall 96 / 85 /
/// 82 %, three wrongful fails), tuned on since by the class of each miss (a contrast after a denied place, 是…的 as a fact,
/// a contrast ending an earlier plan, a cause clause naming no actor for what follows, a table row grading its event and
/// a paragraph's context for its cells, more event verbs and outages, an event said to be unrelated to data, a denial of
/// every other event, 无故障 as no negation, spans of a year and more, a second phase carried over the clauses after it,
/// a start's time not fixed, building waiting for approval, nobody using it yet, a building period dated in the clause
/// after, stale planned building, use since a date, courses opened, trials begun).</item>
/// <item><c>bank11.tsv</c> (<c>bank11-README.md</c>), measured once on 2026-12-01 (416 of 441; failed recall 95 / 94 /
/// 91 %, three wrongful fails), tuned on since by the class of each miss (a former registration said with 原为, a contrast
/// inside a clause, the authority named after 受到, a guarantee about a past window as a pledge, grades with 级, a
/// ledger denied, building put off, words in quotes, a clause joined by 并 going on with a plan, a partner university,
/// a customer's machine room, possibility with 可在, equipment not yet racked, a place name inside a name). One wrongful
/// fail is left: 「某某公司注册于上海，是本公司的长期合作伙伴」 uses the placeholder the rules read as the applicant's name.</item>
/// <item><c>bank12.tsv</c> (<c>bank12-README.md</c>), measured once on 2026-12-01 (455 of 478; failed recall 95 / 96 /
/// 89 %, seven wrongful fails), tuned on since by the class of each miss, wrongful fails first (events in quotes as
/// scenarios, events drilled or guarded against, 省级 as no place, a form's instructions, places near Beijing, the
/// applicant's name with a bracketed gloss, plans and proposals for going live, projects built before, a word or two
/// before 后). Wrongful fails left: another company's events named through a person (a manager's or the legal
/// representative's former employer) and a project's construction goal.</item>
/// <item><c>bank13.tsv</c> (<c>bank13-README.md</c>), the held-back bank of the previous stop, measured once on
/// 2026-12-01 (452 of 477; failed recall 95 / 91 / 86 %, one wrongful fail), tuned on since by the class of each miss (a cause naming the applicant's own doing as the pledge's wording, a
/// leak's records as data, an event graded after it or reported 按…级别, an outage's length before it, one event pointed
/// at with 那次, the penalties of 行政处罚法 第九条, a wide space before a form's answer, a frame of customers ending in
/// 中, a later clause saying where the applicant is registered now or after a contrast naming it, markers of manner
/// going on with a plan, 今年9月 and seasons as dates, a start or building as the topic of a plan after it, use in a
/// test environment, building waiting on what follows it, 签订 as building, a label answered 无, 上线条件 unmet).</item>
/// <item><c>bank14.tsv</c> (<c>bank14-README.md</c>), measured once on 2026-12-01 (420 of 441; failed recall 89 / 92 /
/// 87 %, one wrongful fail), tuned on since by the class of each miss (the place right before 注册 after 在, a move out
/// with 迁出至, the company itself relocated, a registration the next clause goes on with 仍为, the party an application
/// is made in the name of, a contrast answering a concession; an event graded right after it, an outage of 八个半小时, a
/// system named for customers, a table row's next cell grading its event, a topic said to exist, a bracketed note
/// pointing elsewhere, a label spaced out letter by letter, 未发生 as a form's answer; a bar as a cell border, connecting
/// to an exchange as building, steady operation 常态化运维, a plan dating the start of the clause before, stages that only
/// come before operation, 竣工, a plan waiting for a trial to end, a next phase after 本项目的, use waiting with 方能).</item>
/// <item><c>bank15.tsv</c> (<c>bank15-README.md</c>), the first held-back bank of this stop, measured once on 2026-12-01
/// (427 of 450; failed recall 100 / 89 / 85 %, two wrongful fails),
/// tuned on since by the class of each miss (alternatives conceded with 无论…还是, inability said of its own clause,
/// 将其 as no plan, 我司 as the applicant, a count of own events then one graded, a penalty listed in a dated record, 予以,
/// an event grade in the next cell after 定级, an events platform's name, searches that found nothing, a document named
/// after its words, an ungraded denial beside an own event the sentence dates; contract talks and tender reviews, a
/// start at 0 %, progress said of the project, planned start of building, a test environment a few words after the use,
/// 已 after a condition, a building period counted from a date before it, a new time for the same start, colloquial
/// running (跑着), deployment following another party's works).</item>
/// <item><c>bank16.tsv</c> (<c>bank16-README.md</c>), measured once on 2026-12-01 (329 of 348; failed recall 98 / 88 /
/// 89 %, one wrongful fail), tuned on since by the class of each miss (a requirement not carried into a clause opening
/// with the applicant, a concession after its subject, a registration after a condition to come; an own event's grade
/// denied after it is named, counts per grade going on past ；, a penalty anywhere in a dated record, systems named
/// 用户中心, leaks of information 暴露, scales counted in accounts; 同年 and 次年 as dates, one completion over listed
/// works, 中试, a test version put up, start of tendering planned, completing the project's building planned,
/// equipment not yet installed, 正式应用, 开设).</item>
/// <item><c>bank17.tsv</c> (<c>bank17-README.md</c>), the second held-back bank of this stop, measured once on 2026-12-01
/// (423 of 438; failed recall 96 / 87 / 94 %, one wrongful fail), tuned on a little since (a branch word that ends what
/// the copula says, a branch's head office named later in its sentence, a count before an object, a graded event its
/// date qualifies, a negated verb before a dated event, one of the company's platforms, building not yet completed, a
/// sandbox; since, a role 作为数据处理者 masked, none of the parts delivered 均未交付). It does not meet the bar even as
/// tuning data: two own incidents are still missed (an event told as a lesson, a penalty table's 处罚种类 column).</item>
/// <item><c>bank18.tsv</c> (<c>bank18-README.md</c>), the last held-back bank of this stop, measured once on 2026-12-01
/// (416 of 432; failed recall 98 / 94 / 88 %, one wrongful fail; held as a floor by BlindBank18Tests until bank 19 was measured); its
/// wrongful fail fixed since (the role a clause's subject acts as, 作为…运营商, is no other party), then tuned on by the
/// class of each miss (a customer after 向 / 造成 is an object, not who acts; an event its date qualifies with 的; use in
/// real business scenes denied; 灰度发布 planned; 选型 as building; 面市 as operation).</item>
/// <item><c>bank19.tsv</c> (<c>bank19-README.md</c>), measured once on 2026-12-01 (397 of 415; failed recall 92 / 90 /
/// 90 %, one wrongful fail: a 深圳 applicant's Beijing-issued 业务许可), tuned on since by the class of each miss (an
/// event graded right after it though a handling word stands before, outages and telecom words as context, those
/// affected not acting after, an event reported to the authorities, a co-applicant's cover field, registered again
/// elsewhere, a question in a row's last cell, the place before 、, 业务许可, 变更登记至, nouns naming work before a plan,
/// 推向市场 and 进入生产环境).</item>
/// <item><c>bank20.tsv</c> (<c>bank20-README.md</c>), measured once on 2026-12-01 (410 of 430; failed recall 98 / 96 /
/// 90 %, two wrongful fails: a new data centre under construction, a subsidiary's incident), tuned on since by the class
/// of each miss (a clause counting its own events is no label the next clause answers; 公司子公司 as another party; a
/// new data centre as no project; 移交 before a customer; 投入应用 and 移交用户使用 as starts; 始终位于 as still there;
/// a short label spaced with wide spaces).</item>
/// <item><c>bank21.tsv</c> (<c>bank21-README.md</c>), measured once on 2026-12-01 (439 of 452; failed recall 98 / 98 /
/// 96 %, the first first run at or above 95 % on every check; three wrongful fails), tuned on since by the class of each
/// miss (不过 is no negation; 京B2证 and the like as licences; a trial denied through a copula, 「不再是试运行」; a move
/// under way with no place before it states none; 法人单位所在地 as a registration; 尚无正式运行; 全面使用).</item>
/// <item><c>bank22.tsv</c> (<c>bank22-README.md</c>), the held-back bank of this stop, measured once on 2026-12-01 (387
/// of 406; failed recall 98 / 94 / 92 %, four wrongful fails; held as a floor by BlindBank22Tests until bank 23 was measured); three of
/// its wrongful fails fixed since by class (a clause that is only a noun phrase whose head is others; a penalty that
/// follows from a dated event takes its date, `consequence`; 过程中 no longer puts building under way), then tuned on (a
/// label counting per year over the clauses after it, 「2024年1起（较大）」; 均未发生/均无 as a form's no; a customer's
/// business cut, 「多家客户业务中断」, is the applicant's outage; 沙箱 as a project noun).</item>
/// <item><c>bank23.tsv</c> (<c>bank23-README.md</c>), measured once on 2026-12-01 (394 of 417; failed recall 96 / 90 /
/// 86 %, two wrongful fails: a negated registration outside Beijing, an upstream provider's outage; held as a floor by
/// BlindBank23Tests until bank 24 was measured), tuned on since by the class of each miss (words of one length compete
/// by place, 「实施工作」; a negator before a bracket; a place before an unnamed party; those recruited do not act; an
/// upstream supplier as another party; a licence label answered 无; a move under way from a place after 由; an event row
/// graded in a later cell; a counted event a negator only qualifies; an event reported under its grade; 工程, 招投标).</item>
/// <item><c>bank24.tsv</c> (<c>bank24-README.md</c>), written beside bank 23 and measured once on 2026-12-01 after the
/// tuning on bank 23 (410 of 427; failed recall 94 / 94 / 92 %, two wrongful fails: an affiliate's penalty under a
/// placeholder name, a 2019 event's penalty; held as a floor by BlindBank24Tests until bank 25 was measured), tuned on
/// since by the class of each miss (a penalty right after a dated event takes its date; 关联方; 不可否认; a grade cell of
/// a row split at ；; a response started under a grade; a branch's head office; 登记地, 法人主体; 还没; 样机阶段;
/// 百分之八十; 运转; 为保障 as a purpose).</item>
/// <item><c>bank25.tsv</c> (<c>bank25-README.md</c>), written beside bank 26 and measured once on 2026-12-01 after the
/// tuning on bank 24 (421 of 442; failed recall 94 / 94 / 93 %, one wrongful fail: a registration moved into Beijing after
/// one at founding; held as a floor by BlindBank25Tests until bank 26 was measured), tuned on since by the class of each
/// miss (an own outage as long as the plan grades 较大; 一千余万; a grade in brackets; 成立之初 as former; 均为; 外埠;
/// 筹划; 洽谈中; 需求分析; 招生; the applicant's other products).</item>
/// </list>
/// What this holds is the level the rules reached on them as tuning data — the bar met (but on banks 7, 9, 11 and 12) and no
/// more misses than when the tuning ended — so it says nothing about sentences the rules have not seen; the next blind bank does
/// (<see cref="BlindBank26Tests"/>).
/// </summary>
public sealed class PhraseBankTuningBanksTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tune", 135, true)]
    [InlineData("heldback", 135, true)]
    [InlineData(PhraseBank.Fresh, 323, true)]
    [InlineData(PhraseBank.Bank3, 438, true)]
    [InlineData(PhraseBank.Bank4, 457, true)]
    [InlineData(PhraseBank.Bank5, 353, true)]
    [InlineData(PhraseBank.Bank6, 433, true)]
    [InlineData(PhraseBank.Bank7, 436, false)]
    [InlineData(PhraseBank.Bank8, 465, true)]
    [InlineData(PhraseBank.Bank9, 442, false)]
    [InlineData(PhraseBank.Bank10, 455, true)]
    [InlineData(PhraseBank.Bank11, 431, false)]
    [InlineData(PhraseBank.Bank12, 470, false)]
    [InlineData(PhraseBank.Bank13, 473, true)]
    [InlineData(PhraseBank.Bank14, 441, true)]
    [InlineData(PhraseBank.Bank15, 450, true)]
    [InlineData(PhraseBank.Bank16, 345, true)]
    [InlineData(PhraseBank.Bank17, 433, false)]
    [InlineData(PhraseBank.Bank18, 426, false)]
    [InlineData(PhraseBank.Bank19, 411, false)]
    [InlineData(PhraseBank.Bank20, 418, false)]
    [InlineData(PhraseBank.Bank21, 446, false)]
    [InlineData(PhraseBank.Bank22, 396, false)]
    [InlineData(PhraseBank.Bank23, 413, false)]
    [InlineData(PhraseBank.Bank24, 424, false)]
    [InlineData(PhraseBank.Bank25, 432, false)]
    public void A_tuning_bank_keeps_its_level_meets_the_bar_where_it_did_and_prints_its_table(string bank, int rightAfterTuning, bool meetsBar)
    {
        var (items, misses, _) = PhraseBank.Report(bank, output);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        if (meetsBar) Assert.Empty(bar);
        Assert.True(items.Length - misses.Count >= rightAfterTuning, $"{items.Length - misses.Count} of {items.Length} right, was {rightAfterTuning}");
    }
}
