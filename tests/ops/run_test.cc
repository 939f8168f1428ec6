// `shenbao run` and `shenbao merge` as operations see them, driving the built binary on
// small inboxes of text-layer PDFs built here: skipping unchanged bundles, crash safety
// under SIGKILL, a graceful stop on SIGTERM, shards and their merge, the OUT lock.

#include <doctest/doctest.h>
#include <sys/file.h>

#include <set>

#include "ops_support.h"
#include "pipeline/run/ledger.h"

using namespace shenbao;
using namespace shenbao::ops_test;
using shenbao::testing::TempDir;

namespace {

// An inbox of `zips` ZIP bundles and `folders` folder bundles, each with two small PDFs.
void make_inbox(const fs::path& inbox, int zips, int folders) {
  fs::create_directories(inbox);
  for (int i = 0; i < zips; ++i) {
    const std::string company = "松江测试" + std::to_string(i) + "号科技有限公司";
    ZipWriter zip;
    zip.add("申报书.pdf", sample_pdf(company, i));
    zip.add("材料/营业执照.pdf",
            text_pdf({"营业执照", "名称：" + company,
                      "住所：上海市松江区广富林路 " + std::to_string(i) + " 号"}));
    write_file(inbox / ("申报包-" + std::to_string(i) + ".zip"), zip.finish());
  }
  for (int i = 0; i < folders; ++i) {
    const std::string company = "松江目录" + std::to_string(i) + "号数据有限公司";
    const fs::path dir = inbox / ("目录申报-" + std::to_string(i));
    fs::create_directories(dir / "附件");
    write_file(dir / "申报书.pdf", sample_pdf(company, 100 + i));
    write_file(dir / "附件" / "承诺书.pdf",
               text_pdf({"承诺书", "本单位承诺所提交材料真实有效。", "单位：" + company}));
  }
}

struct Workspace {
  TempDir dir;
  fs::path inbox() const { return dir.path() / "inbox"; }
  fs::path out(const std::string& name = "out") const { return dir.path() / name; }
  ChildResult run(const std::vector<std::string>& extra, const std::string& out_name = "out",
                  std::vector<std::string> env = {}) const {
    std::vector<std::string> args = {"run",     inbox().string(), "--out", out(out_name).string(),
                                     "--plain", "--jobs",         "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    ChildOptions o;
    o.log_dir = dir.path() / "logs";
    o.extra_env = std::move(env);
    return run_shenbao(args, o);
  }
};

std::vector<LedgerRow> ledger_rows(const fs::path& out) {
  auto ledger = Ledger::open_read_only(out / "ledger.sqlite");
  REQUIRE_MESSAGE(ledger.ok(), ledger.status().ToString());
  auto rows = ledger.value()->all_rows();
  REQUIRE(rows.ok());
  return rows.value();
}

size_t count_of(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("a second run skips unchanged bundles without document work and says why") {
  Workspace w;
  make_inbox(w.inbox(), 2, 1);
  const ChildResult first = w.run({});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  CHECK(first.out.find("bundles: 3 (3 processed, 0 unchanged, 0 unreadable)") != std::string::npos);
  const auto outputs_before = tree_of(w.out());
  REQUIRE(ledger_rows(w.out()).size() == 3);

  const ChildResult second = w.run({});
  REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  CHECK(second.out.find("bundles: 3 (0 processed, 3 unchanged, 0 unreadable)") !=
        std::string::npos);
  CHECK(second.out.find("documents: 0") != std::string::npos);
  CHECK(count_of(second.err, ": skipped, unchanged since ") == 3);
  // Nothing was redone: the ledger has no new rows and every bundle's files are the same
  // bytes (processed_at included); only the run-wide files were rewritten.
  CHECK(ledger_rows(w.out()).size() == 3);
  const auto outputs_after = tree_of(w.out());
  for (const auto& [path, hash] : outputs_before) {
    if (path.find('/') != std::string::npos) CHECK_MESSAGE(outputs_after.at(path) == hash, path);
  }
  CHECK(jsonl_of(w.out()) == submissions_of(w.out()));
  CHECK(jsonl_of(w.out()).size() == 3);
}

TEST_CASE("a changed bundle is processed again, changed rules or --force redo every bundle") {
  Workspace w;
  make_inbox(w.inbox(), 2, 1);
  REQUIRE(w.run({}).exit_code == 0);

  // One ZIP gets new content; the folder gets a new file.
  ZipWriter zip;
  zip.add("申报书.pdf", sample_pdf("松江改过的科技有限公司", 7));
  write_file(w.inbox() / "申报包-1.zip", zip.finish());
  write_file(w.inbox() / "目录申报-0" / "补充说明.pdf", sample_pdf("松江目录0号数据有限公司", 9));
  const ChildResult changed = w.run({});
  REQUIRE_MESSAGE(changed.exit_code == 0, changed.err);
  CHECK(changed.out.find("(2 processed, 1 unchanged, 0 unreadable)") != std::string::npos);
  CHECK(changed.err.find("申报包-0.zip: skipped, unchanged since") != std::string::npos);
  const json record = read_json(w.out() / "申报包-1" / "submission.json");
  CHECK(record["bundle"]["sha256"] == sha256_hex(read_file(w.inbox() / "申报包-1.zip")));
  CHECK(record["documents"].size() == 1);
  CHECK(jsonl_of(w.out()).at("申报包-1") == comparable(record));

  // History is kept: 3 first rows, 2 new ones; the latest per bundle is the new one.
  const auto rows = ledger_rows(w.out());
  CHECK(rows.size() == 5);
  auto ledger = Ledger::open_read_only(w.out() / "ledger.sqlite");
  REQUIRE(ledger.ok());
  auto latest = ledger.value()->latest_per_bundle();
  REQUIRE(latest.ok());
  REQUIRE(latest->size() == 3);
  for (const LedgerRow& r : latest.value()) {
    CHECK(r.status == "ok");
    CHECK(r.outputs ==
          std::vector<std::string>{r.bundle_id + "/submission.json", r.bundle_id + "/report.html"});
    if (r.bundle_id == "申报包-1") {
      CHECK(r.content_hash == record["bundle"]["sha256"]);
      CHECK(r.processed_at == record["bundle"]["processed_at"]);
    }
  }

  // The reviewer language is part of the rules: a run in English redoes every bundle.
  const ChildResult english = w.run({"--lang", "en"});
  REQUIRE_MESSAGE(english.exit_code == 0, english.err);
  CHECK(english.out.find("(3 processed, 0 unchanged, 0 unreadable)") != std::string::npos);

  const ChildResult forced = w.run({"--lang", "en", "--force"});
  REQUIRE_MESSAGE(forced.exit_code == 0, forced.err);
  CHECK(forced.out.find("(3 processed, 0 unchanged, 0 unreadable)") != std::string::npos);
  CHECK(ledger_rows(w.out()).size() == 11);
}

TEST_CASE("a bundle whose submission.json was deleted is processed again") {
  Workspace w;
  make_inbox(w.inbox(), 2, 0);
  REQUIRE(w.run({}).exit_code == 0);
  fs::remove(w.out() / "申报包-0" / "submission.json");
  fs::remove(w.out() / "申报包-1" / "report.html");  // a lost report is only re-rendered
  const ChildResult again = w.run({});
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK(again.out.find("(1 processed, 1 unchanged, 0 unreadable)") != std::string::npos);
  CHECK(fs::exists(w.out() / "申报包-0" / "submission.json"));
  CHECK(fs::exists(w.out() / "申报包-1" / "report.html"));
}

TEST_CASE("a run killed with SIGKILL part-way is finished by the next run, as a clean run") {
  Workspace w;
  make_inbox(w.inbox(), 6, 4);
  // The clean run, for comparison.
  REQUIRE(w.run({}, "clean").exit_code == 0);

  ChildOptions o;
  o.log_dir = w.dir.path() / "logs-killed";
  Child child = spawn_shenbao(
      {"run", w.inbox().string(), "--out", w.out().string(), "--plain", "--jobs", "2"}, o);
  const bool started = wait_until(
      [&] {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(w.out(), ec)) {
          if (fs::exists(e.path() / "submission.json")) return true;
        }
        return false;
      },
      60);
  ::kill(child.pid, SIGKILL);
  const ChildResult killed = wait_child(child);
  REQUIRE(started);
  REQUIRE(killed.term_signal == SIGKILL);
  // Killed part-way: the run-wide files were never written, some bundles are missing.
  CHECK(!fs::exists(w.out() / "submissions.jsonl"));
  const auto partial = submissions_of(w.out());
  CHECK(partial.size() >= 1);
  CHECK(partial.size() < 10);
  // What it had written is whole: every submission.json parses (read_json would throw).
  const auto rows_after_kill = ledger_rows(w.out());
  CHECK(rows_after_kill.size() <= partial.size());
  for (const LedgerRow& r : rows_after_kill) CHECK(partial.count(r.bundle_id) == 1);

  const ChildResult rerun = w.run({});
  REQUIRE_MESSAGE(rerun.exit_code == 0, rerun.err);
  CHECK(count_of(rerun.err, "unchanged since") == rows_after_kill.size());
  CHECK(submissions_of(w.out()) == submissions_of(w.out("clean")));
  CHECK(jsonl_of(w.out()) == jsonl_of(w.out("clean")));
  CHECK(jsonl_of(w.out()).size() == 10);
  // Every bundle is in the ledger once: none was processed twice after being recorded.
  std::set<std::string> ids;
  for (const LedgerRow& r : ledger_rows(w.out())) CHECK(ids.insert(r.bundle_id).second);
  CHECK(ids.size() == 10);
  // No temporary file is left behind.
  for (const auto& [path, hash] : tree_of(w.out())) {
    CHECK_MESSAGE(path.find(".tmp.") == std::string::npos, path);
  }
}

TEST_CASE("SIGTERM stops the run after the current bundle with exit status 143 and outputs") {
  Workspace w;
  make_inbox(w.inbox(), 6, 4);
  ChildOptions o;
  o.log_dir = w.dir.path() / "logs-term";
  Child child = spawn_shenbao(
      {"run", w.inbox().string(), "--out", w.out().string(), "--plain", "--jobs", "2"}, o);
  REQUIRE(wait_until(
      [&] {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(w.out(), ec)) {
          if (fs::exists(e.path() / "submission.json")) return true;
        }
        return false;
      },
      60));
  ::kill(child.pid, SIGTERM);
  const ChildResult stopped = wait_child(child);
  CHECK(stopped.exit_code == 143);
  CHECK(stopped.out.find("stopped: SIGTERM after ") != std::string::npos);
  // What was done is in the run-wide outputs; each processed bundle has its ledger row.
  const auto done = submissions_of(w.out());
  CHECK(done.size() < 10);
  CHECK(jsonl_of(w.out()) == done);
  CHECK(fs::exists(w.out() / "index.html"));
  CHECK(fs::exists(w.out() / "summary.csv"));
  CHECK(ledger_rows(w.out()).size() == done.size());

