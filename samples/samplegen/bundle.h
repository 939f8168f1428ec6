// Bundle assembly: from a plan and its facts to the files of one bundle (a ZIP or a folder)
// and the list of documents as the pipeline must report them.
//
// Steps: draw every material's documents (drawers.h), render them as text PDFs, scanned
// PDFs, photos or XLSX (render.h, degrade.h, xlsx.h), apply the planted file-level defects
// (encryption, corruption, a duplicate, a ../ entry), then pack (zipper.h). Each document's
// seal pages come from the rendering itself.
//
// Thread safety: generate_bundle is a pure function of (index, seed); call it from one
// thread at a time (fontconfig initialisation is process-global).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "pipeline/core/status.h"
#include "plan.h"

namespace samplegen {

struct TruthSection {
  Material material;
  int first_page = 1, last_page = 1;
};

// One file of the bundle as the pipeline must list it.
struct TruthDocument {
  std::string path;  // inside the bundle, UTF-8 ("inner.zip/a/b.pdf" for nested)
  std::optional<Material>
      material;  // empty: not scored (archives, refused/unreadable/skipped files, merged PDFs)
  std::optional<bool> sealed;  // empty: null (not applicable or undecidable)
  std::vector<int> seal_pages;
  std::string status = "ok";  // ok | unreadable | rejected | skipped
  std::string format;         // pdf | image | xlsx | archive | other; empty: not scored
  std::optional<int> pages;
  std::string sha256;  // empty for refused entries
  std::vector<TruthSection> sections;
};

struct TruthFinding {
  std::string code;
  std::optional<Material> material;
  std::string document;  // empty when not tied to one
};

struct BundleFile {
  std::string path;  // UTF-8, '/'-separated
  std::string bytes;
};

struct GeneratedBundle {
  std::string source;  // the inbox name: "申报-….zip" or a folder name
  bool is_folder = false;
  std::string zip_bytes;          // when !is_folder
  std::vector<BundleFile> files;  // when is_folder
  BundlePlan plan;
  Facts facts;
  std::vector<TruthDocument> documents;
  std::vector<TruthFinding> findings;
  std::vector<std::string> defects;  // human-readable notes on what was planted
};

shenbao::Result<GeneratedBundle> generate_bundle(int index, uint64_t seed);

// Writes DIR/inbox/<source> and DIR/expected/<source>.json.
shenbao::Status write_bundle(const GeneratedBundle& bundle, const std::filesystem::path& out_dir);

}  // namespace samplegen
