using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Pipeline;

/// <summary>Which file of a folder submission is the application: what its cover fields and its first place in every report come from.</summary>
public sealed class SubmissionDiscoveryTests
{
    [Theory]
    // Named as the application, whatever its format or size.
    [InlineData("数据安全试点申报书.pdf:10|承诺书.docx:50|营业执照.pdf:900", "数据安全试点申报书.pdf")]
    // A .doc application beside a small pledge written in .docx: the pledge's name says what it is.
    [InlineData("项目材料.doc:300|承诺书.docx:20", "项目材料.doc")]
    // An OFD application beside a larger scanned licence.
    [InlineData("实施方案.ofd:100|营业执照扫描件.pdf:900", "实施方案.ofd")]
    // Word before PDF: the test report beside a Word application is usually the larger file.
    [InlineData("application.docx:80|attachment-test-report.pdf:880", "application.docx")]
    [InlineData("方案.docx:80|检测报告.pdf:880", "方案.docx")]
    // Of two Word files, the larger.
    [InlineData("简介.docx:10|正文.docx:90", "正文.docx")]
    // 申报书 in an attachment's name does not make it the application.
    [InlineData("申报书附件1-证书.pdf:500|项目说明.wps:40", "项目说明.wps")]
    // Only attachments: the first document still leads, pictures never.
    [InlineData("承诺书.docx:10|营业执照.png:900", "承诺书.docx")]
    public void The_application_leads_its_folder(string layout, string application)
    {
        using var submissions = new TempDirectory();
        var folder = Directory.CreateDirectory(submissions.File("某公司")).FullName;
        foreach (var entry in layout.Split('|'))
        {
            var (name, size) = (entry.Split(':')[0], int.Parse(entry.Split(':')[1]));
            File.WriteAllBytes(Path.Combine(folder, name), new byte[size]);
        }

        var source = Assert.Single(SubmissionDiscovery.Find(submissions.Path));

        Assert.Equal("某公司/" + application, source.Files[0]);
        Assert.Equal(layout.Split('|').Length, source.Files.Length);
    }

    [Fact]
    public void Hidden_files_lock_files_and_an_earlier_runs_reports_are_not_submissions()
    {
        using var submissions = new TempDirectory();
        File.WriteAllBytes(submissions.File("a.docx"), [1]);
        File.WriteAllBytes(submissions.File("~$a.docx"), [1]);
        File.WriteAllBytes(submissions.File(".DS_Store"), [1]);
        var reports = Directory.CreateDirectory(submissions.File("out")).FullName;
        File.WriteAllText(Path.Combine(reports, "results.json"), "{\"schemaVersion\": \"1\"}");

        var found = SubmissionDiscovery.Find(submissions.Path);

        Assert.Equal(["a.docx"], found.Select(s => s.Source));
    }
}
