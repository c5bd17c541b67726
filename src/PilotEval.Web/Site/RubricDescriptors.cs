using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PilotEval.Rubrics;

namespace PilotEval.Web.Site;

/// <summary>
/// What each level of a criterion means, from the rubric files (<c>Serve:Rubrics</c>, default <c>./rubrics</c> or
/// the ones installed beside the program). Shown only from the file whose SHA-256 the round recorded: a rubric edited
/// since the run would describe levels the machine did not score against, so then only the awarded level's
/// descriptor (kept in results.json) is shown.
/// </summary>
public sealed class RubricDescriptors(IOptions<SiteOptions> options, ILogger<RubricDescriptors> logger)
{
    private readonly Lazy<ImmutableArray<Rubric>> _rubrics = new(() => Load(options.Value, logger));

    public IReadOnlyList<(string Level, string Text)> For(string? sha256, string criterion)
    {
        var rubric = _rubrics.Value.FirstOrDefault(r => r.Sha256 == sha256);
        var c = rubric?.Criteria.FirstOrDefault(x => x.Id == criterion);
        if (rubric is null || c is null) return [];
        return [.. rubric.Levels.Select(l => l.Id).Where(c.Descriptors.ContainsKey).Select(l => (l, c.Descriptors[l]))];
    }

    private static ImmutableArray<Rubric> Load(SiteOptions options, ILogger logger)
    {
        var directory = options.RubricsDirectory;
        try
        {
            return Directory.Exists(directory) ? RubricLoader.LoadDirectory(directory).Rubrics : [];
        }
        catch (RubricFileException ex)
        {
            logger.LogWarning("Level descriptors not shown: the rubrics in {Directory} do not load ({Reason})", directory, ex.Message);
            return [];
        }
    }
}
