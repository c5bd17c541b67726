using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotEval.Panel.Store;

namespace PilotEval.Web.Pages;

/// <summary>Each role starts on its own page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.FindFirstValue(ClaimTypes.Role) switch
    {
        AccountRoles.Expert => Redirect("~/expert"),
        AccountRoles.Secretariat or AccountRoles.Chair => Redirect("~/round"),
        _ => NotFound(),
    };
}
