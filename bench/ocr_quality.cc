// shenbao-bench-ocr: how accurately and how fast shenbao's OCR reads Chinese pages whose text
// is known (issue 6), per OCR model and per preparation step. A benchmark, not a test: it
// asserts nothing and writes a report (bench/ocr-results.md) for people to decide defaults.
//
// Pages: A4 pages drawn with the sample generator's painter (samples/samplegen) from
// bench/ocr-text.txt — a title, four body paragraphs and a closing block with a company name,
// a unified social credit code (统一社会信用代码), an amount and a date. Each page in four
// variants:
//   clean     rendered at 300 dpi, no seal, no degradation
//   stamped   the same with a red company seal over the last body line and the closing
//             block, its centre on the credit code
//   degraded  stamped, then skewed ±1.5°, grain, paper tint, JPEG quality 60 (300 dpi)
//   scan200   stamped, scanned at 200 dpi: skewed ±1°, grain, every other page softened,
//             JPEG quality 65 (the corpus's typical flatbed scan)
// JPEG variants are decoded by the pipeline's own decoder (pipeline/load/image.h).
//
// Configurations: model (Debian's chi_sim, or the best_int chi_sim of the npm package
// @tesseract.js-data/chi_sim) × red ink (kept; suppressed over the whole page; suppressed
// inside the seals detect_seals finds, boxes widened by 8 % as the pipeline does — suppress_red,
// pipeline/vision/scan.h, seal.h) × deskew (scan.h) on/off; for scan200 also the working
// resolution: the scan's own 200 dpi, or upscaled to 300 dpi (Leptonica's pixScale) before the
// other steps. Steps run in the order upscale → suppress red → deskew → OcrEngine::recognise
// (pipeline/load/ocr.h), the order the pipeline would use (deskewing the gray output of
// suppress_red is the cheap way).
//
// Figures per configuration: character error rate (Levenshtein distance over code points
// of the text after normalise_for_compare — the pipeline's own width folding with white
// space removed — summed over pages, divided by the known text's length), pages whose
// credit code was read exactly, and the median seconds per page (preparation + OCR, wall).
//
// Run with OMP_THREAD_LIMIT=1 (the tool restarts itself with it, as shenbao does).
#include <leptonica/allheaders.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "degrade.h"
#include "painter.h"
#include "pipeline/core/document.h"
#include "pipeline/core/text.h"
#include "pipeline/load/image.h"
#include "pipeline/load/ocr.h"
#include "pipeline/vision/scan.h"
#include "pipeline/vision/seal.h"
#include "render.h"
#include "rng.h"
#include "uscc.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------
// The known text.

struct TextSource {
  std::vector<std::string> titles;
  std::vector<std::string> paragraphs;
  std::vector<std::vector<std::string>> facts;  // one closing block per page
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Reads bench/ocr-text.txt (format in its header). Throws on a malformed file: this is
// start-up configuration of a tool, not untrusted input.
TextSource read_text_source(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  TextSource src;
  std::string section, line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    if (section == "titles") {
      src.titles.push_back(line);
    } else if (section == "paragraphs") {
      src.paragraphs.push_back(line);
    } else if (section == "facts") {
      src.facts.push_back(split(line, '|'));
    } else {
      throw std::runtime_error(path.string() + ": text outside a known section: " + line);
    }
  }
  if (src.titles.empty() || src.paragraphs.size() < 4 || src.facts.empty()) {
    throw std::runtime_error(path.string() + ": needs titles, 4+ paragraphs and facts");
  }
  return src;
}

// The 18-character code in a facts block, checked with the generator's own rules.
std::string credit_code_of(const std::vector<std::string>& facts) {
  for (const std::string& line : facts) {
    const std::string norm = shenbao::normalise_for_compare(line);
    if (norm.size() < 18) continue;
    const std::string tail = norm.substr(norm.size() - 18);
    if (samplegen::uscc_is_valid(tail)) return tail;
  }
  throw std::runtime_error("a facts line has no valid credit code: " + facts.front());
}

