#include "pipeline/run/ledger.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/core/text.h"

namespace shenbao {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Schema version 1 of the ledger. Columns hold what LedgerRow documents; stage_seconds and
// outputs are JSON text.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS processings (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  source           TEXT NOT NULL,
  bundle_id        TEXT NOT NULL,
  content_hash     TEXT NOT NULL,
  pipeline_version TEXT NOT NULL,
  rules_hash       TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  verdict          TEXT NOT NULL,
  seconds          REAL NOT NULL,
  stage_seconds    TEXT NOT NULL,
  outputs          TEXT NOT NULL,
  processed_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS processings_by_source ON processings (source, processed_at, id);
CREATE INDEX IF NOT EXISTS processings_by_bundle ON processings (bundle_id, processed_at, id);
CREATE VIEW IF NOT EXISTS latest_processings AS
  SELECT id, source, bundle_id, content_hash, pipeline_version, rules_hash, status, verdict,
         seconds, stage_seconds, outputs, processed_at
  FROM (SELECT *, row_number() OVER (PARTITION BY bundle_id
                                     ORDER BY processed_at DESC, id DESC) AS rank
        FROM processings)
  WHERE rank = 1;
PRAGMA user_version = 1;
)sql";

constexpr const char* kColumns =
    "id, source, bundle_id, content_hash, pipeline_version, rules_hash, status, verdict, "
    "seconds, stage_seconds, outputs, processed_at";

std::string text_column(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string();
}

LedgerRow row_from(sqlite3_stmt* s) {
  LedgerRow r;
  r.id = sqlite3_column_int64(s, 0);
  r.source = text_column(s, 1);
  r.bundle_id = text_column(s, 2);
  r.content_hash = text_column(s, 3);
  r.pipeline_version = text_column(s, 4);
  r.rules_hash = text_column(s, 5);
  r.status = text_column(s, 6);
  r.verdict = text_column(s, 7);
  r.seconds = sqlite3_column_double(s, 8);
  const json stages = json::parse(text_column(s, 9), nullptr, /*allow_exceptions=*/false);
  if (stages.is_object()) {
    for (const auto& [k, v] : stages.items()) {
      if (v.is_number()) r.stage_seconds[k] = v.get<double>();
    }
  }
  const json outputs = json::parse(text_column(s, 10), nullptr, /*allow_exceptions=*/false);
  if (outputs.is_array()) {
    for (const json& o : outputs) {
      if (o.is_string()) r.outputs.push_back(o.get<std::string>());
    }
  }
  r.processed_at = text_column(s, 11);
  return r;
}

std::string hex_of_file_or(const fs::path& file, Status& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = Status::IoError("cannot read " + file.string());
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    error = Status::IoError("read error on " + file.string());
    return {};
  }
  return sha256_hex(ss.str());
}

}  // namespace

struct Ledger::Impl {
  DbPtr db;
  fs::path file;

