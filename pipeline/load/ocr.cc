#include "pipeline/load/ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>

namespace shenbao {

namespace {

// Tesseract hands out new[]-allocated strings and new-allocated iterators.
using TessText = std::unique_ptr<char[]>;
using TessIterator = std::unique_ptr<tesseract::ResultIterator>;

bool is_blank(const char* s) {
  for (; *s != '\0'; ++s)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
  return true;
}

}  // namespace

// One Tesseract engine, started on first use; the outcome of starting it is kept.
struct LazyEngine {
  tesseract::TessBaseAPI api;
  bool tried = false;
  Status status;

  Status ensure(const std::string& tessdata_dir, const std::string& language,
                tesseract::PageSegMode mode, const std::string& whitelist) {
    if (tried) return status;
    tried = true;
    const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
    if (api.Init(datapath, language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      status = Status::Internal("tesseract cannot load language '" + language + "' from " +
                                (datapath ? tessdata_dir : "the default tessdata"));
      return status;
    }
    api.SetPageSegMode(mode);
    if (!whitelist.empty()) api.SetVariable("tessedit_char_whitelist", whitelist.c_str());
    // Tesseract's diagnostics ("Detected N diacritics", resolution warnings) are not ours
    // to print in a batch job.
    api.SetVariable("debug_file", "/dev/null");
    status = Status::Ok();
    return status;
  }
};

struct OcrEngine::Impl {
  OcrOptions options;
  LazyEngine pages;    // chi_sim, automatic layout
  LazyEngine numbers;  // the number model, one line, digits only

  Status ensure_initialised() {
    return pages.ensure(options.tessdata_dir, options.language, tesseract::PSM_AUTO, "");
  }
  Status ensure_numbers() {
    return numbers.ensure(options.tessdata_dir, options.number_language,
                          tesseract::PSM_SINGLE_LINE, options.number_characters);
  }
};

namespace {

struct PixDeleter {
  void operator()(Pix* p) const {
    if (p != nullptr) pixDestroy(&p);
  }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// An 8-bit gray PIX of `image`, scaled by `scale`, with a white margin of `border` pixels
// (Tesseract reads a line that touches the image edge worse).
PixPtr gray_pix(const Image& image, double scale, int border) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return nullptr;
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
    const uint8_t* src = image.pixels.data() + static_cast<size_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  if (scale != 1.0) {
    pix.reset(pixScale(pix.get(), static_cast<l_float32>(scale), static_cast<l_float32>(scale)));
    if (!pix) return nullptr;
  }
  return PixPtr(pixAddBorder(pix.get(), border, 0xff));
}

}  // namespace

OcrEngine::OcrEngine(OcrOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

OcrEngine::~OcrEngine() = default;  // ~TessBaseAPI ends the engine

Status OcrEngine::ready() { return impl_->ensure_initialised(); }

Status OcrEngine::recognise(const Image& image, Page& page) {
  if (image.empty() || image.width <= 0 || image.height <= 0 ||
      (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() != image.stride() * image.height) {
    return Status::InvalidArgument("ocr: image must be 8-bit gray or RGB with pixels");
  }
  if (Status s = impl_->ensure_initialised(); !s.ok()) return s;
  tesseract::TessBaseAPI& api = impl_->pages.api;

  page.lines.clear();
  page.width = image.width;
  page.height = image.height;
  page.dpi = image.dpi;
  page.text_source = TextSource::kOcr;
  page.ocr_confidence.reset();

  api.SetImage(image.pixels.data(), image.width, image.height, image.channels,
               static_cast<int>(image.stride()));
  api.SetSourceResolution(static_cast<int>(image.dpi + 0.5));

  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(impl_->options.page_timeout_ms);
  const int rc = api.Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    api.Clear();
    return Status::Timeout("ocr: page took longer than " +
                           std::to_string(impl_->options.page_timeout_ms) + " ms");
  }
  if (rc != 0) {
    api.Clear();
    return Status::Internal("ocr: tesseract recognition failed");
  }

  double confidence_sum = 0;
  int words = 0;
  TessIterator it(api.GetIterator());
  if (it && !it->Empty(tesseract::RIL_BLOCK)) {
    it->Begin();
    do {  // text lines
      Line line;
      int l = 0, t = 0, r = 0, b = 0;
      if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b))
        line.box = {1.0 * l, 1.0 * t, 1.0 * r, 1.0 * b};
      do {  // words of the line
        if (!it->Empty(tesseract::RIL_WORD)) {
          TessText text(it->GetUTF8Text(tesseract::RIL_WORD));
          if (text && !is_blank(text.get())) {
            Word word;
            word.text = text.get();
            if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b))
              word.box = {1.0 * l, 1.0 * t, 1.0 * r, 1.0 * b};
            word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
            word.source = TextSource::kOcr;
            confidence_sum += word.confidence;
            ++words;
            line.words.push_back(std::move(word));
          }
        }
        if (it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD)) break;
      } while (it->Next(tesseract::RIL_WORD));
      if (!line.words.empty()) page.lines.push_back(std::move(line));
    } while (it->Next(tesseract::RIL_TEXTLINE));
  }
  it.reset();
  api.Clear();

  if (words > 0) page.ocr_confidence = confidence_sum / words;
  return Status::Ok();
}

Result<OcrEngine::NumberReading> OcrEngine::recognise_number(const Image& crop) {
  if (crop.empty() || crop.channels != 1 || crop.width <= 0 || crop.height <= 0 ||
      crop.pixels.size() != crop.stride() * crop.height) {
    return Status::InvalidArgument("ocr: a number crop must be 8-bit gray with pixels");
  }
  if (Status s = impl_->ensure_numbers(); !s.ok()) return s;
  tesseract::TessBaseAPI& api = impl_->numbers.api;
  NumberReading best;
  for (double dpi : impl_->options.number_dpis) {
    const double scale = crop.dpi > 0 ? dpi / crop.dpi : 1.0;
    if (scale <= 0.25 || scale > 4) continue;
    PixPtr pix = gray_pix(crop, scale, 10);
    if (!pix) continue;
    api.SetImage(pix.get());
    api.SetSourceResolution(static_cast<int>(dpi + 0.5));
    TessText text(api.GetUTF8Text());
    const double confidence = std::clamp(api.MeanTextConf() / 100.0, 0.0, 1.0);
    std::string read = text ? text.get() : "";
    read.erase(std::remove_if(read.begin(), read.end(),
                              [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }),
               read.end());
    api.Clear();
    if (!read.empty() && confidence > best.confidence) best = {std::move(read), confidence};
    if (best.confidence >= impl_->options.number_sure) break;
  }
  return best;
}

}  // namespace shenbao
