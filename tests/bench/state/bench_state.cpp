// Issue 13's scale figures for the broker state model, on the built-in broker:
//  - open-to-topic-list: from openBackend() to the state's first topic list (what the Topics
//    panel shows at start);
//  - calls per second at idle with one topic selected: the watches the main window makes
//    (topic list 2 s, the topic 500 ms, its groups 1 s), ticked through 60 s of a manual clock;
//  - the CPU one idle second of those calls costs, next to one second of the per-panel pollers
//    of before (TopicBrowser listTopics / 2 s, TimelineLoader describeTopic + listGroups +
//    describeGroup x 32 / 1 s, ThroughputSampler listTopics + 8 describeTopic + listGroups +
//    8 describeGroup / 2 s), run on the same broker in the same run;
//  - resident memory after the state holds the topic list.
// Not a test: prints the figures and exits 0 unless something could not run.

#include "backends/BackendFactory.h"
#include "core/AsyncBackend.h"
#include "core/BrokerState.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

using namespace tidemark;

namespace {

qint64 residentBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

// Read and write system calls of this process so far (/proc/self/io: syscr + syscw).
qint64 ioSyscalls()
{
    QFile f(QStringLiteral("/proc/self/io"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    qint64 n = 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("syscr:") || line.startsWith("syscw:"))
            n += line.mid(6).trimmed().toLongLong();
    return n;
}

double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

// Runs the event loop until `done`; only called while an answer is on its way (so waiting
// for more events never blocks forever, and never spins: the CPU figures stay honest).
bool waitFor(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return true;
}

// One second of the pollers the panels had before the state model (idle, live tail off).
qint64 oldPollersOneSecond(Backend &b, const QString &topic, int second)
{
    qint64 calls = 0;
    auto describeGroups = [&](int max) {
        ++calls;
        auto groups = b.listGroups();
        int n = 0;
        for (const GroupInfo &g : groups.valueOr({})) {
            if (++n > max)
                break;
            ++calls;
            (void)b.describeGroup(g.groupId);
        }
    };
    if (second % 2 == 0) { // TopicBrowser, every 2 s
        ++calls;
        (void)b.listTopics();
    }
    ++calls; // TimelineLoader, every 1 s
    (void)b.describeTopic(topic);
    describeGroups(32);
    if (second % 2 == 0) { // ThroughputSampler, every 2 s
        ++calls;
        auto topics = b.listTopics();
        int n = 0;
        for (const TopicInfo &t : topics.valueOr({})) {
            if (++n > 8)
                break;
            ++calls;
            (void)b.describeTopic(t.name);
        }
        describeGroups(8);
    }
    return calls;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int maxTopics = 10000;
    QString base;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--max-topics") == 0)
            maxTopics = atoi(argv[++i]);
        else if (qstrcmp(argv[i], "--dir") == 0)
            base = QString::fromLocal8Bit(argv[++i]);
    }
    std::printf("%8s %10s %12s %12s %12s %12s %10s %12s %10s %10s\n", "topics", "create s", "open->list", "calls/s new",
                "calls/s old", "cpu ms/s new", "old", "io sys/s new", "old", "RSS MiB");
    for (int topics : {10, 1000, 10000}) {
        if (topics > maxTopics)
            break;
        QTemporaryDir dir(base.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_state-XXXXXX")
                                         : base + QStringLiteral("/bench_state-XXXXXX"));
        const ConnectionSpec spec{ConnectionSpec::Kind::Local, dir.path(), {}};
        QElapsedTimer clock;
        clock.start();
        {
            auto setup = openBackend(spec);
            if (!setup) {
                std::fprintf(stderr, "%s\n", qPrintable(setup.error().message));
                return 1;
            }
            for (int i = 0; i < topics; ++i) {
                if (auto s = (*setup)->createTopic(
                        TopicSpec{QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0')), 3, 1, {}});
                    !s) {
                    std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
                    return 1;
                }
            }
            for (int g = 0; g < 20; ++g)
                (void)(*setup)->resetGroupOffsets(
                    QStringLiteral("g%1").arg(g),
                    {{TopicPartition{QStringLiteral("t%1").arg(g % topics, 5, 10, QLatin1Char('0')), 0}, 0}});
        }
        const double createSeconds = clock.elapsed() / 1000.0;

        const qint64 rssBefore = residentBytes();
        clock.restart();
        auto backend = openBackend(spec);
        if (!backend)
            return 1;
        AsyncBackend async(*backend);
        BrokerState *state = BrokerState::of(&async);
        qint64 now = 0;
        state->setTicking(false);
        state->setClock([&now] { return now; });
        const auto list = state->watchTopics(2000);
        if (!waitFor([&] { return state->topicsLoaded(); }))
            return 1;
        const qint64 openToList = clock.elapsed();
        const QString selected = QStringLiteral("t00000");
        const auto topicWatch = state->watchTopic(selected, 500);
        const auto groupsWatch = state->watchGroups(selected, 1000);
        waitFor([&] { return state->isIdle() && async.pending() == 0; });

        const qint64 before = state->callsStarted();
        const double cpuBefore = cpuMs();
        const qint64 ioBefore = ioSyscalls();
        const int seconds = 60;
        for (int step = 0; step < seconds * 10; ++step) {
            now += 100;
            state->tick();
            waitFor([&] { return state->isIdle() && async.pending() == 0; });
        }
        const double newCpuPerSecond = (cpuMs() - cpuBefore) / seconds;
        const double newCalls = double(state->callsStarted() - before) / seconds;
        const double newIo = double(ioSyscalls() - ioBefore) / seconds;
        const qint64 rss = residentBytes();

        qint64 oldCalls = 0;
        const double oldCpuBefore = cpuMs();
        const qint64 oldIoBefore = ioSyscalls();
        const int oldSeconds = 4;
        for (int s = 0; s < oldSeconds; ++s)
            oldCalls += oldPollersOneSecond(**backend, selected, s);
        const double oldCpuPerSecond = (cpuMs() - oldCpuBefore) / oldSeconds;
        const double oldIo = double(ioSyscalls() - oldIoBefore) / oldSeconds;

        std::printf("%8d %10.1f %9lld ms %12.2f %12.2f %12.2f %10.2f %12.1f %10.1f %10.1f\n", topics, createSeconds,
                    openToList, newCalls, double(oldCalls) / oldSeconds, newCpuPerSecond, oldCpuPerSecond, newIo, oldIo,
                    double(rss - rssBefore) / (1024.0 * 1024.0));
        std::fflush(stdout);
        for (auto w : {list, topicWatch, groupsWatch})
            state->unwatch(w);
    }
    std::printf("goal: open->list < 1000 ms at 1,000 topics; at most 5 calls/s at idle\n");
    return 0;
}
