using System.Text;
using Json.Schema;
using PilotEval.Language;
using PilotEval.Rubrics;
using PilotEval.Tests.Rubrics;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Language;

/// <summary>The shared lexicon loads from the repository, refuses a bad file with its line, and matches its schema.</summary>
public sealed class LexiconTests
{
    private static string RepoText => File.ReadAllText(Path.Combine(RepoPaths.Rubrics, Lexicon.FileName));

    private static Lexicon Parse(string yaml) => Lexicon.Parse("lexicon.yaml", Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void The_repository_lexicon_loads_with_every_required_section()
    {
        var lexicon = TestHost.RepoRubrics().Lexicon;

        foreach (var spec in Lexicon.Known.Where(k => k.Required)) Assert.True(lexicon.Has(spec.Name), spec.Name);
        Assert.Contains("未", lexicon.Words(Lexicon.Sections.Negators));
        Assert.Contains("无法", lexicon.Words(Lexicon.Sections.NonNegations));
        Assert.Equal(64, lexicon.Sha256.Length);
    }

    [Fact]
    public void Words_come_longest_first_so_a_longer_marker_wins()
    {
        var words = TestHost.RepoRubrics().Lexicon.Words(Lexicon.Sections.Negators);

        Assert.True(words.IndexOf("均未") < words.IndexOf("未"));
    }

    [Theory]
    [InlineData("negators: [均未, 尚未", "negatorz: [均未, 尚未", "unknown key 'negatorz'")]
    [InlineData("negators: [均未, 尚未", "negators: [均未, 均未, 尚未", "'均未' is listed twice")]
    [InlineData("negators: [均未, 尚未", "negators: [均未, '', 尚未", "non-empty")]
    public void A_bad_file_is_refused_with_its_line_and_reason(string valid, string broken, string reason)
    {
        Assert.Contains(valid, RepoText);
        var line = RepoText[..RepoText.IndexOf(valid, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var ex = Assert.Throws<RubricFileException>(() => Parse(RepoText.Replace(valid, broken)));

        Assert.StartsWith($"lexicon.yaml:{line}:", ex.Message);
        Assert.Contains(reason, ex.Reason);
    }

    [Fact]
    public void A_missing_section_is_named()
    {
        var text = string.Join('\n', RepoText.Split('\n').Where(l => !l.StartsWith("customerSubjects:", StringComparison.Ordinal)));

        var ex = Assert.Throws<RubricFileException>(() => Parse(text));

        Assert.Contains("customerSubjects", ex.Reason);
    }

    [Fact]
    public void The_form_sections_the_casebook_reads_must_be_there()
    {
        var sections = TestHost.RepoRubrics().Lexicon.Evidence.FormSections;
        Assert.Contains(sections, s => s.Id == "solution" && s.Names("三、技术方案/实施方案"));

        var text = string.Join('\n', RepoText.Split('\n').Where(l => !l.StartsWith("  - { id: results,", StringComparison.Ordinal)));
        var ex = Assert.Throws<RubricFileException>(() => Parse(text));

        Assert.Contains("form section 'results' is missing", ex.Reason);
    }

    [Fact]
    public void An_eligibility_file_that_still_lists_sections_is_told_where_they_moved()
    {
        var path = Path.Combine(RepoPaths.Rubrics, "eligibility.yaml");
        var text = File.ReadAllText(path) + "\nsections:\n  - { id: results, name: 应用成效, headings: [应用成效] }\n";

        var ex = Assert.Throws<RubricFileException>(() => RubricLoader.ParseEligibility("eligibility.yaml", Encoding.UTF8.GetBytes(text)));

        Assert.Contains("formSections", ex.Reason);
    }

    [Fact]
    public void A_section_of_the_wrong_shape_is_refused()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(RepoText.Replace("goalMarkers: [", "goalMarkers: 力争 #[")));

        Assert.Contains("must be a list", ex.Reason);
    }

    [Fact]
    public void The_rubric_directory_without_a_lexicon_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("lexicon-");
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Where(f => Path.GetFileName(f) != Lexicon.FileName))
                File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));

            var ex = Assert.Throws<RubricFileException>(() => RubricLoader.LoadDirectory(dir.FullName));

            Assert.Contains("lexicon", ex.Reason);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Lexicon_yaml_is_valid_against_its_schema_and_the_schema_lists_the_known_sections()
    {
        Assert.StartsWith("# yaml-language-server: $schema=./lexicon.schema.json", RepoText);
        var schemaText = File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "lexicon.schema.json"));
        var schema = JsonSchema.FromText(schemaText);

        var result = schema.Evaluate(RubricSchemaTests.YamlToJson(RepoText), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid);
        var properties = System.Text.Json.Nodes.JsonNode.Parse(schemaText)!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(Lexicon.Known.Select(k => k.Name).Order(StringComparer.Ordinal), properties.Order(StringComparer.Ordinal));
    }
}
