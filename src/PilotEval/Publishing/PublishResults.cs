using System.Collections.Immutable;
using Mediator;
using PilotEval.Pipeline;

namespace PilotEval.Publishing;

/// <summary>Stage 6: write the run's reports into the output directory.</summary>
public static class PublishResults
{
    public sealed record Command(EvaluationRun Run, string OutputDirectory) : ICommand<Result>;

    public sealed record Result(ImmutableArray<string> Files);

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var outDir = command.OutputDirectory;
            var results = Path.Combine(outDir, "results.json");
            var shortlist = Path.Combine(outDir, "shortlist.md");

            // audit.jsonl is not rewritten here: the run appends to it as it goes (see Pipeline/AuditLog).
            var document = ResultsDocument.From(command.Run);
            // Every file renders from the same finished document, so they are written side by side (see RunReports).
            var json = Task.Run(() => JsonOutput.WriteJsonAtomicallyAsync(results, document, cancellationToken), cancellationToken);
            var markdown = Task.Run(() => JsonOutput.WriteAtomicallyAsync(shortlist, ShortlistMarkdown.Render(document), cancellationToken), cancellationToken);
            var reports = RunReports.WriteAsync(document, outDir, cancellationToken);
            await Task.WhenAll(json, markdown, reports);
            return new Result([results, shortlist, .. await reports]);
        }
    }
}
