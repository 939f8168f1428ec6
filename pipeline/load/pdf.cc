#include "pipeline/load/pdf.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>

namespace shenbao {

namespace {

// Poppler reports problems through one process-wide callback. Messages raised by a call
// of this file on a thread are collected for that call's Status; all others are dropped
// (only this file calls Poppler, so "others" means none in practice).
thread_local std::string* t_poppler_messages = nullptr;

void poppler_message_handler(const std::string& message, void* /*closure*/) {
  if (t_poppler_messages != nullptr && t_poppler_messages->size() < 1024) {
    if (!t_poppler_messages->empty()) t_poppler_messages->append("; ");
    t_poppler_messages->append(message);
  }
}

class CapturePopplerMessages {
 public:
  CapturePopplerMessages() {
    static std::once_flag once;
    std::call_once(once,
                   [] { poppler::set_debug_error_function(poppler_message_handler, nullptr); });
    previous_ = t_poppler_messages;
    t_poppler_messages = &text_;
  }
  ~CapturePopplerMessages() { t_poppler_messages = previous_; }
  CapturePopplerMessages(const CapturePopplerMessages&) = delete;
  CapturePopplerMessages& operator=(const CapturePopplerMessages&) = delete;
  // `base` followed by the captured messages, if any.
  std::string with(const std::string& base) const {
    return text_.empty() ? base : base + " (poppler: " + text_ + ")";
  }

 private:
  std::string text_;
  std::string* previous_ = nullptr;
};

std::string to_utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool quarter_turned(poppler::page::orientation_enum o) {
  return o == poppler::page::landscape || o == poppler::page::seascape;
}

}  // namespace

struct PdfDocument::Impl {
  std::string bytes;  // Poppler reads from these lazily; they must outlive `doc`
  std::unique_ptr<poppler::document> doc;
  int pages = 0;

  Result<std::unique_ptr<poppler::page>> page(int index) const {
    if (index < 0 || index >= pages) {
      return Status::InvalidArgument("pdf: page index " + std::to_string(index) +
                                     " out of range 0.." + std::to_string(pages - 1));
    }
    std::unique_ptr<poppler::page> p(doc->create_page(index));
    if (!p) return Status::Corrupt("pdf: page " + std::to_string(index + 1) + " is broken");
    return p;
  }