struct BenchPage {
  int number = 0;  // 1-based
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::string> facts;
  std::string credit_code;
  std::string font_family;
  std::string truth;  // everything drawn, in reading order
};

std::vector<BenchPage> make_pages(const TextSource& src, int max_pages) {
  static const char* kFamilies[] = {samplegen::kSerif, samplegen::kSans, samplegen::kZenHei};
  std::vector<BenchPage> pages;
  const int n = std::min<int>(max_pages, static_cast<int>(src.facts.size()));
  for (int i = 0; i < n; ++i) {
    BenchPage p;
    p.number = i + 1;
    p.title = src.titles[i % src.titles.size()];
    for (int k = 0; k < 4; ++k) {
      p.paragraphs.push_back(src.paragraphs[(2 * i + k) % src.paragraphs.size()]);
    }
    p.facts = src.facts[i];
    p.credit_code = credit_code_of(p.facts);
    p.font_family = kFamilies[i % 3];
    p.truth = p.title;
    for (const auto& s : p.paragraphs) p.truth += "\n" + s;
    for (const auto& s : p.facts) p.truth += "\n" + s;
    pages.push_back(std::move(p));
  }
  return pages;
}

// Lays the page out like a notice: centred title, justified body in 12 pt with a 2-character
// indent, then the closing block; with `stamped`, a 42 mm company seal centred over the
// credit code and reaching up into the last body line.
samplegen::PageDraft draft_page(const BenchPage& page, bool stamped, uint64_t seed) {
  samplegen::PageDraft draft;
  draft.paint = [page, stamped, seed](samplegen::Painter& p) {
    using namespace samplegen;
    const double left = mm(25), width = p.width() - mm(25) - mm(22);
    double y = mm(25);
    y += p.text(p.width() / 2, y, page.title, Font{page.font_family, 18, true},
                TextOpts{Align::kCenter});
    y += 18;
    const Font body{page.font_family, 12, false};
    TextOpts para;
    para.width = width;
    para.indent = 24;
    para.line_spacing = 1.55;
    para.justify = true;
    for (const auto& s : page.paragraphs) y += p.text(left, y, s, body, para) + 6;
    y += 18;
    double code_y = y;
    for (const auto& s : page.facts) {
      if (s.find("统一社会信用代码") != std::string::npos) code_y = y;
      y += p.text(left, y, s, body, TextOpts{}) * 1.6;
    }
    if (stamped) {
      SealSpec seal;
      seal.rim_text = trim(page.facts.front().substr(page.facts.front().find("：") + 3));
      seal.code_text = "3101170" + std::to_string(100000 + seed % 900000);
      seal.diameter_mm = 42;
      seal.rotation_deg = static_cast<double>(seed % 25) - 12;
      seal.opacity = 0.9;
      seal.texture_seed = seed;
      p.seal(seal, left + 170, code_y - 16);
    }
  };
  return draft;
}

shenbao::Image to_image(const samplegen::RgbImage& rgb) {
  shenbao::Image img;
  img.width = rgb.width;
  img.height = rgb.height;
  img.channels = 3;
  img.dpi = rgb.dpi;
  img.pixels = rgb.rgb;
  return img;
}

// A degraded scan, JPEG-encoded and decoded back by the pipeline's decoder.
shenbao::Image scanned(const samplegen::RgbImage& clean, const samplegen::ScanOptions& o,
                       samplegen::Rng& rng, std::string* jpeg_out) {
  samplegen::RgbImage degraded = samplegen::degrade(clean, o, rng);
  std::string jpeg = samplegen::encode_jpeg(degraded, o.jpeg_quality);
  shenbao::Result<shenbao::Image> decoded = shenbao::decode_image(jpeg, 120'000'000);
  if (!decoded.ok()) throw std::runtime_error("decode: " + decoded.status().ToString());
  if (jpeg_out) *jpeg_out = std::move(jpeg);
  return std::move(decoded).value();
}

