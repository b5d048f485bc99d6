// bench_search: how fast a complete search (core/RecordScan) goes through a topic of the seed's
// orders on the built-in broker, measured in the same run next to its peers:
//   pushdown : RecordScan on LocalBackend: the predicate tested in the segment read buffers,
//              only matches copied (LocalBackend::scanFiltered);
//   fetch    : the same RecordScan through a ForwardingBackend, i.e. Backend's default
//              scanFiltered: fetch() every record as a Record, then test it (what the scan
//              did before the pushdown, and what it does on backends without one);
//   pipe     : `tidemark-cli consume --no-commit | grep -c -F NEEDLE`, what a user without a
//              search would run (wall time of the whole pipeline, the CLI's start included);
//   parallel : the pushdown with RecordScan::Options::threads (--threads, default 3): the
//              partitions read at once; its wall rate is what the user waits for, its CPU
//              rate what it costs (the goals are read per CPU second, sequential).
// Issue 15's goals: key or substring filter >= 5M records/s and >= 10x the pipe; a JSON field
// comparison >= 1.5M records/s and >= 4x the pipe.
//
// The topic: N orders from OrderGenerator (seed 15, ~200-byte JSON values), keyed by order id
// (one record per key), 3 partitions (murmur2), in a temporary directory. Each scan row is
// the best of --rounds interleaved rounds (the machine is shared); the pipe runs --pipe-rounds
// times. Match counts of pushdown and fetch must be equal (the run fails otherwise).
//
//   bench_search [--records N] [--rounds R] [--pipe-rounds R] [--dir DIR] [--no-pipe] [--threads T]
//                [--profile FILTER]   only the pushdown scan of FILTER, in a loop, for perf

#include "../../common/ForwardingBackend.h"
#include "../common/BenchSupport.h"
#include "TestPaths.h"

#include "core/OrderGenerator.h"
#include "core/RecordFilter.h"
#include "core/RecordScan.h"
#include "logbroker/LocalBackend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <sys/resource.h>
#include <time.h>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

struct Outcome {
    double seconds = 0;    // wall
    double cpuSeconds = 0; // CPU
    qint64 scanned = 0;
    qint64 matches = 0;
    QString error;
    double rate() const { return seconds > 0 ? double(scanned) / seconds : 0; }
    double cpuRate() const { return cpuSeconds > 0 ? double(scanned) / cpuSeconds : 0; }
};

Outcome scanOnce(Backend &backend, const RecordFilter &filter, int threads = 1)
{
    Outcome out;
    RecordScan::Options options;
    options.topic = kTopic;
    options.filter = filter;
    options.threads = threads;
    RecordScan scan(backend, options);
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = bench::processCpuSeconds();
    if (const Status planned = scan.plan(); !planned) {
        out.error = planned.error().toString();
        return out;
    }
    std::vector<Record> matches;
    bool more = !scan.progress().done;
    while (more) {
        matches.clear(); // the caller keeps what it wants; here nothing
        const auto stepped = scan.step(matches);
        if (!stepped) {
            out.error = stepped.error().toString();
            return out;
        }
        more = *stepped;
    }
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    out.cpuSeconds = bench::processCpuSeconds() - cpuStart;
    out.scanned = scan.progress().scanned;
    out.matches = scan.progress().matches;
    return out;
}

// The pipe peer: wall time of consume | grep -c -F needle; `matches` is grep's line count.
Outcome pipeOnce(const QString &cli, const QString &dir, const QByteArray &needle, int round, qint64 records)
{
    Outcome out;
    const QString script = QStringLiteral("'%1' consume --data '%2' --topic %3 --group bench-search-%4 --no-commit "
                                          "| grep -c -F -e \"$NEEDLE\"")
                               .arg(cli, dir, kTopic)
                               .arg(round);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NEEDLE"), QString::fromUtf8(needle));
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = bench::childrenCpuSeconds();
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit) {
        out.error = QStringLiteral("the pipe did not finish: %1").arg(process.errorString());
        return out;
    }
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    out.cpuSeconds = bench::childrenCpuSeconds() - cpuStart;
    out.scanned = records;
    out.matches = process.readAllStandardOutput().trimmed().toLongLong();
    const QByteArray err = process.readAllStandardError();
    if (!err.trimmed().isEmpty())
        std::fprintf(stderr, "pipe stderr: %s\n", err.constData());
    return out;
}