  static Box displayed_box(const poppler::page& p) {
    const poppler::rectf r = p.page_rect(poppler::crop_box);
    double w = std::abs(r.width()), h = std::abs(r.height());
    if (quarter_turned(p.orientation())) std::swap(w, h);
    return Box{0, 0, w, h};
  }
};

PdfDocument::PdfDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;
PdfDocument::~PdfDocument() = default;

Result<PdfDocument> PdfDocument::open(std::string bytes) {
  CapturePopplerMessages messages;
  try {
    auto impl = std::make_unique<Impl>();
    impl->bytes = std::move(bytes);
    if (impl->bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      return Status::Corrupt("pdf: larger than 2 GiB");
    }
    impl->doc.reset(poppler::document::load_from_raw_data(impl->bytes.data(),
                                                          static_cast<int>(impl->bytes.size())));
    if (!impl->doc) return Status::Corrupt(messages.with("pdf: cannot be opened"));
    if (impl->doc->is_locked()) {
      return Status::Encrypted("pdf: a user password is needed to open it");
    }
    impl->pages = impl->doc->pages();
    if (impl->pages <= 0) return Status::Corrupt(messages.with("pdf: no pages"));
    return PdfDocument(std::move(impl));
  } catch (const std::exception& e) {
    return Status::Corrupt(messages.with(std::string("pdf: ") + e.what()));
  }
}

int PdfDocument::page_count() const { return impl_->pages; }

Result<Box> PdfDocument::page_box(int index) const {
  CapturePopplerMessages messages;
  try {
    auto page = impl_->page(index);
    if (!page.ok()) return page.status();
    return Impl::displayed_box(*page.value());
  } catch (const std::exception& e) {
    return Status::Corrupt(messages.with(std::string("pdf: ") + e.what()));
  }
}

Result<Page> PdfDocument::text_page(int index) const {
  CapturePopplerMessages messages;
  try {
    auto p = impl_->page(index);
    if (!p.ok()) return p.status();
    const poppler::page& page = *p.value();
    Page out;
    out.number = index + 1;
    out.dpi = 72;
    const Box box = Impl::displayed_box(page);
    out.width = box.width();
    out.height = box.height();

    std::vector<Word> words;
    for (const poppler::text_box& tb : page.text_list()) {
      Word word;
      word.text = to_utf8(tb.text());
      if (word.text.empty()) continue;
      const poppler::rectf r = tb.bbox();
      word.box = {r.left(), r.top(), r.right(), r.bottom()};
      word.confidence = 1.0f;
      word.source = TextSource::kTextLayer;
      words.push_back(std::move(word));
    }
    out.lines = group_words_into_lines(std::move(words));
    out.text_source = out.lines.empty() ? TextSource::kNone : TextSource::kTextLayer;
    return out;
  } catch (const std::exception& e) {
    return Status::Corrupt(
        messages.with("pdf: page " + std::to_string(index + 1) + ": " + e.what()));
  }
}

Result<Image> PdfDocument::render(int index, double dpi, ImageMode mode, int64_t max_pixels) const {
  if (!(dpi > 0)) return Status::InvalidArgument("pdf: render dpi must be positive");
  CapturePopplerMessages messages;
  try {
    auto p = impl_->page(index);
    if (!p.ok()) return p.status();
    const poppler::page& page = *p.value();
    const Box box = Impl::displayed_box(page);
    const double w = std::ceil(box.width() * dpi / 72.0);
    const double h = std::ceil(box.height() * dpi / 72.0);
    if (w * h > static_cast<double>(max_pixels)) {
      return Status::Rejected("pdf: page " + std::to_string(index + 1) + " at " +
                              std::to_string(static_cast<int>(dpi)) + " dpi would be " +
                              std::to_string(static_cast<int64_t>(w)) + "x" +
                              std::to_string(static_cast<int64_t>(h)) +
                              " pixels, over the limit of " + std::to_string(max_pixels));
    }

    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_paper_color(0xffffffff);
    renderer.set_image_format(mode == ImageMode::kGray ? poppler::image::format_gray8
                                                       : poppler::image::format_rgb24);
    const poppler::image rendered = renderer.render_page(&page, dpi, dpi);
    if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0) {
      return Status::Corrupt(
          messages.with("pdf: page " + std::to_string(index + 1) + " could not be rendered"));
    }

    Image image;
    image.width = rendered.width();
    image.height = rendered.height();
    image.channels = mode == ImageMode::kGray ? 1 : 3;
    image.dpi = dpi;
    const size_t row = image.stride();
    if (rendered.bytes_per_row() < static_cast<int>(row)) {
      return Status::Internal("pdf: unexpected rendered row size");
    }
    image.pixels.resize(row * image.height);
    const char* src = rendered.const_data();
    for (int y = 0; y < image.height; ++y) {
      std::memcpy(image.pixels.data() + y * row,
                  src + static_cast<size_t>(y) * rendered.bytes_per_row(), row);
    }
    return image;
  } catch (const std::exception& e) {
    return Status::Corrupt(
        messages.with("pdf: page " + std::to_string(index + 1) + ": " + e.what()));
  }
}

std::vector<Line> group_words_into_lines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    const double ca = a.box.y0 + a.box.y1, cb = b.box.y0 + b.box.y1;
    if (ca != cb) return ca < cb;
    return a.box.x0 < b.box.x0;
  });
  std::vector<Line> lines;
  for (Word& word : words) {
    const double wh = std::max(word.box.height(), 1e-6);
    Line* best = nullptr;
    double best_overlap = 0;
    for (Line& line : lines) {
      const double overlap =
          std::min(line.box.y1, word.box.y1) - std::max(line.box.y0, word.box.y0);
      const double needed = 0.5 * std::min(wh, std::max(line.box.height(), 1e-6));
      if (overlap >= needed && overlap > best_overlap) {
        best = &line;
        best_overlap = overlap;
      }
    }
    if (best == nullptr) {
      Line line;
      line.box = word.box;
      line.words.push_back(std::move(word));
      lines.push_back(std::move(line));
    } else {
      best->box.x0 = std::min(best->box.x0, word.box.x0);
      best->box.y0 = std::min(best->box.y0, word.box.y0);
      best->box.x1 = std::max(best->box.x1, word.box.x1);
      best->box.y1 = std::max(best->box.y1, word.box.y1);
      best->words.push_back(std::move(word));
    }
  }
  for (Line& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.box.y0 < b.box.y0; });
  return lines;
}

}  // namespace shenbao
