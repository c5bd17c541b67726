using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Mediator;
using PilotEval.Pipeline;

namespace PilotEval.Publishing;

/// <summary>Stage 6: write the run's reports into the output directory.</summary>
public static class PublishResults
{
    public sealed record Command(EvaluationRun Run, string OutputDirectory) : ICommand<Result>;

    public sealed record Result(ImmutableArray<string> Files)
    {
        /// <summary>Wall seconds of each report, written side by side: where the reports stage's time went.</summary>
        public ImmutableArray<StageTotal> Reports { get; init; } = [];
    }

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // audit.jsonl is not rewritten here: the run appends to it as it goes (see Pipeline/AuditLog).
            var timings = new ConcurrentBag<StageTotal>();
            var document = Timed.Run(timings, "results-document", () => ResultsDocument.From(command.Run));
            var files = await RunReports.WriteAsync(document, command.OutputDirectory, timings, cancellationToken);
            return new Result(files)
            {
                Reports = [.. timings.OrderByDescending(t => t.Seconds).ThenBy(t => t.Stage, StringComparer.Ordinal)],
            };
        }
    }
}

/// <summary>A stopwatch around one report, so the reports stage can say which of its side-by-side parts took the time.</summary>
internal static class Timed
{
    public static T Run<T>(ConcurrentBag<StageTotal> into, string name, Func<T> work)
    {
        var watch = Stopwatch.StartNew();
        var result = work();
        into.Add(new StageTotal(name, "report", 1, Math.Round(watch.Elapsed.TotalSeconds, 3)));
        return result;
    }

    public static Task RunAsync(ConcurrentBag<StageTotal> into, string name, Func<Task> work, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            var watch = Stopwatch.StartNew();
            await work();
            into.Add(new StageTotal(name, "report", 1, Math.Round(watch.Elapsed.TotalSeconds, 3)));
        }, cancellationToken);
}
