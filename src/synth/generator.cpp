#include "synth/generator.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "render/text_render.hpp"

namespace jixiao {
namespace {

// ---------------------------------------------------------------------------
// Vocabulary. Phrases are taken from, or modelled on, the published tables in
// tests/corpus/seeds so generated documents exercise the same shapes.

enum class Domain { Court, Procuratorate, Education, Health, CivilAffairs, General };

struct District {
  const char* city;
  const char* name;
};
constexpr District kDistricts[] = {
    {"广州市", "从化区"}, {"广州市", "荔湾区"}, {"广州市", "越秀区"}, {"广州市", "海珠区"},
    {"广州市", "天河区"}, {"广州市", "白云区"}, {"广州市", "黄埔区"}, {"广州市", "番禺区"},
    {"广州市", "花都区"}, {"广州市", "南沙区"}, {"广州市", "增城区"}, {"深圳市", "福田区"},
    {"深圳市", "罗湖区"}, {"深圳市", "南山区"}, {"深圳市", "宝安区"}, {"深圳市", "龙岗区"},
    {"佛山市", "禅城区"}, {"佛山市", "南海区"}, {"佛山市", "顺德区"}, {"珠海市", "香洲区"},
    {"珠海市", "斗门区"}, {"天津市", "河西区"}, {"天津市", "河东区"}, {"天津市", "南开区"},
    {"天津市", "和平区"}, {"江门市", "蓬江区"}, {"惠州市", "惠城区"}, {"东莞市", "莞城区"},
};

struct Organ {
  const char* name;
  Domain domain;
};
// Courts, procuratorates, education and health appear twice: they publish
// most of the tables seen so far.
constexpr Organ kOrgans[] = {
    {"人民法院", Domain::Court},
    {"人民法院", Domain::Court},
    {"人民检察院", Domain::Procuratorate},
    {"人民检察院", Domain::Procuratorate},
    {"教育局", Domain::Education},
    {"教育局", Domain::Education},
    {"卫生健康局", Domain::Health},
    {"卫生健康局", Domain::Health},
    {"民政局", Domain::CivilAffairs},
    {"司法局", Domain::General},
    {"财政局", Domain::General},
    {"城市管理和综合执法局", Domain::General},
    {"人力资源和社会保障局", Domain::General},
    {"住房和城乡建设局", Domain::General},
    {"交通运输局", Domain::General},
    {"文化广电旅游体育局", Domain::General},
    {"市场监督管理局", Domain::General},
    {"农业农村局", Domain::General},
    {"应急管理局", Domain::General},
    {"退役军人事务局", Domain::General},
};
constexpr Organ kWholeDepartments[] = {
    {"广州互联网法院", Domain::Court},
    {"广州知识产权法院", Domain::Court},
    {"广州海事法院", Domain::Court},
    {"广州铁路运输法院", Domain::Court},
};

constexpr const char* kCommonProjects[] = {
    "业务用房物业管理费", "机构运行辅助经费",
    "购置经费",           "办公设备购置经费",
    "公务用车运行维护费", "办公、业务用房租赁经费",
    "党建工作经费",       "聘用人员经费",
    "档案数字化加工项目", "网络安全等级保护测评服务",
    "其他机构运行经费",   "离退休人员管理服务经费",
    "食堂运营服务经费",   "安保服务经费",
    "业务培训经费",       "办公楼维修改造经费",
    "保密工作经费",       "宣传工作经费",
};
constexpr const char* kCourtProjects[] = {
    "司法救助金",       "国家赔偿金",           "诉讼费退费备用金",         "审判执行专项经费",
    "人民陪审员经费",   "法警服装购置经费",     "审判辅助事务外包服务经费", "法院办案业务费",
    "法院囚车更新购置", "执行案款管理专项经费", "诉讼服务中心运行经费",
};
constexpr const char* kProcuratorateProjects[] = {
    "检察办案经费",   "检察业务用房维护维修经费", "司法救助金",           "国家赔偿金",
    "检察业务培训费", "公益诉讼专项经费",         "未成年人检察工作经费", "检察技术装备购置经费",
};
constexpr const char* kEducationProjects[] = {
    "义务教育公用经费", "学生资助经费",         "校舍维修改造项目",   "教师继续教育培训经费",
    "课后服务经费",     "学校安保服务经费",     "教育信息化建设经费", "中小学课室空调电费",
    "学前教育生均补助", "校园食品安全监管经费",
};
constexpr const char* kHealthProjects[] = {
    "基本公共卫生服务项目", "家庭医生签约服务经费",   "免疫规划疫苗接种经费",
    "卫生监督执法经费",     "医疗设备购置经费",       "重大传染病防控经费",
    "院前急救体系建设经费", "计划生育特殊家庭扶助金", "爱国卫生运动经费",
};
constexpr const char* kCivilProjects[] = {
    "城乡低保资金", "特困人员供养经费",     "临时救助资金",   "高龄老人津贴",     "养老服务补贴",
    "殡葬惠民补贴", "社会组织培育发展经费", "残疾人两项补贴", "婚姻登记服务经费",
};
constexpr const char* kGeneralProjects[] = {
    "行政执法专项经费", "政务服务事项运营经费", "普法宣传经费",     "统计调查专项经费",
    "应急物资储备经费", "安全生产监管经费",     "专项业务工作经费", "第三方服务购买经费",
};
// Long system names (20-40 characters with the department and year in front).
constexpr const char* kSystems[] = {
    "内网智慧审判平台中台化改造", "智慧审判信息支撑环境", "电子卷宗随案生成系统", "数据中心机房升级改造",
    "视频会议系统扩容",           "办公自动化系统升级",   "网络安全防护体系",     "档案管理应用系统",
    "政务外网安全接入平台",       "业务数据治理平台",     "综合业务管理系统",     "执行指挥中心",
};
constexpr const char* kSystemSuffixes[] = {"建设项目", "升级改造项目", "运维项目", "采购项目", "建设项目"};

constexpr const char* kPlaceWords[] = {"实验", "育才", "东风", "新港", "华侨",
                                       "旭日", "培英", "启明", "朝阳"};
constexpr const char* kStreets[] = {"街口", "江埔", "城郊", "太平", "温泉", "良口", "鳌头", "沙湾", "石碁"};
constexpr const char* kOrdinals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// Goal phrases. Sentences are opener + clauses joined by commas + "。".
constexpr const char* kOpeners[] = {
    "通过实施本项目，",
    "通过开展该项目，",
    "为保障单位正常运转，",
    "按照政府采购有关规定，",
    "根据上级部门工作部署，",
    "结合本部门业务需求，",
    "在现有工作基础上，",
    "",
    "",
    "",
};
constexpr const char* kCommonClauses[] = {
    "确保各项工作有序开展",
    "保障单位日常运转",
    "满足正常工作需要",
    "提高工作效率",
    "提升服务质量和水平",
    "进一步规范资金管理",
    "确保资金使用安全、合规、有效",
    "做好后勤保障工作",
    "为干部职工提供良好的办公环境",
    "实现全面积覆盖物业管理工作",
    "确保单位内安保、保洁、养护工作有序开展",
    "对单位内业务设备进行定期维护保修",
    "提高软、硬件及业务应用系统的运行维护效率",
    "确保相关业务信息系统正常运行",
    "提升核心业务应用系统的稳定性和可用性",
    "健全IT流程管理和运维事件管理",
    "加强国有资产管理",
    "提高资产配置和使用效率",
    "保障国有资产的安全和完整",
    "落实档案电子化要求",
    "促进档案管理规范化、信息化",
    "严格控制采购成本",
    "按时足额支付相关费用",
    "降低运行成本",
    "加强队伍建设",
    "提升干部职工业务能力",
    "完成等级保护2.0测评工作",
    "实现7×24小时运行保障",
    "有效保障各项工作的有序开展",
    "进一步提高信息化管理和服务水平",
    // Seed 004 keeps the spaces an author typed inside brackets.
    "按照《网络安全等级保护基本要求（ GB/T22239-2019 ）》开展等级保护建设",
};
constexpr const char* kCourtClauses[] = {
    "保障审判执行工作顺利进行",
    "缓解审判执行压力",
    "实现司法公平正义",
    "彰显司法温度",
    "提升人民群众的司法获得感和幸福感",
    "帮助困难案件当事人缓解生活面临的急迫困难",
    "依法、依规及时进行诉讼费退费工作",
    "弥补因违法采取强制措施造成的损害",
    "推动审判方式与互联网技术深度融合",
    "提高案件办理质效",
    "树立法院干警公正司法形象",
    "保障当事人的合法权益",
    "践行司法为民宗旨",
};
constexpr const char* kProcuratorateClauses[] = {
    "保证国家法律统一正确实施",
    "提升检察机关的执法公信力",
    "加强法律监督",
    "依法打击各种犯罪活动",
    "保障公民、法人和其他组织的合法权益",
    "提高执法能力和办案质量",
    "建设一支正规化、专业化、职业化的检察队伍",
};
constexpr const char* kEducationClauses[] = {
    "改善学校办学条件",     "保障义务教育学校正常运转", "减轻家庭经济困难学生负担", "提升教师专业素养",
    "促进教育优质均衡发展", "保障校园安全稳定",         "满足学生课后服务需求",     "推进教育信息化建设",
};
constexpr const char* kHealthClauses[] = {
    "提高基本公共卫生服务均等化水平", "做好传染病防控工作", "保障居民身体健康",
    "提升基层医疗卫生服务能力",       "规范医疗服务行为",   "降低重大传染病发病率",
    "提高适龄儿童疫苗接种率",
};
constexpr const char* kCivilClauses[] = {
    "保障困难群众基本生活", "兜住民生底线",         "提升养老服务水平",   "落实社会救助政策",
    "推进殡葬改革",         "促进社会组织健康发展", "保障残疾人合法权益",
};
constexpr const char* kPurposeObjects[] = {
    "法院办案业务，审判辅助等", "报废更新两辆囚车", "当事人的司法救助",
    "信息化系统运行维护",       "办公设备购置",     "业务用房物业管理",
    "档案数字化加工",           "聘用人员劳务报酬", "专项业务工作开展",
    "业务用房维修改造",         "干部职工业务培训",
};

// Indicator vocabulary per domain: objects that can be counted (with their
// measure word), things whose rate is measured, social-benefit indicators with
// a fitting target, and who is asked about satisfaction.
struct CountObject {
  const char* name;
  const char* unit;
};
struct NamedTarget {
  const char* name;
  const char* target;
};

constexpr CountObject kCommonCounts[] = {
    {"业务培训", "期"},     {"办公设备采购", "台"},   {"租赁车位", "个"},
    {"迁移业务系统", "个"}, {"搬运家具", "件（套）"},
};
constexpr const char* kCommonRates[] = {"安保工作", "绿化保洁工作", "合同履约", "巡检工作",
                                        "设备验收", "系统测试",     "资金支付", "物业管理工作按时"};
constexpr NamedTarget kCommonSocial[] = {
    {"办公、业务需求满足率", "100%"}, {"责任安全事故数", "0"},         {"责任消防事故数", "0次"},
    {"资金使用合规率", "100%"},       {"工程实施过程的安全性", "0次"},
};
constexpr const char* kCommonSatisfied[] = {"工作人员", "工作人员对物管工作的", "使用部门", "服务对象"};

constexpr CountObject kCourtCounts[] = {
    {"信息化运维服务", "次"}, {"数字档案扫描", "万页"},       {"陪审案件", "件"},
    {"文书邮寄", "件"},       {"涉外案件翻译", "次"},         {"司法救助案件", "件"},
    {"购置囚车", "辆"},       {"购置碎纸机", "台"},           {"法治宣传片", "部"},
    {"新闻稿件", "篇"},       {"司法经验推广交流活动", "次"},
};
constexpr const char* kCourtRates[] = {"司法救助金发放",       "诉讼费退费",     "国家赔偿金发放",
                                       "审判辅助事务外包服务", "陪审员经费发放", "电子送达",
                                       "档案扫描验收",         "法律文书送达",   "运维服务验收"};
constexpr NamedTarget kCourtSocial[] = {
    {"司法公正性水平", "提升"},
    {"司法公正性水平", "维持"},
    {"司法公信力", "增强"},
    {"法院公众形象", "提升"},
    {"法院与人民群众间的沟通渠道", "进一步畅通"},
    {"办案、办公需求满足率", "100%"},
};
constexpr const char* kCourtSatisfied[] = {
    "当事人", "干警",        "审判执行部门对业务保障", "法官对招录机构运行辅助人员", "获赔人",
    "用户",   "干警制服定制"};

constexpr CountObject kProcuratorateCounts[] = {
    {"文书邮寄", "件"}, {"涉外案件翻译", "次"}, {"司法救助立案", "件"},
    {"赔偿立案", "件"}, {"检察业务培训", "期"}, {"公益诉讼案件办理", "件"},
};
constexpr const char* kProcuratorateRates[] = {"办案结案", "国家赔偿申请处理", "司法救助案件办理",
                                               "修缮工程验收", "检察技术装备验收"};
constexpr NamedTarget kProcuratorateSocial[] = {
    {"检察机关执法公信力", "提升"},
    {"错案案件比率", "≤5%"},
    {"法律监督能力", "增强"},
    {"办理司法救助案件完成率", "100%"},
};
constexpr const char* kProcuratorateSatisfied[] = {"获赔人", "被救助人（受益人）", "检察干警", "案件当事人"};

constexpr CountObject kEducationCounts[] = {
    {"受助学生", "人"},     {"培训教师", "人次"}, {"维修校舍", "所"},
    {"课后服务学校", "所"}, {"新增学位", "个"},   {"采购教学设备", "台"},
};
constexpr const char* kEducationRates[] = {"资助资金发放", "课后服务覆盖", "校舍维修验收", "教师培训完成",
                                           "学生体质健康达标"};
constexpr NamedTarget kEducationSocial[] = {
    {"教育教学质量", "提升"},
    {"家庭经济困难学生就学保障", "有效保障"},
    {"校园安全事故数", "0起"},
    {"义务教育巩固率", "≥99%"},
};
constexpr const char* kEducationSatisfied[] = {"学生家长", "师生", "受助学生", "参训教师"};

constexpr CountObject kHealthCounts[] = {
    {"家庭医生签约", "户"}, {"疫苗接种", "剂次"},   {"监督检查单位", "家"},
    {"健康档案建档", "份"}, {"健康教育讲座", "场"}, {"采购医疗设备", "台"},
};
constexpr const char* kHealthRates[] = {"适龄儿童疫苗接种", "高血压患者规范管理", "传染病报告", "监督抽检",
                                        "医疗设备验收"};
constexpr NamedTarget kHealthSocial[] = {
    {"居民健康水平", "提升"},
    {"重大传染病发病率", "逐步下降"},
    {"群众就医便利度", "明显改善"},
    {"突发公共卫生事件处置率", "100%"},
};
constexpr const char* kHealthSatisfied[] = {"患者", "签约居民", "服务对象", "接种儿童家长"};

constexpr CountObject kCivilCounts[] = {
    {"低保对象", "户"},     {"特困供养人员", "人"}, {"临时救助", "人次"},
    {"高龄津贴发放", "人"}, {"养老服务机构", "家"},
};
constexpr const char* kCivilRates[] = {"救助资金发放", "补贴发放", "低保动态管理", "养老机构消防安全达标"};
constexpr NamedTarget kCivilSocial[] = {
    {"困难群众基本生活", "有效保障"},
    {"社会救助兜底保障能力", "增强"},
    {"殡葬改革", "持续推进"},
};
constexpr const char* kCivilSatisfied[] = {"受助群众", "服务对象", "入住老人"};

constexpr CountObject kGeneralCounts[] = {
    {"宣传活动", "场"}, {"执法检查", "次"}, {"政务服务事项", "项"}, {"统计调查", "项"}, {"应急演练", "次"},
};
constexpr const char* kGeneralRates[] = {"执法案件办结", "政务服务事项按时办结", "应急物资储备",
                                         "安全隐患整改"};
constexpr NamedTarget kGeneralSocial[] = {
    {"服务群众能力", "增强"},
    {"营商环境", "持续优化"},
    {"依法行政水平", "提升"},
    {"群众办事便利度", "明显改善"},
};
constexpr const char* kGeneralSatisfied[] = {"群众", "办事企业和群众", "服务对象"};

constexpr const char* kHighPercents[] = {"100%",      "100%", "100%", "≥95%",    "≧95%",
                                         "90%或以上", "≥98%", "≥90%", "95%以上", "≥99%",
                                         "≥85%",      "90%",  "85%",  ">99%",    "≥80%"};
constexpr const char* kSatisfaction[] = {"≥90%", "≥95%", "≥85%",      ">99%", "100%",
                                         "≥98%", "≧90%", "90%或以上", "≥80%"};
constexpr const char* kQualitative[] = {
    "及时",     "达标",     "提升",       "安全",     "通过",     "维持",     "增强",     "优",  "良好",
    "验收合格", "有效保障", "进一步畅通", "明显改善", "逐步提高", "持续提升", "合法合规", "规范"};
constexpr const char* kDurations[] = {"≤24小时",    "2小时内",  "≤2小时", "7天",
                                      "≤3个工作日", "30分钟内", "≤3秒",   "≤48小时"};
constexpr const char* kBenefitSentences[] = {
    "为审判事务提供信息化支持，满足其信息化需求",
    "陪审员参与案件审理，行使权利，促进司法公正",
    "通过运维，排除故障，保障信息化系统持续有效运转",
    "完成新生诉讼档案数字化加工，上传至档案管理应用系统平台",
    "保证两地办公，业务与搬迁工作平稳衔接",
    "长期保障司法救助机制",
    "有效改善办公办案条件",
    "群众办事便利度明显提高",
};
constexpr const char* kPlaceholder = "待单位补充...";

// Everything that differs by domain, in one place.
struct Vocab {
  std::span<const char* const> projects;
  std::span<const char* const> clauses;
  std::span<const CountObject> counts;
  std::span<const char* const> rates;
  std::span<const NamedTarget> social;
  std::span<const char* const> satisfied;
};

const Vocab& vocab(Domain d) {
  static const Vocab kCourt{kCourtProjects, kCourtClauses, kCourtCounts,
                            kCourtRates,    kCourtSocial,  kCourtSatisfied};
  static const Vocab kProcuratorate{kProcuratorateProjects, kProcuratorateClauses, kProcuratorateCounts,
                                    kProcuratorateRates,    kProcuratorateSocial,  kProcuratorateSatisfied};
  static const Vocab kEducation{kEducationProjects, kEducationClauses, kEducationCounts,
                                kEducationRates,    kEducationSocial,  kEducationSatisfied};
  static const Vocab kHealth{kHealthProjects, kHealthClauses, kHealthCounts,
                             kHealthRates,    kHealthSocial,  kHealthSatisfied};
  static const Vocab kCivil{kCivilProjects, kCivilClauses, kCivilCounts,
                            kCivilRates,    kCivilSocial,  kCivilSatisfied};
  static const Vocab kGeneral{kGeneralProjects, kCommonClauses, kGeneralCounts,
                              kGeneralRates,    kGeneralSocial, kGeneralSatisfied};
  switch (d) {
    case Domain::Court:
      return kCourt;
    case Domain::Procuratorate:
      return kProcuratorate;
    case Domain::Education:
      return kEducation;
    case Domain::Health:
      return kHealth;
    case Domain::CivilAffairs:
      return kCivil;
    default:
      return kGeneral;
  }
}

template <typename T>
const T& pick(SynthRng& r, std::span<const T> items) {
  return items[r.below(items.size())];
}

// From the common pool `percent_common` of the time, else the domain's.
template <typename T, std::size_t N>
const T& pick_mixed(SynthRng& r, const T (&common)[N], std::span<const T> domain, int percent_common) {
  return r.percent(percent_common) ? r.pick(common) : pick(r, domain);
}

// ---------------------------------------------------------------------------

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Decimal cents(std::int64_t c) { return Decimal(c, 2); }

struct Context {
  Context(SynthRng& r, const GenerateOptions& o) : rng(r), opt(o) {}
  SynthRng& rng;
  const GenerateOptions& opt;
  bool grid = false;
  std::string department;
  std::string city;
  std::string district;  // empty for a city-level or named department
  Domain domain = Domain::General;
  int year = 2023;
};

// ----- names ---------------------------------------------------------------

void make_department(Context& c) {
  SynthRng& r = c.rng;
  int roll = static_cast<int>(r.below(100));
  if (roll < 8) {
    const Organ& o = r.pick(kWholeDepartments);
    c.department = o.name;
    c.city = "广州市";
    c.domain = o.domain;
    return;
  }
  const District& d = r.pick(kDistricts);
  const Organ& o = r.pick(kOrgans);
  c.city = d.city;
  c.domain = o.domain;
  if (roll < 20) {
    c.department = std::string(d.city) + o.name;
  } else {
    c.district = d.name;
    c.department = std::string(d.city) + d.name + o.name;
  }
}

std::string place(const Context& c) { return c.city + c.district; }

std::string subordinate_unit(Context& c) {
  SynthRng& r = c.rng;
  switch (c.domain) {
    case Domain::Education:
      switch (r.below(5)) {
        case 0:
          return place(c) + "第" + r.pick(kOrdinals) + "中学";
        case 1:
          return place(c) + r.pick(kPlaceWords) + "小学";
        case 2:
          return place(c) + "教师发展中心";
        case 3:
          return place(c) + "机关幼儿园";
        default:
          return place(c) + "少年宫";
      }
    case Domain::Health:
      switch (r.below(5)) {
        case 0:
          return place(c) + "人民医院";
        case 1:
          return place(c) + "疾病预防控制中心";
        case 2:
          return place(c) + "妇幼保健院";
        case 3:
          return place(c) + "卫生监督所";
        default:
          return place(c) + r.pick(kStreets) + "社区卫生服务中心";
      }
    case Domain::CivilAffairs:
      switch (r.below(4)) {
        case 0:
          return place(c) + "社会福利院";
        case 1:
          return place(c) + "殡仪馆";
        case 2:
          return place(c) + "救助管理站";
        default:
          return place(c) + "婚姻登记处";
      }
    default:
      switch (r.below(4)) {
        case 0:
          return c.department + "机关服务中心";
        case 1:
          return c.department + "信息中心";
        case 2:
          return c.department + "综合保障中心";
        default:
          return place(c) + "综合事务中心";
      }
  }
}

std::string domain_project(Context& c) {
  return pick_mixed(c.rng, kCommonProjects, vocab(c.domain).projects, 35);
}

std::string project_name(Context& c, const std::string& unit_name) {
  SynthRng& r = c.rng;
  int roll = static_cast<int>(r.below(100));
  int y = c.year - static_cast<int>(r.below(4)) + 1;
  if (roll < 12) {
    switch (r.below(3)) {
      case 0:
        return unit_name + std::to_string(y) + "年信息化运维项目";
      case 1:
        return unit_name + std::to_string(y) + "-" + std::to_string(y + 1) + "年信息化运维项目";
      default:
        return unit_name + std::to_string(y) + "-" + std::to_string(y + 1) + "年信息化系统运维服务项目";
    }
  }
  if (roll < 19) {
    std::string s = r.percent(50) ? unit_name + std::to_string(y) + "年" : unit_name;
    return s + r.pick(kSystems) + r.pick(kSystemSuffixes);
  }
  if (roll < 20 && !c.grid) {
    // Seed 001 has a summary row named by its procurement code; a
    // per-project table always has a descriptive title.
    std::string digits = std::to_string(100000 + r.below(900000));
    return "GZIT" + std::to_string(y) + "-QM-N-C-" + digits;
  }
  return domain_project(c);
}

// Names already given within a unit (projects are matched by name), with the
// next 期 number to try per base name so a huge unit stays linear.
struct NameSet {
  std::unordered_set<std::string> names;
  std::unordered_map<std::string, int> next_phase;
};

std::string unique_name(NameSet& used, std::string name) {
  if (used.names.insert(name).second) return name;
  int& n = used.next_phase[name];
  if (n < 2) n = 2;
  for (;; ++n) {
    std::string candidate =
        name + "（" + (n <= 10 ? std::string(kOrdinals[n - 1]) : std::to_string(n)) + "期）";
    if (used.names.insert(candidate).second) return candidate;
  }
}

// ----- amounts -------------------------------------------------------------

std::int64_t draw_total_cents(SynthRng& r) {
  // Log-uniform over the ranges the seeds show (0.10 to a few thousand 万元),
  // half of them whole 万元 like "375.00".
  static constexpr std::int64_t kLow[] = {10, 100, 1000, 10000, 100000, 1000000};
  static constexpr int kWeight[] = {3, 12, 35, 35, 12, 3};
  int roll = static_cast<int>(r.below(100));
  int band = 0;
  for (int acc = kWeight[0]; roll >= acc && band < 5;) acc += kWeight[++band];
  std::int64_t c = r.between(kLow[band], kLow[band] * 10 - 1);
  if (band >= 2 && r.percent(50)) c -= c % 100;
  if (c < 10) c = 10;
  return c;
}

enum class Funding { Fiscal, Other, Mixed, All };

void fill_amounts(Amounts& a, std::int64_t total, Funding f, SynthRng& r) {
  a = Amounts{};
  a.total = cents(total);
  switch (f) {
    case Funding::Fiscal:
      a.fiscal = cents(total);
      break;
    case Funding::Other:
      a.other = cents(total);
      break;
    case Funding::Mixed: {
      std::int64_t fiscal = r.between(1, total - 1);
      a.fiscal = cents(fiscal);
      a.other = cents(total - fiscal);
      break;
    }
    case Funding::All: {
      std::int64_t fiscal = r.between(1, total - 2);
      std::int64_t special = r.between(1, total - fiscal - 1);
      a.fiscal = cents(fiscal);
      a.special = cents(special);
      a.other = cents(total - fiscal - special);
      break;
    }
  }
}

void add_to(std::optional<Decimal>& sum, const std::optional<Decimal>& x) {
  if (!x) return;
  sum = sum ? *sum + *x : *x;
}

Amounts sum_amounts(const std::vector<const Amounts*>& parts) {
  Amounts s;
  for (const Amounts* a : parts) {
    add_to(s.total, a->total);
    add_to(s.fiscal, a->fiscal);
    add_to(s.special, a->special);
    add_to(s.other, a->other);
  }
  return s;
}

int figure_count(const Amounts& a) { return !!a.total + !!a.fiscal + !!a.special + !!a.other; }

// Makes the one 其他资金-only project's total impossible to confuse with any
// other two-figure project or pair of them (see the header), by nudging it.
void make_other_only_unique(Unit& u, std::size_t other_index) {
  std::unordered_map<std::int64_t, int> totals;  // cents → how many two-figure projects have it
  for (std::size_t i = 0; i < u.projects.size(); ++i) {
    const Amounts& a = u.projects[i].amounts;
    if (i != other_index && figure_count(a) == 2) ++totals[a.total->mantissa()];
  }
  // Pairs only while the unit is small: in a unit of thousands of projects
  // nearly every figure is some pair's sum, and no reader could use sums there.
  const bool check_pairs = totals.size() <= 200;
  auto clashes = [&](std::int64_t r) {
    if (totals.count(r)) return true;
    if (!check_pairs) return false;
    for (const auto& [t, n] : totals) {
      std::int64_t rest = r - t;
      if (rest <= 0) continue;
      auto it = totals.find(rest);
      if (it != totals.end() && (rest != t || n >= 2)) return true;
    }
    return false;
  };
  Amounts& a = u.projects[other_index].amounts;
  std::int64_t r = a.total->mantissa();
  while (clashes(r)) ++r;
  a.total = cents(r);
  a.other = cents(r);
}

// ----- goals ---------------------------------------------------------------

const char* domain_clause(Context& c) {
  return pick_mixed(c.rng, kCommonClauses, vocab(c.domain).clauses, 45);
}

// `used` keeps one goal from saying the same clause twice.
std::string sentence(Context& c, const std::string& project, std::unordered_set<const char*>& used) {
  SynthRng& r = c.rng;
  std::string s;
  if (r.percent(8)) {
    bool has_suffix = project.size() >= 6 && project.compare(project.size() - 6, 6, "项目") == 0;
    s = "通过实施" + project + (has_suffix ? "，" : "项目，");
  } else {
    s = r.pick(kOpeners);
  }
  // Some exports keep the ASCII comma the author typed (seed 000).
  const char* comma = r.percent(12) ? "," : "，";
  int clauses = static_cast<int>(r.between(1, 4));
  int added = 0;
  for (int i = 0; i < clauses; ++i) {
    const char* clause = domain_clause(c);
    for (int retry = 0; used.count(clause) && retry < 6; ++retry) clause = domain_clause(c);
    if (used.count(clause) && added > 0) continue;  // a repeat only rather than an empty sentence
    used.insert(clause);
    if (added++ > 0) s += comma;
    s += clause;
  }
  // Goals that quote money ("年度预算资金1,234.50万元") must not read as a
  // row's figures when a wrap leaves the number at a line end.
  if (r.percent(4)) {
    Decimal budget = cents(draw_total_cents(r));
    s += comma;
    s += "年度预算资金" + (r.percent(50) ? format_amount(budget) : budget.to_string()) + "万元";
  }
  s += "。";
  return s;
}

std::optional<std::string> goal_text(Context& c, const std::string& project) {
  SynthRng& r = c.rng;
  if (r.percent(c.opt.null_goal_percent)) return std::nullopt;
  if (r.percent(1))
    return std::string("该项目无总体绩效目标及年度绩效目标，因此不编报总体绩效目标及年度绩效目标。");
  int roll = static_cast<int>(r.below(100));
  std::size_t want = roll < 55 ? r.between(20, 80) : roll < 90 ? r.between(80, 200) : r.between(200, 400);
  // Numbered goals: "1、…。2、…。" in the summary, "1.…。2.…。" in the grid
  // (where each item is its own paragraph).
  bool numbered = c.grid ? r.percent(55) : r.percent(15);
  const char* mark = c.grid ? "." : "、";
  std::string goal;
  std::unordered_set<const char*> used;
  int item = 0;
  while (code_points(goal) < want || item < (numbered ? 2 : 1)) {
    if (numbered)
      goal += std::to_string(++item) + mark;
    else
      ++item;
    goal += sentence(c, project, used);
    if (item >= 9) break;
  }
  return goal;
}

std::string purpose_text(Context& c, const std::string& project) {
  SynthRng& r = c.rng;
  switch (r.below(4)) {
    case 0:
      return project;
    case 1:
      return std::string("用于") + r.pick(kPurposeObjects) + (r.percent(40) ? "。" : "");
    case 2:
      return std::string("用于") + r.pick(kPurposeObjects) + "等相关支出";
    default:
      return std::string("保障") + project + "相关工作开展";
  }
}

// ----- indicators ----------------------------------------------------------

std::string count_target(SynthRng& r, const char* unit) {
  std::int64_t n = r.percent(60) ? r.between(1, 60) : r.between(60, 3000);
  std::string num = std::to_string(n);
  switch (r.below(5)) {
    case 0:
      return num + unit;
    case 1:
      return "≤" + num + unit;
    case 2:
      return r.percent(20) ? "≥" + num : "≥" + num + unit;
    default:
      return "≥" + num + unit;
  }
}

std::string area_target(SynthRng& r) {
  std::int64_t c = r.between(50000, 5000000);
  return r.percent(50) ? cents(c).to_string() + "平方米" : std::to_string(c / 100) + "平方米";
}

std::string period_target_text(Context& c) {
  SynthRng& r = c.rng;
  std::string y = std::to_string(c.year);
  switch (r.below(7)) {
    case 0:
      return y + "年1-12月";
    case 1:
      return y + "年底前";
    case 2:
      return y + "年1月-" + y + "年12月";
    case 3:
      return "按月发放";
    case 4:
      return y + "年12月31日前";
    case 5:
      return "按合同约定时间";
    default:
      return y + "年1-12月";
  }
}

std::string cost_target(SynthRng& r) {
  switch (r.below(5)) {
    case 0:
      return "≤" + std::to_string(r.between(5, 500)) + "万元";
    case 1:
      return "≤" + cents(r.between(1, 99)).to_string() + "元/页";
    case 2:
      return "采购金额≤预算金额";
    case 3:
      return "≤" + Decimal(r.between(11, 99), 1).to_string() + "万元/人";
    default:
      return "≤" + std::to_string(r.between(5, 500)) + "万元";
  }
}

struct Draft {
  Level2 level2;
  std::string name;
  std::string target;
};

// One indicator of the given 二级 with a name and a target of matching shape.
Draft draft_indicator(Context& c, Level2 l2) {
  SynthRng& r = c.rng;
  const Vocab& v = vocab(c.domain);
  Draft d{l2, {}, {}};
  switch (l2) {
    case Level2::Quantity: {
      switch (r.below(5)) {
        case 0:
        case 1: {
          const CountObject& o = pick_mixed(r, kCommonCounts, v.counts, 25);
          d.name = std::string(o.name) + "数量";
          d.target = count_target(r, o.unit);
          break;
        }
        case 2:
          d.name = std::string(pick_mixed(r, kCommonRates, v.rates, 40)) + "完成率";
          d.target = r.pick(kHighPercents);
          break;
        case 3:
          d.name = r.percent(50) ? "物业服务面积" : "审判办公用房租用面积";
          d.target = area_target(r);
          break;
        default:
          d.name = std::string(pick_mixed(r, kCommonRates, v.rates, 40)) + "覆盖率";
          d.target = r.pick(kHighPercents);
      }
      break;
    }
    case Level2::Quality: {
      switch (r.below(5)) {
        case 0:
          d.name = std::string(pick_mixed(r, kCommonRates, v.rates, 40)) + "合格率";
          d.target = r.percent(80) ? r.pick(kHighPercents) : "验收合格";
          break;
        case 1:
          d.name = r.percent(50) ? "设备维护响应率" : "应用系统正常运行率";
          d.target = r.pick(kHighPercents);
          break;
        case 2:
          d.name = "采购程序规范性";
          d.target = r.percent(50) ? "采购程序流程合法合规" : "规范";
          break;
        case 3:
          d.name = std::string(pick_mixed(r, kCommonRates, v.rates, 40)) + "准确率";
          d.target = r.pick(kHighPercents);
          break;
        default:
          d.name = r.percent(50) ? "资金使用合规率" : "故障投诉率";
          d.target = d.name == "故障投诉率" ? "≤5%" : "100%";
      }
      break;
    }
    case Level2::Timeliness: {
      switch (r.below(4)) {
        case 0:
          d.name = std::string(pick_mixed(r, kCommonRates, v.rates, 40)) + "及时率";
          d.target = r.percent(70) ? r.pick(kHighPercents) : "及时";
          break;
        case 1:
          d.name = r.percent(50) ? "信息化系统故障修复时间" : "故障响应时间";
          d.target = r.pick(kDurations);
          break;
        case 2:
          d.name = r.percent(50) ? "项目实施期间" : "服务保障期间";
          d.target = period_target_text(c);
          break;
        default:
          d.name = r.percent(50) ? "资金支付及时性" : "按合同支付及时率";
          d.target = r.percent(50) ? "及时" : "达标";
      }
      break;
    }
    case Level2::Cost: {
      switch (r.below(3)) {
        case 0:
          d.name = r.percent(50) ? "运维服务成本" : "办案业务成本";
          break;
        case 1:
          d.name = r.percent(50) ? "设备采购成本控制" : "档案扫描单位成本";
          break;
        default:
          d.name = r.percent(50) ? "人均救助金额" : "项目支出成本";
      }
      d.target = cost_target(r);
      break;
    }
    case Level2::Economic: {
      switch (r.below(3)) {
        case 0:
          d.name = "节约运行成本";
          d.target = r.percent(50) ? "有效降低" : "≥" + std::to_string(r.between(1, 50)) + "万元";
          break;
        case 1:
          d.name = "资金使用效益";
          d.target = r.pick(kQualitative);
          break;
        default:
          d.name = "减少经济损失";
          d.target = r.percent(50) ? "明显" : "≥" + std::to_string(r.between(1, 50)) + "万元";
      }
      break;
    }
    case Level2::Social: {
      int k = static_cast<int>(r.below(10));
      if (k < 6) {
        const NamedTarget& t = pick_mixed(r, kCommonSocial, v.social, 30);
        d.name = t.name;
        d.target = t.target;
      } else if (k < 8) {
        d.name = std::string(pick_mixed(r, kCommonRates, v.rates, 40)) + "合规率";
        d.target = r.pick(kHighPercents);
      } else {
        // The grid's 社会效益 rows often state the effect as a sentence (seed 003).
        d.name = r.percent(50) ? "保障业务正常开展" : "促进工作提质增效";
        d.target = c.grid ? r.pick(kBenefitSentences) : r.pick(kQualitative);
      }
      break;
    }
    case Level2::Ecological: {
      switch (r.below(3)) {
        case 0:
          d.name = "节能减排效果";
          d.target = r.percent(50) ? "明显" : "有效降低";
          break;
        case 1:
          d.name = "垃圾分类达标率";
          d.target = r.pick(kHighPercents);
          break;
        default:
          d.name = "无纸化办公比例";
          d.target = "≥" + std::to_string(r.between(30, 95)) + "%";
      }
      break;
    }
    case Level2::Sustainable: {
      switch (r.below(4)) {
        case 0:
          d.name = "设备使用年限";
          d.target = "≥" + std::to_string(r.between(3, 10)) + "年";
          break;
        case 1:
          d.name = "系统持续稳定运行";
          d.target = r.percent(50) ? "长期" : "持续提升";
          break;
        case 2:
          d.name = "办案结案率";
          d.target = r.pick(kHighPercents);
          break;
        default:
          d.name = "长效管理机制";
          d.target = c.grid ? r.pick(kBenefitSentences) : "建立健全";
      }
      break;
    }
    case Level2::Satisfaction:
    default: {
      std::string who = pick_mixed(r, kCommonSatisfied, v.satisfied, 30);
      d.name = who + "满意度";
      d.target = r.pick(kSatisfaction);
      break;
    }
  }
  return d;
}

Level2 draw_level2(SynthRng& r) {
  int roll = static_cast<int>(r.below(100));
  if (roll < 55) {  // 产出
    int k = static_cast<int>(r.below(100));
    return k < 35 ? Level2::Quantity : k < 70 ? Level2::Quality : k < 90 ? Level2::Timeliness : Level2::Cost;
  }
  if (roll < 85) {  // 效益
    int k = static_cast<int>(r.below(100));
    return k < 75   ? Level2::Social
           : k < 83 ? Level2::Economic
           : k < 88 ? Level2::Ecological
                    : Level2::Sustainable;
  }
  return Level2::Satisfaction;
}

void set_levels(Indicator& ind, Level2 l2, bool grid) {
  ind.level2 = l2;
  ind.level1 = natural_parent(l2);
  if (grid) {
    ind.level1_printed = level1_name(*ind.level1);
    ind.level2_printed = level2_name(l2);
  } else {
    ind.level1_printed = summary_level1_label(*ind.level1);
    ind.level2_printed = summary_level2_label(l2);
  }
}

std::vector<Indicator> make_indicators(Context& c) {
  SynthRng& r = c.rng;
  const GenerateOptions& o = c.opt;
  std::vector<Indicator> out;
  if (r.percent(o.placeholder_percent)) {
    // Seed 004: a row whose indicators were never filled in.
    Indicator ind;
    set_levels(ind, Level2::Quantity, c.grid);
    ind.name = kPlaceholder;
    ind.annual_target = parse_target(kPlaceholder);
    if (c.grid)
      ind.description = kPlaceholder;
    else
      ind.period_target = parse_target(kPlaceholder);
    out.push_back(std::move(ind));
    return out;
  }
  // Mostly 2-6 indicators, sometimes up to the maximum.
  int lo = std::max(1, o.min_indicators), hi = std::max(lo, o.max_indicators);
  int n =
      r.percent(80) ? static_cast<int>(r.between(lo, std::min(hi, 6))) : static_cast<int>(r.between(lo, hi));
  std::vector<Draft> drafts;
  std::unordered_set<std::string> names;
  // The grid template asks for all three 一级 (seed 003 always has them).
  if (c.grid && n >= 3) {
    for (Level2 l2 : {Level2::Quantity, Level2::Social, Level2::Satisfaction}) {
      drafts.push_back(draft_indicator(c, l2));
      names.insert(drafts.back().name);
    }
  }
  for (int attempts = 0; static_cast<int>(drafts.size()) < n && attempts < n * 8; ++attempts) {
    Draft d = draft_indicator(c, draw_level2(r));
    if (names.count(d.name)) continue;
    names.insert(d.name);
    drafts.push_back(std::move(d));
  }
  // Tables list indicators grouped by level (the grid merges the 一级 cell).
  std::stable_sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) {
    Level1 pa = natural_parent(a.level2), pb = natural_parent(b.level2);
    if (pa != pb) return static_cast<int>(pa) < static_cast<int>(pb);
    return static_cast<int>(a.level2) < static_cast<int>(b.level2);
  });
  for (Draft& d : drafts) {
    Indicator ind;
    set_levels(ind, d.level2, c.grid);
    ind.name = d.name;
    ind.annual_target = parse_target(d.target);
    if (c.grid) {
      ind.description = r.percent(95) ? d.name : d.name + "情况";
    } else {
      std::string period = d.target;
      if (r.percent(o.period_differs_percent)) {
        switch (r.below(3)) {
          case 0:  // seed 000: an explanation appended to the long-term value
            period =
                d.target +
                "，如未发生需要拨付的情况，则以已完成该项目指标认定。如有发生，则按实际发生情况进行考核。";
            break;
          case 1:  // seed 000: the annual value qualified by the indicator
            ind.annual_target = parse_target("(" + d.name + ")" + d.target);
            break;
          default:
            period = draft_indicator(c, d.level2).target;
        }
      }
      ind.period_target = parse_target(period);
    }
    out.push_back(std::move(ind));
  }
  return out;
}

