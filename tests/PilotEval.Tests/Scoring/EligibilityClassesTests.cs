using PilotEval.Scoring;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The classes of sentence the fresh bank's misses fell into, each in sentences written here in other words than the
/// bank's (so the class is read, not the bank's sentence), with the traps beside them that must not fail an applicant.
/// Read on the banks' date, 2024-09-01.
/// </summary>
public sealed class EligibilityClassesTests
{
    private static string Judge(string check, string text) => PhraseBank.Judge(new BankItem("T", check, "?", text, ""));

    [Theory]
    // Registered elsewhere without 注册地 + place: a registration authority, 登记设立, abroad, "no entity in Beijing", excluded.
    [InlineData("本公司于2019年在广东省深圳市市场监督管理局登记注册，在北京设有分支机构。", "failed")]
    [InlineData("本单位是在上海市浦东新区依法登记设立的有限责任公司。", "failed")]
    [InlineData("本院系在天津市登记的事业单位法人，在北京设有联络处。", "failed")]
    [InlineData("本公司在香港注册，在北京通过全资子公司开展业务。", "failed")]
    [InlineData("公司目前在北京没有注册实体，业务由南京总部直接承接。", "failed")]
    [InlineData("本公司注册地位于北京市以外。", "failed")]
    [InlineData("总部位于北京，注册地为浙江省杭州市。", "failed")]
    // A branch, or no independent legal person.
    [InlineData("本单位为杭州某科技有限公司北京分公司，不具有独立法人资格。", "failed")]
    // 「标签：值」 forms, a form's hint in brackets, slash-split values.
    [InlineData("登记机关：天津市滨海新区市场监督管理局", "failed")]
    [InlineData("企业注册地：江苏省苏州市工业园区", "failed")]
    [InlineData("注册地址（省/市/区）：北京市/北京市/海淀区", "passed")]
    // A move of the office, or of a research centre, is not of the registration.
    [InlineData("公司注册在北京市朝阳区，研发中心于2022年迁至天津。", "passed")]
    [InlineData("公司总部办公地址于2022年由北京迁至天津，注册地仍为北京市海淀区。", "passed")]
    [InlineData("公司注册地于2022年由北京市迁至河北省廊坊市。", "failed")]
    // Registrations of others, requirements quoted from the call, places that are not the registration.
    [InlineData("平台已服务在深圳注册的300家企业。", "unconfirmed")]
    [InlineData("公司与注册于上海的某科技公司开展合作。", "unconfirmed")]
    [InlineData("合作单位注册于上海市，我单位负责项目牵头。", "unconfirmed")]
    [InlineData("申报单位须在北京市行政区域内注册。", "unconfirmed")]
    [InlineData("项目实施地点：北京市海淀区", "unconfirmed")]
    [InlineData("本公司是在北京注册的高新技术企业。", "passed")]
    [InlineData("本公司为在北京市注册的独立法人企业，在上海设有分公司。", "passed")]
    [InlineData("本公司为上海某公司提供服务，注册地为北京市海淀区。", "passed")]
    // Bank 23's classes: a place outside denied; a licence label answered no; a move under way from a place named after
    // 由; an exchange named after a city.
    [InlineData("公司从未在北京以外的地区登记注册，注册地址为北京市海淀区中关村大街1号。", "passed")]
    [InlineData("注册地址：江苏省苏州市　北京市通信管理局核发的经营许可证：无", "failed")]
    [InlineData("我司正在办理由天津市迁入北京市的工商变更登记，预计年底完成。", "failed")]
    [InlineData("公司股票已在北京证券交易所挂牌，完成注册。", "unconfirmed")]
    // Bank 24's classes: no legal person in Beijing; a registration place in brackets after 登记地; a branch's head office.
    [InlineData("本公司在北京没有设立法人主体，以上海总部名义申报。", "failed")]
    [InlineData("统一社会信用代码：91440300MA5F00000X（登记地：深圳市南山区）", "failed")]
    [InlineData("申报单位：某某科技有限公司北京分公司（总部注册于浙江省杭州市）", "failed")]
    // Bank 25's classes: both places named at once; 外埠 as outside; a registration at founding is a former one; a move
    // being planned (筹划).
    [InlineData("公司注册地与办公地一致，均为北京市丰台区。", "passed")]
    [InlineData("注册地不在外埠，而在北京市昌平区。", "passed")]
    [InlineData("公司设立之初注册于河北省廊坊市。", "unconfirmed")]
    [InlineData("公司正在筹划将注册地迁入北京。", "unconfirmed")]
    public void Registered_in_beijing(string text, string expected) => Assert.Equal(expected, Judge("registered-in-beijing", text));

