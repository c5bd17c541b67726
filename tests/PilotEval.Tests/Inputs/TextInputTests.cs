using System.Text;
using PilotEval.Inputs;
using PilotEval.Rubrics;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Inputs;

/// <summary>Every text input is read as saved — UTF-8 with or without BOM, UTF-16, GBK — and never guessed silently.</summary>
public sealed class TextInputTests
{
    private const string Chinese = "注册地：北京市海淀区\nsource,项目名称\n";

    static TextInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Utf8_with_and_without_bom_reads_the_same_text()
    {
        var plain = TextInput.Decode("a.csv", Encoding.UTF8.GetBytes(Chinese));
        var bom = TextInput.Decode("a.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Chinese)]);

        Assert.Equal(Chinese, plain.Text);
        Assert.Equal(Chinese, bom.Text);
        Assert.Equal(TextInputEncoding.Utf8, plain.Encoding);
        Assert.Equal(TextInputEncoding.Utf8WithBom, bom.Encoding);
    }

    [Fact]
    public void Utf16_with_bom_is_read()
    {
        var decoded = TextInput.Decode("a.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Chinese)]);

        Assert.Equal(Chinese, decoded.Text);
        Assert.Equal(TextInputEncoding.Utf16, decoded.Encoding);
    }

    [Fact]
    public void Gbk_is_recognised_and_decoded_not_garbled()
    {
        var gbk = Encoding.GetEncoding(936).GetBytes(Chinese);

        var decoded = TextInput.Decode("selected.csv", gbk);

        Assert.Equal(Chinese, decoded.Text);
        Assert.True(decoded.IsLegacyChinese);
        Assert.Contains("GBK", TextInput.LegacyEncodingNotice("selected.csv"));
    }

    [Fact]
    public void Bytes_that_are_no_text_encoding_are_refused_naming_the_file()
    {
        var ex = Assert.Throws<TextInputException>(() => TextInput.Decode("/x/experts.csv", [0x81, 0x20, 0xFF, 0xFF, 0x80]));

        Assert.Contains("experts.csv", ex.Message);
        Assert.Contains("UTF-8", ex.Message);
    }

    [Fact]
    public void A_rubric_saved_with_a_bom_loads_like_the_original()
    {
        var path = Path.Combine(RepoPaths.Rubrics, "talent.yaml");
        var original = File.ReadAllBytes(path);

        var withBom = RubricLoader.ParseRubric(path, [.. Encoding.UTF8.GetPreamble(), .. original]);

        Assert.Equal(RubricLoader.ParseRubric(path, original).Criteria.Length, withBom.Criteria.Length);
    }

    [Fact]
    public void A_rubric_saved_as_gbk_is_refused_with_how_to_fix_it()
    {
        var path = Path.Combine(RepoPaths.Rubrics, "eligibility.yaml");
        var gbk = Encoding.GetEncoding(936).GetBytes(File.ReadAllText(path));

        var ex = Assert.Throws<RubricFileException>(() => RubricLoader.ParseEligibility(path, gbk));

        Assert.Equal(1, ex.Line);
        Assert.Contains("GBK", ex.Reason);
        Assert.Contains("另存为 UTF-8", ex.Reason);
    }
}
