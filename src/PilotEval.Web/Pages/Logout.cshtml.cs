using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PilotEval.Web.Pages;

/// <summary>Sign out: a POST with the antiforgery token like every other form (a link could be forged from another site).</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("~/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PanelSite.Scheme);
        return Redirect("~/login");
    }
}