// ----- assembly ------------------------------------------------------------

Project make_project(Context& c, NameSet& used, const std::string& unit_name, Funding funding,
                     bool central_suffix) {
  SynthRng& r = c.rng;
  Project p;
  std::string name;
  if (funding == Funding::Other && !c.grid) {
    // Seeds 000/004 name the row after its source (区财政安排经费), 001 adds
    // （其他收入资金）; a plain name leaves only the unit's sums to tell.
    int roll = static_cast<int>(r.below(100));
    if (roll < 45) {
      name =
          std::string(c.district.empty() ? "市" : "区") + (r.percent(50) ? "财政安排经费" : "财政专项资金");
    } else if (roll < 70) {
      name = domain_project(c) + "（其他收入资金）";
    } else {
      name = project_name(c, unit_name);
    }
  } else if (funding == Funding::Other) {
    name = "非财政拨款资金结转-" + domain_project(c);
  } else {
    name = project_name(c, unit_name);
  }
  // Seed 003 names central-transfer projects "…-2023中央"; it is also where
  // a reader finds the budget year in that layout.
  const std::string base = name;  // goals and purposes speak of the project, not its budget line
  if (c.grid && central_suffix) name += "-" + std::to_string(c.year) + "中央";
  p.name = unique_name(used, name);
  fill_amounts(p.amounts, draw_total_cents(r), funding, r);
  if (c.grid) p.purpose = purpose_text(c, base);
  p.goal = goal_text(c, base);
  p.indicators = make_indicators(c);
  return p;
}

