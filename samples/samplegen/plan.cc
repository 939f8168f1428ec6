#include "plan.h"

#include <algorithm>

namespace samplegen {

const char* defect_code(Defect d) {
  switch (d) {
    case Defect::kMaterialMissing:
      return "MATERIAL_MISSING";
    case Defect::kSealMissing:
      return "SEAL_MISSING";
    case Defect::kHardwareShareExceeded:
      return "HARDWARE_SHARE_EXCEEDED";
    case Defect::kInvestmentSumMismatch:
      return "INVESTMENT_SUM_MISMATCH";
    case Defect::kUsccMismatch:
      return "USCC_MISMATCH";
    case Defect::kUsccInvalid:
      return "USCC_INVALID";
    case Defect::kNameMismatch:
      return "NAME_MISMATCH";
    case Defect::kNotInSongjiang:
      return "NOT_IN_SONGJIANG";
    case Defect::kAuditYearMismatch:
      return "AUDIT_YEAR_MISMATCH";
    case Defect::kAuditUnbalanced:
      return "AUDIT_UNBALANCED";
    case Defect::kCreditSeriousDishonesty:
      return "CREDIT_SERIOUS_DISHONESTY";
    case Defect::kCreditRecordsFound:
      return "CREDIT_RECORDS_FOUND";
    case Defect::kParametersBelowThreshold:
      return "PARAMETERS_BELOW_THRESHOLD";
    case Defect::kFilingMissing:
      return "FILING_MISSING";
    case Defect::kRequestExceedsCap:
      return "REQUEST_EXCEEDS_CAP";
    case Defect::kEncryptedPdf:
      return "DOCUMENT_UNREADABLE";
    case Defect::kCorruptPdf:
      return "DOCUMENT_UNREADABLE";
    case Defect::kPathTraversal:
      return "ARCHIVE_REJECTED";
    case Defect::kDuplicateDocument:
      return "DUPLICATE_DOCUMENT";
    case Defect::kCategoryUnknown:
      return "CATEGORY_UNKNOWN";
    case Defect::kFaintScan:
      return "OCR_LOW_CONFIDENCE";
  }
  return "";
}

bool BundlePlan::has(Defect d) const {
  return std::any_of(defects.begin(), defects.end(),
                     [d](const PlannedDefect& p) { return p.kind == d; });
}

Material BundlePlan::target(Defect d) const {
  for (const auto& p : defects)
    if (p.kind == d) return p.material;
  return Material::kOther;
}

namespace {

using C = Category;
using D = Defect;
using M = Material;

// The script: every category, every code, every packaging trick, a few clean bundles.
BundlePlan scripted(int index) {
  BundlePlan p;
  p.index = index;
  switch (index) {
    case 0:  // clean general model: XLSX table, license photographed
      p.category = C::kGeneral;
      p.investment_form = InvestmentForm::kXlsx;
      p.license_photo = true;
      break;
    case 1:  // clean specialized model delivered as a folder, registration instead of filing
      p.category = C::kSpecialized;
      p.packaging = Packaging::kFolder;
      p.filing_kind = "registration";
      p.audit_scanned = false;
      p.license_png = true;
      break;
    case 2:  // adaptation: no street approval, unsealed credit report, a duplicated file
      p.category = C::kAdaptation;
      p.defects = {{D::kMaterialMissing, M::kStreetApproval},
                   {D::kSealMissing, M::kCreditReport},
                   {D::kDuplicateDocument, M::kBusinessLicense}};
      p.investment_form = InvestmentForm::kScannedPdf;
      p.audit_scanned = false;
      break;
    case 3:  // security: request above the cap, a ../ entry, a corrupt PDF; nested ZIP
      p.category = C::kSecurity;
      p.defects = {{D::kRequestExceedsCap, M::kApplicationForm},
                   {D::kPathTraversal, M::kOther},
                   {D::kCorruptPdf, M::kOther}};
      p.nested_zip = true;
      p.license_photo = true;
      p.audit_scanned = false;
      break;
    case 4:  // general model of 800亿 parameters, hardware above 30 %
      p.category = C::kGeneral;
      p.defects = {{D::kParametersBelowThreshold, M::kProjectReport},
                   {D::kHardwareShareExceeded, M::kInvestmentTable}};
      p.negative_profit = true;
      break;
    case 5:  // specialized model, everything merged into one PDF; table and audit wrong
      p.category = C::kSpecialized;
      p.merged_pdf = true;
      p.include_notice = false;
      p.defects = {{D::kInvestmentSumMismatch, M::kInvestmentTable},
                   {D::kAuditUnbalanced, M::kAuditReport}};
      break;
    case 6:  // general model: no filing number, bad credit records, a code failing its check;
             // the street approval fed sideways, the application form scanned
      p.category = C::kGeneral;
      p.defects = {{D::kFilingMissing, M::kEligibilityProof},
                   {D::kCreditRecordsFound, M::kCreditReport},
                   {D::kUsccInvalid, M::kBusinessLicense}};
      p.sideways_page = true;
      p.application_scanned = true;
      p.audit_scanned = false;
      p.investment_form = InvestmentForm::kScannedPdf;
      break;
    case 7:  // adaptation, registered in 闵行区, another name on the form, seriously dishonest
      p.category = C::kAdaptation;
      p.defects = {{D::kNotInSongjiang, M::kBusinessLicense},
                   {D::kNameMismatch, M::kApplicationForm},
                   {D::kCreditSeriousDishonesty, M::kCreditReport}};
      p.investment_form = InvestmentForm::kXlsx;
      p.audit_scanned = false;
      break;
    case 8:  // specialized: another code on the application form, audit of 2023, encrypted PDF
      p.category = C::kSpecialized;
      p.defects = {{D::kUsccMismatch, M::kApplicationForm},
                   {D::kAuditYearMismatch, M::kAuditReport},
                   {D::kEncryptedPdf, M::kHonors}};
      p.license_photo = true;
      break;
    default:  // 9: no application form, no category anywhere, one faint scan
      p.category = C::kUnknown;
      p.defects = {{D::kCategoryUnknown, M::kApplicationForm},
                   {D::kMaterialMissing, M::kApplicationForm},
                   {D::kFaintScan, M::kOther}};
      p.include_notice = false;
      p.audit_scanned = false;
      break;
  }
  return p;
}

// Defects that need the document a MATERIAL_MISSING might remove: the two never meet in one
// random plan (in either order).
bool needs_documents(Defect d) {
  switch (d) {
    case D::kSealMissing:
    case D::kCreditSeriousDishonesty:
    case D::kCreditRecordsFound:
    case D::kAuditUnbalanced:
    case D::kAuditYearMismatch:
    case D::kInvestmentSumMismatch:
    case D::kHardwareShareExceeded:
    case D::kRequestExceedsCap:
    case D::kNameMismatch:
    case D::kUsccMismatch:
    case D::kParametersBelowThreshold:
      return true;
    default:
      return false;
  }
}

bool compatible(const BundlePlan& p, Defect d) {
  const bool model = p.category == C::kGeneral || p.category == C::kSpecialized;
  if (p.has(d)) return false;
  if (d == D::kMaterialMissing) {
    for (const auto& x : p.defects)
      if (needs_documents(x.kind)) return false;
  }
  if (needs_documents(d) && p.has(D::kMaterialMissing)) return false;
  switch (d) {
    case D::kHardwareShareExceeded:
      return model;
    case D::kParametersBelowThreshold:
      return p.category == C::kGeneral;
    case D::kFilingMissing:
      return model;
    case D::kUsccInvalid:
      return !p.has(D::kUsccMismatch);
    case D::kUsccMismatch:
      return !p.has(D::kUsccInvalid);
    case D::kCreditSeriousDishonesty:
      return !p.has(D::kCreditRecordsFound);
    case D::kCreditRecordsFound:
      return !p.has(D::kCreditSeriousDishonesty);
    case D::kCategoryUnknown:
      return false;  // only scripted (it changes the whole bundle)
    default:
      return true;
  }
}

}  // namespace

BundlePlan make_plan(int index, Rng& rng) {
  if (index < kScriptedPlans) return scripted(index);
  BundlePlan p;
  p.index = index;
  p.category = rng.pick(std::vector<C>{C::kGeneral, C::kSpecialized, C::kAdaptation, C::kSecurity});
  p.packaging = rng.chance(0.15) ? Packaging::kFolder : Packaging::kZip;
  p.nested_zip = p.packaging == Packaging::kZip && rng.chance(0.2);
  p.merged_pdf = !p.nested_zip && rng.chance(0.1);
  p.license_photo = rng.chance(0.4);
  p.license_png = rng.chance(0.2);
  p.sideways_page = rng.chance(0.15);
  p.application_scanned = rng.chance(0.25);
  p.audit_scanned = rng.chance(0.6);
  p.include_honors = rng.chance(0.7);
  p.include_notice = rng.chance(0.3);
  p.negative_profit = rng.chance(0.2);
  p.investment_form = rng.pick(std::vector<InvestmentForm>{
      InvestmentForm::kXlsx, InvestmentForm::kTextPdf, InvestmentForm::kScannedPdf});
  p.filing_kind = p.category == C::kSpecialized && rng.chance(0.5) ? "registration" : "filing";
  const int n = static_cast<int>(rng.uniform(0, 3));
  const std::vector<D> pool = {D::kMaterialMissing,
                               D::kSealMissing,
                               D::kHardwareShareExceeded,
                               D::kInvestmentSumMismatch,
                               D::kUsccMismatch,
                               D::kUsccInvalid,
                               D::kNameMismatch,
                               D::kNotInSongjiang,
                               D::kAuditYearMismatch,
                               D::kAuditUnbalanced,
                               D::kCreditSeriousDishonesty,
                               D::kCreditRecordsFound,
                               D::kParametersBelowThreshold,
                               D::kFilingMissing,
                               D::kRequestExceedsCap,
                               D::kEncryptedPdf,
                               D::kCorruptPdf,
                               D::kPathTraversal,
                               D::kDuplicateDocument,
                               D::kFaintScan};
  for (int tries = 0; static_cast<int>(p.defects.size()) < n && tries < 50; ++tries) {
    D d = rng.pick(pool);
    if (!compatible(p, d)) continue;
    if (d == D::kPathTraversal && p.packaging == Packaging::kFolder) continue;
    // One merged PDF cannot also hold a missing, unsealed, duplicated, unreadable or faint file.
    if (p.merged_pdf &&
        (d == D::kSealMissing || d == D::kDuplicateDocument || d == D::kMaterialMissing ||
         d == D::kEncryptedPdf || d == D::kCorruptPdf || d == D::kFaintScan))
      continue;
    PlannedDefect pd{d, M::kOther};
    switch (d) {
      case D::kMaterialMissing:
        pd.material = rng.pick(std::vector<M>{M::kStreetApproval, M::kCreditReport, M::kAuditReport,
                                              M::kProjectReport});
        break;
      case D::kSealMissing:
        pd.material =
            rng.pick(std::vector<M>{M::kCreditReport, M::kProjectReport, M::kApplicationForm});
        break;
      case D::kUsccMismatch:
        pd.material = rng.pick(std::vector<M>{M::kApplicationForm, M::kCreditReport});
        break;
      case D::kNameMismatch:
        pd.material = rng.pick(std::vector<M>{M::kApplicationForm, M::kCreditReport});
        break;
      case D::kEncryptedPdf:
        pd.material = M::kHonors;
        break;
      case D::kDuplicateDocument:
        pd.material = M::kBusinessLicense;
        break;
      default:
        break;
    }
    p.defects.push_back(pd);
  }
  if (p.has(D::kEncryptedPdf)) p.include_honors = true;
  return p;
}

}  // namespace samplegen
