// Produce and consume throughput of seed orders through Tidemark's Kafka backend, next to
// kcat doing the same against the same cluster in the same run, with the same producer
// settings (acks, linger, batch size, partitioner) and the same kind of consumer (a
// high-level group consumer reading from the earliest offset).
//
//   tests/kafka/cluster.sh start
//   build/tests/bench/kafka/bench_kafka [--records 1000000] [--partitions 3] [--replication 1]
//                                       [--bootstrap 127.0.0.1:9094,...] [--repeat 1]
//
// Prints records/s and MB/s for each, and Tidemark / kcat ratios (goal: >= 0.8 both ways).
// Not a test: numbers depend on the machine and the cluster.

#include "core/Backend.h"
#include "core/OrderGenerator.h"
#include "kafka/KafkaBackend.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

using namespace tidemark;

namespace {

// The producer settings both clients get.
const QMap<QString, QString> kProducerSettings = {
    {QStringLiteral("acks"), QStringLiteral("all")},
    {QStringLiteral("linger.ms"), QStringLiteral("5")},
    {QStringLiteral("batch.num.messages"), QStringLiteral("10000")},
    {QStringLiteral("queue.buffering.max.messages"), QStringLiteral("500000")},
    {QStringLiteral("compression.codec"), QStringLiteral("none")},
};

double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Measurement {
    qint64 records = 0;
    qint64 bytes = 0;
    double seconds = 0;
    double cpu = 0; // client CPU seconds (user + system), robust against a busy machine
    double recordsPerSecond() const { return seconds > 0 ? double(records) / seconds : 0; }
    double mbPerSecond() const { return seconds > 0 ? double(bytes) / seconds / 1e6 : 0; }
};

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_kafka: %s\n", qPrintable(message));
    std::exit(1);
}

QString uniqueName(const QString &prefix)
{
    return QStringLiteral("%1-%2").arg(prefix).arg(QDateTime::currentMSecsSinceEpoch());
}

void createTopic(Backend &backend, const QString &name, int partitions, int replication)
{
    TopicSpec spec{name, partitions, replication, {}};
    if (auto s = backend.createTopic(spec); !s)
        die(s.error().toString());
}

qint64 countRecords(Backend &backend, const QString &topic, int partitions)
{
    qint64 total = 0;
    for (int p = 0; p < partitions; ++p) {
        auto w = backend.watermarks({topic, p});
        if (!w)
            die(w.error().toString());
        total += w->high - w->low;
    }
    return total;
}

Measurement runKcat(const QStringList &args, qint64 records, qint64 bytes, const QString &inputFile = {})
{
    QProcess kcat;
    kcat.setStandardOutputFile(QProcess::nullDevice());
    if (!inputFile.isEmpty())
        kcat.setStandardInputFile(inputFile);
    const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer clock;
    clock.start();
    kcat.start(QStringLiteral("kcat"), args);
    if (!kcat.waitForStarted(10000))
        die(QStringLiteral("cannot start kcat: %1").arg(kcat.errorString()));
    if (!kcat.waitForFinished(600000) || kcat.exitCode() != 0)
        die(QStringLiteral("kcat %1 failed: %2")
                .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(kcat.readAllStandardError())));
    Measurement m;
    m.seconds = clock.nsecsElapsed() / 1e9;
    m.cpu = cpuSeconds(RUSAGE_CHILDREN) - cpuBefore;
    m.records = records;
    m.bytes = bytes;
    return m;
}

QStringList kcatSettings()
{
    QStringList args;
    for (auto it = kProducerSettings.cbegin(); it != kProducerSettings.cend(); ++it)
        args << QStringLiteral("-X") << it.key() + QLatin1Char('=') + it.value();
    return args;
}