Funding draw_funding(Context& c) {
  SynthRng& r = c.rng;
  if (!c.grid && r.percent(c.opt.special_percent)) return Funding::All;
  if (r.percent(c.opt.mixed_funding_percent)) return Funding::Mixed;
  return Funding::Fiscal;
}

Unit make_unit(Context& c, const std::string& name, std::size_t project_count) {
  SynthRng& r = c.rng;
  Unit u;
  u.name = name;
  NameSet used;
  // At most one project funded by 其他资金 alone, never the only one, so the
  // unit still prints a 财政拨款 figure and the reading stays unique.
  std::size_t other_index = project_count;
  if (project_count >= 2 && r.percent(c.opt.other_only_percent)) other_index = 1 + r.below(project_count - 1);
  u.projects.reserve(project_count);
  for (std::size_t i = 0; i < project_count; ++i) {
    Funding f = i == other_index ? Funding::Other : draw_funding(c);
    bool central = c.grid && (i == 0 || r.percent(40));
    u.projects.push_back(make_project(c, used, name, f, central));
  }
  if (other_index < project_count && !c.grid) make_other_only_unique(u, other_index);
  if (!c.grid) {
    std::vector<const Amounts*> parts;
    for (const Project& p : u.projects) parts.push_back(&p.amounts);
    u.amounts = sum_amounts(parts);
  }
  return u;
}