    [Theory]
    // Trial, test and pilot stages said of now; work still under way; a building period not ended; a form's value.
    [InlineData("平台目前仍处于试运行阶段，尚未正式验收。", "failed")]
    [InlineData("系统正处在内部试用阶段。", "failed")]
    [InlineData("该系统现阶段在测试环境部署运行，尚未切换至生产环境。", "failed")]
    [InlineData("项目尚处于试点阶段，仅在一家单位试用。", "failed")]
    [InlineData("平台在合作单位中开展试点验证。", "failed")]
    [InlineData("目前项目实施中，预计2025年6月完成验收。", "failed")]
    [InlineData("项目状态：建设中", "failed")]
    [InlineData("上线时间：2022年6月", "passed")]
    [InlineData("建设周期：2023年1月至2023年12月", "unconfirmed")]
    // A trial that ended, a next phase on trial, test and production both, a project deployed at customers.
    [InlineData("系统已完成试运行并于2023年3月通过验收。", "passed")]
    [InlineData("平台经过半年试运行，于2022年底正式投入使用。", "passed")]
    [InlineData("二期系统目前仍在试运行，一期已稳定运行三年。", "passed")]
    [InlineData("该系统在测试环境和生产环境均已部署运行。", "passed")]
    [InlineData("平台在测试环境中完成了全部功能验证，已于2023年3月上线生产环境。", "passed")]
    [InlineData("平台自2021年试点以来，已在全集团32家单位推广使用。", "passed")]
    [InlineData("该产品已在多家试点企业中上线运行，运行稳定。", "passed")]
    [InlineData("平台上线两年来，累计拦截异常访问12万次。", "passed")]
    // The programme is a 试点示范 too: applying to it is no trial of the project.
    [InlineData("本项目正在申报数据安全管理和应用试点示范。", "unconfirmed")]
    // Someone else's system, and the call's requirement.
    [InlineData("本项目为某客户建设的数据安全平台，客户方已于2023年上线运行。", "unconfirmed")]
    [InlineData("客户某证券公司的交易系统仍在测试环境中运行。", "unconfirmed")]
    [InlineData("申报项目须已建成并投入运行满一年。", "unconfirmed")]
    // Bank 23's classes: 实施工作 is 实施 and 工作 (the leftmost of two words of one length); 工程 as the project; 招投标;
    // a negator before a bracket; those recruited do not act; a place before an unnamed party; a team's past work.
    [InlineData("项目实施工作预计下月启动。", "failed")]
    [InlineData("一期工程仍在施工。", "failed")]
    [InlineData("本项目尚处于招投标阶段。", "failed")]
    [InlineData("运行情况：无（系统在建）", "failed")]
    [InlineData("首批学员尚未招募，计划2025年春季开班。", "failed")]
    [InlineData("目前正在浙江某银行开展试点验证。", "failed")]
    [InlineData("团队成员曾参与多个省级平台的建设与运营。", "unconfirmed")]
    // Bank 24's classes: 还没 as not yet; a procurement not yet awarded; a prototype stage; a share done in words; a
    // purpose (为保障) is no operation; 运转 is.
    [InlineData("合同已经签了，但平台还没交付。", "failed")]
    [InlineData("项目招标公告已发布，承建单位尚未确定。", "failed")]
    [InlineData("系统目前处于样机阶段。", "failed")]
    [InlineData("平台开发已完成百分之六十，其余功能预计年底前完成。", "failed")]
    [InlineData("为保障平台长期稳定运行，公司建立了运维值班制度。", "unconfirmed")]
    [InlineData("监测中心已全面运转。", "passed")]
    // Bank 25's classes: terms still being negotiated; enrolment (招生) planned; requirements analysis under way; the
    // applicant's other products.
    [InlineData("具体实施方案仍在与客户洽谈中。", "failed")]
    [InlineData("首批学员招生工作将于2025年3月启动。", "failed")]
    [InlineData("项目承建单位已进场，正在开展需求分析。", "failed")]
    [InlineData("公司的其他产品已在多个行业投入使用。", "unconfirmed")]
    public void In_operation(string text, string expected) => Assert.Equal(expected, Judge("in-operation", text));

