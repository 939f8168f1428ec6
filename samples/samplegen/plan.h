// What one bundle will be: its category, how it is packed, which document forms it uses,
// and which defects are planted. A plan is drawn first; facts, documents and ground truth
// all follow from it.
//
// The first kScriptedPlans bundles of every run follow a fixed script that covers every
// category, every finding code of the contract and every packaging trick (folder bundle,
// nested ZIP, merged PDF, XLSX, phone photo, sideways page). Later bundles get random,
// mutually compatible plans.
//
// Thread safety: plain values and pure functions of the Rng.
#pragma once

#include <string>
#include <vector>

#include "model.h"
#include "rng.h"

namespace samplegen {

enum class Defect {
  kMaterialMissing,        // MATERIAL_MISSING: `material` has no document
  kSealMissing,            // SEAL_MISSING: the document of `material` is not sealed
  kHardwareShareExceeded,  // HARDWARE_SHARE_EXCEEDED: hardware 35-45 % of the rows
  kInvestmentSumMismatch,  // INVESTMENT_SUM_MISMATCH: 合计 ≠ sum of rows
  kUsccMismatch,           // USCC_MISMATCH: `material` shows another valid code
  kUsccInvalid,            // USCC_INVALID: the company's code has a wrong check character
  kNameMismatch,           // NAME_MISMATCH: `material` shows another company name
  kNotInSongjiang,         // NOT_IN_SONGJIANG: license address in 闵行区
  kAuditYearMismatch,      // AUDIT_YEAR_MISMATCH: audit of 2023
  kAuditUnbalanced,  // AUDIT_UNBALANCED: 资产总计 ≠ 负债合计 + 所有者权益合计
  kCreditSeriousDishonesty,   // CREDIT_SERIOUS_DISHONESTY: listed as seriously dishonest
  kCreditRecordsFound,        // CREDIT_RECORDS_FOUND: two bad records within two years
  kParametersBelowThreshold,  // PARAMETERS_BELOW_THRESHOLD: a general model of 800亿
  kFilingMissing,             // FILING_MISSING: no filing/registration number anywhere
  kRequestExceedsCap,         // REQUEST_EXCEEDS_CAP: request above the computed maximum
  kEncryptedPdf,              // DOCUMENT_UNREADABLE: a PDF with a user password
  kCorruptPdf,                // DOCUMENT_UNREADABLE: a truncated, garbled PDF
  kPathTraversal,             // ARCHIVE_REJECTED: a ZIP entry named ../…
  kDuplicateDocument,         // DUPLICATE_DOCUMENT: one file twice under two names
  kCategoryUnknown,           // CATEGORY_UNKNOWN (+ MATERIAL_MISSING application_form)
  kFaintScan,                 // OCR_LOW_CONFIDENCE: a barely legible scanned page
};

// The finding code a defect plants ("MATERIAL_MISSING", …).
const char* defect_code(Defect d);

struct PlannedDefect {
  Defect kind;
  Material material = Material::kOther;  // the document concerned, where it matters
};

enum class Packaging { kZip, kFolder };
enum class InvestmentForm { kXlsx, kTextPdf, kScannedPdf };

struct BundlePlan {
  int index = 0;  // 0-based position in the run
  Category category = Category::kGeneral;
  std::vector<PlannedDefect> defects;
  Packaging packaging = Packaging::kZip;
  bool nested_zip = false;           // evidence packed as a ZIP inside the bundle
  bool merged_pdf = false;           // everything in one 申报材料汇编.pdf
  bool license_photo = false;        // phone photo (else flatbed scan)
  bool license_png = false;          // PNG instead of JPEG
  bool sideways_page = false;        // the street approval scanned sideways (90°)
  bool application_scanned = false;  // the application form printed, sealed, scanned
  bool audit_scanned = true;         // image-only audit report
  bool include_honors = true;
  bool include_notice = true;    // the bureau's red-headed notice (no seal)
  bool negative_profit = false;  // a loss year (parentheses in the statements)
  InvestmentForm investment_form = InvestmentForm::kTextPdf;
  std::string filing_kind = "filing";  // specialized models: "filing" | "registration"

  bool has(Defect d) const;
  // The material of the first planted defect of kind d (kOther when none).
  Material target(Defect d) const;
};

constexpr int kScriptedPlans = 10;

// The plan of bundle `index` of a run.
BundlePlan make_plan(int index, Rng& rng);

}  // namespace samplegen