  const ChildResult rest = w.run({});
  REQUIRE_MESSAGE(rest.exit_code == 0, rest.err);
  CHECK(count_of(rest.err, "unchanged since") == done.size());
  CHECK(jsonl_of(w.out()).size() == 10);
}

TEST_CASE("three shards merged equal the unsharded run") {
  Workspace w;
  make_inbox(w.inbox(), 5, 3);
  REQUIRE(w.run({}, "all").exit_code == 0);
  size_t sharded_bundles = 0;
  for (int k = 0; k < 3; ++k) {
    // Shard 1 comes from the environment, as the Kubernetes job passes it.
    const ChildResult r =
        k == 1 ? w.run({}, "shard-1", {"SHENBAO_SHARD=1/3"})
               : w.run({"--shard", std::to_string(k) + "/3"}, "shard-" + std::to_string(k));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("shard: " + std::to_string(k) + "/3") != std::string::npos);
    sharded_bundles += submissions_of(w.out("shard-" + std::to_string(k))).size();
  }
  CHECK(sharded_bundles == 8);

  ChildOptions o;
  o.log_dir = w.dir.path() / "logs-merge";
  const ChildResult merged =
      run_shenbao({"merge", w.out("shard-0").string(), w.out("shard-1").string(),
                   w.out("shard-2").string(), "--out", w.out("merged").string()},
                  o);
  REQUIRE_MESSAGE(merged.exit_code == 0, merged.err);
  CHECK(submissions_of(w.out("merged")) == submissions_of(w.out("all")));
  CHECK(jsonl_of(w.out("merged")) == jsonl_of(w.out("all")));
  CHECK(ledger_rows(w.out("merged")).size() == 8);
  for (const auto& [id, record] : submissions_of(w.out("all"))) {
    CHECK(fs::exists(w.out("merged") / id / "report.html"));
  }
  CHECK(fs::exists(w.out("merged") / "index.html"));
  CHECK(fs::exists(w.out("merged") / "summary.csv"));