    [Theory]
    // Whose incident: the industry's, the nation's, a customer's or partner's (also named as a place), not the applicant's.
    [InlineData("行业内近年来发生多起重大数据泄露事件，引发广泛关注。", "unconfirmed")]
    [InlineData("全国范围内2023年共发生重大数据安全事件数十起。", "unconfirmed")]
    [InlineData("合作伙伴某公司曾于2023年发生重大数据泄露事件，我公司协助其完成处置。", "unconfirmed")]
    [InlineData("本公司服务的某银行曾于2023年发生重大数据泄露事件。", "unconfirmed")]
    [InlineData("在某客户处，发生了一起重大数据泄露事件，我公司派出团队协助处置。", "unconfirmed")]
    [InlineData("在2家客户处发生过较大数据安全事件，均由本公司完成溯源。", "unconfirmed")]
    [InlineData("客户单位曾发生重大数据安全事件，平台上线后未再发生。", "unconfirmed")]
    // A record to be supplied or referred to an attachment, a window shorter than three years.
    [InlineData("本单位数据安全行政处罚情况待核实后补充说明。", "unconfirmed")]
    [InlineData("本单位关于近三年受处罚情况的说明详见附件5。", "unconfirmed")]
    [InlineData("本单位近两年未发生数据安全事件。", "unconfirmed")]
    // The applicant's own incident or penalty; 没收 is no negation; a form answered 无.
    [InlineData("我单位被没收违法所得并处罚款，原因是违规收集个人信息。", "failed")]
    [InlineData("本公司系统曾于2023年遭受勒索攻击，导致重大数据安全事件。", "failed")]
    [InlineData("2022年，本公司发生一起较大数据安全事件，造成约200万条用户信息泄露。", "failed")]
    [InlineData("近三年数据安全事件：无；行政处罚：无", "passed")]
    [InlineData("公司近三年没有发生过较大以上的数据安全事件，也没有受到过行政处罚。", "passed")]
    // Bank 23's classes: an event row graded in a later cell; a grade cell of a row dated before the window; a counted
    // event a negator only qualifies; reported under its grade; an upstream supplier's event; interface words as context;
    // a cell ending at a wide gap.
    [InlineData("近三年数据安全事件｜发生时间：2023年9月｜等级：重大｜处置：已完成", "failed")]
    [InlineData("事件时间：2023年3月；事件级别：较大；整改：已完成", "failed")]
    [InlineData("事件等级：较大　发生时间：2019年5月", "unconfirmed")]
    [InlineData("我单位排查发现2023年有一起未及时上报的数据泄露事件，涉及用户信息约150万条。", "failed")]
    [InlineData("2023年6月系统因故障宕机约10小时，事后已按较大事件向行业主管部门上报。", "failed")]
    [InlineData("本公司上游供应商2023年发生重大数据泄露事件，我司未受影响。", "unconfirmed")]
    [InlineData("2023年发生的接口越权访问事件被定级为较大事件。", "failed")]
    [InlineData("数据安全事件（近三年）：无　　行政处罚（近三年）：无", "passed")]
    // Bank 24's classes: a denial denied affirms; an affiliate is another party; a penalty right after an event dated
    // before the window takes its date; a response started under a grade; a grade label after ；.
    [InlineData("整改虽已完成，但不可否认本公司2023年发生过一起较大数据安全事件。", "failed")]
    [InlineData("公司关联方某某信息技术有限公司2023年因数据安全问题被处以罚款。", "unconfirmed")]
    [InlineData("2018年公司曾发生一起较大数据泄露事件，受到罚款处罚。", "unconfirmed")]
    [InlineData("2023年5月，公司业务系统数据被批量拉取，公司随即按重大事件启动应急响应。", "failed")]
    [InlineData("序号：1；时间：2023年2月；事件：用户数据同步异常导致业务中断9小时；等级：较大", "failed")]
    [InlineData("序号：1；时间：2019年2月；事件：用户数据同步异常导致业务中断9小时；等级：较大", "unconfirmed")]
    // Bank 25's classes: an own outage as long as the plan grades 较大, dated in the window, with no event word; a scale
    // of 一千余万; a grade in brackets after the event; a requirement to pledge (需要承诺).
    [InlineData("2023年5月，公司承载的互联网接入业务中断约九个小时。", "failed")]
    [InlineData("2023年5月，公司网站中断约两小时。", "unconfirmed")]
    [InlineData("2024年3月，公司平台遭撞库攻击，一千余万用户信息外泄。", "failed")]
    [InlineData("公司曾于2023年因数据安全事件（等级较大）被主管部门通报。", "failed")]
    [InlineData("申报单位需要承诺近三年未发生较大及以上数据安全事件。", "unconfirmed")]
    public void No_major_incident(string text, string expected) => Assert.Equal(expected, Judge("no-major-incident", text));
}
