using System.Collections.Immutable;
using PilotEval.Language;

namespace PilotEval.Evidence;

/// <summary>
/// A sentence as the signals read it, computed once per run: its words with names blanked out (so 「清华大学」 in
/// 「毕业于清华大学」 is no 大学), its quantities with their units and roles, its before/after pairs, and the sentence
/// before it in the same paragraph (a keyword named there still governs this sentence's number).
/// </summary>
public sealed record SentenceReading(
    Sentence Sentence,
    string Words,
    ImmutableArray<Quantity> Quantities,
    ImmutableArray<BeforeAfter> Changes)
{
    /// <summary>The sentence before this one in the same block, or null.</summary>
    public SentenceReading? Previous { get; init; }

    public string Text => Sentence.Text;

    /// <summary>The credentials the sentence states, found once and kept: every credential signal of every rubric asks.</summary>
    private CredentialsFound? _credentials;

    private sealed record CredentialsFound(EvidenceLexicon Lexicon, IReadOnlyList<Credential> Found);

    /// <summary>The credentials <paramref name="lexicon"/> finds in the sentence (<see cref="CredentialReader.Find"/>), in its order.</summary>
    public IReadOnlyList<Credential> Credentials(EvidenceLexicon lexicon)
    {
        if (_credentials is { } kept && ReferenceEquals(kept.Lexicon, lexicon)) return kept.Found;
        var found = new CredentialsFound(lexicon, lexicon.Credentials.Find(Text).ToList());
        _credentials = found;
        return found.Found;
    }

    public static SentenceReading Of(string text, EvidenceLexicon lexicon) =>
        Of(new Sentence(text, new Documents.Block(Documents.BlockKind.Paragraph, text, new Documents.SourceLocation("", null, 0))), null, lexicon);

    public static IReadOnlyList<SentenceReading> Of(IReadOnlyList<Sentence> sentences, EvidenceLexicon lexicon)
    {
        var readings = new List<SentenceReading>(sentences.Count);
        SentenceReading? previous = null;
        foreach (var sentence in sentences)
        {
            var sameBlock = previous is not null && previous.Sentence.Block == sentence.Block ? previous : null;
            var reading = Of(sentence, sameBlock, lexicon);
            readings.Add(reading);
            previous = reading;
        }
        return readings;
    }

    private static SentenceReading Of(Sentence sentence, SentenceReading? previous, EvidenceLexicon lexicon)
    {
        var reader = lexicon.Quantities;
        var text = sentence.Text;
        ImmutableArray<Quantity> quantities;
        if (sentence.Block.Kind == Documents.BlockKind.TableRow && sentence.Block.Cells.Length > 1)
        {
            // A bare number in a cell takes its unit from the row's label, else from its column's header.
            var cells = sentence.Block.Cells;
            var rowLabel = reader.MeasureUnit(cells[0]) is not null ? cells[0] : null;
            var builder = ImmutableArray.CreateBuilder<Quantity>();
            var from = 0;
            for (var i = 0; i < cells.Length; i++)
            {
                var at = text.IndexOf(cells[i], from, StringComparison.Ordinal);
                if (at < 0) continue;
                from = at + cells[i].Length;
                var label = rowLabel ?? (i < sentence.ColumnLabels.Length ? sentence.ColumnLabels[i] : null);
                builder.AddRange(reader.Read(cells[i], i == 0 ? null : label).Select(q => q with { Index = q.Index + at }));
            }
            quantities = builder.ToImmutable();
        }
        else
        {
            // 「参训人员累计3200人次。其中，取证人数：450」: the measure may also be named in the sentence before.
            var measure = previous is not null && reader.MeasureUnit(LastClause(previous.Text)) is { } named ? named.Label : null;
            quantities = [.. reader.Read(text, measure)];
        }
        return new SentenceReading(sentence, lexicon.WithoutNames(text), quantities, [.. reader.FindChanges(text)]) { Previous = previous };
    }

    private static string LastClause(string text)
    {
        var trimmed = text.TrimEnd('。', '；', ';', '！', '？');
        var cut = trimmed.LastIndexOfAny(['，', ',', '；', ';', '。']);
        return cut < 0 ? trimmed : trimmed[(cut + 1)..];
    }
}
