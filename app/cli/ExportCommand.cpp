// tidemark-cli export: a complete scan of a topic (no group, no commit) printing the records
// in an offset or time range that a filter matches, as JSON lines that `produce --format
// json` reads back byte for byte, or as CSV. Ends with what it looked at on stderr.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "core/JsonLines.h"
#include "core/RecordScan.h"

#include <QLocale>

#include <atomic>
#include <csignal>

namespace tidemark::cli {

namespace {

std::atomic<bool> g_exportInterrupted{false};
void onExportSignal(int) { g_exportInterrupted.store(true); }

QString joinPartitions(const std::vector<int> &partitions)
{
    QStringList parts;
    for (int p : partitions)
        parts << QString::number(p);
    return parts.join(QLatin1Char(','));
}

} // namespace

int runExport(const QStringList &args)
{
    const QString command = QStringLiteral("export");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Export records without a consumer group: every record of the topic (or of --partition) in the "
                       "offset and time range that --where matches, as JSON lines (docs/json-lines.md; `produce "
                       "--format json` reads them back exactly) or CSV. Reads up to the end of each partition as it "
                       "was when the export started. Prints what it scanned to stderr."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name."), QStringLiteral("T")});
    parser.addOption(
        {QStringLiteral("partition"), QStringLiteral("Only this partition (repeatable)."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("from-offset"), QStringLiteral("First offset (inclusive)."), QStringLiteral("O")});
    parser.addOption({QStringLiteral("to-offset"), QStringLiteral("Last offset (inclusive)."), QStringLiteral("O")});
    parser.addOption({QStringLiteral("from-timestamp"),
                      QStringLiteral("Records at or after this time (ms or ISO 8601)."), QStringLiteral("TIME")});
    parser.addOption({QStringLiteral("to-timestamp"),
                      QStringLiteral("Records at or before this time (ms or ISO 8601)."), QStringLiteral("TIME")});
    addFilterOptions(parser, QStringLiteral("Only records this filter matches (docs/filter-language.md)."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("json (default) or csv."), QStringLiteral("FORMAT"),
                      QStringLiteral("json")});
    parser.addOption({QStringLiteral("newest-first"),
                      QStringLiteral("Read each partition from its end backwards (default: oldest first).")});
    parser.addOption({QStringLiteral("max"), QStringLiteral("Stop after N exported records."), QStringLiteral("N")});
    if (!parseCommand(parser, args, command, {QStringLiteral("topic")}))
        return ExitUsage;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("csv")) {
        printErr(QStringLiteral("%1: --format must be json or csv, got '%2'").arg(command, format));
        return ExitUsage;
    }
    const auto fromOffset = intOption(parser, QStringLiteral("from-offset"), -1, 0, std::numeric_limits<qint64>::max());
    const auto toOffset = intOption(parser, QStringLiteral("to-offset"), -1, 0, std::numeric_limits<qint64>::max());
    const auto max = intOption(parser, QStringLiteral("max"), -1, 1, std::numeric_limits<qint64>::max());
    if (!fromOffset || !toOffset || !max)
        return ExitUsage;
    bool ok = true;
    const auto fromTime = timestampOption(parser, QStringLiteral("from-timestamp"), command, ok);
    if (!ok)
        return ExitUsage;
    const auto toTime = timestampOption(parser, QStringLiteral("to-timestamp"), command, ok);
    if (!ok)
        return ExitUsage;
    const RecordFilter where = whereOption(parser, command, parser.values(QStringLiteral("topic")), ok);
    if (!ok)
        return ExitUsage;

    RecordScan::Options options;
    options.topic = parser.value(QStringLiteral("topic"));
    for (const QString &p : parser.values(QStringLiteral("partition"))) {
        bool isNumber = false;
        const int partition = p.toInt(&isNumber);
        if (!isNumber || partition < 0) {
            printErr(QStringLiteral("%1: --partition: '%2' is not a partition number").arg(command, p));
            return ExitUsage;
        }
        options.partitions.push_back(partition);
    }
    if (parser.isSet(QStringLiteral("from-offset")))
        options.fromOffset = *fromOffset;
    if (parser.isSet(QStringLiteral("to-offset")))
        options.toOffset = *toOffset;
    options.fromTimeMs = fromTime;
    options.toTimeMs = toTime;
    options.filter = where;
    options.order =
        parser.isSet(QStringLiteral("newest-first")) ? RecordScan::Order::NewestFirst : RecordScan::Order::OldestFirst;

    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    RecordScan scan(*backend, options);
    if (failed(scan.plan()))
        return ExitFailure;
    std::signal(SIGINT, onExportSignal);
    std::signal(SIGTERM, onExportSignal);

    const bool csv = format == QLatin1String("csv");
    if (csv && !printOutBytes(csvHeaderLine()))
        return ExitFailure;
    qint64 exported = 0;
    int exitCode = ExitOk;
    bool more = !scan.progress().done;
    std::vector<Record> matches;
    while (more && !g_exportInterrupted.load()) {
        matches.clear();
        const auto stepped = scan.step(matches);
        if (!stepped) {
            printError(stepped.error());
            exitCode = ExitFailure;
            break;
        }
        more = *stepped;
        QByteArray out;
        for (const Record &r : matches) {
            out += csv ? recordToCsvLine(r) : recordToJsonLine(r);
            if (*max > 0 && ++exported >= *max) {
                more = false;
                break;
            }
        }
        if (*max <= 0)
            exported += qint64(matches.size());
        if (!out.isEmpty() && (!printOutBytes(out) || std::fflush(stdout) != 0)) {
            printErr(QStringLiteral("%1: cannot write to stdout; stopping").arg(command));
            exitCode = ExitFailure;
            break;
        }
    }
    if (g_exportInterrupted.load()) {
        printErr(QStringLiteral("%1: interrupted").arg(command));
        exitCode = ExitFailure;
    }
    const RecordScan::Progress &progress = scan.progress();
    const QLocale c = QLocale::c();
    printErr(QStringLiteral("%1: exported %2 record(s); scanned %3 of %4 in partition(s) %5 of %6%7")
                 .arg(command, c.toString(exported), c.toString(progress.scanned), c.toString(progress.total),
                      joinPartitions(progress.partitions), options.topic,
                      progress.matches > exported
                          ? QStringLiteral(" (%1 matched; --max stopped the export)").arg(c.toString(progress.matches))
                          : QString()));
    return exitCode;
}

} // namespace tidemark::cli
