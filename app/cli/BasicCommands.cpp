// tidemark-cli commands that need no broker: generate, partition, validate.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

namespace tidemark::cli {

int runGenerate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print N seed orders as JSON lines."));
    parser.addOption({QStringLiteral("count"), QStringLiteral("Number of orders."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S")});
    parser.addOption({QStringLiteral("start-id"), QStringLiteral("First order id (default 1)."), QStringLiteral("K")});
    if (!parseOrFail(parser, args, QStringLiteral("generate")))
        return ExitUsage;
    if (!parser.isSet(QStringLiteral("count"))) {
        printErr(QStringLiteral("generate: --count N is required"));
        return ExitUsage;
    }
    const auto count = intOption(parser, QStringLiteral("count"), 0, 0, 1'000'000'000'000LL);
    const auto seed = intOption(parser, QStringLiteral("seed"), 0, 0, std::numeric_limits<qint64>::max());
    const auto start = intOption(parser, QStringLiteral("start-id"), 1, 0, 1'000'000'000'000LL);
    if (!count || !seed || !start)
        return ExitUsage;

    OrderGenerator generator(static_cast<quint64>(*seed), *start);
    QByteArray buffer;
    buffer.reserve(1 << 20);
    for (qint64 i = 0; i < *count; ++i) {
        buffer += orderToJson(generator.next());
        buffer += '\n';
        if (buffer.size() > (1 << 20) - 4096) {
            if (!printOutBytes(buffer))
                break;
            buffer.clear();
        }
    }
    if (!printOutBytes(buffer) || std::fflush(stdout) != 0) {
        printErr(QStringLiteral("generate: cannot write to stdout"));
        return ExitFailure;
    }
    return ExitOk;
}

int runPartition(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the partition each KEY lands on: KEY<TAB>PARTITION."));
    parser.addOption(
        {QStringLiteral("partitioner"),
         QStringLiteral("One of: %1 (default murmur2).").arg(partitionerNames().join(QStringLiteral(", "))),
         QStringLiteral("NAME"), QStringLiteral("murmur2")});
    parser.addOption({QStringLiteral("partitions"), QStringLiteral("Number of partitions."), QStringLiteral("N")});
    parser.addPositionalArgument(QStringLiteral("KEY"), QStringLiteral("Keys (UTF-8 bytes)."),
                                 QStringLiteral("KEY..."));
    if (!parseOrFail(parser, args, QStringLiteral("partition")))
        return ExitUsage;
    const auto kind = partitionerFromName(parser.value(QStringLiteral("partitioner")));
    if (!kind) {
        printErr(QStringLiteral("partition: unknown partitioner '%1'; choose one of: %2")
                     .arg(parser.value(QStringLiteral("partitioner")), partitionerNames().join(QStringLiteral(", "))));
        return ExitUsage;
    }
    if (!parser.isSet(QStringLiteral("partitions"))) {
        printErr(QStringLiteral("partition: --partitions N is required"));
        return ExitUsage;
    }
    const auto partitions = intOption(parser, QStringLiteral("partitions"), 1, 1, 1'000'000);
    if (!partitions)
        return ExitUsage;
    const QStringList keys = parser.positionalArguments();
    if (keys.isEmpty()) {
        printErr(QStringLiteral("partition: give at least one KEY"));
        return ExitUsage;
    }
    PartitionChooser chooser(*kind);
    QByteArray out;
    for (const QString &key : keys) {
        const QByteArray bytes = key.toUtf8();
        out += bytes + '\t' + QByteArray::number(chooser.choose(bytes, static_cast<int>(*partitions))) + '\n';
    }
    printOutBytes(out);
    return ExitOk;
}

int runValidate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check every line of stdin is a valid order; report each bad line by number with the reason."));
    if (!parseOrFail(parser, args, QStringLiteral("validate")))
        return ExitUsage;
    LineReader reader;
    QByteArray line;
    qint64 valid = 0, invalid = 0, blank = 0;
    while (reader.next(line)) {
        if (line.trimmed().isEmpty()) {
            ++blank;
            continue;
        }
        const auto order = parseOrder(line);
        if (order) {
            ++valid;
        } else {
            ++invalid;
            printErr(QStringLiteral("line %1: %2").arg(reader.lineNumber()).arg(order.error().message));
        }
    }
    printOut(QStringLiteral("%1 valid, %2 invalid, %3 blank lines\n").arg(valid).arg(invalid).arg(blank));
    return invalid == 0 ? ExitOk : ExitFailure;
}

} // namespace tidemark::cli