  static Result<std::unique_ptr<Impl>> open(const fs::path& file, int flags) {
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    impl->db.reset(raw);  // closes even a failed handle
    if (rc != SQLITE_OK) {
      return Status::IoError("cannot open ledger " + file.string() + ": " +
                             (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(raw, 10'000);
    sqlite3_extended_result_codes(raw, 1);
    return impl;
  }

  Status error(const std::string& what) const {
    return Status::IoError("ledger " + file.string() + ": " + what + ": " +
                           sqlite3_errmsg(db.get()));
  }

  Status exec(const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : "unknown error";
      sqlite3_free(message);
      return Status::IoError("ledger " + file.string() + ": " + m);
    }
    return Status::Ok();
  }

  Result<StmtPtr> prepare(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      return error("prepare");
    }
    return StmtPtr(stmt);
  }

  Result<std::vector<LedgerRow>> rows(const std::string& sql,
                                      const std::vector<std::string>& params = {}) const {
    auto stmt = prepare(sql);
    if (!stmt.ok()) return stmt.status();
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(stmt->get(), static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    }
    std::vector<LedgerRow> out;
    for (;;) {
      const int rc = sqlite3_step(stmt->get());
      if (rc == SQLITE_ROW) {
        out.push_back(row_from(stmt->get()));
      } else if (rc == SQLITE_DONE) {
        return out;
      } else {
        return error("query");
      }
    }
  }

  Status insert(LedgerRow& row) const {
    if (row.status != "ok" && row.status != "failed") {
      return Status::InvalidArgument("ledger status must be ok or failed, got " + row.status);
    }
    auto stmt = prepare(
        "INSERT INTO processings (source, bundle_id, content_hash, pipeline_version, "
        "rules_hash, status, verdict, seconds, stage_seconds, outputs, processed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt.ok()) return stmt.status();
    sqlite3_stmt* s = stmt->get();
    json stages = json::object();
    for (const auto& [k, v] : row.stage_seconds) stages[k] = v;
    const std::string texts[] = {row.source,           row.bundle_id,  row.content_hash,
                                 row.pipeline_version, row.rules_hash, row.status,
                                 row.verdict};
    int col = 1;
    for (const std::string& t : texts) {
      sqlite3_bind_text(s, col++, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    }
    sqlite3_bind_double(s, col++, row.seconds);
    const std::string stages_text = stages.dump();
    const std::string outputs_text = json(row.outputs).dump();
    sqlite3_bind_text(s, col++, stages_text.data(), static_cast<int>(stages_text.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(s, col++, outputs_text.data(), static_cast<int>(outputs_text.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(s, col++, row.processed_at.data(), static_cast<int>(row.processed_at.size()),
                      SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) return error("insert");
    row.id = sqlite3_last_insert_rowid(db.get());
    return Status::Ok();
  }
};

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::open(const fs::path& file) {
  auto impl = Impl::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!impl.ok()) return impl.status();
  Impl& db = *impl.value();
  // journal_mode returns a row, so exec it and check the mode by a query.
  if (Status s = db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"); !s.ok()) {
    // "file is not a database" surfaces here.
    return Status::Corrupt(s.message());
  }
  if (Status s = db.exec(kSchema); !s.ok()) return Status::Corrupt(s.message());
  // A file that already held a table named processings with other columns.
  auto probe = db.prepare(std::string("SELECT ") + kColumns + " FROM processings LIMIT 0");
  if (!probe.ok()) return Status::Corrupt("ledger " + file.string() + " has a foreign schema");
  return std::unique_ptr<Ledger>(new Ledger(std::move(impl).value()));
}

Result<std::unique_ptr<Ledger>> Ledger::open_read_only(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return Status::NotFound("no ledger at " + file.string());
  auto impl = Impl::open(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!impl.ok()) return impl.status();
  auto probe =
      impl.value()->prepare(std::string("SELECT ") + kColumns + " FROM processings LIMIT 0");
  if (!probe.ok()) return Status::Corrupt("ledger " + file.string() + " has a foreign schema");
  return std::unique_ptr<Ledger>(new Ledger(std::move(impl).value()));
}

Status Ledger::record(LedgerRow& row) { return impl_->insert(row); }

Result<std::optional<LedgerRow>> Ledger::latest_for_source(const std::string& source) const {
  auto rows = impl_->rows(std::string("SELECT ") + kColumns +
                              " FROM processings WHERE source = ? "
                              "ORDER BY processed_at DESC, id DESC LIMIT 1",
                          {source});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<LedgerRow>();
  return std::optional<LedgerRow>(std::move(rows->front()));
}

Result<std::vector<LedgerRow>> Ledger::latest_per_bundle() const {
  return impl_->rows(std::string("SELECT ") + kColumns +
                     " FROM latest_processings ORDER BY bundle_id");
}

Result<std::vector<LedgerRow>> Ledger::all_rows() const {
  return impl_->rows(std::string("SELECT ") + kColumns +
                     " FROM processings ORDER BY processed_at, id");
}

Result<int> Ledger::import_rows(const std::vector<LedgerRow>& rows) {
  std::vector<LedgerRow> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(), [](const LedgerRow& a, const LedgerRow& b) {
    return a.processed_at < b.processed_at;
  });
  if (Status s = impl_->exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto exists = impl_->prepare(
      "SELECT 1 FROM processings WHERE source = ? AND content_hash = ? AND rules_hash = ? "
      "AND pipeline_version = ? AND processed_at = ? AND status = ? LIMIT 1");
  if (!exists.ok()) {
    (void)impl_->exec("ROLLBACK");
    return exists.status();
  }
  int added = 0;
  for (LedgerRow row : sorted) {
    sqlite3_stmt* s = exists->get();
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    const std::string keys[] = {row.source,           row.content_hash, row.rules_hash,
                                row.pipeline_version, row.processed_at, row.status};
    int col = 1;
    for (const std::string& k : keys) {
      sqlite3_bind_text(s, col++, k.data(), static_cast<int>(k.size()), SQLITE_TRANSIENT);
    }
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) continue;
    if (rc != SQLITE_DONE) {
      Status e = impl_->error("import");
      (void)impl_->exec("ROLLBACK");
      return e;
    }
    if (Status st = impl_->insert(row); !st.ok()) {
      (void)impl_->exec("ROLLBACK");
      return st;
    }
    ++added;
  }
  if (Status s = impl_->exec("COMMIT"); !s.ok()) {
    (void)impl_->exec("ROLLBACK");
    return s;
  }
  return added;
}

std::optional<std::string> is_unchanged(const LedgerRow& latest, const std::string& content_hash,
                                        const std::string& rules_hash,
                                        const std::string& pipeline_version) {
  if (latest.status != "ok" || latest.content_hash != content_hash ||
      latest.rules_hash != rules_hash || latest.pipeline_version != pipeline_version) {
    return std::nullopt;
  }
  return "unchanged since " + latest.processed_at;
}

Result<std::string> bundle_fingerprint(const fs::path& bundle, int64_t max_zip_bytes) {
  std::error_code ec;
  const fs::file_status st = fs::status(bundle, ec);  // follows a symlink placed by staff
  if (ec || !fs::exists(st)) return Status::NotFound("no such bundle: " + bundle.string());
  // "rel\0size\0mtime\0"; `follow`: stat the symlink's target, not the link.
  auto stat_line = [](const fs::path& p, const std::string& rel, bool follow, std::string& out) {
    struct stat sb {};
    if ((follow ? ::stat(p.c_str(), &sb) : ::lstat(p.c_str(), &sb)) != 0) return false;
    out += rel;
    out += '\0';
    out += std::to_string(static_cast<long long>(sb.st_size));
    out += '\0';
    out += std::to_string(static_cast<long long>(sb.st_mtim.tv_sec)) + "." +
           std::to_string(static_cast<long long>(sb.st_mtim.tv_nsec));
    out += '\0';
    return true;
  };
  if (fs::is_regular_file(st)) {
    const auto size = fs::file_size(bundle, ec);
    if (ec) return Status::IoError("cannot stat " + bundle.string() + ": " + ec.message());
    if (static_cast<int64_t>(size) > max_zip_bytes) {
      std::string line = "oversize";
      line += '\0';
      if (!stat_line(bundle, "", /*follow=*/true, line))
        return Status::IoError("cannot stat " + bundle.string());
      return sha256_hex(line);
    }
    Status error;
    std::string hex = hex_of_file_or(bundle, error);
    if (!error.ok()) return error;
    return hex;
  }
  if (!fs::is_directory(st)) {
    return Status::Unsupported(bundle.string() + " is neither a file nor a folder");
  }
  // Folder: every entry below (not following symlinks), sorted by relative path.
  std::vector<std::pair<std::string, fs::path>> files;
  fs::recursive_directory_iterator it(bundle, fs::directory_options::none, ec), end;
  if (ec) return Status::IoError("cannot list " + bundle.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError("cannot list " + bundle.string() + ": " + ec.message());
    files.emplace_back(it->path().lexically_relative(bundle).generic_string(), it->path());
  }
  std::sort(files.begin(), files.end());
  std::string listing;
  for (const auto& [rel, path] : files) {
    if (!stat_line(path, rel, /*follow=*/false, listing)) {
      listing += rel + '\0' + "unreadable" + '\0';
    }
  }
  return sha256_hex(listing);
}

Result<std::string> rules_fingerprint(const fs::path& schemas_dir, const std::string& policy,
                                      const std::string& settings) {
  std::error_code ec;
  if (!fs::is_directory(schemas_dir, ec)) {
    return Status::NotFound("no schemas folder at " + schemas_dir.string());
  }
  std::vector<std::pair<std::string, fs::path>> files;
  fs::recursive_directory_iterator it(schemas_dir, fs::directory_options::none, ec), end;
  if (ec) return Status::IoError("cannot list " + schemas_dir.string() + ": " + ec.message());
  const std::string prefix = policy + ".";
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError("cannot list " + schemas_dir.string() + ": " + ec.message());
    if (!it->is_regular_file(ec)) continue;
    const fs::path rel = it->path().lexically_relative(schemas_dir);
    const bool top_level = !rel.has_parent_path();
    const std::string name = rel.filename().string();
    if (!top_level && name.rfind(prefix, 0) != 0) continue;
    files.emplace_back(rel.generic_string(), it->path());
  }
  std::sort(files.begin(), files.end());
  std::string listing;
  for (const auto& [rel, path] : files) {
    Status error;
    const std::string hex = hex_of_file_or(path, error);
    if (!error.ok()) return error;
    listing += rel + '\0' + hex + '\0';
  }
  listing += "settings";
  listing += '\0';
  listing += settings;
  return sha256_hex(listing);
}

}  // namespace shenbao
