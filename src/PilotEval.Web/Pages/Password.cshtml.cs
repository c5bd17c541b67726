using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages;

/// <summary>Change one's own password; the session is renewed with the account's new stamp, every other session ends.</summary>
public sealed class PasswordModel(TimeProvider clock) : PageModel
{
    [BindProperty] public string Current { get; set; } = "";
    [BindProperty] public string New { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";
    public string? Message { get; private set; }
    public bool MustChange => User.HasClaim(Sessions.MustChangeClaim, "true");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (New != Confirm)
        {
            Message = "两次输入的新密码不一致";
            return Page();
        }
        var result = await HttpContext.Mediator().Send(new ChangePassword.Command(HttpContext.Db(), User.Name(), Current, New), cancellationToken);
        if (result.Problem is not null)
        {
            Message = result.Problem;
            return Page();
        }
        var account = await HttpContext.Mediator().Send(new GetAccount.Query(HttpContext.Db(), User.Name()), cancellationToken);
        // The renewed session keeps the time of the sign-in: changing a password does not extend the absolute expiry.
        var signedIn = long.TryParse(User.FindFirst(Sessions.SignedInClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s) : clock.GetUtcNow();
        await Sessions.SignInAsync(HttpContext, account!, signedIn);
        return Redirect("~/");
    }
}
