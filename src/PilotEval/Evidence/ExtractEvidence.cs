using System.Collections.Immutable;
using Mediator;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Evidence;

/// <summary>
/// Stage 2: read the cover, decide the track, check the form's sections, and collect the quotes that
/// satisfy each signal of the track's rubric. Attachments count as evidence for their application.
/// </summary>
public static class ExtractEvidence
{
    public sealed record Command(SubmissionAssessment Assessment, RubricSet Rubrics) : ISubmissionStage
    {
        public Stage Stage => Stage.ExtractEvidence;
    }

    public sealed class Handler : ICommandHandler<Command, SubmissionAssessment>
    {
        public ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            // Every rule below asks the clause analyser about the same sentences: each is analysed once.
            using var clauses = Language.AnalysedClauses.Keep();
            var lexicon = command.Rubrics.Lexicon.Evidence;
            var cover = CoverReader.Read(command.Assessment.Documents, lexicon);
            var sections = SectionMap.Build(command.Assessment.Documents);
            var assessment = command.Assessment with { Cover = cover, Sections = sections };
            // Read once: every rubric's signals look at the same words, quantities and names.
            var readings = SentenceReading.Of(assessment.Sentences(), lexicon);
            var track = TrackInference.Decide(cover, readings, command.Rubrics);
            var flags = new List<DocumentFlag>();

            if (track.Source == "inferred") flags.Add(new DocumentFlag(FlagCodes.TrackInferred, track.Detail));
            if (track.Track is null) flags.Add(new DocumentFlag(FlagCodes.TrackUnknown, track.Detail));
            if (track.Mismatch)
            {
                flags.Add(new DocumentFlag(FlagCodes.TrackMismatch, track.MismatchDetail!, cover.Get(CoverLabels.Direction)?.Location));
            }
            if (cover.Get(CoverLabels.CreditCode) is { } code && !CreditCode.IsValid(code.Value))
            {
                flags.Add(new DocumentFlag(FlagCodes.InvalidCreditCode, $"统一社会信用代码“{code.Value}”{CreditCode.Explain(code.Value)}", code.Location));
            }
            flags.AddRange(MissingSections(sections, command.Rubrics.Lexicon.Evidence.FormSections));

            var evidence = command.Rubrics.Find(track.Track) is { } rubric
                ? rubric.Criteria.Select(c => SignalMatcher.Match(c, readings, rubric.NegativeSignals, sections, lexicon)).ToImmutableArray()
                : [];

            return ValueTask.FromResult((assessment with { Track = track, Evidence = evidence })
                .WithFlags(flags)
                .Finished(Stage.ExtractEvidence));
        }

        /// <summary>Sections the form requires, looked up in the outline (numbered or styled headings), never in body text.</summary>
        private static IEnumerable<DocumentFlag> MissingSections(SectionMap sections, ImmutableArray<FormSection> form)
        {
            foreach (var section in form)
            {
                if (sections.Find(section) is null)
                {
                    yield return new DocumentFlag(FlagCodes.MissingSection, $"缺少“{section.Name}”部分");
                }
            }
        }
    }
}
