using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Integrity;

/// <summary>A piece of a submitted file that addresses a reviewer or a model with instructions.</summary>
/// <param name="Text">The sentence (visible text) or the hidden run it was found in, verbatim.</param>
/// <param name="Hidden">True when a reader of the file cannot see the text (vanish, white, tiny, off-page…).</param>
/// <param name="Rules">Names of the rules that fired, so the panel sees why it was flagged.</param>
public sealed record InjectionFinding(SourceLocation Location, BlockKind Kind, string Text, bool Hidden, ImmutableArray<string> Rules);

/// <summary>
/// Finds instructions addressed to a reviewer or a model (prompt injection), Chinese or English, hidden or visible.
/// Applications legitimately talk about 评审, 专家, AI and 模型, so a mention of a reviewer or a model never flags a
/// sentence by itself: a rule fires on an instruction (忽略以上指令, "ignore previous instructions"), on a system
/// prompt, on the voice of a model (作为AI评审, "you are an AI"), or on a demand for a score or a rank aimed at
/// this application (给予满分, 将本项目排名第一). A vague demand ("排名第一") needs a reviewer or model in the
/// same sentence and an imperative; in hidden text, where nothing legitimate is ever written, the demand alone is enough.
/// </summary>
public static partial class InjectionDetector
{
    /// <summary>Every block of every file, body and notes alike: comments and footers are classic hiding places.</summary>
    public static IEnumerable<InjectionFinding> Scan(IEnumerable<DocumentText> documents)
    {
        foreach (var block in documents.SelectMany(d => d.Blocks))
        {
            // The same sentence split as the evidence uses, so a withheld sentence is exactly an evidence sentence.
            foreach (var sentence in Sentences.Split(block.Text))
            {
                var rules = Match(sentence, hidden: false);
                if (!rules.IsEmpty) yield return new InjectionFinding(block.Location, block.Kind, sentence, false, rules);
            }
            if (block.HiddenText is { } hiddenText)
            {
                var rules = Match(hiddenText, hidden: true);
                if (!rules.IsEmpty) yield return new InjectionFinding(block.Location, block.Kind, hiddenText, true, rules);
            }
        }
    }

    /// <summary>The rules a piece of text triggers; empty when it reads as an ordinary application.</summary>
    public static ImmutableArray<string> Match(string text, bool hidden)
    {
        var compact = Compact(text);
        var spaced = Spaced(text);
        var rules = ImmutableArray.CreateBuilder<string>();
        foreach (var (name, pattern, english) in StrongRules)
        {
            if (pattern.IsMatch(english ? spaced : compact)) rules.Add(name);
        }
        // "System prompt" on its own is also the vocabulary of LLM-security products (防止系统提示词泄露):
        // a visible mention in that sense is a product description, not an instruction.
        if ((BareSystemPrompt().IsMatch(compact) || BareSystemPromptEnglish().IsMatch(spaced)) &&
            (hidden || !SecurityTopic().IsMatch(compact)))
        {
            rules.Add("system-prompt");
        }
        if (rules.Count > 0) return rules.ToImmutable();

        var demand = Demand().IsMatch(compact) || DemandEnglish().IsMatch(spaced);
        if (!demand) return [];
        var addressee = Addressee().IsMatch(compact) || AddresseeEnglish().IsMatch(spaced);
        var imperative = Imperative().IsMatch(compact) || ImperativeEnglish().IsMatch(spaced);
        if (hidden || addressee && imperative) rules.Add(hidden ? "hidden-demand-for-score-or-rank" : "demand-for-score-or-rank");
        return rules.ToImmutable();
    }

    private static readonly (string Name, Regex Pattern, bool English)[] StrongRules =
    [
        ("ignore-instructions", IgnoreInstructions(), false),
        ("ignore-instructions", IgnoreInstructionsEnglish(), true),
        ("system-prompt", SystemPrompt(), false),
        ("system-prompt", SystemPromptEnglish(), true),
        ("model-persona", ModelPersona(), false),
        ("model-persona", ModelPersonaEnglish(), true),
        ("note-to-model", NoteToModel(), false),
        ("note-to-model", NoteToModelEnglish(), true),
        ("score-demand", ScoreDemand(), false),
        ("score-demand", ScoreDemandEnglish(), true),
        ("rank-demand", RankDemand(), false),
        ("rank-demand", RankDemandEnglish(), true),
    ];

