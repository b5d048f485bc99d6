// tidemark-cli commands that need no broker: generate, partition, validate.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <QRegularExpression>

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

namespace {

// One key of `partition`: its bytes, and how the output line shows it.
struct PartitionKey {
    QByteArray bytes;
    QByteArray shown;
};

Result<QByteArray> decodeKey(const QByteArray &text, bool hex)
{
    if (hex) {
        static const QRegularExpression hexDigits(QStringLiteral("\\A(?:[0-9A-Fa-f]{2})*\\z"));
        if (!hexDigits.match(QString::fromLatin1(text)).hasMatch())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("partition: --key-hex wants pairs of hex digits, got '%1'")
                             .arg(QString::fromLatin1(text)));
        return QByteArray::fromHex(text);
    }
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("partition: --key-base64 got '%1', which is not base64").arg(QString::fromLatin1(text)));
    return *decoded;
}

// The keys in command-line order, walked over the raw argv bytes with the grammar the
// parser just accepted: a KEY is taken byte for byte (decoding argv as text dropped a
// leading BOM and turned invalid UTF-8 into U+FFFD), --key-hex and --key-base64 are decoded,
// "--" ends the options.
Result<std::vector<PartitionKey>> partitionKeys(const QByteArrayList &rawArgs)
{
    std::vector<PartitionKey> keys;
    bool optionsEnded = false;
    for (qsizetype i = 1; i < rawArgs.size(); ++i) {
        const QByteArray &arg = rawArgs[i];
        if (optionsEnded || arg == "-" || !arg.startsWith('-')) {
            keys.push_back({arg, arg});
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (!arg.startsWith("--"))
            continue; // -h, -? (the parser refused any other short option)
        QByteArray name = arg.mid(2);
        QByteArray value;
        bool hasValue = false;
        if (const qsizetype eq = name.indexOf('='); eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasValue = true;
        }
        const bool takesValue =
            name == "partitioner" || name == "partitions" || name == "key-hex" || name == "key-base64";
        if (takesValue && !hasValue && i + 1 < rawArgs.size())
            value = rawArgs[++i];
        if (name == "key-hex" || name == "key-base64") {
            auto bytes = decodeKey(value, name == "key-hex");
            if (!bytes)
                return bytes.error();
            keys.push_back({*bytes, value});
        }
    }
    return keys;
}

} // namespace

int runPartition(const QStringList &args, const QByteArrayList &rawArgs)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print the partition each key lands on: KEY<TAB>PARTITION, one line per key in command-line order. A KEY is "
        "taken byte for byte as the shell passes it (no decoding). Put -- before keys that start with '-': "
        "everything after -- is a key. Keys a shell cannot pass (NUL bytes) go in --key-hex or --key-base64 and are "
        "printed as given there."));
    parser.addOption(
        {QStringLiteral("partitioner"),
         QStringLiteral("One of: %1 (default murmur2).").arg(partitionerNames().join(QStringLiteral(", "))),
         QStringLiteral("NAME"), QStringLiteral("murmur2")});
    parser.addOption({QStringLiteral("partitions"), QStringLiteral("Number of partitions."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("key-hex"), QStringLiteral("A key as hex digits (repeatable), e.g. 00ff."),
                      QStringLiteral("HEX")});
    parser.addOption({QStringLiteral("key-base64"), QStringLiteral("A key in base64 (repeatable), e.g. AP8=."),
                      QStringLiteral("BASE64")});
    parser.addPositionalArgument(QStringLiteral("KEY"),
                                 QStringLiteral("Keys, byte for byte; -- ends the options (for keys that start with "
                                                "'-')."),
                                 QStringLiteral("[--] KEY..."));
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
    const auto keys = partitionKeys(rawArgs);
    if (!keys) {
        printError(keys.error());
        return ExitUsage;
    }
    const auto given = parser.positionalArguments().size() + parser.values(QStringLiteral("key-hex")).size() +
                       parser.values(QStringLiteral("key-base64")).size();
    if (keys->size() != static_cast<size_t>(given)) { // the two readings of argv must agree
        printErr(QStringLiteral("partition: could not read the keys from the command line byte for byte"));
        return ExitFailure;
    }
    if (keys->empty()) {
        printErr(QStringLiteral("partition: give at least one KEY"));
        return ExitUsage;
    }
    PartitionChooser chooser(*kind);
    QByteArray out;
    for (const PartitionKey &key : *keys)
        out += key.shown + '\t' + QByteArray::number(chooser.choose(key.bytes, static_cast<int>(*partitions))) + '\n';
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
