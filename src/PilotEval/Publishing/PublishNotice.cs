using System.Collections.Immutable;
using Mediator;

namespace PilotEval.Publishing;

/// <summary>
/// <c>piloteval publish</c>: from the last run's <c>results.json</c> and the panel's selection, write the public
/// notice (notice.docx) and the exemplar casebook (exemplars.docx). A refused selection writes nothing.
/// </summary>
public static class PublishNotice
{
    /// <param name="Selected">Sources the panel selected; used when <paramref name="TopPerTrack"/> is null.</param>
    /// <param name="TopPerTrack">Take the first N of each track's shortlist instead of a list.</param>
    /// <param name="Panel">The panel's decision from its store (<c>publish --db</c>): its stored run replaces <paramref name="ResultsPath"/>.</param>
    public sealed record Command(string ResultsPath, string OutputDirectory, ImmutableArray<string> Selected, int? TopPerTrack,
        NoticeOptions Options, PilotEval.Panel.Decide.Stored? Panel = null) : ICommand<Result>;

    /// <param name="Refusals">Why a selected source cannot be published; when any, no file was written.</param>
    /// <param name="Warnings">Gaps in the written notice to fill by hand (a name the cover did not yield).</param>
    public sealed record Result(ImmutableArray<string> Files, ImmutableArray<ResultsDocument.SubmissionResult> Chosen,
        ImmutableArray<string> Refusals, ImmutableArray<string> Warnings);

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var results = ReportText.ReadResults(command.Panel?.ResultsJson ?? await File.ReadAllTextAsync(command.ResultsPath, cancellationToken));
            var selection = command.Panel is { } panel
                ? NoticeSelection.FromPanel(results, panel.Selected, panel.Confirmed)
                : command.TopPerTrack is { } top
                ? NoticeSelection.TopPerTrack(results, top)
                : NoticeSelection.BySources(results, command.Selected);
            if (!selection.Refusals.IsEmpty) return new Result([], selection.Chosen, selection.Refusals, []);

            var notice = Path.Combine(command.OutputDirectory, "notice.docx");
            var exemplars = Path.Combine(command.OutputDirectory, "exemplars.docx");
            await PublicNotice.Build(results, selection.Chosen, command.Options).SaveAsync(notice, cancellationToken);
            await ExemplarCasebook.Build(results, selection.Chosen, command.Options).SaveAsync(exemplars, cancellationToken);
            return new Result([notice, exemplars], selection.Chosen, [], selection.Warnings);
        }
    }
}
