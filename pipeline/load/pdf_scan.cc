#include "pipeline/load/pdf_scan.h"

// qpdf 11: use std::shared_ptr only, never the deprecated PointerHolder.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFMatrix.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cmath>
#include <exception>
#include <vector>

namespace shenbao {

namespace {

constexpr double kCoverTolerance = 0.01;  // of the page's width or height, per side
constexpr double kSquarePixels = 0.02;    // horizontal and vertical resolution may differ this much
constexpr size_t kMaxNesting = 64;        // q without Q

bool near(double value, double target, double tolerance) {
  return std::abs(value - target) <= tolerance;
}

// Whether the transformation turns or shears (anything but scaling and moving).
bool skewed(const QPDFMatrix& m) { return std::abs(m.b) > 1e-9 || std::abs(m.c) > 1e-9; }

// The page's crop box (falling back to the media box), normalised.
struct PageArea {
  double llx = 0, lly = 0, width = 0, height = 0;
  // Whether the rectangle [x0, x1] × [y0, y1] (any corner order) covers the whole area,
  // to within kCoverTolerance of its size on each side.
  bool covered_by(double x0, double y0, double x1, double y1) const {
    const double tx = kCoverTolerance * width, ty = kCoverTolerance * height;
    return std::min(x0, x1) <= llx + tx && std::max(x0, x1) >= llx + width - tx &&
           std::min(y0, y1) <= lly + ty && std::max(y0, y1) >= lly + height - ty;
  }
};

// An ExtGState that changes nothing about how an opaque image looks: full opacity, normal
// blending, no soft mask (what Cairo and scanner software write before drawing a scan).
bool harmless_state(QPDFObjectHandle state) {
  if (!state.isDictionary()) return false;
  for (const std::string& key : state.getKeys()) {
    QPDFObjectHandle v = state.getKey(key);
    double number = 0;
    if (key == "/Type" || key == "/SA" || key == "/AIS" || key == "/OP" || key == "/op" ||
        key == "/OPM") {
      continue;
    } else if (key == "/CA" || key == "/ca") {
      if (!v.getValueAsNumber(number) || number < 1) return false;
    } else if (key == "/BM") {
      if (!v.isNameAndEquals("/Normal") && !v.isNameAndEquals("/Compatible")) return false;
    } else if (key == "/SMask") {
      if (!v.isNameAndEquals("/None")) return false;
    } else {
      return false;
    }
  }
  return true;
}

// Follows a page's content stream and accepts it only when it draws one XObject and does
// nothing else that shows: q/Q/cm, harmless graphics states (gs) and clips that leave
// the whole page visible (re, W/W*, n). Records the XObject's name and the
// transformation it is drawn with.
class OneDrawing : public QPDFObjectHandle::ParserCallbacks {
 public:
  OneDrawing(PageArea area, QPDFObjectHandle states) : area_(area), states_(states) {}
  bool accepted() const { return ok_ && draws_ == 1; }
  const std::string& name() const { return name_; }
  const QPDFMatrix& placement() const { return placement_; }

  void handleObject(QPDFObjectHandle object) override {
    if (!ok_) return;
    if (!object.isOperator()) {
      operands_.push_back(object);
      if (operands_.size() > 6) reject();
      return;
    }
    const std::string op = object.getOperatorValue();
    double m[6];
    if (op == "q" && operands_.empty() && saved_.size() < kMaxNesting) {
      saved_.push_back(ctm_);
    } else if (op == "Q" && operands_.empty() && !saved_.empty()) {
      ctm_ = saved_.back();
      saved_.pop_back();
    } else if (op == "cm" && numbers(6, m)) {
      ctm_.concat(QPDFMatrix(m[0], m[1], m[2], m[3], m[4], m[5]));
    } else if (op == "re" && numbers(4, m) && !path_open_) {
      // A clipping rectangle must leave the page visible; no other path is allowed.
      double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      ctm_.transform(m[0], m[1], x0, y0);
      ctm_.transform(m[0] + m[2], m[1] + m[3], x1, y1);
      if (skewed(ctm_) || !area_.covered_by(x0, y0, x1, y1)) return reject();
      path_open_ = true;
    } else if ((op == "W" || op == "W*") && operands_.empty() && path_open_) {
    } else if (op == "n" && operands_.empty() && path_open_) {
      path_open_ = false;
    } else if (op == "gs" && operands_.size() == 1 && operands_[0].isName() &&
               states_.isDictionary() && harmless_state(states_.getKey(operands_[0].getName()))) {
    } else if (op == "Do" && operands_.size() == 1 && operands_[0].isName() && draws_ == 0 &&
               !path_open_) {
      name_ = operands_[0].getName();
      placement_ = ctm_;
      ++draws_;
    } else {
      return reject();
    }
    operands_.clear();
  }
  void handleEOF() override {
    if (!operands_.empty() || path_open_) ok_ = false;
  }

 private:
  bool numbers(size_t n, double* out) {
    if (operands_.size() != n) return false;
    for (size_t i = 0; i < n; ++i) {
      if (!operands_[i].getValueAsNumber(out[i])) return false;
    }
    return true;
  }
  void reject() {
    ok_ = false;
    terminateParsing();
  }