void print(const char *what, const Measurement &m)
{
    std::printf("  %-34s %9lld records %6.2f s %9.0f records/s %7.1f MB/s %6.2f CPU s %9.0f records/CPU s\n", what,
                static_cast<long long>(m.records), m.seconds, m.recordsPerSecond(), m.mbPerSecond(), m.cpu,
                m.cpu > 0 ? double(m.records) / m.cpu : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kafka produce/consume throughput: Tidemark vs kcat."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("records"), QStringLiteral("Orders per run (default 1000000)."),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("partitions"), QStringLiteral("Topic partitions (default 3)."),
                      QStringLiteral("P"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("replication"), QStringLiteral("Replication factor (default 1)."),
                      QStringLiteral("R"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("bootstrap"), QStringLiteral("Bootstrap servers."), QStringLiteral("HOSTS"),
                      QStringLiteral("127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096")});
    parser.addOption({QStringLiteral("repeat"), QStringLiteral("Runs of each (default 1); the best counts."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.process(app);
    const qint64 count = parser.value(QStringLiteral("records")).toLongLong();
    const int partitions = parser.value(QStringLiteral("partitions")).toInt();
    const int replication = parser.value(QStringLiteral("replication")).toInt();
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());
    const QString bootstrap = parser.value(QStringLiteral("bootstrap"));
    if (count <= 0 || partitions <= 0 || replication <= 0)
        die(QStringLiteral("--records, --partitions and --replication must be positive"));
    if (QStandardPaths::findExecutable(QStringLiteral("kcat")).isEmpty())
        die(QStringLiteral("kcat is not installed (apt-get install kcat)"));

    KafkaProfile profile;
    profile.bootstrapServers = bootstrap;
    profile.clientId = QStringLiteral("bench_kafka");
    profile.extraConfig = kProducerSettings;
    auto opened = openKafkaBackend(profile);
    if (!opened)
        die(opened.error().toString());
    std::shared_ptr<Backend> backend = opened.value();
    if (auto info = backend->clusterInfo(); !info)
        die(info.error().toString() + QStringLiteral("\n(start the cluster with tests/kafka/cluster.sh start)"));

    // The same seed orders for both: key = user_id, value = the order's JSON line.
    std::printf("generating %lld seed orders...\n", static_cast<long long>(count));
    std::vector<OutgoingRecord> records;
    records.reserve(size_t(count));
    QTemporaryDir dir;
    QFile input(dir.filePath(QStringLiteral("orders.tsv")));
    if (!input.open(QIODevice::WriteOnly))
        die(QStringLiteral("cannot write %1").arg(input.fileName()));
    OrderGenerator generator(2024);
    qint64 bytes = 0;
    for (qint64 i = 0; i < count; ++i) {
        const Order o = generator.next();
        OutgoingRecord r;
        r.key = o.userId.toUtf8();
        r.value = orderToJson(o);
        bytes += r.key->size() + r.value->size();
        input.write(*r.key + '\t' + *r.value + '\n');
        records.push_back(std::move(r));
    }
    input.close();
    std::printf("%lld orders, %.1f MB of keys and values; %d partitions, replication %d, acks=all linger.ms=5 "
                "batch.num.messages=10000, murmur2\n\n",
                static_cast<long long>(count), double(bytes) / 1e6, partitions, replication);

    Measurement bestKcatProduce, bestTidemarkProduce, bestKcatConsume, bestTidemarkConsume;
    auto keepBest = [](Measurement &best, const Measurement &m) {
        if (best.seconds == 0 || m.seconds < best.seconds)
            best = m;
    };
    for (int run = 0; run < repeat; ++run) {
        std::printf("run %d of %d\n", run + 1, repeat);
        // --- produce
        const QString kcatTopic = uniqueName(QStringLiteral("bench-kcat"));
        createTopic(*backend, kcatTopic, partitions, replication);
        QStringList produceArgs = {QStringLiteral("-P"),
                                   QStringLiteral("-b"),
                                   bootstrap,
                                   QStringLiteral("-t"),
                                   kcatTopic,
                                   QStringLiteral("-K"),
                                   QStringLiteral("\t"),
                                   QStringLiteral("-l"),
                                   input.fileName(),
                                   QStringLiteral("-X"),
                                   QStringLiteral("partitioner=murmur2_random")};
        produceArgs << kcatSettings();
        const Measurement kcatProduce = runKcat(produceArgs, count, bytes);
        if (const qint64 n = countRecords(*backend, kcatTopic, partitions); n != count)
            die(QStringLiteral("kcat produced %1 records, expected %2").arg(n).arg(count));
        print("kcat produce", kcatProduce);

        const QString tidemarkTopic = uniqueName(QStringLiteral("bench-tidemark"));
        createTopic(*backend, tidemarkTopic, partitions, replication);
        double cpuBefore = cpuSeconds(RUSAGE_SELF);
        QElapsedTimer clock;
        clock.start();
        auto reports = backend->produce(tidemarkTopic, records, ProduceOptions{PartitionerKind::Murmur2, 600000});
        Measurement tidemarkProduce;
        tidemarkProduce.seconds = clock.nsecsElapsed() / 1e9;
        tidemarkProduce.cpu = cpuSeconds(RUSAGE_SELF) - cpuBefore;
        if (!reports)
            die(reports.error().toString());
        for (const DeliveryReport &d : *reports) {
            if (d.error)
                die(d.error->toString());
        }
        tidemarkProduce.records = count;
        tidemarkProduce.bytes = bytes;
        print("Tidemark produce (one call)", tidemarkProduce);

        // --- consume: both read the topic Tidemark wrote, each in a new group.
        QStringList consumeArgs = {QStringLiteral("-b"), bootstrap, QStringLiteral("-G"),
                                   uniqueName(QStringLiteral("bench-kcat-group")), QStringLiteral("-o"),
                                   QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q"),
                                   QStringLiteral("-f"), QStringLiteral("%k %s\\n"),
                                   // Tidemark's consumer prefetch setting (see KafkaConsumer.cpp), so both
                                   // clients prefetch alike.
                                   QStringLiteral("-X"), QStringLiteral("queued.min.messages=1000000"), tidemarkTopic};
        const Measurement kcatConsume = runKcat(consumeArgs, count, bytes);
        // kcat's output went to /dev/null: check through its group's commits that it read
        // everything.
        {
            const QString kcatGroup = consumeArgs.at(3);
            auto group = backend->describeGroup(kcatGroup);
            qint64 committed = 0;
            if (group) {
                for (const auto &p : group->partitions)
                    committed += std::max<qint64>(0, p.committed);
            }
            if (committed != count)
                die(QStringLiteral("kcat's group committed %1 records, expected %2").arg(committed).arg(count));
        }
        print("kcat consume (-G group)", kcatConsume);

        ConsumerConfig config;
        config.groupId = uniqueName(QStringLiteral("bench-tidemark-group"));
        config.topics = {tidemarkTopic};
        config.maxPollRecords = 10000;
        cpuBefore = cpuSeconds(RUSAGE_SELF);
        clock.restart();
        auto created = backend->createConsumer(config);
        if (!created)
            die(created.error().toString());
        auto consumer = std::move(created).value();
        qint64 consumed = 0, consumedBytes = 0;
        double firstRecordAfter = -1;
        while (consumed < count) {
            auto polled = consumer->poll(5000);
            if (!polled)
                die(polled.error().toString());
            if (polled->records.empty() && polled->events.empty())
                die(QStringLiteral("no records for 5 s after %1").arg(consumed));
            if (firstRecordAfter < 0 && !polled->records.empty())
                firstRecordAfter = clock.nsecsElapsed() / 1e9;
            for (const Record &r : polled->records)
                consumedBytes += payloadSize(r.key) + payloadSize(r.value);
            consumed += qint64(polled->records.size());
        }
        Measurement tidemarkConsume;
        tidemarkConsume.seconds = clock.nsecsElapsed() / 1e9;
        tidemarkConsume.cpu = cpuSeconds(RUSAGE_SELF) - cpuBefore;
        tidemarkConsume.records = consumed;
        tidemarkConsume.bytes = consumedBytes;
        consumer->close();
        if (consumedBytes != bytes)
            die(QStringLiteral("consumed %1 bytes, produced %2").arg(consumedBytes).arg(bytes));
        print("Tidemark consume (group consumer)", tidemarkConsume);
        std::printf("  %-34s first record after %.2f s (group join and first fetch)\n", "", firstRecordAfter);

        keepBest(bestKcatProduce, kcatProduce);
        keepBest(bestTidemarkProduce, tidemarkProduce);
        keepBest(bestKcatConsume, kcatConsume);
        keepBest(bestTidemarkConsume, tidemarkConsume);
        for (const QString &t : {kcatTopic, tidemarkTopic})
            (void)backend->deleteTopic(t);
    }

    const double produceRatio = bestTidemarkProduce.recordsPerSecond() / bestKcatProduce.recordsPerSecond();
    const double consumeRatio = bestTidemarkConsume.recordsPerSecond() / bestKcatConsume.recordsPerSecond();
    std::printf("\nbest of %d: produce Tidemark/kcat = %.2fx (%.0f vs %.0f records/s), consume Tidemark/kcat = %.2fx "
                "(%.0f vs %.0f records/s); goal >= 0.80x\n",
                repeat, produceRatio, bestTidemarkProduce.recordsPerSecond(), bestKcatProduce.recordsPerSecond(),
                consumeRatio, bestTidemarkConsume.recordsPerSecond(), bestKcatConsume.recordsPerSecond());
    auto perCpu = [](const Measurement &m) { return m.cpu > 0 ? double(m.records) / m.cpu : 0.0; };
    std::printf("client CPU efficiency (records per CPU second, same runs): produce %.2fx, consume %.2fx\n",
                perCpu(bestTidemarkProduce) / perCpu(bestKcatProduce),
                perCpu(bestTidemarkConsume) / perCpu(bestKcatConsume));
    return 0;
}
