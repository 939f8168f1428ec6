#include "pipeline/load/loader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "pipeline/core/text.h"
#include "pipeline/load/image.h"
#include "pipeline/load/pdf.h"
#include "pipeline/load/pdf_scan.h"

namespace shenbao {

namespace {

constexpr const char* kUnreadable = "DOCUMENT_UNREADABLE";

using Clock = std::chrono::steady_clock;

// Adds the time since `t0` to result.stage_seconds[stage] and returns now (for --timings).
Clock::time_point add_seconds(LoadResult& result, const char* stage, Clock::time_point t0) {
  const Clock::time_point now = Clock::now();
  result.stage_seconds[stage] += std::chrono::duration<double>(now - t0).count();
  return now;
}

// Builds a DOCUMENT_UNREADABLE finding for `doc`.
Finding unreadable_finding(const Document& doc, Severity severity, std::string message,
                           std::string detail, std::optional<int> page = std::nullopt) {
  Finding f;
  f.code = kUnreadable;
  f.severity = severity;
  f.document = doc.path;
  f.page = page;
  f.message = std::move(message);
  f.detail = std::move(detail);
  return f;
}

// Marks the whole document unreadable with an error finding.
void fail_document(LoadResult& result, DocStatus status, const Status& why, std::string message) {
  result.document.status = status;
  result.document.error = why.ToString();
  result.findings.push_back(
      unreadable_finding(result.document, Severity::kError, std::move(message), why.ToString()));
}

// A page that could not be OCR'd keeps its error and gets a warning; the document stays ok.
void page_problem(LoadResult& result, Page& page, const Status& why, std::string message) {
  page.error = why.ToString();
  result.findings.push_back(unreadable_finding(result.document, Severity::kWarning,
                                               std::move(message), why.ToString(), page.number));
}

void note_page_limit(LoadResult& result, int max_pages) {
  result.findings.push_back(
      unreadable_finding(result.document, Severity::kWarning,
                         "文件页数超过上限，仅读取前 " + std::to_string(max_pages) + " 页",
                         "more than max_pages=" + std::to_string(max_pages) + " pages"));
}

// Scales `seals` from the pixels of an image at `from_dpi` into the units of `page`.
void place_seals(std::vector<Seal> seals, double from_dpi, Page& page) {
  const double k = from_dpi > 0 ? page.dpi / from_dpi : 1.0;
  for (Seal& seal : seals) {
    seal.box = {seal.box.x0 * k, seal.box.y0 * k, seal.box.x1 * k, seal.box.y1 * k};
    page.seals.push_back(std::move(seal));
  }
}

// Reads `image` with OCR (page_reading.h) into `page` (keeping its number); on failure the
// page keeps what it had (a PDF page its text layer) and still gets its seals and picture.
void ocr_into_page(LoadResult& result, OcrEngine& ocr, const Image& image, Page& page,
                   const LoadOptions& options) {
  PageReading reading =
      read_page_image(image, page.number, ocr, options.hooks, options.reading, &result.stage_seconds);
  if (reading.status.ok()) {
    page = std::move(reading.page);
    if (page.ocr_confidence && *page.ocr_confidence < options.min_page_confidence) {
      Finding f;
      f.code = "OCR_LOW_CONFIDENCE";
      f.severity = Severity::kWarning;
      f.document = result.document.path;
      f.page = page.number;
      const int percent = static_cast<int>(*page.ocr_confidence * 100 + 0.5);
      f.message = "第 " + std::to_string(page.number) + " 页扫描质量差，文字识别置信度仅 " +
                  std::to_string(percent) + "%，其中读取的数值不可信，请人工核对";
      f.detail = "mean word confidence " + std::to_string(*page.ocr_confidence);
      result.findings.push_back(std::move(f));
    }
    return;
  }
  place_seals(std::move(reading.page.seals), image.dpi, page);
  page.thumbnail_png = std::move(reading.page.thumbnail_png);
  page.thumbnail_width = reading.page.thumbnail_width;
  const Status& s = reading.status;
  const std::string n = std::to_string(page.number);
  page_problem(result, page, s,
               s.code() == Status::Code::kTimeout ? "第 " + n + " 页文字识别超时，未能读取"
                                                  : "第 " + n + " 页文字识别失败，未能读取");
}

// Page `index` of the PDF as its own stored JPEG, upright as displayed, when it is one
// full-page scan within the options' resolution range (pdf_scan.h); else nullopt.
// `scans` is opened on first use: most PDFs have no page to OCR.
std::optional<Image> stored_scan(const std::string& bytes, int index, const LoadOptions& options,
                                 std::optional<PdfScanImages>& scans, LoadResult& result) {
  if (options.scan_own_dpi_min <= 0) return std::nullopt;
  const auto t0 = Clock::now();
  if (!scans) scans.emplace(bytes);
  std::optional<PageScan> scan = scans->full_page_jpeg(index);
  if (!scan || scan->dpi < options.scan_own_dpi_min || scan->dpi > options.scan_own_dpi_max) {
    add_seconds(result, "text", t0);
    return std::nullopt;
  }
  Result<Image> image = decode_jpeg_as_stored(scan->jpeg, options.max_image_pixels);
  add_seconds(result, "decode", t0);
  if (!image.ok()) return std::nullopt;  // rendering the page is the fallback
  image.value().dpi = scan->dpi;
  if (scan->rotate == 0) return std::move(image).value();
  return turn_clockwise(image.value(), scan->rotate / 90);
}

// How many pages of `pdf` are read: all, up to max_pages.
int readable_pages(const PdfDocument& pdf, const LoadOptions& options) {
  return std::min(pdf.page_count(), std::max(options.max_pages, 0));
}

// Reads pages [first, first + count) of the PDF (all of them by default) into `result`.
void load_pdf(const std::string& bytes, const LoadOptions& options, OcrEngine& ocr,
              LoadResult& result, int first = 0, int count = std::numeric_limits<int>::max()) {
  auto t0 = Clock::now();
  Result<PdfDocument> opened = PdfDocument::open(bytes);
  add_seconds(result, "text", t0);
  if (!opened.ok()) {
    const bool encrypted = opened.status().code() == Status::Code::kEncrypted;
    fail_document(
        result, DocStatus::kUnreadable, opened.status(),
        encrypted ? "文件无法打开：PDF 已加密，需要密码" : "文件无法打开：PDF 文件已损坏");
    return;
  }
  const PdfDocument& pdf = opened.value();
  std::optional<PdfScanImages> scans;
  const int pages = readable_pages(pdf, options);
  if (pdf.page_count() > pages && first == 0) note_page_limit(result, options.max_pages);
  const int end = static_cast<int>(std::min<int64_t>(pages, int64_t{first} + std::max(count, 0)));

  for (int i = std::max(first, 0); i < end; ++i) {
    t0 = Clock::now();
    Result<Page> text = pdf.text_page(i);
    add_seconds(result, "text", t0);
    Page page;
    if (text.ok()) {
      page = std::move(text).value();
    } else {
      page.number = i + 1;  // broken page object: OCR of a render is the one chance left
    }
    if (decide_page_ocr(page, options).ocr) {
      if (std::optional<Image> scan = stored_scan(bytes, i, options, scans, result)) {
        ocr_into_page(result, ocr, *scan, page, options);
        result.document.pages.push_back(std::move(page));
        continue;
      }
      // Render as large as the pixel limit allows, but not below min_ocr_dpi.
      double dpi = options.ocr_dpi;
      if (Result<Box> box = pdf.page_box(i); box.ok()) {
        const double pixels = box->width() * box->height() * (dpi / 72.0) * (dpi / 72.0);
        const double limit = static_cast<double>(options.max_image_pixels);
        if (pixels > limit) dpi = std::floor(dpi * std::sqrt(limit / pixels));
      }
      if (dpi < options.min_ocr_dpi) {
        page_problem(result, page,
                     Status::Rejected("page too large to render at " +
                                      std::to_string(options.min_ocr_dpi) + " dpi"),
                     "第 " + std::to_string(i + 1) + " 页尺寸过大，未做文字识别");
      } else {
        // Colour only when a hook looks at it (seal ink is red); gray is enough for OCR.
        const ImageMode mode = options.hooks.inspect ? ImageMode::kRgb : ImageMode::kGray;
        t0 = Clock::now();
        Result<Image> image = pdf.render(i, dpi, mode, options.max_image_pixels);
        add_seconds(result, "render", t0);
        if (image.ok()) {
          ocr_into_page(result, ocr, image.value(), page, options);
        } else {
          page_problem(result, page, image.status(),
                       "第 " + std::to_string(i + 1) + " 页无法渲染，未做文字识别");
        }
      }
    } else if (!text.ok()) {
      page_problem(result, page, text.status(), "第 " + std::to_string(i + 1) + " 页无法读取");
    } else if (options.hooks.inspect) {
      // A text-layer page still needs its seal check: a small colour render suffices.
      t0 = Clock::now();
      Result<Image> image =
          pdf.render(i, options.inspect_dpi, ImageMode::kRgb, options.max_image_pixels);
      t0 = add_seconds(result, "render", t0);
      if (image.ok()) {
        options.hooks.inspect(image.value(), page);
        add_seconds(result, "seal", t0);
      }
    }
    result.document.pages.push_back(std::move(page));
  }
}

// The image's resolution, or an estimate when the stated one gives an implausible page size.
double plausible_dpi(const Image& image, const LoadOptions& options) {
  const double longer_px = std::max(image.width, image.height);
  if (longer_px <= 0) return image.dpi;
  const double longer_mm = image.dpi > 0 ? longer_px / image.dpi * 25.4 : 0;
  if (longer_mm >= options.plausible_long_side_min_mm &&
      longer_mm <= options.plausible_long_side_max_mm) {
    return image.dpi;
  }
  return longer_px / (options.assumed_long_side_mm / 25.4);
}

void load_image(const std::string& bytes, const LoadOptions& options, OcrEngine& ocr,
                LoadResult& result) {
  bool more_pages = false;
  const auto t0 = Clock::now();
  Result<std::vector<Image>> decoded = decode_image_pages(
      bytes, options.max_image_pixels, std::max(options.max_pages, 1), &more_pages);
  add_seconds(result, "decode", t0);
  if (!decoded.ok()) {
    const bool too_large = decoded.status().code() == Status::Code::kRejected;
    fail_document(result, DocStatus::kUnreadable, decoded.status(),
                  too_large ? "图片像素超过上限" : "文件无法打开：图片已损坏或格式不受支持");
    return;
  }
  if (more_pages) note_page_limit(result, options.max_pages);
  int number = 0;
  for (Image& image : decoded.value()) {
    image.dpi = plausible_dpi(image, options);
    Page page;
    page.number = ++number;
    page.width = image.width;
    page.height = image.height;
    page.dpi = image.dpi;
    if (options.ocr_enabled) {
      ocr_into_page(result, ocr, image, page, options);
    } else if (options.hooks.inspect) {
      const auto t1 = Clock::now();
      options.hooks.inspect(image, page);
      add_seconds(result, "seal", t1);
    }
    result.document.pages.push_back(std::move(page));
  }
}

void load_office(const std::string& bytes, const LoadOptions& options, LoadResult& result) {
  const Status s = load_ooxml(bytes, result.document.format, options.ooxml, result.document);
  if (!s.ok()) {
    result.document.pages.clear();
    result.document.tables.clear();
    fail_document(result, DocStatus::kUnreadable, s, "文件无法打开：文档已损坏");
  }
}

bool is_ole_compound_file(const std::string& bytes) {
  return bytes.size() >= 8 && bytes.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0;
}

}  // namespace

OcrDecision decide_page_ocr(const Page& page, const LoadOptions& options) {
  if (!options.ocr_enabled) return {false, "OCR is disabled"};
  const int chars = count_meaningful_chars(page.text());
  if (chars < options.min_text_chars) {
    return {true, "text layer has " + std::to_string(chars) +
                      " meaningful characters, fewer than " +
                      std::to_string(options.min_text_chars)};
  }
  return {false, "text layer has " + std::to_string(chars) + " meaningful characters"};
}

int pdf_pages_to_read(const std::string& bytes, const LoadOptions& options) {
  if (sniff_format(bytes) != Format::kPdf) return 0;
  Result<PdfDocument> opened = PdfDocument::open(bytes);
  return opened.ok() ? readable_pages(opened.value(), options) : 0;
}

LoadResult load_pdf_part(const std::string& path, const std::string& bytes,
                         const LoadOptions& options, OcrEngine& ocr, int first, int count) {
  LoadResult result;
  result.document.path = path;
  result.document.size = static_cast<int64_t>(bytes.size());
  result.document.format = Format::kPdf;
  load_pdf(bytes, options, ocr, result, first, count);
  return result;
}

LoadResult join_parts(std::vector<LoadResult> parts) {
  if (parts.empty()) return LoadResult{};
  // Every part opens the same bytes: a part that could not is the whole document's answer
  // (the first such, with its one finding, not one per part).
  for (LoadResult& part : parts) {
    if (part.document.status != DocStatus::kOk) return std::move(part);
  }
  LoadResult joined = std::move(parts.front());
  for (size_t i = 1; i < parts.size(); ++i) {
    LoadResult& part = parts[i];
    for (Page& page : part.document.pages) joined.document.pages.push_back(std::move(page));
    for (Finding& f : part.findings) joined.findings.push_back(std::move(f));
    for (const auto& [step, secs] : part.stage_seconds) joined.stage_seconds[step] += secs;
  }
  return joined;
}

LoadResult load_document(const std::string& path, const std::string& bytes,
                         const LoadOptions& options, OcrEngine& ocr) {
  LoadResult result;
  Document& doc = result.document;
  doc.path = path;
  doc.size = static_cast<int64_t>(bytes.size());
  doc.sha256 = sha256_hex(bytes);
  if (bytes.empty()) {
    fail_document(result, DocStatus::kUnreadable, Status::Corrupt("empty file"),
                  "文件无法打开：文件为空");
    return result;
  }
  doc.format = sniff_format(bytes);
  switch (doc.format) {
    case Format::kPdf:
      load_pdf(bytes, options, ocr, result);
      break;
    case Format::kImage:
      load_image(bytes, options, ocr, result);
      break;
    case Format::kDocx:
    case Format::kXlsx:
      load_office(bytes, options, result);
      break;
    case Format::kArchive:
      doc.status = DocStatus::kSkipped;
      break;
    case Format::kOther:
      doc.status = DocStatus::kSkipped;
      doc.error = "unsupported format";
      result.findings.push_back(unreadable_finding(
          doc, Severity::kWarning,
          is_ole_compound_file(bytes) ? "文件格式不受支持（旧版 Office 文档或加密文档）"
                                      : "文件格式不受支持",
          "unsupported format"));
      break;
  }
  return result;
}

}  // namespace shenbao
