// The ledger (pipeline/run/ledger.h) on real SQLite files, the fingerprints it compares, the
// shard filter and the stop-signal flag, in-process.

#include "pipeline/run/ledger.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <csignal>
#include <set>

#include "ops_support.h"
#include "pipeline/run/run.h"
#include "pipeline/run/signals.h"

using namespace shenbao;
using namespace shenbao::ops_test;
using shenbao::testing::TempDir;

namespace {

LedgerRow row_for(const std::string& source, const std::string& at,
                  const std::string& content = "c1", const std::string& status = "ok") {
  LedgerRow r;
  r.source = source;
  r.bundle_id = make_bundle_id(source);
  r.content_hash = content;
  r.pipeline_version = "0.1.0";
  r.rules_hash = "r1";
  r.status = status;
  r.verdict = "incomplete";
  r.seconds = 1.5;
  r.stage_seconds = {{"intake", 0.25}, {"load", 1.0}};
  r.outputs = {r.bundle_id + "/submission.json", r.bundle_id + "/report.html"};
  r.processed_at = at;
  return r;
}

std::unique_ptr<Ledger> open_ledger(const fs::path& file) {
  auto ledger = Ledger::open(file);
  REQUIRE_MESSAGE(ledger.ok(), ledger.status().ToString());
  return std::move(ledger).value();
}

}  // namespace

TEST_CASE("the ledger keeps every processing and answers the latest per source") {
  TempDir dir;
  const fs::path file = dir.path() / "ledger.sqlite";
  {
    auto ledger = open_ledger(file);
    LedgerRow a1 = row_for("甲公司.zip", "2026-01-01T01:00:00Z", "c1");
    LedgerRow b1 = row_for("乙公司", "2026-01-01T01:05:00Z", "c9");
    LedgerRow a2 = row_for("甲公司.zip", "2026-01-02T01:00:00Z", "c2", "failed");
    for (LedgerRow* r : {&a1, &b1, &a2}) REQUIRE(ledger->record(*r).ok());
    CHECK(a1.id > 0);
    CHECK(a2.id > b1.id);
  }
  // Reopened: the rows survived, with every field.
  auto ledger = open_ledger(file);
  auto all = ledger->all_rows();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  auto latest = ledger->latest_for_source("甲公司.zip");
  REQUIRE(latest.ok());
  REQUIRE(latest.value().has_value());
  const LedgerRow& a = *latest.value();
  CHECK(a.content_hash == "c2");
  CHECK(a.status == "failed");
  CHECK(a.bundle_id == "甲公司");
  CHECK(a.seconds == doctest::Approx(1.5));
  CHECK(a.stage_seconds.at("load") == doctest::Approx(1.0));
  CHECK(a.outputs == std::vector<std::string>{"甲公司/submission.json", "甲公司/report.html"});
  CHECK(a.processed_at == "2026-01-02T01:00:00Z");
  auto none = ledger->latest_for_source("丙公司.zip");
  REQUIRE(none.ok());
  CHECK(!none.value().has_value());

  auto per_bundle = ledger->latest_per_bundle();
  REQUIRE(per_bundle.ok());
  REQUIRE(per_bundle->size() == 2);
  CHECK(per_bundle.value()[0].bundle_id == "乙公司");
  CHECK(per_bundle.value()[1].bundle_id == "甲公司");
  CHECK(per_bundle.value()[1].content_hash == "c2");
}

TEST_CASE("the ledger file is in WAL mode with the latest_processings view") {
  TempDir dir;
  const fs::path file = dir.path() / "ledger.sqlite";
  {
    auto ledger = open_ledger(file);
    LedgerRow r = row_for("a.zip", "2026-01-01T00:00:00Z");
    REQUIRE(ledger->record(r).ok());
    // While open in WAL mode, SQLite keeps a -wal file beside the database.
    CHECK(fs::exists(dir.path() / "ledger.sqlite-wal"));
  }
  // The header's file-format bytes (offsets 18, 19) are 2 for WAL, 1 for a rollback journal.
  const std::string header = read_file(file).substr(0, 20);
  CHECK(header.compare(0, 15, "SQLite format 3") == 0);
  CHECK(static_cast<int>(header[18]) == 2);
  CHECK(static_cast<int>(header[19]) == 2);
  // The view is there for people with the sqlite3 shell: latest_per_bundle reads it.
  auto ledger = open_ledger(file);
  auto rows = ledger->latest_per_bundle();
  REQUIRE(rows.ok());
  CHECK(rows->size() == 1);
}

