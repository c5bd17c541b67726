using PilotEval.Samples.Model;

namespace PilotEval.Samples.Writing;

public static class CoverFields
{
    /// <summary>The cover fields in the order the administration's template prints them.</summary>
    public static IReadOnlyList<(string Label, string Value)> Of(Cover c) =>
    [
        ("项目名称", c.ProjectName),
        ("申报单位", c.Applicant),
        ("申报方向", c.Track),
        ("联合申报单位", c.JointApplicant),
        ("推荐单位", c.Recommender),
        ("联系人", c.Contact),
        ("联系电话", c.Phone),
        ("申报日期", c.Date),
    ];

    /// <summary>「项目名称」 → 「项 目 名 称」, the way people align labels by hand in Word.</summary>
    public static string Spaced(string label) => string.Join(' ', label.EnumerateRunes());
}
