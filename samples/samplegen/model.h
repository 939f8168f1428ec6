// The data model of one synthetic applicant: every fact any document shows, in one place.
//
// Drawers print these facts; the ground truth is computed from the same facts. Where a
// planted defect makes one document disagree with the others (a different code, a different
// name), the disagreement is stored here too (uscc_on / name_on), so that the drawer of that
// document and the ground truth read the same value.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "numbers.h"

namespace samplegen {

// The support categories of domain.md (扶持内容, section 三).
enum class Category { kGeneral, kSpecialized, kAdaptation, kSecurity, kUnknown };
const char* category_id(Category c);  // "general_model", …, "unknown"
std::string category_text(Category c);  // "（一）支持通用大模型设计构建", … ("" for unknown)

// The materials of domain.md (申报材料, section 七).
enum class Material {
  kApplicationForm,
  kBusinessLicense,
  kStreetApproval,
  kCreditReport,
  kAuditReport,
  kProjectReport,
  kInvestmentTable,
  kHonors,
  kEligibilityProof,
  kOther,
};
const char* material_id(Material m);  // "application_form", …
bool material_required(Material m);   // the "required" column of domain.md
// Whether documents of this material must bear a seal. Every material does (申报材料均需
// 加盖企业公章) except `other`, which holds things the applicant did not issue (the
// bureau's own notice) and is not checked.
bool material_needs_seal(Material m);
std::vector<Material> all_materials();

struct Company {
  std::string name;          // 上海云擎智能科技有限公司
  std::string brand;         // 云擎 (the distinctive part of the name)
  std::string brand_pinyin;  // YunQing (for filing numbers)
  std::string suffix;        // 智能科技 (the trade part of the name)
  std::string uscc;          // 统一社会信用代码, valid unless USCC_INVALID is planted
  std::string type;          // 有限责任公司（自然人投资或控股）
  std::string legal_rep;     // 法定代表人
  int64_t registered_capital_fen = 0;
  Date founded;         // 成立日期
  Date license_issued;  // 发照日期 on the license
  std::string address;  // 住所, 上海市松江区…镇…路…号
  std::string town;     // 九亭镇 (the street/town of the address)
  bool in_songjiang = true;
  std::string authority;       // 登记机关, 上海市松江区市场监督管理局
  std::string business_scope;  // 经营范围
  std::string contact, phone;  // 联系人, 联系电话
};

enum class InvCategory { kHardware, kDevelopment, kTesting, kPersonnel };
const char* inv_category_id(InvCategory c);  // "hardware", …
const char* inv_category_label(InvCategory c);  // 硬件设施, 开发费用, 测试费用, 人员工资

struct InvestmentRow {
  InvCategory category;
  std::string item;  // 明细内容, e.g. GPU服务器
  std::string spec;  // 规格/说明 column
  int64_t amount_fen = 0;
};

struct Investment {
  std::vector<InvestmentRow> rows;
  int64_t stated_total_fen = 0;     // the 合计 line as printed
  bool unit_wan = false;            // 单位：万元 (else 元)
  std::string total_word = "合计";  // 合计 | 总计
  int64_t total_fen() const;        // sum of the rows
  int64_t hardware_fen() const;
  double hardware_share() const;  // hardware / total
};

// One line of a financial statement.
struct StatementLine {
  std::string label;
  std::optional<int64_t> current_fen, prior_fen;  // empty for section captions (流动资产：)
  bool bold = false;                              // totals
  int indent = 0;                                 // 0 caption/total, 1 item
};

struct Audit {
  int fiscal_year = 2024;
  std::string firm;        // 上海沪松会计师事务所有限公司
  std::string report_no;   // 沪松会审字〔2025〕第0312号
  std::string cpa1, cpa2;  // 中国注册会计师
  Date opinion_date;
  std::vector<StatementLine> balance;  // 资产负债表
  std::vector<StatementLine> income;   // 利润表
  // The figures as printed (current year).
  int64_t total_assets_fen = 0, total_liabilities_fen = 0, owners_equity_fen = 0;
  int64_t revenue_fen = 0, net_profit_fen = 0, rd_expense_fen = 0;
};

struct CreditRecord {
  std::string kind;       // 行政处罚 | 经营异常
  std::string doc_no;     // 决定书文号 / 列入决定书文号
  std::string reason;     // 处罚事由 / 列入原因
  std::string content;    // 处罚内容
  std::string authority;  // 处罚机关 / 作出决定机关
  Date date;
  bool within_two_years = true;
};

struct Credit {
  std::string report_no;
  Date report_date;
  std::string generated_at;  // 2025-06-03 10:21:37
  bool serious_dishonesty = false;
  std::string serious_list, serious_reason, serious_authority;  // when listed
  Date serious_date;
  std::vector<CreditRecord> records;
  // Bad records dated within two years before the report: 行政处罚 and 经营异常 entries, and
  // the 严重失信主体名单 listing itself.
  int records_in_two_years() const;
};

struct ModelInfo {
  std::string model_name;  // 云擎大模型
  int64_t parameters = 0;
  int parameter_style = 0;    // numbers.h format_parameters style
  std::string filing_number;  // empty when FILING_MISSING is planted
  std::string filing_kind;    // "filing" | "registration" | ""
  Date filing_date;
  std::string evaluator;  // SuperCLUE, …
  double eval_score = 0;
  int eval_rank = 0;
  std::string domain;    // vertical field of a specialized model: 工业质检
  std::string scenario;  // application scenario in Songjiang
  std::string customer;  // the user of the scenario / case
};

struct AdaptationClient {
  std::string industry, client, scenario;
  Date online;
  int64_t monthly_calls = 0;
};

struct AdaptationInfo {
  std::string product;                  // 云擎智算适配中间件 V2.1
  std::vector<std::string> industries;  // distinct, in order of first appearance
  std::vector<AdaptationClient> clients;
  int64_t total_calls = 0;
};

struct SecurityInfo {
  std::string product;       // 云擎分布式存储系统V3.0
  std::string product_kind;  // 操作存储系统
  std::string lab;           // the testing body
  std::string report_no;
  int64_t fee_fen = 0;  // 检测服务费 (the invoice)
  bool first_pass = true;
  Date test_date;
  std::string invoice_no;
};

struct Application {
  std::string project_name;
  std::string category_text;  // as printed on the form
  int64_t requested_fen = 0;
  Date date;            // 申报日期 (2025)
  std::string period;   // 项目起止时间
  std::string summary;  // 项目简介
};

struct StreetApproval {
  std::string government;  // 上海市松江区九亭镇人民政府
  std::string opinion;     // 初审意见
  std::string handler;     // 经办人
  Date date;
};

struct Honor {
  std::string title;  // 上海市“专精特新”中小企业
  std::string issuer;
  std::string number;
  Date date;
};

struct ProjectStory {
  std::string background, content, directions, tech, functions, results;
  int64_t total_investment_fen = 0;  // 实际总投资 as stated in the report
};

struct Facts {
  Category category = Category::kGeneral;  // the project's true category
  bool category_stated = true;             // false: no document names the category
  Company company;
  std::map<Material, std::string> uscc_on;  // documents showing another code
  std::map<Material, std::string> name_on;  // documents showing another name
  Application app;
  Investment investment;
  Audit audit;
  Credit credit;
  ProjectStory project;
  std::optional<ModelInfo> model;
  std::optional<AdaptationInfo> adaptation;
  std::optional<SecurityInfo> security;
  StreetApproval street;
  Honor honor;

  const std::string& uscc_for(Material m) const;
  const std::string& name_for(Material m) const;
};

}  // namespace samplegen
