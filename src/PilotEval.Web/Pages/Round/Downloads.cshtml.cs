using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Publishing;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>
/// The round's files, written by the same slices as the commands: the score sheets (<see cref="WriteScoreSheets"/>,
/// as a .zip), the results (<see cref="ComputeResults"/>: panel-results.json, panel-round.xlsx, panel-round.html) and
/// the public notice from the recorded decision (<see cref="PublishNotice"/>, as <c>publish --db</c>). Each is written
/// to a fresh temporary folder, sent, and the folder removed.
/// </summary>
public sealed class DownloadsModel(IOptions<PanelOptions> panel, IOptions<SiteOptions> site, TimeProvider clock) : StaffPage(panel)
{
    public string Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void OnGet() { }

    public async Task<IActionResult> OnGetSheetsAsync(CancellationToken cancellationToken) => await WithFolderAsync(async folder =>
    {
        var result = await HttpContext.Mediator().Send(new WriteScoreSheets.Command(HttpContext.Db(), folder), cancellationToken);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var file in result.Files) await archive.CreateEntryFromFileAsync(file, Path.GetFileName(file), cancellationToken);
        return File(zip.ToArray(), "application/zip", "评分表.zip");
    });

    public async Task<IActionResult> OnGetResultsAsync(string format, CancellationToken cancellationToken) => await WithFolderAsync(async folder =>
    {
        var (name, type) = format switch
        {
            "json" => ("panel-results.json", "application/json"),
            "xlsx" => ("panel-round.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "html" => ("panel-round.html", "text/html; charset=utf-8"),
            _ => (null, null),
        };
        if (name is null) return NotFound();
        await HttpContext.Mediator().Send(new ComputeResults.Command(HttpContext.Db(), folder, Options), cancellationToken);
        return File(await System.IO.File.ReadAllBytesAsync(Path.Combine(folder, name), cancellationToken), type!, name);
    });

    public async Task<IActionResult> OnPostNoticeAsync(string? contact, string? date, string? issuer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(contact)) return Refused("请填写异议受理的联系电话和地址");
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return Refused($"公示日期「{date}」应形如 2024-12-02");
        return await WithFolderAsync(async folder =>
        {
            var decision = await Decide.ReadAsync(HttpContext.Db(), cancellationToken);
            var calendarPath = Path.Combine(site.Value.RubricsDirectory, WorkingCalendar.FileName);
            var calendar = System.IO.File.Exists(calendarPath) ? WorkingCalendar.Load(calendarPath) : WorkingCalendar.WeekendsOnly;
            var year = ReportText.ReadResults(decision.ResultsJson).Call?.Year ?? day.Year;
            var options = new NoticeOptions(string.IsNullOrWhiteSpace(issuer) ? NoticeOptions.DefaultIssuer : issuer.Trim(), day, year, contact.Trim()) { Calendar = calendar };
            var result = await HttpContext.Mediator().Send(new PublishNotice.Command("", folder, [], null, options, decision), cancellationToken);
            if (!result.Refusals.IsEmpty) return Refused("公示无法生成：" + string.Join("；", result.Refusals));
            return File(await System.IO.File.ReadAllBytesAsync(Path.Combine(folder, "notice.docx"), cancellationToken),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "notice.docx");
        });
    }

    private IActionResult Refused(string problem)
    {
        Refuse(problem);
        return Page();
    }

    private async Task<IActionResult> WithFolderAsync(Func<string, Task<IActionResult>> write)
    {
        var folder = Path.Combine(Path.GetTempPath(), "piloteval-download-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await write(folder);
        }
        catch (PilotEval.Panel.Store.PanelException ex)
        {
            return Refused(ex.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
