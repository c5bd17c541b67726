using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace PilotEval.Web.Site;

/// <summary>
/// A block's text with the machine's quotes marked in place (<c>&lt;mark&gt;</c>). A quote is found verbatim in the
/// block its paragraph names; when the text differs (a quote that crossed a line break), the whole block is marked,
/// so the evidence is never silently unmarked.
/// </summary>
public static class Highlight
{
    public sealed record Mark(string Quote, string Label, string Id);

    /// <summary>The site's encoder: markup escaped, Chinese left as characters.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IHtmlContent Render(string text, IReadOnlyList<Mark> marks)
    {
        var encoder = Encoder;
        // One quote may stand for several criteria: one mark, every criterion in its title.
        marks = [.. marks.GroupBy(m => m.Quote).Select(g => new Mark(g.Key, string.Join("；", g.Select(m => m.Label).Distinct()), g.First().Id))];
        if (marks.Count == 0) return new HtmlString(encoder.Encode(text));
        var spans = new List<(int Start, int End, Mark Mark)>();
        var unplaced = new List<Mark>();
        foreach (var mark in marks)
        {
            var at = mark.Quote.Length == 0 ? -1 : text.IndexOf(mark.Quote, StringComparison.Ordinal);
            if (at < 0 || spans.Any(s => at < s.End && at + mark.Quote.Length > s.Start)) unplaced.Add(mark);
            else spans.Add((at, at + mark.Quote.Length, mark));
        }
        if (spans.Count == 0) return new HtmlString(Open(unplaced[0], unplaced) + encoder.Encode(text) + "</mark>");
        var html = new StringBuilder();
        var position = 0;
        foreach (var (start, end, mark) in spans.OrderBy(s => s.Start))
        {
            html.Append(encoder.Encode(text[position..start]));
            html.Append(Open(mark, [mark])).Append(encoder.Encode(text[start..end])).Append("</mark>");
            position = end;
        }
        html.Append(encoder.Encode(text[position..]));
        return new HtmlString(html.ToString());
    }

    private static string Open(Mark first, IReadOnlyList<Mark> all) =>
        $"<mark id=\"{Encoder.Encode(first.Id)}\" title=\"{Encoder.Encode(string.Join("；", all.Select(m => m.Label).Distinct()))}\">";
}
