// bench_search_kafka: how fast a complete search (core/RecordScan) goes through a topic of the
// seed's orders on the Apache Kafka test cluster (tests/kafka/cluster.sh), next to its peers in
// the same run:
//   stream : RecordScan on KafkaBackend: its FilteredScanner (kafka/KafkaScanner.h), a consumer
//            kept on each partition, messages tested in librdkafka's buffers, matches copied;
//   fetch  : the same RecordScan through a ForwardingBackend, i.e. the fallback: one
//            Backend::fetch() per window (watermarks, assign, fetch), every record a Record;
//   kcat   : `kcat -C -b ... -t T -o beginning -e -q -f '%k\t%s\n' | grep -c -F NEEDLE`, what a
//            user without a search runs (wall time of the whole pipeline).
// Issue 15's goal on Kafka: >= 1x kcat | grep. Rates are records per wall second (the work is
// spread over librdkafka's threads and the pipeline's processes).
//
// The topic: N orders from OrderGenerator (seed 15, as bench_search), keyed by order id,
// 3 partitions (murmur2), produced with batch.size=16384 (so batches are realistic); kept
// between runs on the same cluster (found by name and size). Match counts of stream, fetch
// and, for the rows grep can say, the pipe must be equal: the run fails otherwise.
//
//   bench_search_kafka [--bootstrap SERVERS] [--records N] [--rounds R] [--threads T] [--no-fetch]
// --threads: the stream row's RecordScan::Options::threads (batches read at once; default 1).
// Run by tests/bench/search/bench_search_kafka.sh (takes the Kafka lock, starts a cluster).

#include "../../common/ForwardingBackend.h"

#include "../common/KafkaBench.h"
#include "core/OrderGenerator.h"
#include "core/RecordFilter.h"
#include "core/RecordScan.h"
#include "kafka/KafkaBackend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <sys/resource.h>

using namespace tidemark;