  PageArea area_;
  QPDFObjectHandle states_;
  bool ok_ = true;
  bool path_open_ = false;
  int draws_ = 0;
  std::string name_;
  QPDFMatrix ctm_;
  QPDFMatrix placement_;
  std::vector<QPDFMatrix> saved_;
  std::vector<QPDFObjectHandle> operands_;
};

// The image's filter is /DCTDecode alone (a name, or an array of that one name).
bool only_dct(QPDFObjectHandle filter) {
  if (filter.isArray()) {
    if (filter.getArrayNItems() != 1) return false;
    filter = filter.getArrayItem(0);
  }
  return filter.isNameAndEquals("/DCTDecode");
}

bool gray_or_rgb(QPDFObjectHandle space) {
  if (space.isArray() && space.getArrayNItems() == 2 &&
      space.getArrayItem(0).isNameAndEquals("/ICCBased")) {
    // An ICC profile with 1 or 3 components stands for gray or RGB.
    QPDFObjectHandle profile = space.getArrayItem(1);
    if (!profile.isStream()) return false;
    QPDFObjectHandle n = profile.getDict().getKey("/N");
    return n.isInteger() && (n.getIntValue() == 1 || n.getIntValue() == 3);
  }
  return space.isNameAndEquals("/DeviceGray") || space.isNameAndEquals("/DeviceRGB");
}

std::optional<PageScan> scan_of(QPDFPageObjectHelper page) {
  QPDFObjectHandle box = page.getCropBox();
  if (!box.isRectangle()) return std::nullopt;
  const QPDFObjectHandle::Rectangle crop = box.getArrayAsRectangle();
  PageArea area;
  area.llx = std::min(crop.llx, crop.urx);
  area.lly = std::min(crop.lly, crop.ury);
  area.width = std::abs(crop.urx - crop.llx);
  area.height = std::abs(crop.ury - crop.lly);
  if (area.width <= 0 || area.height <= 0) return std::nullopt;

  QPDFObjectHandle resources = page.getAttribute("/Resources", false);
  OneDrawing drawing(area, resources.isDictionary() ? resources.getKey("/ExtGState")
                                                    : QPDFObjectHandle::newNull());
  page.parseContents(&drawing);
  if (!drawing.accepted()) return std::nullopt;

  const std::map<std::string, QPDFObjectHandle> images = page.getImages();
  const auto found = images.find(drawing.name());
  if (found == images.end()) return std::nullopt;  // a form XObject, or a missing one
  QPDFObjectHandle image = found->second;
  QPDFObjectHandle dict = image.getDict();
  if (!only_dct(dict.getKey("/Filter"))) return std::nullopt;
  if (!gray_or_rgb(dict.getKey("/ColorSpace"))) return std::nullopt;
  for (const char* key : {"/ImageMask", "/Mask", "/SMask", "/Decode", "/DecodeParms"}) {
    QPDFObjectHandle value = dict.getKey(key);
    if (!value.isNull() && !(value.isBool() && !value.getBoolValue())) return std::nullopt;
  }
  QPDFObjectHandle bits = dict.getKey("/BitsPerComponent");
  if (!bits.isInteger() || bits.getIntValue() != 8) return std::nullopt;
  QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
  if (!w.isInteger() || !h.isInteger() || w.getIntValue() <= 0 || h.getIntValue() <= 0) {
    return std::nullopt;
  }

  // The image's unit square on the page: upright and unflipped, covering the crop box.
  const QPDFMatrix& m = drawing.placement();
  if (skewed(m) || m.a <= 0 || m.d <= 0) return std::nullopt;
  if (!area.covered_by(m.e, m.f, m.e + m.a, m.f + m.d) ||
      !near(m.a, area.width, 2 * kCoverTolerance * area.width) ||
      !near(m.d, area.height, 2 * kCoverTolerance * area.height)) {
    return std::nullopt;
  }
  const double dpi_x = static_cast<double>(w.getIntValue()) / (m.a / 72.0);
  const double dpi_y = static_cast<double>(h.getIntValue()) / (m.d / 72.0);
  if (std::abs(dpi_x - dpi_y) > kSquarePixels * std::max(dpi_x, dpi_y)) return std::nullopt;

  int rotate = 0;
  QPDFObjectHandle r = page.getAttribute("/Rotate", false);
  if (r.isInteger()) rotate = static_cast<int>(((r.getIntValue() % 360) + 360) % 360);
  if (rotate % 90 != 0) return std::nullopt;

  std::shared_ptr<Buffer> data = image.getRawStreamData();
  if (!data || data->getSize() == 0) return std::nullopt;
  PageScan scan;
  scan.jpeg.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  scan.dpi = (dpi_x + dpi_y) / 2;
  scan.rotate = rotate;
  return scan;
}

}  // namespace

struct PdfScanImages::Impl {
  QPDF pdf;
  std::vector<QPDFPageObjectHelper> pages;
};

PdfScanImages::PdfScanImages(const std::string& bytes) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->pdf.setSuppressWarnings(true);
    impl->pdf.processMemoryFile("document", bytes.data(), bytes.size());
    impl->pages = QPDFPageDocumentHelper(impl->pdf).getAllPages();
    impl_ = std::move(impl);
  } catch (const std::exception&) {
    impl_.reset();  // encrypted, broken beyond repair, a looping page tree: no scans
  }
}

PdfScanImages::~PdfScanImages() = default;

std::optional<PageScan> PdfScanImages::full_page_jpeg(int index) const {
  if (!impl_ || index < 0 || index >= static_cast<int>(impl_->pages.size())) return std::nullopt;
  try {
    return scan_of(impl_->pages[static_cast<size_t>(index)]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace shenbao