std::vector<std::size_t> split_projects(Context& c, std::size_t units) {
  SynthRng& r = c.rng;
  const GenerateOptions& o = c.opt;
  std::vector<std::size_t> counts(units);
  if (o.projects > 0) {
    // Spread a fixed total: the first unit (the department itself) gets the
    // largest share, as in published tables.
    std::size_t left = std::max(o.projects, units);
    for (std::size_t i = units; i-- > 1;) {
      std::size_t share = std::max<std::size_t>(1, left / (units * 2));
      counts[i] = share;
      left -= share;
    }
    counts[0] = left;
    return counts;
  }
  for (auto& n : counts) {
    n = static_cast<std::size_t>(
        r.between(std::max(1, o.min_projects), std::max(o.min_projects, o.max_projects)));
  }
  return counts;
}

}  // namespace

bool is_known_layout(const std::string& layout) { return layout == "summary" || layout == "project-grid"; }

Document generate_document(std::uint64_t seed, const GenerateOptions& options) {
  // Decorrelate neighbouring seeds (1, 2, 3 …) before drawing anything.
  SynthRng rng(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
  Context c(rng, options);
  c.grid = options.layout == "project-grid";
  c.year = static_cast<int>(rng.between(2019, 2025));
  make_department(c);

  Document doc;
  doc.kind = DocumentKind::Project;
  doc.department = c.department;
  doc.amount_unit = "万元";
  doc.layout = c.grid ? "project-grid" : "summary";
  doc.encoding = "utf-8";

  if (c.grid) {
    // Seed 003: a code printed before the name, the year in the project
    // titles, no 合计 and no unit rows (so one unit named after the
    // department, without amounts).
    doc.department_code = std::to_string(100000 + rng.below(900000));
    doc.year = c.year;
    std::size_t n = split_projects(c, 1)[0];
    Unit u = make_unit(c, c.department, n);
    u.code = doc.department_code;
    // A lone table's own title is the document's title (FORMAT.md: several
    // tables give the common title or none).
    if (u.projects.size() == 1) doc.title = *u.projects[0].name + "绩效目标表";
    doc.units.push_back(std::move(u));
    return doc;
  }

  doc.title = rng.percent(85) ? "项目支出绩效目标表（含转移支付项目）" : "项目支出绩效目标表";
  int lo = std::max(1, options.min_units), hi = std::max(lo, options.max_units);
  std::size_t units = static_cast<std::size_t>(rng.percent(60) ? lo : rng.between(lo, hi));
  std::vector<std::size_t> counts = split_projects(c, units);
  NameSet unit_names;
  unit_names.names.insert(c.department);
  std::vector<std::string> names{c.department};
  for (int attempts = 0; names.size() < units; ++attempts) {
    std::string n = subordinate_unit(c);
    if (unit_names.names.insert(n).second)
      names.push_back(n);
    else if (attempts > 20)
      names.push_back(unique_name(unit_names, n));
  }
  std::vector<const Amounts*> parts;
  for (std::size_t i = 0; i < units; ++i) {
    doc.units.push_back(make_unit(c, names[i], counts[i]));
  }
  for (const Unit& u : doc.units) parts.push_back(&u.amounts);
  doc.total = sum_amounts(parts);
  return doc;
}

}  // namespace jixiao