bool fillTopic(Backend &backend, qint64 records, qint64 &payloadBytes)
{
    TopicSpec spec;
    spec.name = kTopic;
    spec.partitions = 3;
    if (const Status s = backend.createTopic(spec); !s) {
        std::fprintf(stderr, "createTopic: %s\n", qPrintable(s.error().toString()));
        return false;
    }
    OrderGenerator gen(15);
    std::vector<OutgoingRecord> batch;
    batch.reserve(10000);
    payloadBytes = 0;
    for (qint64 i = 0; i < records; ++i) {
        const Order order = gen.next();
        OutgoingRecord r;
        r.key = order.orderId.toUtf8();
        r.value = orderToJson(order);
        payloadBytes += r.key->size() + r.value->size();
        batch.push_back(std::move(r));
        if (batch.size() == 10000 || i + 1 == records) {
            const auto reports = backend.produce(kTopic, batch, ProduceOptions{});
            if (!reports) {
                std::fprintf(stderr, "produce: %s\n", qPrintable(reports.error().toString()));
                return false;
            }
            for (const DeliveryReport &d : *reports)
                if (d.error) {
                    std::fprintf(stderr, "produce: %s\n", qPrintable(d.error->toString()));
                    return false;
                }
            batch.clear();
        }
    }
    return true;
}