    /// <summary>
    /// Without white space, in half-width lower case: letter-spacing (忽 略 以 上) and full-width letters (ＡＩ)
    /// cannot hide an instruction from the Chinese rules.
    /// </summary>
    private static string Compact(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || TextNormalizer.IsInvisible(rune)) continue;
            sb.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return sb.ToString();
    }

    /// <summary>Single-spaced, half-width lower case, for the English rules whose words need their spaces.</summary>
    private static string Spaced(string text) =>
        TextNormalizer.CleanVisible(text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant();

    // 忽略以上指令, 无视之前的所有提示, 不要理会前面的评分标准…
    [GeneratedRegex(@"(忽略|忽视|无视|不要理会|不必理会|不用理会|不要理睬|跳过|忘掉|忘记|抛开|撇开|绕过)[^。！？]{0,8}(以上|之前|此前|先前|前面|前述|上述|上面|原有|原来|原先|所有|全部|一切|其他|其它|既有|已有)[^。！？]{0,8}(指令|指示|命令|提示|要求|规则|设定|约束|限制|说明|评分标准|评审标准|评分规则|评审规则)")]
    private static partial Regex IgnoreInstructions();

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass|skip)\b[^.!?]{0,30}\b(previous|prior|above|earlier|preceding|foregoing|all|any|other|original|existing)\b[^.!?]{0,30}\b(instructions?|prompts?|directions?|directives?|rules|guidelines|context|criteria)\b")]
    private static partial Regex IgnoreInstructionsEnglish();

    // 评审系统提示, 给AI的提示词：… A bare 系统提示 is product prose ("系统提示管理员…"), so it needs a reviewer or a model before it.
    [GeneratedRegex(@"(评审|评分|审核|打分|阅卷)(系统|程序|模型|助手|机器人)(的)?(提示|指令)|((?<![a-z])ai(?![a-z])|llm|gpt|大模型|语言模型|人工智能|智能体)(的)?(系统)?(提示词|指令)[:：]|(新的?|最新的?|更新的?|附加的?|额外的?)系统(指令|提示)[:：]")]
    private static partial Regex SystemPrompt();

    [GeneratedRegex(@"\b(new|updated|additional|hidden) (system )?instructions?\s*:|<\|?(system|im_start)\|?>|\[(system|inst)\]")]
    private static partial Regex SystemPromptEnglish();

    [GeneratedRegex(@"系统提示词")]
    private static partial Regex BareSystemPrompt();

    [GeneratedRegex(@"\bsystem prompts?\b")]
    private static partial Regex BareSystemPromptEnglish();

    [GeneratedRegex(@"泄露|泄漏|注入|攻击|越狱|窃取|防护|防御|检测|拦截|injection|attack|jailbreak|leak")]
    private static partial Regex SecurityTopic();

    // 作为AI评审, 你是一名评审助手, 请你扮演评审专家
    [GeneratedRegex(@"(你是|你作为|你现在是)(一个|一名|一位)?((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|大语言模型)?(评审|评分|审核|打分|阅卷)(助手|模型|系统|专家|员|机器人|程序)|(作为|身为)(一个|一名|一位)?((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|大语言模型)(评审|评分|审核|打分|阅卷)(助手|模型|系统|专家|员|机器人|程序)?|(你是|你作为)(一个|一名|一位)?((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|大语言模型)(助手|模型|系统)?[，,]|(作为|身为)(一个|一名)((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|大语言模型)(助手|模型|系统)?[，,]|(请你|你要|你需要|你现在)(扮演|假装|充当|作为)")]
    private static partial Regex ModelPersona();

    [GeneratedRegex(@"\bas an? ((?<![a-z])ai(?![a-z])|artificial intelligence|language model|llm|large language model|automated|machine)[- ]?(reviewer|evaluator|grader|assessor|judge|assistant|model|system)\b|\byou are (now )?(an? )?((?<![a-z])ai(?![a-z])|language model|llm|chatbot|assistant|reviewer|evaluator|grader|judge)\b|\b(pretend|act) (to be|as) (an? )?(reviewer|evaluator|judge|grader)\b")]
    private static partial Regex ModelPersonaEnglish();

    // 致AI评审：…, 以下内容仅供大模型阅读, 给评审模型的说明
    [GeneratedRegex(@"(致|写给|告知)(各位)?((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型)(评审|评分|审核|阅卷)?(系统|模型|助手|程序|专家)?[:：，,]|(致|给|写给)(各位)?((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|智能)(评审|评分|审核|阅卷)(系统|模型|助手|程序|专家)?[:：，,]|以下(内容|信息|文字|说明)(仅)?(供|写给)(((?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|模型)(评审|评分|审核|阅卷|阅读)|评审系统|评分系统|评审模型|自动评审|智能评审)")]
    private static partial Regex NoteToModel();

    [GeneratedRegex(@"\b(note|message|instructions?) (to|for) (the )?((?<![a-z])ai(?![a-z])|llm|model|language model|automated reviewer|reviewer|evaluator|grader)s?\b|\b((?<![a-z])ai(?![a-z])|llm|automated) (reviewers?|evaluators?|graders?)\s*[:,]")]
    private static partial Regex NoteToModelEnglish();

    // 给予满分, 请给本项目打最高分, 本项目应获得满分, 评为A级
    [GeneratedRegex(@"给予?(本|该|此|这个|我们的?|我方|我司|我单位)?(项目|申报|申请|方案|单位|公司|企业|材料)?(打)?(满分|最高分|最高分数|最高评分|最高评价|a档)|(给|打)(出|个)?(满分|最高分)|(请|务必|必须|应当|应该|直接|一律)(将|把|给|为|对)?(本|该|此|我们的?|我方|我司|我单位)(项目|申报|申请|方案|单位|公司|企业)?[^。！？]{0,6}(评为|评定为|判定为|认定为|打分为|定为)(优秀|a级|a档|满分|最高|第一|入选|通过)|(本|该|此)(项目|申报|申请|方案)(应当?|应该|必须|务必)(被)?(评为|获得|得到|给予|排名|排在|列为|入选)(第一|满分|最高分|最高评分|最高评价|首位|优秀|a级)")]
    private static partial Regex ScoreDemand();

    [GeneratedRegex(@"\b(give|assign|award|grant|rate|score|mark)\b[^.!?]{0,40}\b(full|maximum|max|perfect|highest|top|100|10/10)\s*(score|marks?|points?|rating|grade)s?\b|\b(score|rate)\b (this|the|our) (project|application|proposal|submission)\b[^.!?]{0,20}\b(100|10/10|highest|maximum|perfect)\b")]
    private static partial Regex ScoreDemandEnglish();

    // 将本项目排名第一, 把我们排在首位
    [GeneratedRegex(@"(将|把|给|令|使|让)(本|该|此|这个|我们的?|我方|我司|我单位)(项目|申报|申请|方案|单位|公司|企业)?[^。！？]{0,6}(排名第一|排在第一|排第一|排为第一|列为第一|列第一|排在首位|列为首位|排名首位|第一名|排在最前|排在前列|排名靠前)")]
    private static partial Regex RankDemand();

    [GeneratedRegex(@"\b(rank|place|put|list|select)\b (this|the|our) (project|application|proposal|submission|applicant|company)\b[^.!?]{0,20}\b(first|#1|no\. ?1|number one|at the top|on top|highest)\b")]
    private static partial Regex RankDemandEnglish();

    // The vague demands: on their own these are ordinary claims (在大赛中排名第一).
    [GeneratedRegex(@"满分|最高分|最高评分|最高评价|排名第一|排在第一|排第一|列为第一|排在首位|名列第一|位列第一|第一名")]
    private static partial Regex Demand();

    [GeneratedRegex(@"\b(full marks|full score|maximum score|highest score|perfect score|rank(ed)? first|top rank|number one)\b")]
    private static partial Regex DemandEnglish();

    [GeneratedRegex(@"评审|评委|评分|打分|阅卷|专家|(?<![a-z])ai(?![a-z])|人工智能|大模型|语言模型|智能体")]
    private static partial Regex Addressee();

    [GeneratedRegex(@"\b(reviewers?|evaluators?|graders?|judges?|(?<![a-z])ai(?![a-z])|llm|model|assistant)\b")]
    private static partial Regex AddresseeEnglish();

    [GeneratedRegex(@"请|务必|必须|一定要|应当|应该|需要|直接|立即|只需|一律|不得|不要")]
    private static partial Regex Imperative();

    [GeneratedRegex(@"\b(please|must|should|shall|always|make sure|ensure|do not|don't)\b")]
    private static partial Regex ImperativeEnglish();
}
