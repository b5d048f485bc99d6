// A producer or consumer process for the multi-process tests: it talks to the built-in
// broker through the Backend interface and reports every acknowledged or consumed record on
// stdout, flushed before it moves on, so the test knows exactly what happened before it
// sends SIGKILL.
//
//   produce --data D --topic T --producer N [--count C] [--batch B] [--keys K] [--partition P]
//           [--hold-lock HEAD] [--round-robin N]
//       (--round-robin N: record i goes to partition i % N)
//       ACK <partition> <offset> <producer> <seq>       for every acknowledged record
//       DONE                                           after the last one
//       LOCKED            with --hold-lock: it then holds the appenders' flock on the
//                         partition.head HEAD (as an appender does) until it is killed
//   consume --data D --topic T --group G [--max-poll N] [--slow-ms MS] [--stop-file F]
//           [--commit-every N]
//       JOINED <member id>
//       EVENT <kind> <generation> <partitions> <message>
//       REC <partition> <offset> <producer> <seq> <key>
//       COMMIT <partition>:<offset>,...               after each commit
//   Both print "FDS <most descriptors open at once>" (counted in /proc/self/fd after each
//   batch or poll) before they end cleanly.
//   It commits after every N polled batches (default 1) and whenever partitions are revoked
//   (before the next poll, while it still holds them), and once F exists commits what it
//   printed and exits (closing cleanly).
//
//   create-topic --data D --topic T [--partitions N]
//       exits 0 once created; else prints the error on stderr and exits 1
//
// Record values are "<producer>:<seq>:<key>|" padded to about 200 bytes like the seed's
// orders; keys are "user-<seq % K>".

#include "core/Backend.h"
#include "logbroker/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <cstdio>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace tidemark;

namespace {

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

void out(const QByteArray &line) { std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout); }

// Descriptors open in this process now (Linux: /proc/self/fd; -1 elsewhere).
int openDescriptors()
{
    QDir fds(QStringLiteral("/proc/self/fd"));
    if (!fds.exists())
        return -1;
    return int(fds.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size()) - 1; // minus the listing's
}

int fail(const QString &what)
{
    std::fprintf(stderr, "helper: %s\n", qPrintable(what));
    return 1;
}

int produce(Backend &backend, const QStringList &args)
{
    const QString topic = option(args, QStringLiteral("--topic"));
    const int producer = option(args, QStringLiteral("--producer"), QStringLiteral("0")).toInt();
    const qint64 count = option(args, QStringLiteral("--count"), QStringLiteral("-1")).toLongLong();
    const int batch = option(args, QStringLiteral("--batch"), QStringLiteral("16")).toInt();
    const int keys = option(args, QStringLiteral("--keys"), QStringLiteral("20")).toInt();
    const int partition = option(args, QStringLiteral("--partition"), QStringLiteral("-1")).toInt();
    const int roundRobin = option(args, QStringLiteral("--round-robin"), QStringLiteral("0")).toInt();
    int maxFds = 0;
    qint64 seq = 0;
    while (count < 0 || seq < count) {
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < batch && (count < 0 || seq + i < count); ++i) {
            OutgoingRecord r;
            const QByteArray key = "user-" + QByteArray::number((seq + i) % keys);
            r.key = key;
            r.value = QByteArray::number(producer) + ':' + QByteArray::number(seq + i) + ':' + key + '|';
            *r.value += QByteArray(200 - r.value->size(), 'x');
            r.partition = roundRobin > 0 ? int((seq + i) % roundRobin) : partition;
            records.push_back(r);
        }
        auto reports = backend.produce(topic, records, ProduceOptions{});
        if (!reports)
            return fail(reports.error().toString());
        QByteArray lines;
        for (size_t i = 0; i < reports->size(); ++i) {
            const DeliveryReport &d = (*reports)[i];
            if (d.error)
                return fail(d.error->toString());
            lines += "ACK " + QByteArray::number(d.partition) + ' ' + QByteArray::number(d.offset) + ' ' +
                     QByteArray::number(producer) + ' ' + QByteArray::number(seq + qint64(i)) + '\n';
        }
        out(lines);
        std::fflush(stdout);
        seq += qint64(records.size());
        maxFds = std::max(maxFds, openDescriptors());
    }
    out("FDS " + QByteArray::number(maxFds) + '\n');
    out("DONE\n");
    std::fflush(stdout);
    const QString hold = option(args, QStringLiteral("--hold-lock"));
    if (!hold.isEmpty()) {
        const int fd = ::open(QFile::encodeName(hold).constData(), O_RDWR | O_CLOEXEC);
        if (fd < 0 || ::flock(fd, LOCK_EX) != 0)
            return fail(QStringLiteral("cannot lock ") + hold);
        out("LOCKED\n");
        std::fflush(stdout);
        for (;;)
            ::pause();
    }
    return 0;
}

