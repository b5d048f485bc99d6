// bench_logbroker: how fast the built-in broker appends and reads the seed's ~200-byte
// orders, at batch sizes 1, 64 and 4096, in both durability modes, measured in the same run
// next to
//   raw   : sequential write() of the same bytes, one call per batch (plus fdatasync per
//           batch in fsync rows) / sequential pread() of them: the physical limit;
//   seed  : the seed tutorial's solution: per batch open(O_APPEND), write the JSON lines,
//           close (plus fdatasync in fsync rows); its consumer opens the file and offset.txt,
//           seeks to the stored byte offset, decodes the JSON lines, rewrites offset.txt.
// Each cell is 7 interleaved rounds (ours, raw, seed, ours, ...), each contestant writing the
// same number of records (about 64 MB; fewer in slow fsync cells) to a fresh file or topic
// that is deleted right after its turn, or stopping at --seconds/7; each contestant's best
// round is printed.
// MB/s counts the JSON payload bytes, the same for all three.
//
//   bench_logbroker [--seconds S] [--dir DIR]     the tables
//   bench_logbroker --profile os|fsync BATCH      only our append then raw, for a profiler

#include "core/OrderGenerator.h"
#include "logbroker/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace tidemark;
using Clock = std::chrono::steady_clock;

namespace {

// The machine these run on is shared; os-mode rows divide by the CPU time the process spent
// (user + system, all threads), which other processes do not inflate; fsync rows divide by
// wall time, since waiting for the disk is what they measure.
bool g_cpuTime = false;

double processCpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Rate {
    qint64 records = 0;
    qint64 bytes = 0;
    double seconds = 0;
    double perSecond() const { return seconds > 0 ? records / seconds : 0; }
    double mbPerSecond() const { return seconds > 0 ? bytes / seconds / 1e6 : 0; }
};

struct Corpus {
    std::vector<QByteArray> lines; // JSON without newline
    std::vector<QByteArray> keys;
    qint64 totalBytes = 0;
};

Corpus makeCorpus(int n)
{
    Corpus c;
    OrderGenerator gen(7);
    for (int i = 0; i < n; ++i) {
        const Order o = gen.next();
        c.lines.push_back(orderToJson(o));
        c.keys.push_back(o.userId.toUtf8());
        c.totalBytes += c.lines.back().size();
    }
    return c;
}

double elapsed(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// Measures one contestant: wall time bounds the run, the rate uses CPU or wall time.
struct Meter {
    Clock::time_point wall = Clock::now();
    double cpu = processCpuSeconds();
    double seconds() const { return g_cpuTime ? processCpuSeconds() - cpu : elapsed(wall); }
};

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "bench_logbroker: %s failed\n", what);
        std::exit(1);
    }
}

// Runs `step(i)` (one batch starting at record i) until the time or record budget ends.
template <typename Step>
Rate timeBatches(const Corpus &c, int batch, double seconds, qint64 maxRecords, Step step)
{
    Rate r;
    const Meter meter;
    qint64 i = 0;
    while (r.records < maxRecords && elapsed(meter.wall) < seconds) {
        const qint64 at = i % qint64(c.lines.size());
        const int n = int(std::min<qint64>(batch, qint64(c.lines.size()) - at));
        r.bytes += step(at, n);
        r.records += n;
        i += n;
    }
    r.seconds = meter.seconds();
    return r;
}

QByteArray joinLines(const Corpus &c, qint64 at, int n)
{
    QByteArray out;
    for (qint64 k = at; k < at + n; ++k)
        out += c.lines[size_t(k)] + '\n';
    return out;
}

Rate rawWrite(const QString &file, const Corpus &c, int batch, bool sync, double seconds, qint64 budget)
{
    const QByteArray path = QFile::encodeName(file);
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    check(fd >= 0, "open raw");
    std::vector<QByteArray> batches; // prepared outside the timing
    for (qint64 at = 0; at < qint64(c.lines.size()); at += batch)
        batches.push_back(joinLines(c, at, int(std::min<qint64>(batch, qint64(c.lines.size()) - at))));
    size_t b = 0;
    Rate r = timeBatches(c, batch, seconds, budget, [&](qint64, int) {
        const QByteArray &bytes = batches[b++ % batches.size()];
        check(::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size(), "write");
        if (sync)
            check(::fdatasync(fd) == 0, "fdatasync");
        return bytes.size();
    });
    ::close(fd);
    ::unlink(path.constData());
    return r;
}