// ---------------------------------------------------------------------------------------
// Preparation steps.

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// The image scaled to `dpi` with Leptonica's pixScale (linear interpolation with light
// sharpening when enlarging), as a pipeline step would do it.
shenbao::Image rescale(const shenbao::Image& in, double dpi) {
  const int depth = in.channels == 3 ? 32 : 8;
  PixPtr pix(pixCreate(in.width, in.height, depth));
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < in.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < in.width; ++x) {
      const uint8_t* p = in.at(x, y);
      if (depth == 8) {
        SET_DATA_BYTE(line, x, p[0]);
      } else {
        composeRGBPixel(p[0], p[1], p[2], &line[x]);
      }
    }
  }
  const float factor = static_cast<float>(dpi / in.dpi);
  PixPtr scaled(pixScale(pix.get(), factor, factor));
  if (!scaled) throw std::runtime_error("pixScale failed");
  shenbao::Image out;
  out.width = pixGetWidth(scaled.get());
  out.height = pixGetHeight(scaled.get());
  out.channels = in.channels;
  out.dpi = dpi;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * out.channels);
  const l_uint32* sdata = pixGetData(scaled.get());
  const int swpl = pixGetWpl(scaled.get());
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = sdata + static_cast<size_t>(y) * swpl;
    uint8_t* row = out.pixels.data() + y * out.stride();
    for (int x = 0; x < out.width; ++x) {
      if (depth == 8) {
        row[x] = GET_DATA_BYTE(line, x);
      } else {
        l_int32 r, g, b;
        extractRGBValues(line[x], &r, &g, &b);
        row[3 * x] = r;
        row[3 * x + 1] = g;
        row[3 * x + 2] = b;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Scoring.

// The text as compared: width-folded, white space removed (as the pipeline compares).
std::string comparable(const std::string& text) { return shenbao::normalise_for_compare(text); }

std::string page_text(const shenbao::Page& page) {
  std::string out;
  for (const shenbao::Line& line : page.lines) out += line.text() + "\n";
  return out;
}

// ---------------------------------------------------------------------------------------
// Configurations and results.

struct Model {
  std::string name;  // "debian" | "best_int"
  std::string tessdata;
  std::unique_ptr<shenbao::OcrEngine> engine;
};

// What happens to red ink before OCR.
enum class Red {
  kKept,   // the colour page goes to Tesseract as it is
  kPage,   // suppress_red over the whole page
  kSeals,  // suppress_red inside the detected seals only (what shenbao does)
};

const char* red_label(Red r) {
  switch (r) {
    case Red::kKept:
      return "kept";
    case Red::kPage:
      return "suppressed, page";
    case Red::kSeals:
      return "suppressed, seals";
  }
  return "?";
}

struct Config {
  int model = 0;
  Red red = Red::kKept;
  bool deskew = false;
  double working_dpi = 0;  // 0: the image's own
};

struct Variant {
  std::string name;
  std::string what;
  double dpi = 300;
  std::vector<shenbao::Image> images;  // one per page
};

struct PageRun {
  size_t edits = 0, chars = 0;
  bool code_exact = false;
  double prep_s = 0, ocr_s = 0;
  double skew_deg = 0;
  std::string text;
};

struct Cell {  // one (variant, configuration)
  std::string variant;
  Config config;
  std::vector<PageRun> pages;
  size_t edits() const {
    size_t n = 0;
    for (const auto& p : pages) n += p.edits;
    return n;
  }
  size_t chars() const {
    size_t n = 0;
    for (const auto& p : pages) n += p.chars;
    return n;
  }
  double cer() const { return chars() ? static_cast<double>(edits()) / chars() : 0; }
  int codes_exact() const {
    return static_cast<int>(
        std::count_if(pages.begin(), pages.end(), [](const PageRun& p) { return p.code_exact; }));
  }
  double median_seconds() const {
    std::vector<double> v;
    for (const auto& p : pages) v.push_back(p.prep_s + p.ocr_s);
    return median(v);
  }
  double median_prep_seconds() const {
    std::vector<double> v;
    for (const auto& p : pages) v.push_back(p.prep_s);
    return median(v);
  }
  static double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

PageRun run_page(const shenbao::Image& input, const BenchPage& page, const Config& c,
                 shenbao::OcrEngine& engine) {
  PageRun run;
  auto t0 = std::chrono::steady_clock::now();
  // No copy of the input when a step does not run: the time is the steps' own.
  const shenbao::Image* img = &input;
  shenbao::Image prepared;
  if (c.working_dpi > 0 && std::abs(c.working_dpi - img->dpi) > 1) {
    prepared = rescale(*img, c.working_dpi);
    img = &prepared;
  }
  if (c.red != Red::kKept && img->channels == 3) {
    shenbao::SuppressRedOptions options;
    if (c.red == Red::kSeals) {
      // As pipeline/run/process.cc: the seals' boxes (SuppressRedOptions widens them).
      options.only_regions = true;
      for (const shenbao::Seal& seal : shenbao::detect_seals(*img)) {
        options.regions.push_back(seal.box);
      }
    }
    prepared = shenbao::suppress_red(*img, options);
    img = &prepared;
  }
  if (c.deskew) {
    prepared = shenbao::deskew(*img, &run.skew_deg);
    img = &prepared;
  }
  run.prep_s = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  shenbao::Page out;
  const shenbao::Status s = engine.recognise(*img, out);
  run.ocr_s = seconds_since(t0);
  if (!s.ok()) std::cerr << "  page " << page.number << ": " << s.ToString() << "\n";
  run.text = page_text(out);
  const auto truth = comparable(page.truth);
  run.edits = shenbao::edit_distance(truth, comparable(run.text));
  run.chars = shenbao::utf8_to_codepoints(truth).size();
  run.code_exact =
      shenbao::normalise_for_compare(run.text).find(page.credit_code) != std::string::npos;
  return run;
}

// ---------------------------------------------------------------------------------------
// The machine and the report.

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return trim(line.substr(line.find(':') + 1));
  }
  return "unknown CPU";
}

std::string memory_total() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  long kib = 0;
  in >> key >> kib;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GiB", kib / 1048576.0);
  return buf;
}

