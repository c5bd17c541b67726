using System.Globalization;
using System.Text;

namespace PilotEval.Cli.Benchmarks;

/// <summary>One generated application; <see cref="CopyOf"/> names the application it was copied from, if any.</summary>
public sealed record SyntheticApplication(string Source, string Text, string? CopyOf, double EditRate);

/// <summary>
/// Generates applications shaped like a 申报书 (the form's headings and pledge shared by all, project prose drawn from
/// a large combinatorial vocabulary) and plants copies: another company name, another track, and a share of the
/// sentences rewritten, spread from untouched to mostly rewritten so the copies' similarity spans the threshold.
/// Deterministic for a given seed.
/// </summary>
public static class SyntheticApplications
{
    private static readonly string[] Headings =
        ["一、申报单位基本情况", "二、项目概述", "三、技术方案", "四、创新点", "五、应用成效", "六、推广价值", "七、知识产权与标准", "八、经费", "九、团队", "十、承诺与推荐意见"];

    private const string Pledge = "本单位承诺所提交的申报材料真实、准确、完整，近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚，如有不实愿承担相应责任。";

    private static readonly string[] Tracks = ["人才培养", "风险评估", "事件处置", "先进技术产品应用", "数据要素安全流通"];
    private static readonly string[] Syllables = ["华", "翎", "星", "桥", "云", "岫", "博", "远", "瀚", "海", "安", "澜", "京", "禾", "明", "川", "弘", "毅", "拓", "印", "蓝", "鲸", "智", "衡", "数", "融", "通", "达", "信", "恒", "睿", "泰", "宏", "诚", "晟", "嘉", "锐", "思", "源", "启"];
    private static readonly string[] Subjects = ["平台", "系统", "项目团队", "监测引擎", "评估工具", "培训体系", "应急中心", "数据空间", "分类分级模块", "水印组件", "隐私计算节点", "审计子系统", "态势感知平台", "接口网关", "靶场环境"];
    private static readonly string[] Verbs = ["累计处理", "覆盖", "接入", "服务", "识别", "处置", "培训", "发现", "拦截", "评估", "支撑", "汇聚", "标注", "审计", "溯源"];
    private static readonly string[] Objects = ["重要数据资产", "业务系统", "基础电信企业", "互联网平台", "数据接口", "异常访问行为", "数据安全事件", "学员", "风险隐患", "敏感字段", "数据产品", "合作单位", "日志记录", "数据库实例", "应用程序"];
    private static readonly string[] Units = ["个", "家", "套", "万条", "亿条", "TB", "人次", "项", "次", "类"];
    private static readonly string[] Effects = ["平均处置时间缩短", "误报率下降", "识别准确率提升", "人工工作量减少", "合规检查效率提高", "数据泄露风险降低", "告警响应时间缩短", "资产梳理覆盖率提升", "整改完成率提高", "培训合格率提升"];
    private static readonly string[] Means = ["采用国密算法", "引入联邦学习", "结合规则与行为基线", "基于知识图谱", "通过数字水印", "依托隐私计算", "利用自动化编排", "借助语义识别模型", "按照分级分类要求", "对标国家标准"];
    private static readonly string[] Times = ["2021年", "2022年", "2023年", "2024年", "上线以来", "试运行期间", "验收以后", "近两年", "过去一年", "截至申报时"];

    public static List<SyntheticApplication> Generate(int count, double duplicateShare, int sentencesPerApplication, int seed)
    {
        var random = new Random(seed);
        var applications = new List<SyntheticApplication>(count);
        for (var i = 0; i < count; i++)
        {
            var source = string.Create(CultureInfo.InvariantCulture, $"app-{i:D5}.docx");
            if (applications.Count > 10 && random.NextDouble() < duplicateShare)
            {
                var original = applications[random.Next(applications.Count)];
                // Copies range from verbatim to mostly rewritten, so their similarity spans the threshold.
                var rate = random.NextDouble() * 0.5;
                applications.Add(new SyntheticApplication(source, Copy(original.Text, rate, random), original.Source, rate));
                continue;
            }
            applications.Add(new SyntheticApplication(source, Original(random, sentencesPerApplication), null, 0));
        }
        return applications;
    }

    private static string Original(Random random, int sentences)
    {
        var company = Company(random);
        var text = new StringBuilder();
        text.Append("项目名称：").Append(company).Append(Pick(random, Subjects)).Append("建设项目\n");
        text.Append("申报单位：北京").Append(company).Append("科技有限公司\n");
        text.Append("申报方向：").Append(Pick(random, Tracks)).Append('\n');
        for (var s = 0; s < sentences; s++)
        {
            if (s % Math.Max(1, sentences / Headings.Length) == 0) text.Append(Headings[Math.Min(Headings.Length - 1, s * Headings.Length / sentences)]).Append('\n');
            text.Append(Sentence(random, company)).Append('\n');
        }
        text.Append(Pledge).Append('\n');
        return text.ToString();
    }

    /// <summary>Another company and track throughout, and each sentence rewritten with probability <paramref name="rate"/>.</summary>
    private static string Copy(string original, double rate, Random random)
    {
        var lines = original.Split('\n');
        var oldCompany = lines[1]["申报单位：北京".Length..^"科技有限公司".Length];
        var newCompany = Company(random);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0) continue;
            var copied = line.Replace(oldCompany, newCompany, StringComparison.Ordinal);
            if (copied.StartsWith("申报方向：", StringComparison.Ordinal)) copied = "申报方向：" + Pick(random, Tracks);
            else if (copied.EndsWith('。') && copied != Pledge && random.NextDouble() < rate) copied = Sentence(random, newCompany);
            text.Append(copied).Append('\n');
        }
        return text.ToString();
    }

    private static string Sentence(Random random, string company) => random.Next(3) switch
    {
        0 => $"{Pick(random, Times)}，{company}{Pick(random, Subjects)}{Pick(random, Verbs)}{Pick(random, Objects)}{random.Next(2, 9999)}{Pick(random, Units)}，{Pick(random, Effects)}{random.Next(5, 95)}%。",
        1 => $"{Pick(random, Subjects)}{Pick(random, Means)}，{Pick(random, Verbs)}{Pick(random, Objects)}和{Pick(random, Objects)}，{Pick(random, Effects)}{random.Next(5, 95)}%，{Pick(random, Verbs)}{Pick(random, Objects)}{random.Next(2, 999)}{Pick(random, Units)}。",
        _ => $"{Pick(random, Means)}，{Pick(random, Subjects)}在{Pick(random, Times)}{Pick(random, Verbs)}{random.Next(2, 500)}{Pick(random, Units)}{Pick(random, Objects)}，形成{Pick(random, Subjects)}与{Pick(random, Subjects)}协同的工作机制。",
    };

    private static string Company(Random random) => Pick(random, Syllables) + Pick(random, Syllables) + Pick(random, Syllables);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
