using PilotEval.Evidence;

namespace PilotEval.Tests.Evidence;

public sealed class CredentialsTests
{
    private static List<Credential> Find(string text, CredentialKind kind) =>
        [.. Credentials.Find(text).Where(c => c.Kind == kind)];

    [Theory]
    [InlineData("2022年通过数据安全能力成熟度三级评估（DSMM三级）", "DSMM", 3)]
    [InlineData("获得数据安全能力成熟度模型（DSMM）3级认证", "DSMM", 3)]
    [InlineData("2023年获得数据管理能力成熟度四级认证（DCMM四级，GB/T 36073-2018）", "DCMM", 4)]
    [InlineData("云平台通过网络安全等级保护三级测评（GB/T 22239-2019）", "等保", 3)]
    [InlineData("核心系统已完成三级等保备案", "等保", 3)]
    [InlineData("信息系统通过等级保护第三级测评", "等保", 3)]
    [InlineData("公司持有ISO/IEC 27001信息安全管理体系认证", "ISO27001", null)]
    [InlineData("公司通过ISO27001认证", "ISO27001", null)]
    [InlineData("流通平台通过商用密码应用安全性评估", "商用密码", null)]
    public void Recognises_certifications_and_their_levels(string text, string scheme, int? level)
    {
        var found = Find(text, CredentialKind.Certification);

        Assert.Contains(found, c => c.Scheme == scheme && c.Level == level);
    }

    [Theory]
    [InlineData("公司拟于2025年申请数据安全能力成熟度（DSMM）评估。")]
    [InlineData("目前正在准备数据安全能力成熟度（DSMM）评估。")]
    [InlineData("公司正在开展数据管理能力成熟度（DCMM）贯标工作。")]
    [InlineData("公司尚未通过ISO/IEC 27001认证。")]
    public void Applying_for_or_preparing_a_certification_is_not_holding_it(string text) =>
        Assert.Empty(Find(text, CredentialKind.Certification));

    [Fact]
    public void A_level_belongs_to_its_own_certificate()
    {
        var found = Find("2023年通过数据安全能力成熟度二级评估，目前正在准备三级评估", CredentialKind.Certification);

        Assert.Equal(2, Assert.Single(found).Level);
    }

    [Theory]
    [InlineData("依据GB/T 43697-2024和YD/T 3813-2020内置识别规则", new[] { "GB/T 43697-2024", "YD/T 3813-2020" }, false)]
    [InlineData("项目牵头起草的团体标准《数据安全实训靶场建设指南》（T/BJDS 012-2024）已发布", new[] { "T/BJDS 012-2024", "团体标准" }, true)]
    [InlineData("参与编制天津市地方标准1项", new[] { "地方标准" }, true)]
    [InlineData("公司参与起草国家标准1项、通信行业标准2项", new[] { "国家标准", "行业标准" }, true)]
    public void Recognises_standards_cited_and_drafted(string text, string[] codes, bool drafted)
    {
        var found = Find(text, CredentialKind.Standard);

        Assert.Equal(codes, found.Select(c => c.Scheme));
        Assert.All(found, c => Assert.Equal(drafted, c.Drafted));
    }

    [Fact]
    public void Citing_a_standard_in_a_discussion_is_not_drafting_it() =>
        Assert.Empty(Find("参与了一项团体标准的讨论。", CredentialKind.Standard));

    [Theory]
    [InlineData("项目获得发明专利授权6项、受理9项，取得软件著作权17项。",
        "发明专利:6:granted|发明专利:9:pending|软件著作权:17:granted")]
    [InlineData("项目已申请发明专利3项，均处于受理阶段，已取得软件著作权2项。",
        "发明专利:3:pending|软件著作权:2:granted")]
    [InlineData("另有2项发明专利处于实质审查阶段", "发明专利:2:pending")]
    [InlineData("项目取得发明专利2项、软件著作权7项，参与编制天津市地方标准1项。", "发明专利:2:granted|软件著作权:7:granted")]
    [InlineData("相关方法已获发明专利授权。", "发明专利:-:granted")]
    [InlineData("取得实用新型专利4件", "实用新型专利:4:granted")]
    [InlineData("项目取得软件著作权2项，暂无发明专利。", "软件著作权:2:granted")]
    [InlineData("公司计划申请发明专利3项。", "")]
    public void Recognises_patents_and_copyrights_with_counts_and_status(string text, string expected)
    {
        var found = Credentials.Find(text).Where(c => c.Kind is CredentialKind.Patent or CredentialKind.SoftwareCopyright)
            .Select(c => $"{c.Scheme}:{c.Count?.ToString() ?? "-"}:{(c.Pending ? "pending" : "granted")}");

        Assert.Equal(expected, string.Join("|", found));
    }
}