std::string load_average() {
  const auto parts = split(read_first_line("/proc/loadavg"), ' ');
  return parts.size() >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "?";
}

std::string utc_now(const char* format) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string file_sha256(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "missing";
  std::ostringstream ss;
  ss << in.rdbuf();
  return shenbao::sha256_hex(ss.str());
}

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string percent(double v) { return fmt("%.2f %%", v * 100); }

// shenbao-eval's figures for the committed corpus, one run per model (bench/ocr-corpus).
std::string corpus_section(const fs::path& dir) {
  std::ifstream in(dir / "corpus.json");
  if (!in) return "";
  const json runs = json::parse(in);
  static const std::vector<std::pair<std::string, std::string>> kFigures = {
      {"fields.all", "fields.all"},
      {"uscc.exact", "uscc.exact"},
      {"findings.precision", "findings precision"},
      {"findings.recall", "findings recall"},
      {"verdict", "verdict"},
      {"award.exact", "award.exact"},
      {"seal.document.recall", "seal.document.recall"}};
  std::ostringstream md;
  md << "\n## The committed corpus through shenbao, per model\n\n"
     << "`shenbao run samples/inbox --jobs 1 [--tessdata DIR]` then "
        "`shenbao-eval samples/expected OUT` (bench/ocr-corpus), OMP_THREAD_LIMIT=1; everything "
        "else as shenbao does it by default (red suppressed inside detected seals, no deskew).\n\n"
     << "| figure |";
  for (const auto& run : runs) md << " " << run.at("model").get<std::string>() << " |";
  md << "\n|---|";
  for (size_t i = 0; i < runs.size(); ++i) md << "---:|";
  md << "\n";
  for (const auto& [key, label] : kFigures) {
    md << "| " << label << " |";
    for (const auto& run : runs) {
      const json& f = run.at("scores").value(key, json::object());
      if (f.empty()) {
        md << " – |";
        continue;
      }
      md << " " << fmt("%.3f", f.at("ratio").get<double>()) << " (" << f.at("correct").get<long>()
         << "/" << f.at("total").get<long>() << ") |";
    }
    md << "\n";
  }
  md << "| wall time, whole corpus |";
  for (const auto& run : runs) md << " " << fmt("%.1f s", run.at("wall_s").get<double>()) << " |";
  md << "\n| CPU time (user + sys) |";
  for (const auto& run : runs) md << " " << fmt("%.1f s", run.at("cpu_s").get<double>()) << " |";
  md << "\n";
  return md.str();
}

}  // namespace