namespace {

constexpr int kPartitions = 3;
constexpr const char *kBench = "bench_search_kafka";

[[noreturn]] void die(const QString &message) { bench::die(kBench, message); }
std::shared_ptr<kafka::KafkaBackend> open(const KafkaProfile &profile) { return bench::openKafka(kBench, profile); }

struct Outcome {
    double seconds = 0;    // wall
    double cpuSeconds = 0; // the process's (all threads), or the pipeline's children
    qint64 scanned = 0;
    qint64 matches = 0;
    double rate() const { return seconds > 0 ? double(scanned) / seconds : 0; }
};

qint64 topicSize(Backend &backend, const QString &topic)
{
    const auto info = backend.describeTopic(topic);
    if (!info || info->partitionCount != kPartitions)
        return -1;
    qint64 total = 0;
    for (int p = 0; p < kPartitions; ++p) {
        const auto marks = backend.watermarks({topic, p});
        if (!marks)
            return -1;
        total += marks->high - marks->low;
    }
    return total;
}

void produceTopic(const QString &bootstrap, const QString &topic, qint64 records)
{
    KafkaProfile profile = bench::kafkaProfile(bootstrap);
    profile.extraConfig.insert(QStringLiteral("batch.size"), QStringLiteral("16384"));
    profile.extraConfig.insert(QStringLiteral("linger.ms"), QStringLiteral("20"));
    profile.extraConfig.insert(QStringLiteral("acks"), QStringLiteral("1"));
    auto backend = open(profile);
    if (backend->describeTopic(topic)) {
        if (auto s = backend->deleteTopic(topic); !s.ok())
            die(s.error().toString());
    }
    Status created;
    for (int attempt = 0; attempt < 20; ++attempt) { // a deleted topic's name is free a moment later
        created = backend->createTopic(TopicSpec{topic, kPartitions, 1, {}});
        if (created.ok())
            break;
        QThread::msleep(500);
    }
    if (!created.ok())
        die(created.error().toString());
    OrderGenerator generator(15);
    qint64 bytes = 0;
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 kChunk = 200'000;
    for (qint64 done = 0; done < records; done += kChunk) {
        std::vector<OutgoingRecord> chunk;
        chunk.reserve(size_t(std::min(kChunk, records - done)));
        for (qint64 i = done; i < std::min(records, done + kChunk); ++i) {
            const Order o = generator.next();
            OutgoingRecord r;
            r.key = o.orderId.toUtf8();
            r.value = orderToJson(o);
            bytes += r.key->size() + r.value->size();
            chunk.push_back(std::move(r));
        }
        auto reports = backend->produce(topic, chunk, ProduceOptions{PartitionerKind::Murmur2, 600000});
        if (!reports)
            die(reports.error().toString());
        for (const DeliveryReport &d : *reports) {
            if (d.error)
                die(d.error->toString());
        }
    }
    std::printf("produced %lld seed orders (%.1f MB of keys and values, %.0f B a record) in %.1f s, "
                "batch.size=16384\n",
                qlonglong(records), double(bytes) / 1e6, double(bytes) / double(records),
                double(clock.elapsed()) / 1000.0);
}

Outcome scanOnce(Backend &backend, const QString &topic, const RecordFilter &filter, int threads)
{
    Outcome out;
    RecordScan::Options options;
    options.topic = topic;
    options.filter = filter;
    options.threads = threads;
    RecordScan scan(backend, options);
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = bench::processCpuSeconds();
    if (const Status planned = scan.plan(); !planned)
        die(planned.error().toString());
    std::vector<Record> matches;
    bool more = !scan.progress().done;
    while (more) {
        matches.clear();
        const auto stepped = scan.step(matches);
        if (!stepped)
            die(stepped.error().toString());
        more = *stepped;
    }
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    out.cpuSeconds = bench::processCpuSeconds() - cpuStart;
    out.scanned = scan.progress().scanned;
    out.matches = scan.progress().matches;
    return out;
}

Outcome pipeOnce(const QString &bootstrap, const QString &topic, const QByteArray &needle, qint64 records)
{
    Outcome out;
    const QString script =
        QStringLiteral("kcat -C -b '%1' -t '%2' -o beginning -e -q -f '%k\\t%s\\n' | grep -c -F -e \"$NEEDLE\"")
            .arg(bootstrap, topic);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NEEDLE"), QString::fromUtf8(needle));
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = bench::childrenCpuSeconds();
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit)
        die(QStringLiteral("the pipe did not finish: %1").arg(process.errorString()));
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    out.cpuSeconds = bench::childrenCpuSeconds() - cpuStart;
    out.scanned = records;
    out.matches = process.readAllStandardOutput().trimmed().toLongLong();
    const QByteArray err = process.readAllStandardError();
    if (!err.trimmed().isEmpty())
        std::fprintf(stderr, "pipe stderr: %s\n", err.constData());
    return out;
}

