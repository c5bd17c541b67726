namespace PilotEval.Web;

/// <summary>
/// Runs the site on its own (<c>dotnet run --project src/PilotEval.Web -- --Serve:Db=panel.db</c>); the usual way is
/// <c>piloteval serve</c>, which calls the same <see cref="PanelSite.Create"/>. Tests start it through this entry point.
/// </summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var app = PanelSite.Create(args);
        await app.RunAsync();
    }
}
