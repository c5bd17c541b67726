using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>
/// The 待核实 eligibility checks and a person's confirmation of each (what was checked), through
/// <see cref="Decide"/> with confirmations only, as <c>panel decide --confirm</c> does.
/// </summary>
public sealed class ConfirmationsModel(IOptions<PanelOptions> panel) : StaffPage(panel)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadResultsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string source, string check, string? note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note)) Refuse("请写明核实了什么（如：2024-11-25 现场核查，系统已上线运行）");
        else await SendAsync(async () =>
        {
            await HttpContext.Mediator().Send(new Decide.Command(HttpContext.Db(), User.Name(), [], ImmutableDictionary<string, string>.Empty,
                [new Decide.Confirmation(source, check, note.Trim())], Options), cancellationToken);
            return $"已确认 {source} 的「{check}」。";
        });
        await LoadResultsAsync(cancellationToken);
        return Page();
    }
}