struct Row {
    const char *label;
    QString filter;
    QByteArray needle; // for the pipe; empty: compared with the first pipe row's time
    double goalRate;
    double goalRatio;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 records = 1'000'000;
    int rounds = 3;
    int pipeRounds = 1;
    int threads = 3;
    bool pipe = true;
    QString dirArg;
    QString profileFilter;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--records") && hasValue)
            records = args[++i].toLongLong();
        else if (a == QLatin1String("--rounds") && hasValue)
            rounds = std::max(1, args[++i].toInt());
        else if (a == QLatin1String("--pipe-rounds") && hasValue)
            pipeRounds = std::max(1, args[++i].toInt());
        else if (a == QLatin1String("--dir") && hasValue)
            dirArg = args[++i];
        else if (a == QLatin1String("--threads") && hasValue)
            threads = std::max(1, args[++i].toInt());
        else if (a == QLatin1String("--no-pipe"))
            pipe = false;
        else if (a == QLatin1String("--profile") && hasValue)
            profileFilter = args[++i];
        else {
            std::fprintf(stderr,
                         "usage: bench_search [--records N] [--rounds R] [--pipe-rounds R] [--dir DIR] [--no-pipe] "
                         "[--threads T] [--profile FILTER]\n");
            return 2;
        }
    }
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_search-XXXXXX")
                                       : dirArg + QStringLiteral("/bench_search-XXXXXX"));
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary directory\n");
        return 1;
    }
    auto opened = openLocalBackend(tmp.path());
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    std::shared_ptr<Backend> local = *opened;
    test::ForwardingBackend fetchPath(local);

    QElapsedTimer fillTimer;
    fillTimer.start();
    qint64 payloadBytes = 0;
    if (!fillTopic(*local, records, payloadBytes))
        return 1;
    std::printf("topic: %lld orders, 3 partitions, %.1f MB of keys and values (%.0f B a record), written in %.1f s\n",
                static_cast<long long>(records), double(payloadBytes) / 1e6, double(payloadBytes) / double(records),
                double(fillTimer.nsecsElapsed()) / 1e9);

    // A key present once: the order id of a record two thirds in.
    const QByteArray onceKey = QByteArray::number(std::max<qint64>(1, records * 2 / 3));
    const std::vector<Row> rows = {
        {"key filter (key == one order id)", QStringLiteral("key == \"%1\"").arg(QString::fromLatin1(onceKey)),
         "\"key\":\"" + onceKey + "\"", 5e6, 10},
        {"substring (value contains \"00042\")", QStringLiteral("value contains \"00042\""), "00042", 5e6, 10},
        {"json string (value.user_id == \"00042\")", QStringLiteral("value.user_id == \"00042\""), {}, 1.5e6, 4},
        {"json number (value.total_price > 1000)", QStringLiteral("value.total_price > 1000"), {}, 1.5e6, 4},
    };

    if (!profileFilter.isEmpty()) {
        const RecordFilter filter = RecordFilter::parse(profileFilter);
        for (int i = 0; i < rounds; ++i) {
            const Outcome o = scanOnce(*local, filter);
            std::printf("%s: %.2fM records per CPU second (%.2fM/s wall), %lld matches %s\n", qPrintable(profileFilter),
                        o.cpuRate() / 1e6, o.rate() / 1e6, static_cast<long long>(o.matches), qPrintable(o.error));
        }
        return 0;
    }

    std::printf("\nRates in records/s. cpu: records per CPU second (the scan's threads; the pipe's processes\n"
                "summed), what the goals are read against on a shared machine; wall: per elapsed second.\n"
                "par: the pushdown reading the partitions with %d threads.\n",
                threads);
    std::printf("\n%-40s %9s %9s %9s %9s %9s %9s %9s %9s %8s %7s %7s  %s\n", "filter", "push cpu", "fetch cpu",
                "pipe cpu", "push wall", "fetch wall", "pipe wall", "par cpu", "par wall", "matches", "x fetch",
                "x pipe", "goal (cpu rate)");
    int failures = 0;
    std::optional<Outcome> firstPipe;
    for (const Row &row : rows) {
        const RecordFilter filter = RecordFilter::parse(row.filter);
        if (!filter.isValid()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(row.filter), qPrintable(filter.error()->toString()));
            return 1;
        }
        Outcome pushed, fetched, pushedWall, fetchedWall, par, parWall;
        for (int r = 0; r < rounds; ++r) {
            const Outcome a = scanOnce(*local, filter);
            const Outcome b = scanOnce(fetchPath, filter);
            const Outcome c = scanOnce(*local, filter, threads);
            if (!a.error.isEmpty() || !b.error.isEmpty() || !c.error.isEmpty()) {
                std::fprintf(stderr, "%s: %s %s %s\n", row.label, qPrintable(a.error), qPrintable(b.error),
                             qPrintable(c.error));
                return 1;
            }
            if (a.matches != b.matches || a.matches != c.matches || a.scanned != records || b.scanned != records ||
                c.scanned != records) {
                std::fprintf(stderr, "%s: pushdown found %lld of %lld, fetch %lld of %lld: NOT THE SAME\n", row.label,
                             static_cast<long long>(a.matches), static_cast<long long>(a.scanned),
                             static_cast<long long>(b.matches), static_cast<long long>(b.scanned));
                ++failures;
            }
            if (r == 0 || a.cpuSeconds < pushed.cpuSeconds)
                pushed = a;
            if (r == 0 || b.cpuSeconds < fetched.cpuSeconds)
                fetched = b;
            if (r == 0 || a.seconds < pushedWall.seconds)
                pushedWall = a;
            if (r == 0 || b.seconds < fetchedWall.seconds)
                fetchedWall = b;
            if (r == 0 || c.cpuSeconds < par.cpuSeconds)
                par = c;
            if (r == 0 || c.seconds < parWall.seconds)
                parWall = c;
        }
        Outcome piped;
        QString pipeNote;
        if (pipe && !row.needle.isEmpty()) {
            for (int r = 0; r < pipeRounds; ++r) {
                const Outcome p = pipeOnce(tidemark::test::paths::cli(), tmp.path(), row.needle,
                                           int(&row - rows.data()) * 100 + r, records);
                if (!p.error.isEmpty()) {
                    std::fprintf(stderr, "%s: %s\n", row.label, qPrintable(p.error));
                    return 1;
                }
                if (r == 0 || p.cpuSeconds < piped.cpuSeconds)
                    piped = p;
            }
            if (!firstPipe)
                firstPipe = piped;
            pipeNote = QStringLiteral(" (grep: %1 lines)").arg(piped.matches);
        } else if (pipe && firstPipe) {
            piped = *firstPipe; // grep cannot compare JSON fields: the key row's pipe
            pipeNote = QStringLiteral(" (pipe: the key row's)");
        }
        const double xFetch = fetched.cpuRate() > 0 ? pushed.cpuRate() / fetched.cpuRate() : 0;
        const double xPipe = piped.cpuRate() > 0 ? pushed.cpuRate() / piped.cpuRate() : 0;
        const bool met = pushed.cpuRate() >= row.goalRate && (!pipe || xPipe >= row.goalRatio);
        std::printf("%-40s %8.2fM %8.2fM %8.2fM %8.2fM %9.2fM %8.2fM %8.2fM %8.2fM %8lld %6.1fx %6.1fx  >= %.1fM, >= "
                    "%.0fx pipe: "
                    "%s%s\n",
                    row.label, pushed.cpuRate() / 1e6, fetched.cpuRate() / 1e6, piped.cpuRate() / 1e6,
                    pushedWall.rate() / 1e6, fetchedWall.rate() / 1e6, piped.rate() / 1e6, par.cpuRate() / 1e6,
                    parWall.rate() / 1e6, static_cast<long long>(pushed.matches), xFetch, xPipe, row.goalRate / 1e6,
                    row.goalRatio, met ? "met" : "NOT MET", qPrintable(pipeNote));
        std::fflush(stdout);
    }
    return failures == 0 ? 0 : 1;
}
