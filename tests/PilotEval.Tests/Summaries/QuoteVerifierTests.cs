using PilotEval.Summaries;

namespace PilotEval.Tests.Summaries;

public sealed class QuoteVerifierTests
{
    private const string Sentence = "平台日均处理ＡＰＩ调用 1,200 万次，识别准确率达到９５％。";

    [Theory]
    [InlineData("日均处理API调用1200万次")]          // NFKC: full-width letters and digits; punctuation and spaces folded
    [InlineData("识别准确率达到95%")]
    [InlineData("平台日均处理 ＡＰＩ 调用，1,200万次")]
    [InlineData("api调用1,200万次")]                  // case folded
    public void A_quote_that_differs_only_in_width_punctuation_whitespace_or_case_is_verified_as_the_verbatim_span(string quote)
    {
        var span = QuoteVerifier.Verify(quote, Sentence);

        Assert.NotNull(span);
        Assert.Contains(span, Sentence);
    }

    [Fact]
    public void The_kept_quote_is_the_exact_text_of_the_sentence()
    {
        Assert.Equal("ＡＰＩ调用 1,200 万次", QuoteVerifier.Verify("API调用1200万次", Sentence));
    }

    [Theory]
    [InlineData("日均处理API调用2400万次")]  // a changed number
    [InlineData("识别准确率达到99%")]
    [InlineData("平台")]                     // too short to prove anything
    [InlineData("，。")]
    public void A_quote_not_in_the_sentence_is_rejected(string quote)
    {
        Assert.Null(QuoteVerifier.Verify(quote, Sentence));
    }
}
