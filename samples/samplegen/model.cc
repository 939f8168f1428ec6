#include "model.h"

namespace samplegen {

const char* category_id(Category c) {
  switch (c) {
    case Category::kGeneral:
      return "general_model";
    case Category::kSpecialized:
      return "specialized_model";
    case Category::kAdaptation:
      return "adaptation_service";
    case Category::kSecurity:
      return "security_testing";
    case Category::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string category_text(Category c) {
  switch (c) {
    case Category::kGeneral:
      return "（一）支持通用大模型设计构建";
    case Category::kSpecialized:
      return "（二）支持专用细分模型研发应用";
    case Category::kAdaptation:
      return "（三）支持实用适配服务";
    case Category::kSecurity:
      return "（四）支持自主安全";
    case Category::kUnknown:
      return "";
  }
  return "";
}

const char* material_id(Material m) {
  switch (m) {
    case Material::kApplicationForm:
      return "application_form";
    case Material::kBusinessLicense:
      return "business_license";
    case Material::kStreetApproval:
      return "street_approval";
    case Material::kCreditReport:
      return "credit_report";
    case Material::kAuditReport:
      return "audit_report";
    case Material::kProjectReport:
      return "project_report";
    case Material::kInvestmentTable:
      return "investment_table";
    case Material::kHonors:
      return "honors";
    case Material::kEligibilityProof:
      return "eligibility_proof";
    case Material::kOther:
      return "other";
  }
  return "other";
}

bool material_required(Material m) { return m != Material::kHonors && m != Material::kOther; }

bool material_needs_seal(Material m) { return m != Material::kOther; }

std::vector<Material> all_materials() {
  return {Material::kApplicationForm,  Material::kBusinessLicense,
          Material::kStreetApproval,   Material::kCreditReport,
          Material::kAuditReport,      Material::kProjectReport,
          Material::kInvestmentTable,  Material::kHonors,
          Material::kEligibilityProof, Material::kOther};
}

const char* inv_category_id(InvCategory c) {
  switch (c) {
    case InvCategory::kHardware:
      return "hardware";
    case InvCategory::kDevelopment:
      return "development";
    case InvCategory::kTesting:
      return "testing";
    case InvCategory::kPersonnel:
      return "personnel";
  }
  return "other";
}

const char* inv_category_label(InvCategory c) {
  switch (c) {
    case InvCategory::kHardware:
      return "硬件设施";
    case InvCategory::kDevelopment:
      return "开发费用";
    case InvCategory::kTesting:
      return "测试费用";
    case InvCategory::kPersonnel:
      return "人员工资";
  }
  return "其他";
}

int64_t Investment::total_fen() const {
  int64_t s = 0;
  for (const auto& r : rows) s += r.amount_fen;
  return s;
}

int64_t Investment::hardware_fen() const {
  int64_t s = 0;
  for (const auto& r : rows)
    if (r.category == InvCategory::kHardware) s += r.amount_fen;
  return s;
}

double Investment::hardware_share() const {
  const int64_t t = total_fen();
  return t > 0 ? static_cast<double>(hardware_fen()) / static_cast<double>(t) : 0.0;
}

int Credit::records_in_two_years() const {
  int n = 0;
  for (const auto& r : records)
    if (r.within_two_years) ++n;
  // A listing on the serious-dishonesty list is itself a bad record.
  if (serious_dishonesty && report_date.days() - serious_date.days() <= 730) ++n;
  return n;
}

const std::string& Facts::uscc_for(Material m) const {
  auto it = uscc_on.find(m);
  return it == uscc_on.end() ? company.uscc : it->second;
}

const std::string& Facts::name_for(Material m) const {
  auto it = name_on.find(m);
  return it == name_on.end() ? company.name : it->second;
}

}  // namespace samplegen
