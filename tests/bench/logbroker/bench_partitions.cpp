// bench_partitions: the built-in broker with many partitions in a process limited to
// `ulimit -n 1024` (set by the bench itself): a topic of 10, 1,000 and 10,000 partitions,
// records produced round-robin over all of them (batches of 1,000, each touching 1,000
// partitions or all of them), then consumed by one group member; it prints the descriptors in
// use (most seen at once, sampled after every batch and poll, and at the end) and the
// throughput of both, with the 10-partition row as the peer each ratio is taken against.
// Slower with more partitions is fine; running out of descriptors or losing a record is not
// (the bench fails then).
//
//   bench_partitions [--dir DIR] [--records N] [--counts 10,1000,10000] [--nofile 1024]

#include "logbroker/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <set>

#include <sys/resource.h>

using namespace tidemark;
using Clock = std::chrono::steady_clock;

namespace {

int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System)
                   .size()) -
           1;
}

QString option(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

struct Row {
    int partitions = 0;
    double createSeconds = 0;
    double produceRate = 0; // records per second
    double consumeRate = 0;
    int maxFds = 0;
    int endFds = 0;
};

bool runRow(const QString &base, int partitions, int records, Row &row)
{
    QTemporaryDir dir(base + QStringLiteral("/bench-partitions-XXXXXX"));
    auto opened = openLocalBackend(dir.path());
    if (!opened) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.error().toString()));
        return false;
    }
    Backend &b = **opened;
    row.partitions = partitions;
    auto t0 = Clock::now();
    if (auto s = b.createTopic({QStringLiteral("t"), partitions, 1, {}}); !s) {
        std::fprintf(stderr, "create: %s\n", qPrintable(s.error().toString()));
        return false;
    }
    row.createSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const QByteArray value(200, 'x');
    t0 = Clock::now();
    for (int done = 0; done < records;) {
        std::vector<OutgoingRecord> batch;
        for (int i = 0; i < 1000 && done + i < records; ++i) {
            OutgoingRecord r;
            r.value = value;
            r.partition = (done + i) % partitions;
            batch.push_back(std::move(r));
        }
        auto reports = b.produce(QStringLiteral("t"), batch, ProduceOptions{});
        if (!reports) {
            std::fprintf(stderr, "produce: %s\n", qPrintable(reports.error().toString()));
            return false;
        }
        for (const DeliveryReport &d : *reports)
            if (d.error) {
                std::fprintf(stderr, "delivery: %s\n", qPrintable(d.error->toString()));
                return false;
            }
        done += int(batch.size());
        row.maxFds = std::max(row.maxFds, openDescriptors());
    }
    row.produceRate = records / std::chrono::duration<double>(Clock::now() - t0).count();

    ConsumerConfig config;
    config.groupId = QStringLiteral("bench");
    config.topics = {QStringLiteral("t")};
    config.maxPollRecords = 5000;
    auto consumer = b.createConsumer(config);
    if (!consumer) {
        std::fprintf(stderr, "consumer: %s\n", qPrintable(consumer.error().toString()));
        return false;
    }
    t0 = Clock::now();
    qint64 got = 0;
    for (int idle = 0; got < records && idle < 2000;) {
        auto polled = (*consumer)->poll(50);
        if (!polled) {
            std::fprintf(stderr, "poll: %s\n", qPrintable(polled.error().toString()));
            return false;
        }
        for (const ConsumerEvent &e : polled->events)
            if (e.kind == ConsumerEvent::Kind::Error) {
                std::fprintf(stderr, "consumer error: %s\n", qPrintable(e.message));
                return false;
            }
        idle = polled->records.empty() ? idle + 1 : 0;
        got += qint64(polled->records.size());
        row.maxFds = std::max(row.maxFds, openDescriptors());
    }
    row.consumeRate = double(got) / std::chrono::duration<double>(Clock::now() - t0).count();
    if (got != records) {
        std::fprintf(stderr, "consumed %lld of %d records\n", static_cast<long long>(got), records);
        return false;
    }
    row.endFds = openDescriptors();
    (*consumer)->close();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const rlim_t nofile = option(args, QStringLiteral("--nofile"), QStringLiteral("1024")).toULong();
    const struct rlimit limit {
        nofile, nofile
    };
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
        std::perror("setrlimit");
    const QString base = option(args, QStringLiteral("--dir"), QDir::tempPath());
    const int records = option(args, QStringLiteral("--records"), QStringLiteral("100000")).toInt();
    std::vector<int> counts;
    for (const QString &c : option(args, QStringLiteral("--counts"), QStringLiteral("10,1000,10000")).split(u','))
        counts.push_back(c.toInt());
    std::printf("ulimit -n %lu, %d records of 200 bytes, round-robin over all partitions\n",
                static_cast<unsigned long>(nofile), records);
    std::printf("%11s %10s %14s %7s %14s %7s %9s %9s\n", "partitions", "create s", "produce rec/s", "ratio",
                "consume rec/s", "ratio", "max fds", "end fds");
    double peerProduce = 0, peerConsume = 0;
    int status = 0;
    for (int partitions : counts) {
        Row row;
        if (!runRow(base, partitions, records, row)) {
            std::printf("%11d FAILED (see above)\n", partitions);
            status = 1;
            continue;
        }
        if (peerProduce == 0) {
            peerProduce = row.produceRate;
            peerConsume = row.consumeRate;
        }
        std::printf("%11d %10.2f %14.0f %7.2f %14.0f %7.2f %9d %9d\n", row.partitions, row.createSeconds,
                    row.produceRate, row.produceRate / peerProduce, row.consumeRate, row.consumeRate / peerConsume,
                    row.maxFds, row.endFds);
        std::fflush(stdout);
    }
    return status;
}