TEST_CASE("a file that is not a SQLite database is refused as corrupt") {
  TempDir dir;
  write_file(dir.path() / "ledger.sqlite", std::string(4096, 'x'));
  auto ledger = Ledger::open(dir.path() / "ledger.sqlite");
  REQUIRE(!ledger.ok());
  CHECK(ledger.status().code() == Status::Code::kCorrupt);
}

TEST_CASE("a row whose status is neither ok nor failed is refused") {
  TempDir dir;
  auto ledger = open_ledger(dir.path() / "ledger.sqlite");
  LedgerRow r = row_for("a.zip", "2026-01-01T00:00:00Z", "c1", "skipped");
  CHECK(ledger->record(r).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("import_rows adds rows once, however often the same ledger is merged") {
  TempDir dir;
  auto shard = open_ledger(dir.path() / "shard.sqlite");
  LedgerRow a = row_for("a.zip", "2026-01-02T00:00:00Z");
  LedgerRow b = row_for("b.zip", "2026-01-01T00:00:00Z");
  REQUIRE(shard->record(a).ok());
  REQUIRE(shard->record(b).ok());
  auto rows = shard->all_rows();
  REQUIRE(rows.ok());
  CHECK(rows.value()[0].source == "b.zip");  // oldest first

  auto merged = open_ledger(dir.path() / "merged.sqlite");
  auto first = merged->import_rows(rows.value());
  REQUIRE(first.ok());
  CHECK(first.value() == 2);
  auto again = merged->import_rows(rows.value());
  REQUIRE(again.ok());
  CHECK(again.value() == 0);
  auto all = merged->all_rows();
  REQUIRE(all.ok());
  CHECK(all->size() == 2);
}

TEST_CASE("open_read_only does not create a ledger that is not there") {
  TempDir dir;
  auto ledger = Ledger::open_read_only(dir.path() / "ledger.sqlite");
  CHECK(ledger.status().code() == Status::Code::kNotFound);
  CHECK(!fs::exists(dir.path() / "ledger.sqlite"));
}

TEST_CASE("is_unchanged skips only an ok row with the same content, rules and version") {
  const LedgerRow ok = row_for("a.zip", "2026-01-01T00:00:00Z", "c1");
  auto why = is_unchanged(ok, "c1", "r1", "0.1.0");
  REQUIRE(why.has_value());
  CHECK(*why == "unchanged since 2026-01-01T00:00:00Z");
  CHECK(!is_unchanged(ok, "c2", "r1", "0.1.0"));
  CHECK(!is_unchanged(ok, "c1", "r2", "0.1.0"));
  CHECK(!is_unchanged(ok, "c1", "r1", "0.2.0"));
  const LedgerRow failed = row_for("a.zip", "2026-01-01T00:00:00Z", "c1", "failed");
  CHECK(!is_unchanged(failed, "c1", "r1", "0.1.0"));
}

TEST_CASE("a ZIP's fingerprint is the sha256 of its bytes") {
  TempDir dir;
  const std::string bytes = "PK\x05\x06" + std::string(18, '\0');
  write_file(dir.path() / "a.zip", bytes);
  auto fp = bundle_fingerprint(dir.path() / "a.zip", 1 << 20);
  REQUIRE(fp.ok());
  CHECK(fp.value() == sha256_hex(bytes));
  // Over the size bound, the file is not read: size and mtime stand in.
  auto big = bundle_fingerprint(dir.path() / "a.zip", 4);
  REQUIRE(big.ok());
  CHECK(big.value() != sha256_hex(bytes));
  CHECK(bundle_fingerprint(dir.path() / "missing.zip", 1 << 20).status().code() ==
        Status::Code::kNotFound);
}

TEST_CASE("a folder's fingerprint changes with a file's size, mtime or name, not by itself") {
  TempDir dir;
  const fs::path b = dir.path() / "bundle";
  fs::create_directories(b / "sub");
  write_file(b / "sub" / "a.pdf", "one");
  write_file(b / "b.pdf", "two");
  auto fp = [&] {
    auto r = bundle_fingerprint(b, 1 << 20);
    REQUIRE(r.ok());
    return r.value();
  };
  const std::string first = fp();
  CHECK(fp() == first);
  write_file(b / "b.pdf", "three");  // size
  const std::string second = fp();
  CHECK(second != first);
  // Same size and content, a different mtime.
  struct timespec times[2] = {{0, UTIME_OMIT}, {1'600'000'000, 0}};
  REQUIRE(::utimensat(AT_FDCWD, (b / "b.pdf").c_str(), times, 0) == 0);
  const std::string third = fp();
  CHECK(third != second);
  fs::rename(b / "sub" / "a.pdf", b / "sub" / "c.pdf");
  CHECK(fp() != third);
}

TEST_CASE("the rules fingerprint follows the schema files the run reads and the settings") {
  TempDir dir;
  const fs::path s = dir.path() / "schemas";
  fs::create_directories(s / "policy");
  fs::create_directories(s / "completeness");
  write_file(s / "patterns.json", "{}");
  write_file(s / "policy" / "songjiang-2025.json", "{\"cap\": 1}");
  write_file(s / "policy" / "other-2026.json", "{}");
  write_file(s / "completeness" / "songjiang-2025.general_model.schema.json", "{}");
  auto fp = [&](const std::string& settings) {
    auto r = rules_fingerprint(s, "songjiang-2025", settings);
    REQUIRE(r.ok());
    return r.value();
  };
  const std::string base = fp("lang=zh");
  CHECK(fp("lang=zh") == base);
  CHECK(fp("lang=en") != base);
  write_file(s / "policy" / "other-2026.json", "{\"changed\": true}");  // not used
  CHECK(fp("lang=zh") == base);
  write_file(s / "policy" / "songjiang-2025.json", "{\"cap\": 2}");
  const std::string policy_changed = fp("lang=zh");
  CHECK(policy_changed != base);
  write_file(s / "completeness" / "songjiang-2025.general_model.schema.json", "{\"x\":1}");
  const std::string completeness_changed = fp("lang=zh");
  CHECK(completeness_changed != policy_changed);
  write_file(s / "patterns.json", "{\"x\":1}");
  CHECK(fp("lang=zh") != completeness_changed);
  CHECK(rules_fingerprint(dir.path() / "nope", "songjiang-2025", "").status().code() ==
        Status::Code::kNotFound);
}

TEST_CASE("in_shard puts every name in exactly one shard, by its name's hash") {
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 300; ++i) {
    const std::string name = "申报包-" + std::to_string(i) + ".zip";
    int shards = 0;
    for (int k = 0; k < 3; ++k) {
      if (in_shard(name, k, 3)) {
        ++shards;
        ++counts[k];
      }
    }
    CHECK(shards == 1);
    CHECK(in_shard(name, 0, 1));
  }
  // A fair split: each of three shards gets a reasonable share of 300 names.
  for (int c : counts) CHECK(c > 60);
  // Pinned: the first 8 bytes of sha256("a.zip"), big-endian, mod N.
  const std::string hex = sha256_hex("a.zip");
  const uint64_t head = std::stoull(hex.substr(0, 16), nullptr, 16);
  CHECK(in_shard("a.zip", static_cast<int>(head % 7), 7));
}

TEST_CASE("SIGTERM sets the stop flag and the exit status 143 instead of ending the process") {
  struct sigaction before {};
  REQUIRE(sigaction(SIGTERM, nullptr, &before) == 0);
  {
    StopSignals stop;
    CHECK(!stop.requested());
    CHECK(stop.exit_status() == 0);
    REQUIRE(std::raise(SIGTERM) == 0);
    CHECK(stop.requested());
    CHECK(stop.signal_number() == SIGTERM);
    CHECK(stop.exit_status() == 143);
  }
  // The destructor put the previous handler (doctest's own) back.
  struct sigaction now {};
  REQUIRE(sigaction(SIGTERM, nullptr, &now) == 0);
  CHECK((now.sa_handler == before.sa_handler));
}

TEST_CASE("SIGINT gives exit status 130") {
  StopSignals stop;
  REQUIRE(std::raise(SIGINT) == 0);
  CHECK(stop.signal_number() == SIGINT);
  CHECK(stop.exit_status() == 130);
}
