using System.Globalization;
using System.Text;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// Conflicts of interest between an expert and an application, each with its reason: the expert works for the
/// applicant or a partner (联合申报单位); left one of them less than three years before the round opened; the
/// expert's organisation has the applicant's credit code; or the expert declared a relation with either.
/// A conflicted expert is never assigned, never sees the application and their scores of it are refused.
/// </summary>
public static class Conflicts
{
    public const int FormerEmployerYears = 3;

    public static IEnumerable<ConflictRow> Find(ExpertRow expert, ApplicationRow application, DateOnly asOf)
    {
        var reasons = new List<string>();
        var parties = Parties(application).ToList();
        foreach (var (name, role) in parties)
        {
            if (SameOrganisation(expert.Organisation, name)) reasons.Add($"专家所在单位「{expert.Organisation}」是{role}「{name}」");
        }
        foreach (var (organisation, left) in FormerEmployers(expert.FormerEmployers))
        {
            if (left.AddYears(FormerEmployerYears) < asOf) continue;
            foreach (var (name, role) in parties.Where(p => SameOrganisation(organisation, p.Name)))
                reasons.Add($"专家曾任职于{role}「{name}」，{left:yyyy-MM-dd} 离职，距今不满{FormerEmployerYears}年");
        }
        if (!string.IsNullOrWhiteSpace(expert.CreditCode) && !string.IsNullOrWhiteSpace(application.CreditCode)
            && Normalise(expert.CreditCode) == Normalise(application.CreditCode))
            reasons.Add($"专家所在单位与申报单位统一社会信用代码相同（{application.CreditCode}）");
        foreach (var relation in Split(expert.Relations))
        {
            if (relation == application.Source) reasons.Add($"专家申报与该申报存在关联");
            foreach (var (name, role) in parties.Where(p => SameOrganisation(relation, p.Name)))
                reasons.Add($"专家申报与{role}「{name}」存在关联");
        }
        if (reasons.Count > 0)
            yield return new ConflictRow { Expert = expert.Name, Source = application.Source, Reason = string.Join("；", reasons.Distinct()) };
    }

    /// <summary>The applicant and every partner, with the role each plays.</summary>
    private static IEnumerable<(string Name, string Role)> Parties(ApplicationRow application)
    {
        if (!string.IsNullOrWhiteSpace(application.Enterprise)) yield return (application.Enterprise, "申报单位");
        foreach (var partner in (application.Partners ?? "").Split(['、', ',', '，', ';', '；', '/', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // The cover says 无 (none) rather than leaving the field empty.
            if (partner is not ("无" or "暂无" or "—" or "-" or "/")) yield return (partner, "联合申报单位");
        }
    }

    public static IEnumerable<(string Organisation, DateOnly Left)> FormerEmployers(string value)
    {
        foreach (var item in Split(value))
        {
            var colon = Math.Max(item.LastIndexOf(':'), item.LastIndexOf('：'));
            if (colon > 0 && DateOnly.TryParseExact(item[(colon + 1)..].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var left))
                yield return (item[..colon].Trim(), left);
        }
    }

    public static IEnumerable<string> Split(string value) =>
        value.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Same organisation after folding width, spaces and bracket styles; a name that contains the other (at least four
    /// characters) counts too, so 「华翎数智」 declared by an expert still matches 「北京华翎数智教育科技有限公司」 —
    /// for conflicts, a false alarm costs one reassignment, a miss costs the round's credibility.
    /// </summary>
    public static bool SameOrganisation(string a, string b)
    {
        var x = Normalise(a);
        var y = Normalise(b);
        if (x.Length == 0 || y.Length == 0) return false;
        if (x == y) return true;
        var (shorter, longer) = x.Length <= y.Length ? (x, y) : (y, x);
        return shorter.Length >= 4 && longer.Contains(shorter, StringComparison.Ordinal);
    }

    private static string Normalise(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var text = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch) || ch is '(' or ')' or '“' or '”' or '"') continue;
            text.Append(ch);
        }
        return text.ToString();
    }
}
