// bench_search_memory: what a complete search keeps in memory when every record of a 1M-record
// topic matches (issue 15: "Memory stays bounded (< 100 MB extra) with 1M matches"), on the
// built-in broker, next to the same search matching nothing, in one run:
//   panel  : the Messages panel's search (ui/models/MessageTableModel over an AsyncBackend, as
//            the window runs it): RSS of this process before the search, its peak while the
//            search runs (sampled every 10 ms on the GUI thread) and after; the rows it keeps
//            and the matches it counts;
//   export : `tidemark-cli export --where F > /dev/null` (the same RecordScan, every match
//            written): its peak RSS (/usr/bin/time), all-match minus no-match;
//   consume: `tidemark-cli consume --no-commit --where F > /dev/null`: the same.
//
// The topic: N orders from OrderGenerator (seed 15, as bench_search), keyed by order id,
// 3 partitions, in a temporary directory.
//
//   bench_search_memory [--records N] [--dir DIR]

#include "TestPaths.h"
#include "core/AsyncBackend.h"
#include "core/MessagePager.h"
#include "core/OrderGenerator.h"
#include "logbroker/LocalBackend.h"
#include "ui/models/MessageTableModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kAll = QStringLiteral("value contains \"order_id\"");
const QString kNone = QStringLiteral("value contains \"no such text\"");
constexpr double kBudgetMb = 100;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_search_memory: %s\n", qPrintable(message));
    std::exit(1);
}

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

void fillTopic(Backend &backend, qint64 records)
{
    if (const Status s = backend.createTopic(TopicSpec{kTopic, 3, 1, {}}); !s)
        die(s.error().toString());
    OrderGenerator gen(15);
    std::vector<OutgoingRecord> batch;
    for (qint64 i = 0; i < records; ++i) {
        const Order order = gen.next();
        OutgoingRecord r;
        r.key = order.orderId.toUtf8();
        r.value = orderToJson(order);
        batch.push_back(std::move(r));
        if (batch.size() == 10000 || i + 1 == records) {
            const auto reports = backend.produce(kTopic, batch, ProduceOptions{});
            if (!reports)
                die(reports.error().toString());
            batch.clear();
        }
    }
}

struct PanelRun {
    double before = 0, peak = 0, after = 0;
    int rows = 0;
    qint64 matches = 0, scanned = 0;
};

PanelRun panelSearch(AsyncBackend &async, const QString &filterText)
{
    PanelRun run;
    MessageTableModel model;
    model.setBackend(&async);
    model.setTopic(kTopic);
    // Settle the plain listing first, so what is measured is the search.
    QElapsedTimer clock;
    clock.start();
    while (model.isLoading() && clock.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    run.before = rssMb();
    run.peak = run.before;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&run] { run.peak = std::max(run.peak, rssMb()); });
    sampler.start(10);
    MessageFilter filter;
    filter.text = filterText;
    model.setFilter(filter);
    clock.restart();
    while (model.searchState() != MessageTableModel::SearchState::Done && clock.elapsed() < 600000) {
        if (model.searchState() == MessageTableModel::SearchState::Failed)
            die(QStringLiteral("the search failed: %1").arg(model.statusText()));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    sampler.stop();
    run.peak = std::max(run.peak, rssMb());
    run.after = rssMb();
    run.rows = model.rowCount();
    run.matches = model.searchProgress().matches;
    run.scanned = model.searchProgress().scanned;
    return run;
}

// Peak RSS in MB of `tidemark-cli ARGS > /dev/null`, through /usr/bin/time.
double cliPeakMb(const QStringList &args)
{
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("time"));
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(QStringLiteral("/usr/bin/time"),
                  QStringList{QStringLiteral("-f"), QStringLiteral("%M"), QStringLiteral("-o"), out,
                              tidemark::test::paths::cli()} +
                      args);
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        die(QStringLiteral("tidemark-cli %1 failed: %2")
                .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(process.readAllStandardError())));
    QFile f(out);
    if (!f.open(QIODevice::ReadOnly))
        die(QStringLiteral("no /usr/bin/time output"));
    return f.readAll().trimmed().toDouble() / 1024.0;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    qint64 records = 1'000'000;
    QString dirArg;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == QLatin1String("--records") && hasValue)
            records = std::max<qint64>(1, args[++i].toLongLong());
        else if (args[i] == QLatin1String("--dir") && hasValue)
            dirArg = args[++i];
        else {
            std::fprintf(stderr, "usage: bench_search_memory [--records N] [--dir DIR]\n");
            return 2;
        }
    }
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_search_memory-XXXXXX")
                                       : dirArg + QStringLiteral("/bench_search_memory-XXXXXX"));
    if (!tmp.isValid())
        die(QStringLiteral("cannot create a temporary directory"));
    {
        auto opened = openLocalBackend(tmp.path());
        if (!opened)
            die(opened.error().toString());
        fillTopic(**opened, records);
    }
    std::printf("topic: %lld orders, 3 partitions, built-in broker\n\n", qlonglong(records));

    int failures = 0;
    {
        auto opened = openLocalBackend(tmp.path());
        if (!opened)
            die(opened.error().toString());
        AsyncBackend async(*opened);
        std::printf("%-34s %9s %9s %9s %9s %8s %10s %10s\n", "Messages panel search", "RSS MB", "peak MB", "after MB",
                    "extra MB", "rows", "matches", "scanned");
        for (const QString &filter : {kNone, kAll}) {
            const PanelRun r = panelSearch(async, filter);
            const double extra = r.peak - r.before;
            std::printf("%-34s %9.1f %9.1f %9.1f %9.1f %8d %10lld %10lld\n", qPrintable(filter), r.before, r.peak,
                        r.after, extra, r.rows, qlonglong(r.matches), qlonglong(r.scanned));
            if (r.scanned != records || (filter == kAll && r.matches != records)) {
                std::printf("  NOT COMPLETE\n");
                ++failures;
            }
            if (filter == kAll && extra >= kBudgetMb) {
                std::printf("  over the budget of %.0f MB extra\n", kBudgetMb);
                ++failures;
            }
        }
    }
    std::printf("\n%-34s %12s %12s %9s\n", "tidemark-cli (peak RSS)", "none MB", "all MB", "extra MB");
    const QStringList base{QStringLiteral("--data"), tmp.path(), QStringLiteral("--topic"), kTopic};
    const std::pair<const char *, QStringList> commands[] = {
        {"export --where", QStringList{QStringLiteral("export")} + base},
        {"consume --no-commit --where",
         QStringList{QStringLiteral("consume")} + base +
             QStringList{QStringLiteral("--group"), QStringLiteral("bench-memory"), QStringLiteral("--no-commit")}},
    };
    for (const auto &[label, command] : commands) {
        const double none = cliPeakMb(command + QStringList{QStringLiteral("--where"), kNone});
        const double all = cliPeakMb(command + QStringList{QStringLiteral("--where"), kAll});
        std::printf("%-34s %12.1f %12.1f %9.1f %s\n", label, none, all, all - none,
                    all - none < kBudgetMb ? "met" : "NOT MET");
        if (all - none >= kBudgetMb)
            ++failures;
    }
    return failures == 0 ? 0 : 1;
}