  // Merging the same shards again adds nothing; a run on the merged folder skips everything.
  REQUIRE(run_shenbao({"merge", w.out("shard-0").string(), w.out("shard-1").string(),
                       w.out("shard-2").string(), "--out", w.out("merged").string()},
                      o)
              .exit_code == 0);
  CHECK(ledger_rows(w.out("merged")).size() == 8);
  const ChildResult after = w.run({}, "merged");
  REQUIRE_MESSAGE(after.exit_code == 0, after.err);
  CHECK(after.out.find("(0 processed, 8 unchanged, 0 unreadable)") != std::string::npos);
}

TEST_CASE("a malformed shard is bad usage") {
  Workspace w;
  make_inbox(w.inbox(), 1, 0);
  CHECK(w.run({"--shard", "3/3"}).exit_code == 2);
  CHECK(w.run({}, "out", {"SHENBAO_SHARD=x"}).exit_code == 2);
}

TEST_CASE("a second run on the same OUT is refused while the first holds the lock") {
  Workspace w;
  make_inbox(w.inbox(), 1, 0);
  fs::create_directories(w.out());
  const int fd = ::open((w.out() / ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const ChildResult refused = w.run({});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("another shenbao run is using") != std::string::npos);
  CHECK(!fs::exists(w.out() / "ledger.sqlite"));
  ::close(fd);
  CHECK(w.run({}).exit_code == 0);
}

TEST_CASE("temporary files a killed run left are removed by the next") {
  Workspace w;
  make_inbox(w.inbox(), 1, 0);
  REQUIRE(w.run({}).exit_code == 0);
  write_file(w.out() / "submissions.jsonl.tmp.4242", "{\"half");
  write_file(w.out() / "申报包-0" / "report.html.tmp.99", "<html");
  write_file(w.out() / "申报包-0" / "notes.tmp.1", "kept: not one of ours");
  REQUIRE(w.run({}).exit_code == 0);
  CHECK(!fs::exists(w.out() / "submissions.jsonl.tmp.4242"));
  CHECK(!fs::exists(w.out() / "申报包-0" / "report.html.tmp.99"));
  CHECK(fs::exists(w.out() / "申报包-0" / "notes.tmp.1"));
}