struct Row {
    const char *label;
    QString filter;
    QByteArray needle; // grep -F for the same records; empty: compared with the key row's pipe
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString bootstrap = QStringLiteral("127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096");
    qint64 records = 1'000'000;
    int rounds = 3;
    bool withFetch = true;
    int threads = 1;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--bootstrap") && hasValue)
            bootstrap = args[++i];
        else if (a == QLatin1String("--records") && hasValue)
            records = std::max<qint64>(3, args[++i].toLongLong());
        else if (a == QLatin1String("--rounds") && hasValue)
            rounds = std::max(1, args[++i].toInt());
        else if (a == QLatin1String("--threads") && hasValue)
            threads = std::max(1, args[++i].toInt());
        else if (a == QLatin1String("--no-fetch"))
            withFetch = false;
        else {
            std::fprintf(stderr,
                         "usage: bench_search_kafka [--bootstrap SERVERS] [--records N] [--rounds R] [--threads T] "
                         "[--no-fetch]\n");
            return 2;
        }
    }
    const QString topic = QStringLiteral("bench-search-orders-%1").arg(records);
    auto backend = open(bench::kafkaProfile(bootstrap));
    if (topicSize(*backend, topic) == records)
        std::printf("topic %s: %lld seed orders, 3 partitions (kept from an earlier run)\n", qPrintable(topic),
                    qlonglong(records));
    else
        produceTopic(bootstrap, topic, records);
    if (topicSize(*backend, topic) != records)
        die(QStringLiteral("%1 does not hold %2 records").arg(topic).arg(records));
    test::ForwardingBackend fetchPath(backend);

    // A key present once: the order id of a record two thirds in (no other id ends with it
    // while N < 1.5 x that id, so the pipe's "<id>\t" finds it alone).
    const QByteArray onceKey = QByteArray::number(std::max<qint64>(1, records * 2 / 3));
    const std::vector<Row> rows = {
        {"key filter (key == one order id)", QStringLiteral("key == \"%1\"").arg(QString::fromLatin1(onceKey)),
         onceKey + '\t'},
        // Key or value contains: what grep finds in "key<TAB>value" lines.
        {"substring (\"00042\", key or value)", QStringLiteral("\"00042\""), "00042"},
        {"json string (value.user_id == \"00042\")", QStringLiteral("value.user_id == \"00042\""), {}},
        {"json number (value.total_price > 1000)", QStringLiteral("value.total_price > 1000"), {}},
    };

    std::printf("\nRates in records per wall second; cpu: CPU seconds of the whole process (librdkafka's threads\n"
                "included) or of the pipeline's processes. Each row: the best of %d interleaved rounds (fetch: 1).\n"
                "stream: RecordScan with %d thread(s); fetch: 1.\n",
                rounds, threads);
    std::printf("\n%-40s %10s %10s %10s %8s %8s %8s %8s %8s  %s\n", "filter", "stream/s", "fetch/s", "kcat|grep/s",
                "str cpu", "kcat cpu", "matches", "x fetch", "x kcat", "goal: >= 1x kcat|grep");
    int failures = 0;
    std::optional<Outcome> firstPipe;
    for (const Row &row : rows) {
        const RecordFilter filter = RecordFilter::parse(row.filter);
        if (!filter.isValid())
            die(row.filter + QStringLiteral(": ") + filter.error()->toString());
        Outcome stream, piped, fetched;
        for (int r = 0; r < rounds; ++r) {
            const Outcome a = scanOnce(*backend, topic, filter, threads);
            if (r == 0 || a.seconds < stream.seconds)
                stream = a;
            if (!row.needle.isEmpty()) {
                const Outcome p = pipeOnce(bootstrap, topic, row.needle, records);
                if (r == 0 || p.seconds < piped.seconds)
                    piped = p;
            }
        }
        if (withFetch)
            fetched = scanOnce(fetchPath, topic, filter, 1);
        QString note;
        if (stream.scanned != records) {
            note += QStringLiteral(" STREAM SCANNED %1").arg(stream.scanned);
            ++failures;
        }
        if (withFetch && (fetched.matches != stream.matches || fetched.scanned != records)) {
            note += QStringLiteral(" FETCH FOUND %1 of %2: NOT THE SAME").arg(fetched.matches).arg(fetched.scanned);
            ++failures;
        }
        if (!row.needle.isEmpty()) {
            if (piped.matches != stream.matches) {
                note += QStringLiteral(" GREP COUNTED %1: NOT THE SAME").arg(piped.matches);
                ++failures;
            }
            if (!firstPipe)
                firstPipe = piped;
        } else if (firstPipe) {
            piped = *firstPipe; // grep cannot compare JSON fields: the key row's pipe
            note += QStringLiteral(" (kcat|grep: the key row's)");
        }
        const double xFetch = fetched.rate() > 0 ? stream.rate() / fetched.rate() : 0;
        const double xPipe = piped.rate() > 0 ? stream.rate() / piped.rate() : 0;
        std::printf("%-40s %9.2fM %9.2fM %10.2fM %7.2fs %7.2fs %8lld %7.1fx %7.2fx  %s%s\n", row.label,
                    stream.rate() / 1e6, fetched.rate() / 1e6, piped.rate() / 1e6, stream.cpuSeconds, piped.cpuSeconds,
                    qlonglong(stream.matches), xFetch, xPipe, xPipe >= 1.0 ? "met" : "NOT MET", qPrintable(note));
        std::fflush(stdout);
    }
    std::printf("\nscan handles still open after the runs: %d (closed when a partition is read to its end)\n",
                backend->scanHandles());
    return failures == 0 ? 0 : 1;
}
