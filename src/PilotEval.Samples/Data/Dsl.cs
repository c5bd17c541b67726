using System.Globalization;
using System.Text.RegularExpressions;
using PilotEval.Samples.Model;

namespace PilotEval.Samples.Data;

/// <summary>Terse constructors so the sample files read as text rather than as object graphs.</summary>
public static partial class Dsl
{
    public const string ApplicationTitle = "2024年度北京地区电信和互联网行业数据安全管理和应用试点示范项目申报书";

    /// <summary>The pledge every eligible application carries; eligibility checks look for it verbatim.</summary>
    public const string Pledge = "本单位近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚。";

    public static Para P(string text) => new(text);

    public static SubHeading H2(string text) => new(text);

    public static TableBlock Table(string[] header, params string[][] rows) => new(header, rows);

    public static Section Sec(string heading, params Block[] blocks) => new(heading, blocks);

    public static Cover CoverFor(
        string trackId,
        string projectName,
        string applicant,
        string jointApplicant,
        string recommender,
        string contact,
        string phone,
        string date) =>
        new(projectName, applicant, Tracks.CoverName(trackId), jointApplicant, recommender, contact, phone, date);

    public static Submission Application(
        string name,
        OutputFormat format,
        string trackId,
        Quality quality,
        CoverForm coverForm,
        HeadingFlavor headings,
        Cover cover,
        params Section[] sections) =>
        new(name, format, trackId, quality, Document(cover, coverForm, headings, sections), []);

    public static DocumentSpec Document(Cover cover, CoverForm coverForm, HeadingFlavor headings, IReadOnlyList<Section> sections) =>
        // The file is "saved" a few days before the date signed on the cover, as it would be in practice.
        new(ApplicationTitle, cover, coverForm, headings, sections, cover.Contact, ParseChineseDate(cover.Date).AddDays(-3));

    /// <summary>
    /// A retelling of <paramref name="rewriteOf"/> in another hand. The title and the date the file was saved are
    /// given explicitly because rewrites may word the title differently and write the cover date in Chinese numerals.
    /// </summary>
    public static Submission Rewrite(
        string name,
        string rewriteOf,
        string trackId,
        Quality quality,
        string title,
        CoverForm coverForm,
        HeadingFlavor headings,
        Cover cover,
        DateTime saved,
        params Section[] sections) =>
        new(name, OutputFormat.Docx, trackId, quality, new DocumentSpec(title, cover, coverForm, headings, sections, cover.Contact, saved), [])
        {
            RewriteOf = rewriteOf,
        };

    public static DateTime Saved(int year, int month, int day) => new(year, month, day, 10, 0, 0, DateTimeKind.Utc);

    public static DateTime ParseChineseDate(string text)
    {
        var m = ChineseDate().Match(text);
        if (!m.Success)
        {
            throw new FormatException($"not a 年月日 date: {text}");
        }

        int Part(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        return new DateTime(Part(1), Part(2), Part(3), 10, 0, 0, DateTimeKind.Utc);
    }

    [GeneratedRegex(@"^(\d{4})年(\d{1,2})月(\d{1,2})日$")]
    private static partial Regex ChineseDate();
}
