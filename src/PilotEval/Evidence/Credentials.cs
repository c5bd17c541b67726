using System.Text.RegularExpressions;

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

/// <summary>
/// Recognises certifications, standards, patents and software copyrights in a sentence, so a rubric can
/// ask for 「DSMM 三级及以上」 or 「3 项以上授权发明专利」 rather than for a keyword that a plan
/// (「拟申请 DSMM 评估」) or a pending application would satisfy just as well.
/// </summary>
public static partial class Credentials
{
    /// <summary>Certification schemes a rubric may name, with how applicants write them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Schemes = new Dictionary<string, string>
    {
        ["DSMM"] = "数据安全能力成熟度（GB/T 37988）",
        ["DCMM"] = "数据管理能力成熟度（GB/T 36073）",
        ["ISO27001"] = "ISO/IEC 27001 信息安全管理体系",
        ["ISO27701"] = "ISO/IEC 27701 隐私信息管理体系",
        ["等保"] = "网络安全等级保护（GB/T 22239）",
        ["商用密码"] = "商用密码应用安全性评估或产品认证",
    };

    /// <summary>Standard series a rubric may name.</summary>
    public static readonly IReadOnlyList<string> StandardSeries = ["GB/T", "GB", "YD/T", "YD", "T/", "DB", "JR/T"];

    public static IEnumerable<Credential> Find(string sentence)
    {
        foreach (var c in Certifications(sentence)) yield return c;
        foreach (var c in Standards(sentence)) yield return c;
        foreach (var c in PatentsAndCopyrights(sentence)) yield return c;
    }

    private static IEnumerable<Credential> Certifications(string sentence)
    {
        foreach (Match m in CertificationPattern().Matches(sentence))
        {
            var scheme = SchemeOf(m);
            // A level belongs to the certificate it follows (「DSMM三级」) or, for 等保, may precede it (「三级等保」).
            var level = LevelAfter(sentence, m.Index + m.Length, scheme) ??
                        (scheme == "等保" ? LevelBefore(sentence, m.Index) : null);
            if (DeniedInClause(sentence, m.Index)) continue;
            yield return new Credential(CredentialKind.Certification, scheme, level, null, Pending: false, Drafted: false, m.Value);
        }
    }

    private static string SchemeOf(Match m) =>
        m.Groups["dsmm"].Success ? "DSMM"
        : m.Groups["dcmm"].Success ? "DCMM"
        : m.Groups["iso"].Success ? (m.Groups["iso"].Value.EndsWith("27701", StringComparison.Ordinal) ? "ISO27701" : "ISO27001")
        : m.Groups["mlps"].Success ? "等保"
        : "商用密码";

    /// <summary>A denial or plan anywhere earlier in the same clause: 「公司拟于2025年申请数据安全能力成熟度（DSMM）评估」.</summary>
    private static bool DeniedInClause(string sentence, int index)
    {
        var start = sentence.LastIndexOfAny(['，', '。', '；', ',', ';'], Math.Max(0, index - 1)) + 1;
        return index > start && CertificationDenialPattern().IsMatch(sentence[start..index]);
    }

