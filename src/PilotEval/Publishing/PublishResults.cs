using System.Collections.Immutable;
using System.Text.Json;
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
            var audit = Path.Combine(outDir, "audit.jsonl");

            var document = ResultsDocument.From(command.Run);
            await JsonOutput.WriteAtomicallyAsync(results,
                JsonSerializer.Serialize(document, JsonOutput.Options) + "\n", cancellationToken);
            await JsonOutput.WriteAtomicallyAsync(shortlist, ShortlistMarkdown.Render(document), cancellationToken);
            await JsonOutput.WriteAtomicallyAsync(audit, string.Concat(command.Run.Audit.Select(e =>
                JsonSerializer.Serialize(e, JsonOutput.Lines) + "\n")), cancellationToken);
            var reports = await RunReports.WriteAsync(document, outDir, cancellationToken);
            return new Result([results, shortlist, audit, .. reports]);
        }
    }
}
