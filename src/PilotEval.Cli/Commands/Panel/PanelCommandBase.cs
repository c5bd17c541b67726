using System.ComponentModel;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary>What every <c>piloteval panel …</c> command takes: the store and who is acting (for the audit log).</summary>
public class PanelSettings : CommonSettings
{
    [CommandOption("--db <store>")]
    [Description("The panel store: a SQLite file path (created by 'panel open') or a PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…).")]
    public string? Db { get; init; }

    [CommandOption("--by <name>")]
    [Description("Who is acting, for the audit log (default: the logged-in user).")]
    public string? By { get; init; }

    public string Who => string.IsNullOrWhiteSpace(By) ? Environment.UserName : By.Trim();

    public override Spectre.Console.ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Db) ? Spectre.Console.ValidationResult.Error("--db <store> is required (a SQLite file or a PostgreSQL connection string)")
        : Spectre.Console.ValidationResult.Success();
}

public static class PanelCommandBase
{
    /// <summary>A refusal of the panel (no store, a rule broken) is a usage error: exit 2 with its message; nothing was written.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PanelException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    public static Task<T> GuardAsync<T>(Func<ValueTask<T>> action) => GuardAsync(() => action().AsTask());

    /// <summary>The Panel section of appsettings.json, with the command's flags applied over it.</summary>
    public static PanelOptions Options(Microsoft.Extensions.Configuration.IConfiguration configuration, double? discussion, string? rankBy, int? slots)
    {
        var section = configuration.GetSection(PanelOptions.Section);
        var defaults = new PanelOptions();
        var options = new PanelOptions(
            double.TryParse(section["DiscussionSpread"], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : defaults.DiscussionSpread,
            section["RankBy"] ?? defaults.RankBy,
            int.TryParse(section["Slots"], out var s) ? s : defaults.Slots,
            double.TryParse(section["QaFactor"], System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : defaults.QaFactor);
        return options with
        {
            DiscussionSpread = discussion ?? options.DiscussionSpread, RankBy = rankBy ?? options.RankBy, Slots = slots ?? options.Slots,
        };
    }

    public static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