int main(int argc, char** argv) {
  // As shenbao does: Tesseract's OpenMP reads OMP_THREAD_LIMIT before main; one thread.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 0);
    execv("/proc/self/exe", argv);
  }

  CLI::App app{"shenbao-bench-ocr: OCR accuracy and cost on pages with known text (issue 6)"};
  std::string text_path = "bench/ocr-text.txt";
  std::string debian_dir = "/usr/share/tesseract-ocr/5/tessdata";
  std::string best_int_dir = "/usr/local/share/shenbao/tessdata-best-int";
  std::string out_md, out_json, images_dir, corpus_dir;
  int max_pages = 100;
  uint64_t seed = 6;
  app.add_option("--text", text_path, "the known text (format in its header)");
  app.add_option("--debian-tessdata", debian_dir, "folder of Debian's chi_sim.traineddata");
  app.add_option("--best-int-tessdata", best_int_dir, "folder of the best_int chi_sim model");
  app.add_option("--pages", max_pages, "at most this many pages");
  app.add_option("--seed", seed, "seed of the degradations");
  app.add_option("--out", out_md, "write the report (Markdown) here");
  app.add_option("--json", out_json, "write every page's figures and text here");
  app.add_option("--images", images_dir, "save the page images (PNG/JPEG) in this folder");
  app.add_option("--corpus", corpus_dir, "folder of bench/ocr-corpus's corpus.json to include");
  CLI11_PARSE(app, argc, argv);

  const std::string load_before = load_average();
  const auto started = std::chrono::steady_clock::now();

  const std::vector<BenchPage> pages = make_pages(read_text_source(text_path), max_pages);
  if (!images_dir.empty()) fs::create_directories(images_dir);

  // Variants.
  std::vector<Variant> variants = {
      {"clean", "300 dpi render, no seal", 300, {}},
      {"stamped",
       "300 dpi render, a red company seal over the last body line and the code",
       300,
       {}},
      {"degraded", "stamped, skew ±1.5°, grain 3.5, paper tint, JPEG q60, 300 dpi", 300, {}},
      {"scan200",
       "stamped, 200 dpi scan: skew ±1°, grain 2.5, every other page softened, "
       "JPEG q65",
       200,
       {}},
  };
  samplegen::Rng root = samplegen::make_rng(seed);
  for (const BenchPage& page : pages) {
    const uint64_t page_seed = seed * 1000 + page.number;
    const samplegen::PageDraft plain = draft_page(page, false, page_seed);
    const samplegen::PageDraft stamped = draft_page(page, true, page_seed);
    const samplegen::RgbImage clean300 = samplegen::rasterize(plain, 300);
    const samplegen::RgbImage stamped300 = samplegen::rasterize(stamped, 300);
    const samplegen::RgbImage stamped200 = samplegen::rasterize(stamped, 200);
    samplegen::Rng rng = root.fork("page" + std::to_string(page.number));
    const double sign = page.number % 2 ? 1 : -1;

    samplegen::ScanOptions degraded;
    degraded.dpi = 300;
    degraded.skew_deg = 1.5 * sign;
    degraded.noise = 3.5;
    degraded.paper_tint = 0.03;
    degraded.jpeg_quality = 60;
    samplegen::ScanOptions scan;
    scan.dpi = 200;
    scan.skew_deg = -1.0 * sign;
    scan.noise = 2.5;
    scan.blur = page.number % 2 ? 0 : 1;
    scan.jpeg_quality = 65;

    std::string jpeg_degraded, jpeg_scan;
    variants[0].images.push_back(to_image(clean300));
    variants[1].images.push_back(to_image(stamped300));
    variants[2].images.push_back(scanned(stamped300, degraded, rng, &jpeg_degraded));
    variants[3].images.push_back(scanned(stamped200, scan, rng, &jpeg_scan));
    if (!images_dir.empty()) {
      const std::string n = std::to_string(page.number);
      std::ofstream(fs::path(images_dir) / ("p" + n + "-clean.png"), std::ios::binary)
          << samplegen::encode_png(clean300);
      std::ofstream(fs::path(images_dir) / ("p" + n + "-stamped.png"), std::ios::binary)
          << samplegen::encode_png(stamped300);
      std::ofstream(fs::path(images_dir) / ("p" + n + "-degraded.jpg"), std::ios::binary)
          << jpeg_degraded;
      std::ofstream(fs::path(images_dir) / ("p" + n + "-scan200.jpg"), std::ios::binary)
          << jpeg_scan;
    }
  }

  // Models: one engine each, reused for every page as a pipeline worker does.
  std::vector<Model> models;
  const std::vector<std::pair<std::string, std::string>> model_dirs = {{"debian", debian_dir},
                                                                       {"best_int", best_int_dir}};
  for (const auto& [name, dir] : model_dirs) {
    Model m{name, dir, std::make_unique<shenbao::OcrEngine>(shenbao::OcrOptions{dir})};
    if (shenbao::Status s = m.engine->ready(); !s.ok()) {
      std::cerr << "shenbao-bench-ocr: model " << name << " in " << dir << ": " << s.ToString()
                << "\n  (scripts/install-bench-deps installs the best_int model)\n";
      return 2;
    }
    models.push_back(std::move(m));
  }

  // Every configuration on every variant: rows of the report in this order.
  std::vector<Cell> cells;
  for (const Variant& v : variants) {
    const std::vector<double> dpis =
        v.dpi < 300 ? std::vector<double>{0, 300} : std::vector<double>{0};
    for (double dpi : dpis) {
      for (int m = 0; m < static_cast<int>(models.size()); ++m) {
        for (Red red : {Red::kKept, Red::kPage, Red::kSeals}) {
          // Upscaling is measured where it could pay: with red suppressed.
          if (dpi > 0 && red == Red::kKept) continue;
          for (bool deskew : {false, true}) {
            cells.push_back(Cell{v.name, Config{m, red, deskew, dpi}, {}});
          }
        }
      }
    }
  }
  // Pages outermost, so that a change in the machine's load spreads over every configuration
  // instead of falling on a few.
  for (size_t p = 0; p < pages.size(); ++p) {
    std::cerr << "page " << pages[p].number << "/" << pages.size() << "\n";
    for (Cell& cell : cells) {
      const Variant& v = *std::find_if(variants.begin(), variants.end(),
                                       [&](const Variant& x) { return x.name == cell.variant; });
      cell.pages.push_back(
          run_page(v.images[p], pages[p], cell.config, *models[cell.config.model].engine));
    }
  }
  const double total_s = seconds_since(started);
  const std::string load_after = load_average();

  // JSON: everything, for a later look at what was misread.
  if (!out_json.empty()) {
    json j;
    j["date"] = utc_now("%Y-%m-%dT%H:%M:%SZ");
    for (const Cell& cell : cells) {
      json c;
      c["variant"] = cell.variant;
      c["model"] = models[cell.config.model].name;
      c["red"] = red_label(cell.config.red);
      c["deskew"] = cell.config.deskew;
      c["working_dpi"] = cell.config.working_dpi;
      c["cer"] = cell.cer();
      c["codes_exact"] = cell.codes_exact();
      c["median_seconds"] = cell.median_seconds();
      for (size_t p = 0; p < cell.pages.size(); ++p) {
        const PageRun& r = cell.pages[p];
        c["pages"].push_back({{"page", pages[p].number},
                              {"edits", r.edits},
                              {"chars", r.chars},
                              {"code_exact", r.code_exact},
                              {"prep_s", r.prep_s},
                              {"ocr_s", r.ocr_s},
                              {"skew_deg", r.skew_deg},
                              {"text", r.text}});
      }
      j["cells"].push_back(std::move(c));
    }
    std::ofstream(out_json) << j.dump(1) << "\n";
  }

  // The report.
  std::ostringstream md;
  utsname uts{};
  uname(&uts);
  size_t truth_chars = 0;
  for (const auto& p : pages) truth_chars += shenbao::utf8_to_codepoints(comparable(p.truth)).size();
  md << "# OCR accuracy and cost on pages with known text (issue 6)\n\n"
     << "Written by `make bench-ocr` (bench/ocr_quality.cc; how to run it: bench/README.md). "
        "A benchmark, not a test: nothing here is asserted.\n\n"
     << "- Date: " << utc_now("%Y-%m-%d %H:%M UTC") << "\n"
     << "- Machine: " << cpu_model() << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " cores, "
     << memory_total() << " RAM; " << uts.sysname << " " << uts.release << "\n"
     << "- Load average (1, 5, 15 min) before: " << load_before << "; after: " << load_after
     << " (the machine was shared with other builds and tests)\n"
     << "- Tesseract " << SHENBAO_TESSERACT_VERSION
     << " (LSTM, automatic page segmentation, as OcrEngine runs it), OMP_THREAD_LIMIT="
     << (std::getenv("OMP_THREAD_LIMIT") ? std::getenv("OMP_THREAD_LIMIT") : "unset")
     << ", one page at a time\n";
  for (const Model& m : models) {
    md << "- Model `" << m.name << "`: " << m.tessdata << "/chi_sim.traineddata, sha256 "
       << file_sha256(fs::path(m.tessdata) / "chi_sim.traineddata").substr(0, 16) << "…\n";
  }
  md << "- Pages: " << pages.size() << " A4 pages from bench/ocr-text.txt (" << truth_chars
     << " characters of known text after normalisation), fonts Noto Serif / Noto Sans / "
        "WenQuanYi Zen Hei in turn, degradation seed "
     << seed << "; whole run " << fmt("%.0f", total_s) << " s\n\n"
     << "CER: character error rate, the edit distance between the OCR text and the known "
        "text, both through `normalise_for_compare` (full-width folded, white space dropped), "
        "summed over the pages and divided by the known text's length. Code: pages whose "
        "18-character credit code was read exactly. s/page: median over the pages of "
        "preparation + OCR wall time; prep ms: median preparation time alone. Red ink "
        "\"kept\": the colour page handed to Tesseract as it is; \"suppressed, page\": "
        "`suppress_red` (red channel as gray) over the whole page; \"suppressed, seals\": "
        "only inside the seals `detect_seals` finds (boxes widened by 8 %), plain gray "
        "elsewhere. Deskew: `deskew` after suppression; skew found: the median angle it "
        "applied. shenbao (at 87fd72d) reads with debian, red suppressed inside the seals, "
        "no deskew, at the image's own resolution (PDF pages are rendered at 300 dpi).\n";
  for (const Variant& v : variants) {
    md << "\n## " << v.name << ": " << v.what << "\n\n"
       << "| model | red seal | deskew | OCR dpi | CER | code exact | s/page | prep ms |"
       << (v.dpi < 300 || v.name == "degraded" ? " skew found |" : "") << "\n"
       << "|---|---|---|---:|---:|---:|---:|---:|"
       << (v.dpi < 300 || v.name == "degraded" ? "---:|" : "") << "\n";
    for (const Cell& c : cells) {
      if (c.variant != v.name) continue;
      const double dpi = c.config.working_dpi > 0 ? c.config.working_dpi : v.dpi;
      md << "| " << models[c.config.model].name << " | " << red_label(c.config.red) << " | "
         << (c.config.deskew ? "on" : "off") << " | " << fmt("%.0f", dpi)
         << (c.config.working_dpi > 0 ? " (upscaled)" : "") << " | " << percent(c.cer()) << " | "
         << c.codes_exact() << "/" << c.pages.size() << " | " << fmt("%.2f", c.median_seconds())
         << " | " << fmt("%.0f", c.median_prep_seconds() * 1000) << " |";
      if (v.dpi < 300 || v.name == "degraded") {
        std::vector<double> skews;
        for (const auto& r : c.pages) skews.push_back(std::abs(r.skew_deg));
        md << (c.config.deskew ? " " + fmt("%.2f°", Cell::median(skews)) : std::string(" –"))
           << " |";
      }
      md << "\n";
    }
  }

  // Each step's effect, other settings at shenbao's own (red suppressed inside the seals, no
  // deskew, own dpi).
  auto find = [&](const std::string& variant, int model, Red red, bool deskew,
                  double dpi) -> const Cell& {
    return *std::find_if(cells.begin(), cells.end(), [&](const Cell& c) {
      return c.variant == variant && c.config.model == model && c.config.red == red &&
             c.config.deskew == deskew && c.config.working_dpi == dpi;
    });
  };
  constexpr bool t = true, f = false;
  const Red kept = Red::kKept, page = Red::kPage, seals = Red::kSeals;
  auto effect = [&](const Cell& a, const Cell& b) {
    return percent(a.cer()) + " → " + percent(b.cer()) + ", code " +
           std::to_string(a.codes_exact()) + " → " + std::to_string(b.codes_exact()) + ", " +
           fmt("%.2f", a.median_seconds()) + " → " + fmt("%.2f", b.median_seconds()) + " s";
  };
  md << "\n## Each step's effect\n\n"
     << "CER, codes read exactly and s/page, from without the step to with it; the other "
        "settings as shenbao runs (red suppressed inside the seals, no deskew, the image's own "
        "dpi) unless "
        "the step is that one.\n\n"
     << "| step | variant | debian | best_int |\n|---|---|---|---|\n";
  for (const std::string v : {"stamped", "degraded", "scan200"}) {
    md << "| red suppression in seals | " << v << " | "
       << effect(find(v, 0, kept, f, 0), find(v, 0, seals, f, 0)) << " | "
       << effect(find(v, 1, kept, f, 0), find(v, 1, seals, f, 0)) << " |\n";
  }
  for (const std::string v : {"clean", "stamped", "degraded", "scan200"}) {
    md << "| whole page instead of seals | " << v << " | "
       << effect(find(v, 0, seals, f, 0), find(v, 0, page, f, 0)) << " | "
       << effect(find(v, 1, seals, f, 0), find(v, 1, page, f, 0)) << " |\n";
  }
  for (const std::string v : {"clean", "degraded", "scan200"}) {
    md << "| deskew | " << v << " | " << effect(find(v, 0, seals, f, 0), find(v, 0, seals, t, 0))
       << " | " << effect(find(v, 1, seals, f, 0), find(v, 1, seals, t, 0)) << " |\n";
  }
  md << "| upscale 200 → 300 dpi | scan200 | "
     << effect(find("scan200", 0, seals, f, 0), find("scan200", 0, seals, f, 300)) << " | "
     << effect(find("scan200", 1, seals, f, 0), find("scan200", 1, seals, f, 300)) << " |\n";
  md << "| upscale, with deskew | scan200 | "
     << effect(find("scan200", 0, seals, t, 0), find("scan200", 0, seals, t, 300)) << " | "
     << effect(find("scan200", 1, seals, t, 0), find("scan200", 1, seals, t, 300)) << " |\n";
  md << "\nThe model, at shenbao's settings (debian → best_int):\n\n"
     << "| variant | debian → best_int |\n|---|---|\n";
  for (const Variant& v : variants) {
    md << "| " << v.name << " | "
       << effect(find(v.name, 0, seals, f, 0), find(v.name, 1, seals, f, 0)) << " |\n";
  }
  md << "\nThe model with deskew on as well (red suppressed inside the seals):\n\n"
     << "| variant | debian → best_int |\n|---|---|\n";
  for (const Variant& v : variants) {
    md << "| " << v.name << " | "
       << effect(find(v.name, 0, seals, t, 0), find(v.name, 1, seals, t, 0)) << " |\n";
  }
  if (!corpus_dir.empty()) md << corpus_section(corpus_dir);

  if (!out_md.empty()) {
    std::ofstream(out_md) << md.str();
    std::cerr << "wrote " << out_md << "\n";
  } else {
    std::cout << md.str();
  }
  return 0;
}
