using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Language;

namespace PilotEval.Evidence;

/// <summary>What kind of proof a credential is; each is a signal kind a rubric can ask for.</summary>
public enum CredentialKind
{
    /// <summary>A certification or assessment with an optional level: DSMM 三级, DCMM 四级, ISO/IEC 27001, 等保三级.</summary>
    Certification,
    /// <summary>A national, industry, group or local standard cited or drafted: GB/T 43697-2024, YD/T 3813-2020.</summary>
    Standard,
    /// <summary>Patents: invention (发明), utility model (实用新型) or design (外观设计), granted or pending.</summary>
    Patent,
    /// <summary>Software copyrights (软件著作权, 软著).</summary>
    SoftwareCopyright,
}

/// <summary>
/// One credential stated in a sentence.
/// </summary>
/// <param name="Scheme">Certification scheme (DSMM, DCMM, ISO27001, 等保), standard code (GB/T 43697-2024),
/// patent type (发明专利, 实用新型专利, 外观设计专利, 专利) or 软件著作权.</param>
/// <param name="Level">Certification level (1–5), when stated.</param>
/// <param name="Count">How many patents or copyrights, when stated.</param>
/// <param name="Pending">A patent applied for (申请, 受理, 实质审查, 在审) but not granted.</param>
/// <param name="Drafted">A standard in a sentence that says the applicant drafted it (牵头/参与制定, 起草, 编制), not only cited it.</param>
public sealed record Credential(CredentialKind Kind, string Scheme, int? Level, int? Count, bool Pending, bool Drafted, string Text)
{
    /// <summary>A short Chinese description for the panel, e.g. 「DSMM 3级」「发明专利 3 项（已授权）」.</summary>
    public string Describe() => Kind switch
    {
        CredentialKind.Certification => Level is { } level ? $"{Scheme} {level}级" : Scheme,
        CredentialKind.Standard => Drafted ? $"参与制定 {Scheme}" : $"引用 {Scheme}",
        _ => $"{Scheme}{(Count is { } n ? $" {n} 项" : "")}{(Kind == CredentialKind.Patent ? Pending ? "（申请中）" : "（已授权）" : "")}",
    };
}

/// <summary>A certification scheme a rubric may name (<c>DSMM 3</c>), read from the lexicon's <c>credentials</c> section.</summary>
/// <param name="Pattern">How applicants write it (case ignored).</param>
/// <param name="Levels">A level (三级, 3级) after it belongs to it.</param>
/// <param name="LevelBefore">A level may also stand before it (三级等保).</param>
public sealed record CertificationScheme(string Id, string Name, Regex Pattern, bool Levels, bool LevelBefore);

/// <summary>
/// The credential words of the lexicon (<c>credentials</c> in <c>rubrics/lexicon.yaml</c>): certification schemes,
/// standard series and types, drafting and pending words, patent and copyright types.
/// </summary>
public sealed record CredentialWords(
    ImmutableArray<CertificationScheme> Certifications,
    ImmutableArray<(string Series, string Pattern)> StandardSeries,
    ImmutableArray<string> StandardTypes,
    ImmutableArray<string> Drafting,
    ImmutableArray<string> Pending,
    ImmutableArray<string> Applying,
    ImmutableArray<string> Patents,
    ImmutableArray<string> Copyrights);

/// <summary>
/// Recognises certifications, standards, patents and software copyrights in a sentence, so a rubric can ask for
/// 「DSMM 三级及以上」 or 「3 项以上授权发明专利」 rather than for a keyword that a plan (「拟申请 DSMM 评估」) or a
/// pending application would satisfy just as well. The words are the lexicon's; denial and plans are read by the
/// clause analyser with the lexicon's negators and modality, as every other rule reads them.
/// </summary>
public sealed partial class CredentialReader
{
    private readonly CredentialWords _words;
    private readonly ClauseAnalyser _clauses;
    private readonly Regex _certification;
    private readonly Regex _standard;
    private readonly Regex _unnumbered;
    private readonly Regex _ipType;

