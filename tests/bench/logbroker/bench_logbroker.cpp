// bench_logbroker: how fast the built-in broker appends and reads the seed's ~200-byte
// orders, at batch sizes 1, 64 and 4096, in both durability modes, measured in the same run
// next to
//   raw   : sequential write() of the same bytes, one call per batch (plus fdatasync per
//           batch in fsync rows) / sequential pread() of them: the physical limit;
//   seed  : the seed tutorial's producer, the same way in every row whatever our batch size:
//           per record open(O_APPEND), write the JSON line, close (plus fdatasync in fsync
//           rows); its consumer opens the file and offset.txt, seeks to the stored byte
//           offset, decodes `batch` JSON lines, rewrites offset.txt.
// Each cell is 7 interleaved rounds (ours, raw, seed, ours, ...), each contestant writing the
// same number of records (about 64 MB; fewer in slow fsync cells) to a fresh file or topic
// that is deleted right after its turn, or stopping at --seconds/7; each contestant's best
// round is printed.
// MB/s counts the JSON payload bytes, the same for all three.
//
//   bench_logbroker [--seconds S] [--dir DIR] [--modes os,fsync] [--batches 1,64,4096]
//                   [--no-reads] [--no-group-commit]
//   bench_logbroker --profile os|fsync BATCH      only our append, for a profiler
//   bench_logbroker --breakdown BATCH             where an append's CPU time goes, per record

#include "core/OrderGenerator.h"
#include "logbroker/FrameFormat.h"
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
#include <sys/resource.h>
#include <sys/uio.h>
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
    double userSeconds = 0;   // CPU time in user space (all threads of this process)
    double systemSeconds = 0; // CPU time in the kernel (system calls, page cache)
    double userNsPerRecord() const { return records > 0 ? userSeconds * 1e9 / double(records) : 0; }
    double systemNsPerRecord() const { return records > 0 ? systemSeconds * 1e9 / double(records) : 0; }
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
std::pair<double, double> userAndSystemSeconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    auto sec = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return {sec(u.ru_utime), sec(u.ru_stime)};
}

struct Meter {
    Clock::time_point wall = Clock::now();
    double cpu = processCpuSeconds();
    std::pair<double, double> split = userAndSystemSeconds();
    double seconds() const { return g_cpuTime ? processCpuSeconds() - cpu : elapsed(wall); }
    // Sets the rate's time and its user/system split.
    void stop(Rate &r) const
    {
        r.seconds = seconds();
        const auto now = userAndSystemSeconds();
        r.userSeconds = now.first - split.first;
        r.systemSeconds = now.second - split.second;
    }
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
    meter.stop(r);
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
    Rate r = timeBatches(c, batch, seconds, budget, [&](qint64, int n) {
        const QByteArray &bytes = batches[b++ % batches.size()];
        check(::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size(), "write");
        if (sync)
            check(::fdatasync(fd) == 0, "fdatasync");
        return bytes.size() - n; // payload without the newlines, as for the others
    });
    ::close(fd);
    ::unlink(path.constData());
    return r;
}

