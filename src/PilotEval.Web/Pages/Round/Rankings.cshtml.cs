using Microsoft.Extensions.Options;
using PilotEval.Panel;
using PilotEval.Web.Site;

namespace PilotEval.Web.Pages.Round;

/// <summary>Per track, the trimmed-mean ranking beside the calibrated one, the machine's, and the Q&amp;A list.</summary>
public sealed class RankingsModel(IOptions<PanelOptions> panel) : StaffPage(panel)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadResultsAsync(cancellationToken);

    /// <summary>Rank by calibrated score within the track, for the column beside the ranking in force.</summary>
    public static Dictionary<string, int> CalibratedRanks(PanelResults.TrackResult track) =>
        track.Entries.Where(e => e.Calibrated is not null).OrderByDescending(e => e.Calibrated).ThenBy(e => e.Source, StringComparer.Ordinal)
            .Select((e, i) => (e.Source, Rank: i + 1)).ToDictionary(x => x.Source, x => x.Rank, StringComparer.Ordinal);
}
