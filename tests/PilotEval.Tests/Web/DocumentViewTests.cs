using System.Net;

namespace PilotEval.Tests.Web;

/// <summary>
/// The application as PilotEval read it (the <c>extract</c> path), with the machine's quotes marked in place and
/// where they stand; refused by name when the file changed since the run scored it.
/// </summary>
public sealed class DocumentViewTests
{
    [Fact]
    public async Task The_text_shows_the_machines_quotes_marked_in_place_beside_each_criterion()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");

        var page = await zhang.GetAsync("/expert/applications/" + SiteFixture.DocumentSource);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<mark id=\"q-0-2-0\" title=\"培养体系；规模与质量\">{SiteFixture.QuoteOne}</mark>", page.Html);
        Assert.Contains($"<mark id=\"q-0-3-0\" title=\"规模与质量\">{SiteFixture.QuoteTwo}</mark>", page.Html);
        // The text around the quote stays, escaped: what the file says is never markup.
        Assert.Contains("形成&lt;课程&gt;与实训并重的体系", page.Html);
        // Beside the criterion: the machine's level, the quote and where it stands, linked to the text.
        Assert.Contains($"href=\"#p-0-3\">{SiteFixture.DocumentSource} 第 3 段</a>：「{SiteFixture.QuoteTwo}」", page.Html);
        Assert.Contains("class=\"machine-level\">B 级", page.Html);
        // The form: a score field per criterion bounded by its weight, and a comment.
        Assert.Contains("id=\"score-system\" name=\"score-system\" type=\"number\" min=\"0\" max=\"40\"", page.Html);
        Assert.Contains("id=\"comment-scale\" name=\"comment-scale\"", page.Html);
    }

    [Fact]
    public async Task A_file_changed_since_the_run_is_not_shown_as_if_it_were_what_was_scored()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");
        await File.AppendAllTextAsync(Path.Combine(site.Store.Dir.File("submissions"), SiteFixture.DocumentSource), "tampered");

        var page = await zhang.GetAsync("/expert/applications/" + SiteFixture.DocumentSource);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("在机器评分后被改动过", page.Html);
        Assert.DoesNotContain("<mark", page.Html);
    }
}
