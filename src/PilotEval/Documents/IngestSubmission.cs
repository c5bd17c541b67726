using System.Collections.Immutable;
using Mediator;
using PilotEval.Pipeline;

namespace PilotEval.Documents;

/// <summary>Stage 1: read every file of a submission into blocks with source locations.</summary>
public static class IngestSubmission
{
    /// <param name="Reading">Reads through the run's store when given (a file read before is not read again).</param>
    public sealed record Command(SubmissionAssessment Assessment, StoredReading? Reading = null) : ISubmissionStage
    {
        public Stage Stage => Stage.Ingest;
    }

    public sealed class Handler(DocumentReader reader) : ICommandHandler<Command, SubmissionAssessment>
    {
        public async ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            var submission = command.Assessment.Submission;
            var documents = ImmutableArray.CreateBuilder<DocumentText>();
            foreach (var file in submission.Files)
            {
                var path = Path.Combine(submission.Root, file);
                documents.Add(command.Reading is { } stored
                    ? await stored.ReadAsync(path, file, reader, cancellationToken)
                    : await reader.ReadAsync(path, file, cancellationToken));
            }

            var errors = documents.SelectMany(d => d.Errors).ToList();
            foreach (var document in documents.Where(d => d.Errors.IsEmpty && d.Blocks.IsEmpty))
            {
                errors.Add(new FileError(document.File, FileErrorCodes.Empty,
                    $"{document.File}: 文件中没有可读取的文字" + (document.Format == "pdf" ? "（扫描页需要 OCR）" : "")));
            }
            if (submission.Files.IsEmpty)
            {
                errors.Add(new FileError(submission.Source, FileErrorCodes.Empty, $"{submission.Source}: 文件夹中没有文件"));
            }

            return (command.Assessment with
            {
                Documents = documents.ToImmutable(),
                Errors = [.. errors],
                Flags = [.. documents.SelectMany(d => d.Flags)],
            }).Finished(Stage.Ingest);
        }
    }
}
