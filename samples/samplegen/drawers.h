// Document drawers: one function per kind of paper an applicant submits, each printing
// facts from the model onto A4 pages (DocDraft) the way the real paper looks — official
// titles, ruled tables, signature lines, seals over the text.
//
// A drawer never decides facts: it prints what Facts holds (including a planted
// disagreement such as another code on one document, via Facts::uscc_for / name_for) and
// only chooses looks (fonts, layout variant, seal angle) from DrawContext.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.h"
#include "painter.h"
#include "render.h"

namespace samplegen {

struct DrawContext {
  const Facts* facts = nullptr;
  Material material = Material::kOther;  // what is being drawn (for uscc_for / name_for)
  bool company_seal = true;              // false: the applicant forgot to stamp this document
  bool edge_seal = false;                // 骑缝章: half a seal at the right edge of every page
  std::string body_family = kSerif;
  int variant = 0;    // layout / wording variant (drawers use it mod their count)
  uint64_t seed = 1;  // seal angles and textures, small offsets

  const Facts& f() const { return *facts; }
  const std::string& uscc() const { return facts->uscc_for(material); }
  const std::string& name() const { return facts->name_for(material); }
  // A small deterministic number in [lo, hi] derived from the seed and `salt`.
  double jitter(double lo, double hi, int salt) const;
};

// The applicant's official seal (公章): 38-45 mm, star, name around the rim, seal code below.
SealSpec company_seal(const DrawContext& c, int salt = 0);
// Another body's round seal (authority, town government, audit firm, lab, customer).
SealSpec other_seal(const std::string& rim, const std::string& centre, uint64_t seed,
                    double diameter_mm = 42);

// 项目申报书 (platform-generated form; cover, two tables, commitment with seal).
DocDraft draw_application_form(const DrawContext& c);
// 营业执照 (副本), one page; `copy_stamp` adds "与原件一致" and the company seal.
DocDraft draw_business_license(const DrawContext& c, bool copy_stamp);
// 松江区产业专项补贴项目街镇初审意见表, with the town's seal and the company's.
DocDraft draw_street_approval(const DrawContext& c);
// "信用中国" 法人和非法人组织公共信用信息报告.
DocDraft draw_credit_report(const DrawContext& c);
// 审计报告: opinion page, 资产负债表, 利润表.
DocDraft draw_audit_report(const DrawContext& c);
// 项目情况报告.
DocDraft draw_project_report(const DrawContext& c);
// 项目投资明细表 (the table as a printed page).
DocDraft draw_investment_table(const DrawContext& c);
// 投资印证材料: invoices (发票) for the largest rows, one per page.
DocDraft draw_investment_invoices(const DrawContext& c, int count);
// 荣誉证书 (landscape certificate).
DocDraft draw_honor(const DrawContext& c);
// Eligibility evidence by category.
DocDraft draw_filing_record(const DrawContext& c);  // 生成式人工智能服务备案/登记 proof
DocDraft draw_evaluation_report(const DrawContext& c);  // third-party evaluation (general)
DocDraft draw_application_cases(const DrawContext& c);  // scenario / cases (models)
DocDraft draw_industry_list(const DrawContext& c);      // adaptation: industries served
DocDraft draw_security_report(const DrawContext& c);    // 商用密码 test report
DocDraft draw_fee_invoice(const DrawContext& c);        // the test fee invoice
DocDraft draw_service_proof(const DrawContext& c);  // generic 服务成效证明 (unknown category)
// The bureau's red-headed notice (红头文件): red title and rule, no seal.
DocDraft draw_red_notice(const DrawContext& c);
// A short letter (场地使用证明 / 补充说明), one page; sealed when c.company_seal.
DocDraft draw_letter(const DrawContext& c, const std::string& title, const std::string& body);

}  // namespace samplegen