Rate seedProduce(const QString &file, const Corpus &c, int batch, bool sync, double seconds, qint64 budget)
{
    // The seed's way: every record opens the file for appending, writes its line, closes.
    // `batch` only decides how often the loop checks the clock, so the seed writes as many
    // records as our contestant in the same row.
    const QByteArray path = QFile::encodeName(file);
    std::vector<QByteArray> lines; // the seed marshals each order with its newline; done here outside the timing
    lines.reserve(c.lines.size());
    for (const QByteArray &line : c.lines)
        lines.push_back(line + '\n');
    Rate r = timeBatches(c, batch, seconds, budget, [&](qint64 at, int n) {
        qint64 bytes = 0;
        for (qint64 k = at; k < at + n; ++k) {
            const QByteArray &line = lines[size_t(k)];
            const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
            check(fd >= 0, "open seed");
            check(::write(fd, line.constData(), size_t(line.size())) == line.size(), "write seed");
            if (sync)
                check(::fdatasync(fd) == 0, "fdatasync seed");
            ::close(fd);
            bytes += line.size() - 1;
        }
        return bytes;
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
    meter.stop(r);
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
    meter.stop(r);
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
            bytes += r.value->size();
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
            r.bytes += payloadSize(rec.value);
        r.records += qint64(got->size());
        offset = got->back().offset + 1;
    }
    meter.stop(r);
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
    QStringList modes{QStringLiteral("os"), QStringLiteral("fsync")};
    std::vector<int> batchSizes{1, 64, 4096};
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
        if (args[i] == QLatin1String("--dir"))
            base = args[i + 1];
        if (args[i] == QLatin1String("--modes"))
            modes = args[i + 1].split(QLatin1Char(','));
        if (args[i] == QLatin1String("--batches")) {
            batchSizes.clear();
            for (const QString &b : args[i + 1].split(QLatin1Char(',')))
                batchSizes.push_back(b.toInt());
        }
    }
    const bool withReads = !args.contains(QStringLiteral("--no-reads"));
    const bool withGroupCommit = !args.contains(QStringLiteral("--no-group-commit"));
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
        std::printf("ours %s   per record: %.0f ns user, %.0f ns system\n", qPrintable(fmtRate(r)), r.userNsPerRecord(),
                    r.systemNsPerRecord());
        return 0;
    }
    if (const qsizetype at = args.indexOf(QStringLiteral("--breakdown")); at > 0 && at + 1 < args.size()) {
        // Where an append's CPU time goes, per record, for one batch size: --breakdown BATCH.
        // Batches cycle over the whole corpus, as in the tables (the records are not in the
        // CPU caches when a batch starts).
        const int batch = args[at + 1].toInt();
        std::vector<std::vector<OutgoingRecord>> batches;
        for (qint64 from = 0; from < qint64(corpus.lines.size()); from += batch) {
            std::vector<OutgoingRecord> v;
            for (qint64 k = from; k < std::min<qint64>(from + batch, qint64(corpus.lines.size())); ++k) {
                OutgoingRecord r;
                r.key = corpus.keys[size_t(k)];
                r.value = corpus.lines[size_t(k)];
                v.push_back(r);
            }
            batches.push_back(std::move(v));
        }
        std::vector<std::vector<qint64>> starts;
        std::vector<QByteArray> lines; // the JSON lines of each batch, as raw writes them
        for (const auto &v : batches) {
            starts.push_back({0});
            QByteArray joined;
            for (const OutgoingRecord &r : v) {
                starts.back().push_back(starts.back().back() + logbroker::encodedFrameSize(r));
                joined += *r.value + '\n';
            }
            lines.push_back(joined);
        }
        std::vector<char> buffer(size_t(4) << 20);
        const qint64 records = std::max<qint64>(2000000, batch);
        const int rounds = int(records / batch);
        size_t next = 0;
        // CPU nanoseconds per record of `step(batch index)` over `rounds` batches in turn.
        auto perRecord = [&](auto &&step) {
            next = 0;
            qint64 done = 0;
            const double t0 = processCpuSeconds();
            for (int i = 0; i < rounds; ++i) {
                const size_t b = next++ % batches.size();
                step(b);
                done += qint64(batches[b].size());
            }
            return (processCpuSeconds() - t0) * 1e9 / double(done);
        };
        auto encodeAndSeal = [&](size_t b) {
            const auto &v = batches[b];
            const auto &st = starts[b];
            for (size_t g = 0; g < v.size(); g += 48) {
                const size_t end = std::min(v.size(), g + 48);
                for (size_t k = g; k < end; ++k)
                    logbroker::encodeFrame(buffer.data() + st[k], st[k + 1] - st[k], qint64(k), 1, v[k], false);
                logbroker::sealFrames(buffer.data(), st.data() + g, end - g);
            }
        };
        const double copy = perRecord([&](size_t b) {
            char *p = buffer.data();
            for (const OutgoingRecord &r : batches[b]) {
                std::memcpy(p, r.value->constData(), size_t(r.value->size()));
                p += r.value->size();
            }
        });
        const double encode = perRecord(encodeAndSeal);
        const double encodeOnly = perRecord([&](size_t b) {
            const auto &v = batches[b];
            const auto &st = starts[b];
            for (size_t k = 0; k < v.size(); ++k)
                logbroker::encodeFrame(buffer.data() + st[k], st[k + 1] - st[k], qint64(k), 1, v[k], false);
        });
        const QString file = temp.path() + QStringLiteral("/breakdown.log");
        const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        qint64 written = 0;
        auto restart = [&](qint64 bytes) {
            written += bytes;
            if (written > (256 << 20)) {
                check(::ftruncate(fd, 0) == 0 && ::lseek(fd, 0, SEEK_SET) == 0, "truncate");
                written = 0;
            }
        };
        const double rawWrite = perRecord([&](size_t b) {
            check(::write(fd, lines[b].constData(), size_t(lines[b].size())) == lines[b].size(), "write");
            restart(lines[b].size());
        });
        const double frameWrite = perRecord([&](size_t b) {
            const size_t bytes = size_t(starts[b].back());
            check(::write(fd, buffer.data(), bytes) == qint64(bytes), "write");
            restart(qint64(bytes));
        });
        // The same frames by writev(): the ~43 bytes of each frame around the value from a
        // small buffer, the value in place (no copy in user space).
        std::vector<char> headers(size_t(batch) * 64);
        std::vector<iovec> iov(2 * size_t(batch));
        const double gather = perRecord([&](size_t b) {
            const auto &v = batches[b];
            const auto &st = starts[b];
            for (size_t k = 0; k < v.size(); ++k) {
                char *h = headers.data() + k * 64;
                const qint64 headerBytes = st[k + 1] - st[k] - v[k].value->size();
                std::memcpy(h, buffer.data() + st[k], size_t(headerBytes)); // stands in for encoding the fields
                iov[2 * k] = {h, size_t(headerBytes)};
                iov[2 * k + 1] = {const_cast<char *>(v[k].value->constData()), size_t(v[k].value->size())};
            }
            for (size_t k = 0; k < 2 * v.size(); k += 1024) {
                const int chunk = int(std::min<size_t>(1024, 2 * v.size() - k));
                check(::writev(fd, iov.data() + k, chunk) > 0, "writev");
            }
            restart(st.back());
        });
        ::close(fd);
        auto backend = openLocalBackend(temp.path() + QStringLiteral("/breakdown"));
        check(backend.ok() && (*backend)->createTopic({QStringLiteral("orders"), 1, 1, {}}).ok(), "create topic");
        const double produce = perRecord([&](size_t b) {
            auto reports = (*backend)->produce(QStringLiteral("orders"), batches[b], ProduceOptions{});
            check(reports.ok() && !reports->front().error, "produce");
        });
        std::printf(
            "batch %5d, CPU ns per record: raw write() of the JSON lines %.0f | produce %.0f = encode %.0f "
            "(of which copying the values %.0f) + CRC %.0f + write() of the frames %.0f + the rest %.0f (locks, "
            "head, index, bookkeeping) | frames by writev() instead of encode+write(): %.0f\n",
            batch, rawWrite, produce, encodeOnly, copy, encode - encodeOnly, frameWrite, produce - encode - frameWrite,
            gather);
        return 0;
    }
    std::printf("bench_logbroker: %zu seed orders, %.0f bytes on average, %.1f s per cell, in %s\n",
                corpus.lines.size(), double(corpus.totalBytes) / double(corpus.lines.size()), seconds,
                qPrintable(temp.path()));
    std::printf(
        "ours = LocalBackend::produce/fetch (1 partition, keyed), BATCH records per call;\n"
        "raw  = write()/pread() of the same bytes, one call per batch (+fdatasync per batch in fsync rows): the "
        "physical limit;\n"
        "seed = the seed tutorial's producer in every row: open(O_APPEND), write one JSON line, close, per record "
        "(+fdatasync in fsync rows), whatever our batch size; reads: the seed's consumer (open the file and "
        "offset.txt, seek to the stored byte offset, decode BATCH JSON lines, rewrite offset.txt).\n"
        "os rows and reads: records per CPU-second of this process (the machine may be shared); fsync rows: per "
        "wall-clock second. Best of %d interleaved rounds; MB/s of JSON payload.\n\n",
        kRounds);

    std::printf("APPEND  mode   batch |   ours rec/s     MB/s |    raw rec/s     MB/s |   seed rec/s     MB/s | "
                "ours/raw ours/seed\n");
    struct ReadCell {
        QString mode;
        int batch;
        Rate ours, raw, seed;
    };
    std::vector<ReadCell> reads;
    std::vector<ReadCell> splits; // the append cells, for the CPU split
    for (const QString &mode : modes) {
        const bool sync = mode == QLatin1String("fsync");
        g_cpuTime = !sync;
        for (int batch : batchSizes) {
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
            splits.push_back({mode, batch, ours, raw, seed});
            std::printf("        %-6s %5d | %s | %s | %s | %s %s\n", qPrintable(mode), batch, qPrintable(fmtRate(ours)),
                        qPrintable(fmtRate(raw)), qPrintable(fmtRate(seed)),
                        qPrintable(ratio(ours.perSecond(), raw.perSecond())),
                        qPrintable(ratio(ours.perSecond(), seed.perSecond())));
            std::fflush(stdout);
            if (!sync && withReads) {
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
    std::printf("        (ours/seed: against the seed's per-record open/append/close in every row)\n");
    std::printf(
        "\nCPU PER RECORD (ns, best round) |  ours user   system |   raw user   system |  seed user   system\n");
    for (const ReadCell &c : splits)
        std::printf("        %-6s %5d           | %9.0f %8.0f | %9.0f %8.0f | %9.0f %8.0f\n", qPrintable(c.mode),
                    c.batch, c.ours.userNsPerRecord(), c.ours.systemNsPerRecord(), c.raw.userNsPerRecord(),
                    c.raw.systemNsPerRecord(), c.seed.userNsPerRecord(), c.seed.systemNsPerRecord());
    if (reads.empty() && !withGroupCommit)
        return 0;
    std::printf("\nREAD           batch |   ours rec/s     MB/s |    raw rec/s     MB/s |   seed rec/s     MB/s | "
                "ours/raw ours/seed\n");
    for (const ReadCell &c : reads)
        std::printf("        %-6s %5d | %s | %s | %s | %s %s\n", "", c.batch, qPrintable(fmtRate(c.ours)),
                    qPrintable(fmtRate(c.raw)), qPrintable(fmtRate(c.seed)),
                    qPrintable(ratio(c.ours.perSecond(), c.raw.perSecond())),
                    qPrintable(ratio(c.ours.perSecond(), c.seed.perSecond())));

    if (!withGroupCommit)
        return 0;
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