const char *kindName(ConsumerEvent::Kind kind)
{
    switch (kind) {
    case ConsumerEvent::Kind::Assigned: return "Assigned";
    case ConsumerEvent::Kind::Revoked: return "Revoked";
    case ConsumerEvent::Kind::Lost: return "Lost";
    case ConsumerEvent::Kind::Committed: return "Committed";
    case ConsumerEvent::Kind::Error: return "Error";
    case ConsumerEvent::Kind::Info: return "Info";
    }
    return "?";
}

int consume(Backend &backend, const QStringList &args)
{
    ConsumerConfig config;
    config.groupId = option(args, QStringLiteral("--group"));
    config.topics = {option(args, QStringLiteral("--topic"))};
    config.clientId = option(args, QStringLiteral("--client"), QStringLiteral("helper"));
    config.maxPollRecords = option(args, QStringLiteral("--max-poll"), QStringLiteral("50")).toInt();
    config.heartbeatIntervalMs = 200;
    config.sessionTimeoutMs = 5000;
    const int slowMs = option(args, QStringLiteral("--slow-ms"), QStringLiteral("0")).toInt();
    const QString stopFile = option(args, QStringLiteral("--stop-file"));
    const int commitEvery = std::max(1, option(args, QStringLiteral("--commit-every"), QStringLiteral("1")).toInt());
    int uncommittedBatches = 0;
    int maxFds = 0;
    auto consumer = backend.createConsumer(config);
    if (!consumer)
        return fail(consumer.error().toString());
    out("JOINED " + (*consumer)->memberId().toUtf8() + '\n');
    std::fflush(stdout);
    for (;;) {
        if (!stopFile.isEmpty() && QFileInfo::exists(stopFile)) {
            if (uncommittedBatches > 0) { // a clean stop commits what was processed
                if (auto s = (*consumer)->commit(); !s)
                    return fail(s.error().toString());
            }
            (*consumer)->close();
            out("FDS " + QByteArray::number(maxFds) + '\n');
            std::fflush(stdout);
            return 0;
        }
        auto polled = (*consumer)->poll(100);
        if (!polled)
            return fail(polled.error().toString());
        maxFds = std::max(maxFds, openDescriptors());
        QByteArray lines;
        std::vector<TopicPartition> revoked;
        for (const ConsumerEvent &e : polled->events) {
            if (e.kind == ConsumerEvent::Kind::Committed)
                continue;
            if (e.kind == ConsumerEvent::Kind::Revoked)
                revoked.insert(revoked.end(), e.partitions.begin(), e.partitions.end());
            QByteArray parts;
            for (const TopicPartition &tp : e.partitions)
                parts += (parts.isEmpty() ? "" : ",") + QByteArray::number(tp.partition);
            lines += QByteArray("EVENT ") + kindName(e.kind) + ' ' + QByteArray::number(e.generation) + ' ' +
                     (parts.isEmpty() ? QByteArray("-") : parts) + ' ' + e.message.toUtf8() + '\n';
        }
        for (const Record &r : polled->records) {
            const QList<QByteArray> fields = r.value->split('|').front().split(':');
            lines += "REC " + QByteArray::number(r.partition) + ' ' + QByteArray::number(r.offset) + ' ' +
                     (fields.size() == 3 ? fields[0] + ' ' + fields[1] + ' ' + fields[2] : QByteArray("bad - -")) +
                     '\n';
        }
        out(lines);
        std::fflush(stdout);
        if (!polled->records.empty()) {
            ++uncommittedBatches;
            if (slowMs > 0)
                QThread::msleep(static_cast<unsigned long>(slowMs)); // "processing": kills land here too
        }
        if (uncommittedBatches >= commitEvery || (!revoked.empty() && uncommittedBatches > 0)) {
            // commit() covers the revoked partitions too until the next poll lets go of them.
            if (auto s = (*consumer)->commit(); !s)
                return fail(s.error().toString());
            uncommittedBatches = 0;
            QByteArray committed = "COMMIT ";
            bool first = true;
            std::vector<TopicPartition> tps = (*consumer)->assignment();
            tps.insert(tps.end(), revoked.begin(), revoked.end());
            for (const TopicPartition &tp : tps) {
                const auto position = (*consumer)->position(tp);
                if (!position)
                    continue;
                committed +=
                    (first ? "" : ",") + QByteArray::number(tp.partition) + ':' + QByteArray::number(*position);
                first = false;
            }
            out(committed + '\n');
            std::fflush(stdout);
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return fail(QStringLiteral("usage: produce|consume --data DIR ..."));
    auto backend = openLocalBackend(option(args, QStringLiteral("--data")));
    if (!backend)
        return fail(backend.error().toString());
    if (args[1] == QLatin1String("produce"))
        return produce(**backend, args);
    if (args[1] == QLatin1String("consume"))
        return consume(**backend, args);
    if (args[1] == QLatin1String("create-topic")) {
        auto s = (*backend)->createTopic({option(args, QStringLiteral("--topic")),
                                          option(args, QStringLiteral("--partitions"), QStringLiteral("1")).toInt(),
                                          1,
                                          {}});
        return s ? 0 : fail(s.error().toString());
    }
    return fail(QStringLiteral("unknown mode ") + args[1]);
}
