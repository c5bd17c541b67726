using PilotEval.Rubrics;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Rubrics;

public sealed class RubricLoaderTests
{
    private const string Valid = """
        track: talent
        name: 人才培养
        levels: { A: 0.95, B: 0.8, C: 0.55, D: 0.2 }
        criteria:
          - id: scale
            name: 规模
            weight: 60
            thresholds: { A: 3, B: 2, C: 1 }
            signals:
              - id: sessions
                description: 培训人次
                keywords: [培训]
                quantity: { units: [人次], min: 1000 }
          - id: system
            name: 体系
            weight: 40
            thresholds: { A: 3, B: 2, C: 1 }
            signals:
              - id: courses
                description: 课程
                keywords: [课程]
        """;

    private static Rubric Parse(string yaml) => RubricLoader.ParseRubric("talent.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void The_repository_rubrics_load_one_per_track_with_weights_of_100()
    {
        var set = TestHost.RepoRubrics();

        Assert.Equal(["data-element-flow", "incident-handling", "risk-assessment", "talent", "technology-application"],
            set.Rubrics.Select(r => r.Track).Order());
        Assert.All(set.Rubrics, r => Assert.Equal(100, r.Criteria.Sum(c => c.Weight)));
        Assert.Equal(["registered-in-beijing", "no-major-incident", "in-operation"], set.Eligibility.Checks.Select(c => c.Id));
    }

    [Fact]
    public void A_valid_rubric_parses_with_its_hash()
    {
        var rubric = Parse(Valid);

        Assert.Equal(2, rubric.Criteria.Length);
        Assert.Equal(1000, rubric.Criteria[0].Signals[0].Quantity!.Min);
        Assert.Equal(64, rubric.Sha256.Length);
    }

    [Fact]
    public void Weights_not_summing_to_100_are_reported_with_the_line_of_the_criteria()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("weight: 40", "weight: 30")));

        Assert.Equal(5, ex.Line);
        Assert.Contains("sum to 90", ex.Message);
        Assert.StartsWith("talent.yaml:5:", ex.Message);
    }

    [Fact]
    public void Duplicate_criterion_ids_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("id: system", "id: scale")));

        Assert.Equal(14, ex.Line);
        Assert.Contains("duplicate criterion id 'scale'", ex.Message);
    }

    [Fact]
    public void Unknown_levels_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("thresholds: { A: 3, B: 2, C: 1 }\n    signals:\n      - id: courses",
            "thresholds: { A: 3, E: 2, C: 1 }\n    signals:\n      - id: courses")));

        Assert.Equal(17, ex.Line);
        Assert.Contains("unknown level 'E'", ex.Message);
    }

    [Fact]
    public void Regexes_that_do_not_compile_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("keywords: [课程]", "pattern: '课程(体系'")));

        Assert.Equal(21, ex.Line);
        Assert.Contains("not a valid regular expression", ex.Message);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse("track: talent\nname: [unclosed\nlevels: x\n"));

        Assert.InRange(ex.Line, 2, 4);
        Assert.Contains("not valid YAML", ex.Message);
    }

    [Fact]
    public void Unknown_units_are_refused()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("units: [人次]", "units: [斤]")));

        Assert.Contains("unknown unit '斤'", ex.Message);
    }
}