Rate seedProduce(const QString &file, const Corpus &c, int batch, bool sync, double seconds, qint64 budget)
{
    const QByteArray path = QFile::encodeName(file);
    Rate r = timeBatches(c, batch, seconds, budget, [&](qint64 at, int n) {
        const QByteArray bytes = joinLines(c, at, n); // the seed marshals each batch then appends it
        const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        check(fd >= 0, "open seed");
        check(::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size(), "write seed");
        if (sync)
            check(::fdatasync(fd) == 0, "fdatasync seed");
        ::close(fd);
        return bytes.size();
    });
    return r;
}

Rate seedConsume(const QString &file, int batch, double seconds, qint64 records)
{
    // Reads back the seed's file as its consumer does, `batch` lines per cycle.
    const QByteArray path = QFile::encodeName(file);
    const QByteArray offsetPath = QFile::encodeName(file + QStringLiteral(".offset.txt"));
    ::unlink(offsetPath.constData());
    Rate r;
    const Meter meter;
    std::vector<char> buffer(size_t(1) << 20);
    while (r.records < records && elapsed(meter.wall) < seconds) {
        FILE *file = std::fopen(path.constData(), "rb");
        FILE *offsetFile = std::fopen(offsetPath.constData(), "a+b");
        check(file && offsetFile, "open seed files");
        long long offset = 0;
        std::rewind(offsetFile);
        if (std::fscanf(offsetFile, "%lld", &offset) != 1)
            offset = 0;
        std::fseek(file, long(offset), SEEK_SET);
        int got = 0;
        while (got < batch && std::fgets(buffer.data(), int(buffer.size()), file)) {
            const size_t len = std::strlen(buffer.data());
            auto order = nlohmann::json::parse(buffer.data(), buffer.data() + len, nullptr, false);
            check(!order.is_discarded() && order.contains("order_id"), "decode seed");
            r.bytes += qint64(len) - 1;
            ++got;
        }
        const long now = std::ftell(file);
        std::fclose(offsetFile);
        offsetFile = std::fopen(offsetPath.constData(), "wb"); // truncate, write the new offset
        std::fprintf(offsetFile, "%ld", now);
        std::fclose(offsetFile);
        std::fclose(file);
        r.records += got;
        if (got == 0)
            break;
    }
    r.seconds = meter.seconds();
    return r;
}

Rate rawRead(const QString &file, const Corpus &c, int batch, double seconds, qint64 records)
{
    // pread of the bytes written by seedProduce, in chunks of `batch` average records.
    const QByteArray path = QFile::encodeName(file);
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    check(fd >= 0, "open raw read");
    const qint64 avg = c.totalBytes / qint64(c.lines.size()) + 1;
    std::vector<char> buffer(size_t(avg * batch));
    Rate r;
    qint64 pos = 0;
    const Meter meter;
    while (r.records < records && elapsed(meter.wall) < seconds) {
        const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), pos);
        if (n <= 0)
            break;
        pos += n;
        r.bytes += n;
        r.records += n / avg;
    }
    r.seconds = meter.seconds();
    ::close(fd);
    return r;
}

Rate oursProduce(Backend &b, const QString &topic, const Corpus &c, int batch, double seconds, qint64 budget)
{
    std::vector<std::vector<OutgoingRecord>> batches;
    for (qint64 at = 0; at < qint64(c.lines.size()); at += batch) {
        std::vector<OutgoingRecord> v;
        for (qint64 k = at; k < std::min<qint64>(at + batch, qint64(c.lines.size())); ++k) {
            OutgoingRecord r;
            r.key = c.keys[size_t(k)];
            r.value = c.lines[size_t(k)];
            v.push_back(r);
        }
        batches.push_back(std::move(v));
    }
    size_t b2 = 0;
    return timeBatches(c, batch, seconds, budget, [&](qint64, int) {
        const auto &records = batches[b2++ % batches.size()];
        auto reports = b.produce(topic, records, ProduceOptions{});
        check(reports.ok() && !reports->front().error, "produce");
        qint64 bytes = 0;
        for (const auto &r : records)
            bytes += r.value.size();
        return bytes;
    });
}

Rate oursRead(Backend &b, const QString &topic, int batch, double seconds, qint64 records)
{
    Rate r;
    qint64 offset = 0;
    const Meter meter;
    while (r.records < records && elapsed(meter.wall) < seconds) {
        auto got = b.fetch({topic, 0}, offset, batch);
        check(got.ok(), "fetch");
        if (got->empty())
            break;
        for (const Record &rec : *got)
            r.bytes += rec.value.size();
        r.records += qint64(got->size());
        offset = got->back().offset + 1;
    }
    r.seconds = meter.seconds();
    return r;
}