    public CredentialReader(CredentialWords words, ClauseAnalyser clauses)
    {
        _words = words;
        _clauses = clauses;
        _certification = new Regex(string.Join("|", words.Certifications.Select((s, i) => $"(?<c{i}>{s.Pattern})")),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _standard = new Regex($@"(?<series>{string.Join("|", words.StandardSeries.OrderByDescending(s => s.Pattern.Length).Select(s => s.Pattern))})\s*(?<number>\d{{3,5}}(?:\.\d+)?(?:[-—–]\d{{4}})?)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _unnumbered = new Regex($"(?<type>{Alternation(words.StandardTypes)})[^，。；、]{{0,6}}", RegexOptions.CultureInvariant);
        _ipType = new Regex($"(?<sc>{Alternation(words.Copyrights)})|(?<patent>{Alternation(words.Patents)})", RegexOptions.CultureInvariant);
    }

    /// <summary>Certification schemes a rubric may name, by id.</summary>
    public ImmutableArray<CertificationScheme> Schemes => _words.Certifications;

    /// <summary>Standard series a rubric may name (GB/T, YD/T …).</summary>
    public IEnumerable<string> StandardSeries => _words.StandardSeries.Select(s => s.Series);

    /// <summary>Standards named by type rather than code (国家标准, 团体标准 …).</summary>
    public ImmutableArray<string> StandardTypes => _words.StandardTypes;

    /// <summary>Patent types a rubric may name (发明专利 …, 专利 for any).</summary>
    public ImmutableArray<string> PatentTypes => _words.Patents;

    public IEnumerable<Credential> Find(string sentence)
    {
        // The clauses are read only when something that looks like a credential asks whether it is denied or planned:
        // most sentences name none, and the clause analysis was most of the evidence stage's time.
        var clauses = new Lazy<ImmutableArray<Clause>>(() => AnalysedClauses.Of(_clauses, sentence), LazyThreadSafetyMode.None);
        foreach (var c in Certifications(sentence, clauses)) yield return c;
        foreach (var c in Standards(sentence, clauses)) yield return c;
        foreach (var c in PatentsAndCopyrights(sentence, clauses)) yield return c;
    }

    private IEnumerable<Credential> Certifications(string sentence, Lazy<ImmutableArray<Clause>> clauses)
    {
        foreach (Match m in _certification.Matches(sentence))
        {
            var scheme = SchemeOf(m);
            // A level belongs to the certificate it follows (「DSMM三级」) or, for 等保, may precede it (「三级等保」).
            var level = scheme.Levels ? LevelAfter(sentence, m.Index + m.Length, scheme) ?? (scheme.LevelBefore ? LevelBefore(sentence, m.Index) : null) : null;
            // Applying for or preparing a certification is not holding it: 「拟于2025年申请DSMM评估」「正在开展DCMM贯标」.
            if (Denied(clauses, m.Index, _words.Applying)) continue;
            yield return new Credential(CredentialKind.Certification, scheme.Id, level, null, Pending: false, Drafted: false, m.Value);
        }
    }

    private CertificationScheme SchemeOf(Match m) =>
        _words.Certifications[Enumerable.Range(0, _words.Certifications.Length).First(i => m.Groups[$"c{i}"].Success)];

    /// <summary>
    /// Whether the clause of <paramref name="index"/> denies or plans what stands there (the lexicon's negators and
    /// modality), or names one of <paramref name="before"/> earlier in the clause.
    /// </summary>
    private static bool Denied(Lazy<ImmutableArray<Clause>> clauses, int index, ImmutableArray<string> before)
    {
        var clause = clauses.Value.LastOrDefault(c => c.Start <= index);
        if (clause is null) return false;
        var local = index - clause.Start;
        if (clause.IsNegatedAt(local) || clause.ModalityAt(local) is Modality.Plan or Modality.Goal) return true;
        var head = clause.Text[..Math.Min(local, clause.Text.Length)];
        return before.Any(w => head.Contains(w, StringComparison.Ordinal));
    }

    private int? LevelAfter(string sentence, int start, CertificationScheme scheme)
    {
        // 「DSMM三级」「数据安全能力成熟度三级评估」「数据安全能力成熟度模型（DSMM）3级」「等级保护第三级」
        var window = sentence.Substring(start, Math.Min(14, sentence.Length - start));
        var m = LevelPattern().Match(window);
        if (!m.Success) return null;
        // The stretch before the level must not run into another certificate: 「DSMM三级」 yes, 「DCMM、等保三级」 no for DCMM.
        var between = _certification.Match(window[..m.Index]);
        if (between.Success && SchemeOf(between) != scheme) return null;
        return Level(m.Groups["level"].Value);
    }

    private static int? LevelBefore(string sentence, int end)
    {
        var start = Math.Max(0, end - 3);
        var m = LevelPattern().Match(sentence[start..end]);
        return m.Success && m.Index + m.Length == end - start ? Level(m.Groups["level"].Value) : null;
    }

    private static int? Level(string text) => (int?)ChineseQuantity.ParseNumber(text) is { } n and >= 1 and <= 5 ? n : null;

    private IEnumerable<Credential> Standards(string sentence, Lazy<ImmutableArray<Clause>> clauses)
    {
        var drafting = _words.Drafting.Select(w => sentence.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        var drafted = drafting >= 0 && !Denied(clauses, drafting, []);
        foreach (Match m in _standard.Matches(sentence))
        {
            var code = $"{m.Groups["series"].Value.ToUpperInvariant()} {m.Groups["number"].Value}";
            yield return new Credential(CredentialKind.Standard, code, null, null, Pending: false, drafted, m.Value);
        }
        // 「参与编制天津市地方标准1项」「牵头制定团体标准2项」 name no code.
        if (!drafted) yield break;
        foreach (Match m in _unnumbered.Matches(sentence))
        {
            var count = ChineseQuantity.Find(m.Value).FirstOrDefault(q => q.Unit is "项" or "个" or "件");
            yield return new Credential(CredentialKind.Standard, m.Groups["type"].Value, null, (int?)count?.Value, Pending: false, Drafted: true, m.Value);
        }
    }

    /// <summary>
    /// Patents and copyrights are listed in clauses: 「获得发明专利授权6项、受理9项，取得软件著作权17项」. An item of an
    /// enumeration (after 、) without its own type continues the previous one; 受理/申请/在审 mark it pending.
    /// </summary>
    private IEnumerable<Credential> PatentsAndCopyrights(string sentence, Lazy<ImmutableArray<Clause>> clauses)
    {
        foreach (var (start, clause) in Sentences.Clauses(sentence))
        {
            string? type = null;
            foreach (Match item in ListItem().Matches(clause))
            {
                var text = item.Value;
                // Only an enumeration (「发明专利授权6项、受理9项」) carries the type on.
                if (item.Index == 0 || clause[item.Index - 1] != '、') type = null;
                var typed = _ipType.Match(text);
                if (typed.Success)
                {
                    type = typed.Groups["sc"].Success ? "软件著作权" : typed.Groups["patent"].Value;
                    if (Denied(clauses, start + item.Index + typed.Index, [])) { type = null; continue; }
                }
                else if (type is null || !ChineseQuantity.Find(text).Any(q => q.Unit is "项" or "件" or "个"))
                {
                    type = null;
                    continue;
                }

                var count = ChineseQuantity.Find(text).FirstOrDefault(q => q.Unit is "项" or "件" or "个");
                var kind = type == "软件著作权" ? CredentialKind.SoftwareCopyright : CredentialKind.Patent;
                var pending = kind == CredentialKind.Patent && _words.Pending.Any(w => text.Contains(w, StringComparison.Ordinal));
                yield return new Credential(kind, type, null, count is null ? null : (int)count.Value, pending, Drafted: false, text.Trim());
            }
        }
    }

    private static string Alternation(IEnumerable<string> words) =>
        string.Join("|", words.OrderByDescending(w => w.Length).Select(Regex.Escape));

    [GeneratedRegex(@"第?(?<level>[1-5一二三四五])级")]
    private static partial Regex LevelPattern();

    // An item of an enumeration inside one clause: 、 lists, ；。 end.
    [GeneratedRegex(@"[^、；。;]+")]
    private static partial Regex ListItem();
}

/// <summary>The credentials of the lexicon shipped with PilotEval, for code that reads without a rubric directory.</summary>
public static class Credentials
{
    public static IEnumerable<Credential> Find(string sentence) => Language.EvidenceLexicon.Default.Credentials.Find(sentence);
}