    private static int? LevelAfter(string sentence, int start, string scheme)
    {
        // 「DSMM三级」「数据安全能力成熟度三级评估」「数据安全能力成熟度模型（DSMM）3级」「等级保护第三级」
        var window = sentence.Substring(start, Math.Min(14, sentence.Length - start));
        var m = LevelPattern().Match(window);
        if (!m.Success) return null;
        if (scheme is "ISO27001" or "ISO27701" or "商用密码") return null;
        // The stretch before the level must not run into another certificate: 「DSMM三级」 yes, 「DCMM、等保三级」 no for DCMM.
        var between = CertificationPattern().Match(window[..m.Index]);
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

    private static IEnumerable<Credential> Standards(string sentence)
    {
        var drafted = DraftingPattern().IsMatch(sentence) && !Negated(sentence, DraftingPattern().Match(sentence).Index);
        foreach (Match m in StandardPattern().Matches(sentence))
        {
            var code = $"{m.Groups["series"].Value.ToUpperInvariant()} {m.Groups["number"].Value}";
            yield return new Credential(CredentialKind.Standard, code, null, null, Pending: false, drafted, m.Value);
        }
        // 「参与编制天津市地方标准1项」「牵头制定团体标准2项」 name no code.
        foreach (Match m in UnnumberedStandardPattern().Matches(sentence))
        {
            if (!drafted) continue;
            var count = ChineseQuantity.Find(m.Value).FirstOrDefault(q => q.Unit is "项" or "个" or "件");
            yield return new Credential(CredentialKind.Standard, m.Groups["type"].Value, null, (int?)count?.Value, Pending: false, Drafted: true, m.Value);
        }
    }

    /// <summary>
    /// Patents and copyrights are listed in clauses: 「获得发明专利授权6项、受理9项，取得软件著作权17项」.
    /// A clause without its own type continues the previous one; 受理/申请/在审 mark it pending.
    /// </summary>
    private static IEnumerable<Credential> PatentsAndCopyrights(string sentence)
    {
        string? type = null;
        foreach (Match clause in ClausePattern().Matches(sentence))
        {
            var text = clause.Value;
            // Only an enumeration (「发明专利授权6项、受理9项」) carries the type on; a new clause after a comma may count standards.
            if (clause.Index == 0 || sentence[clause.Index - 1] != '、') type = null;
            var typed = IpTypePattern().Match(text);
            if (typed.Success)
            {
                type = typed.Groups["sc"].Success ? "软件著作权"
                    : typed.Groups["kind"].Success ? typed.Groups["kind"].Value + "专利"
                    : "专利";
                if (Negated(text, typed.Index)) { type = null; continue; }
            }
            else if (type is null || !ChineseQuantity.Find(text).Any(q => q.Unit is "项" or "件" or "个"))
            {
                type = null;
                continue;
            }

            var count = ChineseQuantity.Find(text).FirstOrDefault(q => q.Unit is "项" or "件" or "个");
            var kind = type == "软件著作权" ? CredentialKind.SoftwareCopyright : CredentialKind.Patent;
            var pending = kind == CredentialKind.Patent && PendingPattern().IsMatch(text);
            yield return new Credential(kind, type, null, count is null ? null : (int)count.Value, pending, Drafted: false, text.Trim());
        }
    }

    /// <summary>「暂无发明专利」「未通过」「尚未取得」: the credential is denied, not claimed.</summary>
    private static bool Negated(string text, int index) => NegationPattern().IsMatch(text[Math.Max(0, index - 6)..index]);

    [GeneratedRegex(@"(?<dsmm>DSMM|数据安全能力成熟度(模型)?)|(?<dcmm>DCMM|数据管理能力成熟度(模型|评估模型)?)|(?<iso>ISO\s*/?\s*(IEC)?\s*2700[17])|(?<mlps>等保|等级保护)|(?<crypto>商用密码(应用安全性评估|产品认证)|密评)", RegexOptions.IgnoreCase)]
    private static partial Regex CertificationPattern();

    [GeneratedRegex(@"第?(?<level>[1-5一二三四五])级")]
    private static partial Regex LevelPattern();

    [GeneratedRegex(@"(?<series>GB/T|GB|YD/T|YD|JR/T|DB\d{2}/T|T/[A-Z]{2,10})\s*(?<number>\d{3,5}(?:\.\d+)?(?:[-—–]\d{4})?)", RegexOptions.IgnoreCase)]
    private static partial Regex StandardPattern();

    [GeneratedRegex(@"(?<type>国家标准|行业标准|团体标准|地方标准|企业标准)[^，。；、]{0,6}")]
    private static partial Regex UnnumberedStandardPattern();

    [GeneratedRegex(@"(牵头|参与|主持|主导)(制定|编制|起草)|参编|主编|起草|编制了|标准(的)?(编制|制定|起草)")]
    private static partial Regex DraftingPattern();

    [GeneratedRegex(@"[^，、；。,;]+")]
    private static partial Regex ClausePattern();

    [GeneratedRegex(@"(?<sc>(计算机)?软件著作权|软著)|(?<kind>发明|实用新型|外观设计)?专利")]
    private static partial Regex IpTypePattern();

    [GeneratedRegex(@"申请|受理|实质审查|实审|在审|审查中|公开")]
    private static partial Regex PendingPattern();

    [GeneratedRegex(@"无|没有|未|尚未|暂未|拟|计划|准备|正在")]
    private static partial Regex NegationPattern();

    /// <summary>Applying for or preparing a certification is not holding it: 「拟于2025年申请DSMM评估」「正在开展DCMM贯标」.</summary>
    [GeneratedRegex(@"无|没有|未|尚未|暂未|拟|计划|准备|正在|申请|争取|将")]
    private static partial Regex CertificationDenialPattern();
}