constexpr int kRounds = 7;

Rate best(const Rate &a, const Rate &b) { return a.perSecond() >= b.perSecond() ? a : b; }

QString fmtRate(const Rate &r)
{
    return QStringLiteral("%1 %2").arg(r.perSecond(), 11, 'f', 0).arg(r.mbPerSecond(), 8, 'f', 1);
}

QString ratio(double a, double b)
{
    return b > 0 ? QStringLiteral("%1x").arg(a / b, 8, 'f', 2) : QStringLiteral("     n/a");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 2.0;
    QString base;
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
        if (args[i] == QLatin1String("--dir"))
            base = args[i + 1];
    }
    QTemporaryDir temp(base.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_logbroker-XXXXXX")
                                      : base + QStringLiteral("/bench_logbroker-XXXXXX"));
    check(temp.isValid(), "temp dir");
    const Corpus corpus = makeCorpus(20000);
    if (const qsizetype at = args.indexOf(QStringLiteral("--profile")); at > 0 && at + 2 < args.size()) {
        // Only our append of one cell, for a profiler: --profile os|fsync BATCH
        auto backend = openLocalBackend(temp.path() + QStringLiteral("/profile"));
        check(backend.ok() &&
                  (*backend)
                      ->createTopic({QStringLiteral("orders"), 1, 1, {{QStringLiteral("durability"), args[at + 1]}}})
                      .ok(),
              "create topic");
        g_cpuTime = args[at + 1] == QLatin1String("os");
        const Rate r =
            oursProduce(**backend, QStringLiteral("orders"), corpus, args[at + 2].toInt(), seconds, 1LL << 40);
        const Rate w = rawWrite(temp.path() + QStringLiteral("/raw"), corpus, args[at + 2].toInt(),
                                args[at + 1] == QLatin1String("fsync"), seconds, 1LL << 40);
        std::printf("ours %s  raw %s\n", qPrintable(fmtRate(r)), qPrintable(fmtRate(w)));
        return 0;
    }
    std::printf("bench_logbroker: %zu seed orders, %.0f bytes on average, %.1f s per cell, in %s\n",
                corpus.lines.size(), double(corpus.totalBytes) / double(corpus.lines.size()), seconds,
                qPrintable(temp.path()));
    std::printf("ours = LocalBackend::produce/fetch (1 partition, keyed); raw = write()/pread() of the same bytes, "
                "one call per batch (+fdatasync per batch in fsync rows); seed = open/append/close per batch "
                "(+fdatasync in fsync rows) and the seed's offset-file consumer.\nos rows and reads: records per "
                "CPU-second of this process (the machine may be shared); fsync rows: per wall-clock second. Best of "
                "%d interleaved rounds.\n\n",
                kRounds);

    std::printf("APPEND  mode   batch |   ours rec/s     MB/s |    raw rec/s     MB/s |   seed rec/s     MB/s | "
                "ours/raw ours/seed\n");
    struct ReadCell {
        QString mode;
        int batch;
        Rate ours, raw, seed;
    };
    std::vector<ReadCell> reads;
    for (const QString &mode : {QStringLiteral("os"), QStringLiteral("fsync")}) {
        const bool sync = mode == QLatin1String("fsync");
        g_cpuTime = !sync;
        for (int batch : {1, 64, 4096}) {
            const QString cellDir = temp.path() + QStringLiteral("/%1-%2").arg(mode).arg(batch);
            QDir().mkpath(cellDir);
            // Per round, each contestant writes the same amount (about 64 MB; fewer records when
            // fsync makes that take too long) into a fresh file or topic that is deleted right
            // after its turn, so every contestant finds the page cache in the same state (how
            // "fresh" the kernel's pages are changes write speed several-fold here).
            const qint64 budget = sync ? (batch == 1 ? 300 : batch == 64 ? 20000 : 300000) : 300000;
            auto backend = openLocalBackend(cellDir + QStringLiteral("/data"));
            check(backend.ok(), "open backend");
            Rate ours, raw, seed;
            for (int round = 0; round < kRounds; ++round) {
                ::sync();
                const QString topic = QStringLiteral("orders-%1").arg(round);
                check((*backend)->createTopic({topic, 1, 1, {{QStringLiteral("durability"), mode}}}).ok(),
                      "create topic");
                ours = best(ours, oursProduce(**backend, topic, corpus, batch, seconds / kRounds, budget));
                check((*backend)->deleteTopic(topic).ok(), "delete topic");
                raw = best(raw, rawWrite(cellDir + QStringLiteral("/raw.jsonl"), corpus, batch, sync, seconds / kRounds,
                                         budget));
                const QString seedFile = cellDir + QStringLiteral("/orders-%1.json").arg(round);
                seed = best(seed, seedProduce(seedFile, corpus, batch, sync, seconds / kRounds, budget));
                QFile::remove(seedFile);
            }
            std::printf("        %-6s %5d | %s | %s | %s | %s %s\n", qPrintable(mode), batch, qPrintable(fmtRate(ours)),
                        qPrintable(fmtRate(raw)), qPrintable(fmtRate(seed)),
                        qPrintable(ratio(ours.perSecond(), raw.perSecond())),
                        qPrintable(ratio(ours.perSecond(), seed.perSecond())));
            std::fflush(stdout);
            if (!sync) {
                // Reads (page cache) of 200k records written by each side, same batch sizes.
                const qint64 n = 200000;
                const QString topic = QStringLiteral("read");
                const QString seedFile = cellDir + QStringLiteral("/orders.json");
                check((*backend)->createTopic({topic, 1, 1, {}}).ok(), "create topic");
                oursProduce(**backend, topic, corpus, 4096, 1e9, n);
                seedProduce(seedFile, corpus, 4096, false, 1e9, n);
                ReadCell cell{mode, batch, {}, {}, {}};
                for (int round = 0; round < kRounds; ++round) {
                    cell.ours = best(cell.ours, oursRead(**backend, topic, batch, seconds / kRounds, n));
                    cell.raw = best(cell.raw, rawRead(seedFile, corpus, batch, seconds / kRounds, n));
                    cell.seed = best(cell.seed, seedConsume(seedFile, batch, seconds / kRounds, n));
                }
                reads.push_back(cell);
            }
            backend->reset();
            QDir(cellDir).removeRecursively();
        }
    }
    std::printf("\nREAD           batch |   ours rec/s     MB/s |    raw rec/s     MB/s |   seed rec/s     MB/s | "
                "ours/raw ours/seed\n");
    for (const ReadCell &c : reads)
        std::printf("        %-6s %5d | %s | %s | %s | %s %s\n", "", c.batch, qPrintable(fmtRate(c.ours)),
                    qPrintable(fmtRate(c.raw)), qPrintable(fmtRate(c.seed)),
                    qPrintable(ratio(c.ours.perSecond(), c.raw.perSecond())),
                    qPrintable(ratio(c.ours.perSecond(), c.seed.perSecond())));

    // Group commit: many threads appending single records in fsync mode share fdatasyncs.
    g_cpuTime = false;
    std::printf("\nGROUP COMMIT (fsync, batch 1, wall time)\n");
    // 1 and 8 threads alternate over several rounds (the disk's fsync latency drifts on a
    // shared machine); the best round of each is printed.
    auto groupRound = [&](int threads, double duration) {
        const QString cellDir = temp.path() + QStringLiteral("/group");
        auto backend = openLocalBackend(cellDir);
        check(backend.ok(), "open backend");
        check((*backend)
                  ->createTopic(
                      {QStringLiteral("orders"), 1, 1, {{QStringLiteral("durability"), QStringLiteral("fsync")}}})
                  .ok(),
              "create topic");
        std::atomic<qint64> done{0};
        const auto start = Clock::now();
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                size_t i = size_t(t);
                while (elapsed(start) < duration) {
                    OutgoingRecord r;
                    r.key = corpus.keys[i % corpus.keys.size()];
                    r.value = corpus.lines[i % corpus.lines.size()];
                    i += size_t(threads);
                    auto rep = (*backend)->produce(QStringLiteral("orders"), {r}, ProduceOptions{});
                    check(rep.ok() && !rep->front().error, "produce");
                    ++done;
                }
            });
        }
        for (auto &th : pool)
            th.join();
        const double rate = done.load() / elapsed(start);
        backend->reset();
        QDir(cellDir).removeRecursively();
        return rate;
    };
    double single = 0, eight = 0;
    for (int round = 0; round < 4; ++round) {
        single = std::max(single, groupRound(1, seconds / 4));
        eight = std::max(eight, groupRound(8, seconds / 4));
    }
    std::printf("        1 thread:  %9.0f acknowledged records/s\n", single);
    std::printf("        8 threads: %9.0f acknowledged records/s  (%s the single-thread rate)\n", eight,
                qPrintable(ratio(eight, single)));
    return 0;
}
