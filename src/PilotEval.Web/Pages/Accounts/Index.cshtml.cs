using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Accounts;

/// <summary>
/// The secretariat's accounts page: create an account (an expert's linked to an expert of the round) and see its
/// one-time password once, in this response only; reset a password. Through <see cref="AddAccount"/> and
/// <see cref="ResetPassword"/>, which audit each change.
/// </summary>
public sealed class IndexModel : PageModel
{
    public ImmutableArray<AccountRow> Accounts { get; private set; } = [];
    public List<string> ExpertsWithoutAccount { get; private set; } = [];
    public string? Refusal { get; private set; }
    /// <summary>The account and one-time password just issued; never stored in clear, never shown again.</summary>
    public (string Name, string Password)? Issued { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAddAsync(string name, string role, string? expert, CancellationToken cancellationToken) =>
        IssueAsync(async () =>
        {
            var result = await HttpContext.Mediator().Send(new AddAccount.Command(HttpContext.Db(), name ?? "", role ?? "", string.IsNullOrWhiteSpace(expert) ? null : expert, User.Name()), cancellationToken);
            return (result.Name, result.OneTimePassword);
        }, cancellationToken);

    public Task<IActionResult> OnPostResetAsync(string name, CancellationToken cancellationToken) =>
        IssueAsync(async () =>
        {
            var result = await HttpContext.Mediator().Send(new ResetPassword.Command(HttpContext.Db(), name ?? "", User.Name()), cancellationToken);
            return (result.Name, result.OneTimePassword);
        }, cancellationToken);

    /// <summary>Shows the one-time password just issued, or the slice's refusal (422).</summary>
    private async Task<IActionResult> IssueAsync(Func<Task<(string Name, string Password)>> issue, CancellationToken cancellationToken)
    {
        try
        {
            Issued = await issue();
        }
        catch (PanelException ex)
        {
            Refusal = ex.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Accounts = await HttpContext.Mediator().Send(new ListAccounts.Query(HttpContext.Db()), cancellationToken);
        var (context, _) = await PanelStore.OpenRoundAsync(HttpContext.Db(), cancellationToken);
        await using var __ = context;
        var linked = Accounts.Select(a => a.Expert).OfType<string>().ToHashSet(StringComparer.Ordinal);
        ExpertsWithoutAccount = [.. (await context.Experts.AsNoTracking().Select(e => e.Name).ToListAsync(cancellationToken))
            .Where(e => !linked.Contains(e)).Order(StringComparer.Ordinal)];
    }
}
