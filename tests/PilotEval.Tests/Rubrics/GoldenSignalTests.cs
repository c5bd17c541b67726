using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Rubrics;
using PilotEval.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Tests.Rubrics;

/// <summary>
/// Every signal of every track rubric has golden sentences (Rubrics/Golden/&lt;track&gt;.yaml): paragraphs that must
/// satisfy it, with the explanation they must give (the quantity, its conversion, the bound), and paragraphs that must
/// not. A rubric or lexicon change that breaks one fails the case named after its track and signal.
/// </summary>
public sealed class GoldenSignalTests
{
    private static readonly RubricSet Rubrics = RubricLoader.LoadDirectory(RepoPaths.Rubrics);

    private static string GoldenDirectory => Path.Combine(RepoPaths.Root, "tests", "PilotEval.Tests", "Rubrics", "Golden");

    public sealed record Case(string Text, string? Why, bool Plan);

    public sealed record Golden(IReadOnlyList<Case> Match, IReadOnlyList<string> Miss);

    private static Dictionary<string, Golden> Load(string track)
    {
        var path = Path.Combine(GoldenDirectory, track + ".yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var golden = new Dictionary<string, Golden>(StringComparer.Ordinal);
        foreach (var (key, value) in ((YamlMappingNode)stream.Documents[0].RootNode).Children)
        {
            var map = (YamlMappingNode)value;
            var match = map.Children.TryGetValue("match", out var m)
                ? ((YamlSequenceNode)m).Children.Select(c => c switch
                {
                    YamlScalarNode s => new Case(s.Value!, null, false),
                    YamlMappingNode cm => new Case(
                        ((YamlScalarNode)cm["text"]).Value!,
                        cm.Children.TryGetValue("why", out var w) ? ((YamlScalarNode)w).Value : null,
                        cm.Children.TryGetValue("plan", out var p) && ((YamlScalarNode)p).Value == "true"),
                    _ => throw new InvalidOperationException($"{path}: a match case is a text or {{ text, why }}"),
                }).ToList()
                : [];
            var miss = map.Children.TryGetValue("miss", out var n)
                ? ((YamlSequenceNode)n).Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
                : [];
            golden[((YamlScalarNode)key).Value!] = new Golden(match, miss);
        }
        return golden;
    }

    public static TheoryData<string, string> Signals()
    {
        var data = new TheoryData<string, string>();
        foreach (var rubric in Rubrics.Rubrics)
        {
            foreach (var signal in rubric.Criteria.SelectMany(c => c.Signals)) data.Add(rubric.Track, signal.Id);
        }
        return data;
    }

    public static TheoryData<string> Tracks() => [.. Rubrics.Rubrics.Select(r => r.Track)];

    [Theory]
    [MemberData(nameof(Tracks))]
    public void Every_signal_has_golden_sentences_and_every_golden_entry_names_a_signal(string track)
    {
        var rubric = Rubrics.Find(track)!;
        var golden = Load(track);
        var signals = rubric.Criteria.SelectMany(c => c.Signals).Select(s => s.Id).ToHashSet();

        Assert.All(signals, id => Assert.True(golden.TryGetValue(id, out var g) && g.Match.Count > 0 && g.Miss.Count > 0,
            $"{track}/{id}: needs at least one sentence that must match and one that must not"));
        Assert.All(golden.Keys, id => Assert.True(signals.Contains(id), $"{track}: golden entry '{id}' names no signal of the rubric"));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Golden_sentences_match_with_their_explanation_and_near_misses_do_not(string track, string signal)
    {
        var rubric = Rubrics.Find(track)!;
        var criterion = rubric.Criteria.Single(c => c.Signals.Any(s => s.Id == signal));
        var golden = Load(track).GetValueOrDefault(signal) ?? new Golden([], []);

        foreach (var expected in golden.Match)
        {
            var found = Evidence(rubric, criterion, signal, expected.Text);
            Assert.True(found.Count > 0, $"{track}/{signal} must match: {expected.Text}");
            var best = found[0];
            if (expected.Why is { } why) Assert.True(best.Why!.Contains(why, StringComparison.Ordinal), $"{track}/{signal}: “{expected.Text}” explained as “{best.Why}”, expected “{why}” in it");
            Assert.True(expected.Plan == best.Prospective, $"{track}/{signal}: “{expected.Text}” counted {best.Counted}");
        }
        foreach (var text in golden.Miss)
        {
            var found = Evidence(rubric, criterion, signal, text);
            Assert.True(found.Count == 0, $"{track}/{signal} must not match: {text} (matched as “{found.FirstOrDefault()?.Why}”)");
        }
    }

    private static List<PilotEval.Evidence.Evidence> Evidence(Rubric rubric, Criterion criterion, string signal, string paragraph)
    {
        var document = new DocumentText("golden.docx", "docx", null,
            [new Block(BlockKind.Paragraph, paragraph, new SourceLocation("golden.docx", null, 1))], [], []);
        var readings = SentenceReading.Of([.. Sentences.Of([document])], Rubrics.Lexicon.Evidence);
        var evidence = SignalMatcher.Match(criterion, readings, rubric.NegativeSignals, SectionMap.Empty, Rubrics.Lexicon.Evidence);
        return [.. evidence.Signals.Where(s => s.SignalId == signal).SelectMany(s => s.Items)];
    }
}
