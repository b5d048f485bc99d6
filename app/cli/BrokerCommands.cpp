// tidemark-cli commands that talk to a broker: topic, produce, consume, groups. They use
// only the core Backend interface, so the same command line works on the built-in broker
// (--data DIR, the default) and on Kafka (--bootstrap HOST:PORT,...), with the same output.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/ProduceInput.h"
#include "core/JsonLines.h"
#include "core/Order.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <csignal>
#include <map>
#include <set>

namespace tidemark::cli {

namespace {

std::atomic<bool> g_interrupted{false}; // set by SIGINT/SIGTERM; polled by long-running loops

void onSignal(int) { g_interrupted.store(true); }

void installSignalHandlers()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

QString subcommandOf(const QStringList &args, const QStringList &allowed, const QString &command)
{
    if (args.size() < 2 || args.at(1).startsWith(QLatin1Char('-'))) {
        printErr(QStringLiteral("%1: give a subcommand: %2").arg(command, allowed.join(QStringLiteral(", "))));
        return {};
    }
    if (!allowed.contains(args.at(1))) {
        printErr(QStringLiteral("%1: unknown subcommand '%2'; choose one of: %3")
                     .arg(command, args.at(1), allowed.join(QStringLiteral(", "))));
        return {};
    }
    return args.at(1);
}

// "topic create ..." parses like a command named "topic create".
QStringList shifted(const QStringList &args)
{
    QStringList rest = args.mid(1);
    rest[0] = args.at(0) + QLatin1Char(' ') + args.at(1);
    return rest;
}

QString joinInts(const std::vector<int> &values)
{
    QStringList parts;
    for (int v : values)
        parts << QString::number(v);
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

// ---- topic ---------------------------------------------------------------------------

int topicCreate(const QStringList &args)
{
    const QString command = QStringLiteral("topic create");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create a topic."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name."), QStringLiteral("T")});
    parser.addOption(
        {QStringLiteral("partitions"), QStringLiteral("Number of partitions (default 1)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("replication-factor"),
                      QStringLiteral("Kafka: replicas per partition (default 1)."), QStringLiteral("R")});
    parser.addOption({QStringLiteral("durability"), QStringLiteral("Built-in broker: fsync or os (default os)."),
                      QStringLiteral("D")});
    parser.addOption({QStringLiteral("config"),
                      QStringLiteral("Topic config, repeatable (retention.ms=..., segment.bytes=...)."),
                      QStringLiteral("KEY=VALUE")});
    if (!parseCommand(parser, args, command, {QStringLiteral("topic")}))
        return ExitUsage;
    const auto partitions = intOption(parser, QStringLiteral("partitions"), 1, 1, 100000);
    const auto rf = intOption(parser, QStringLiteral("replication-factor"), 1, 1, 1000);
    if (!partitions || !rf)
        return ExitUsage;
    TopicSpec spec;
    spec.name = parser.value(QStringLiteral("topic"));
    spec.partitions = static_cast<int>(*partitions);
    spec.replicationFactor = static_cast<int>(*rf);
    if (!parseKeyValues(parser.values(QStringLiteral("config")), command + QStringLiteral(": --config"), spec.configs))
        return ExitUsage;
    if (parser.isSet(QStringLiteral("durability")))
        spec.configs.insert(QStringLiteral("durability"), parser.value(QStringLiteral("durability")));
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    if (failed(backend->createTopic(spec)))
        return ExitFailure;
    printOut(QStringLiteral("created topic %1 with %2 partition(s)\n").arg(spec.name).arg(spec.partitions));
    return ExitOk;
}

int topicList(const QStringList &args)
{
    const QString command = QStringLiteral("topic list");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List topics: NAME<TAB>PARTITIONS<TAB>RECORDS."));
    addConnectionOptions(parser);
    if (!parseOrFail(parser, args, command))
        return ExitUsage;
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    const auto topics = backend->listTopics();
    if (failed(topics))
        return ExitFailure;
    QString out;
    for (const TopicInfo &t : *topics)
        out += QStringLiteral("%1\t%2\t%3\n").arg(t.name).arg(t.partitionCount).arg(t.recordCount);
    printOut(out);
    return ExitOk;
}

int topicDescribe(const QStringList &args)
{
    const QString command = QStringLiteral("topic describe");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Describe a topic and its partitions."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name."), QStringLiteral("T")});
    if (!parseCommand(parser, args, command, {QStringLiteral("topic")}))
        return ExitUsage;
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    const auto topic = backend->describeTopic(parser.value(QStringLiteral("topic")));
    if (failed(topic))
        return ExitFailure;
    QString out = QStringLiteral("topic %1\tpartitions %2\treplication-factor %3\trecords %4\n")
                      .arg(topic->name)
                      .arg(topic->partitionCount)
                      .arg(topic->replicationFactor)
                      .arg(topic->recordCount);
    for (auto it = topic->configs.cbegin(); it != topic->configs.cend(); ++it)
        out += QStringLiteral("config %1=%2\n").arg(it.key(), it.value());
    for (const PartitionInfo &p : topic->partitions) {
        out +=
            QStringLiteral("partition %1\tleader %2\treplicas %3\tisr %4\tlog-start %5\thigh-watermark %6\trecords %7")
                .arg(p.partition)
                .arg(p.leader)
                .arg(joinInts(p.replicas), joinInts(p.isr))
                .arg(p.logStartOffset)
                .arg(p.highWatermark)
                .arg(p.highWatermark - p.logStartOffset);
        if (!p.error.isEmpty())
            out += QStringLiteral("\terror %1").arg(p.error);
        out += QLatin1Char('\n');
    }
    printOut(out);
    return ExitOk;
}

int topicDelete(const QStringList &args)
{
    const QString command = QStringLiteral("topic delete");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Delete a topic and all its records."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name."), QStringLiteral("T")});
    if (!parseCommand(parser, args, command, {QStringLiteral("topic")}))
        return ExitUsage;
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    const QString name = parser.value(QStringLiteral("topic"));
    if (failed(backend->deleteTopic(name)))
        return ExitFailure;
    printOut(QStringLiteral("deleted topic %1\n").arg(name));
    return ExitOk;
}

// ---- produce -------------------------------------------------------------------------

struct ProduceTotals {
    qint64 records = 0;
    qint64 bytes = 0;
    qint64 failed = 0;
    qint64 batches = 0; // produce calls
    std::map<int, qint64> perPartition;
};

bool sendBatch(Backend &backend, const QString &topic, std::vector<OutgoingRecord> &batch,
               std::vector<qint64> &lineNumbers, const ProduceOptions &options, ProduceTotals &totals)
{
    if (batch.empty())
        return true;
    ++totals.batches;
    const auto reports = backend.produce(topic, batch, options);
    if (!reports) {
        printErr(QStringLiteral("produce to %1 failed: %2 (%3 record(s) from line %4 not acknowledged)")
                     .arg(topic, reports.error().message)
                     .arg(batch.size())
                     .arg(lineNumbers.front()));
        totals.failed += static_cast<qint64>(batch.size());
        batch.clear();
        lineNumbers.clear();
        return false;
    }
    for (size_t i = 0; i < reports->size(); ++i) {
        const DeliveryReport &r = (*reports)[i];
        if (r.error) {
            ++totals.failed;
            printErr(QStringLiteral("line %1: not acknowledged: %2").arg(lineNumbers[i]).arg(r.error->message));
            continue;
        }
        ++totals.records;
        totals.bytes += payloadSize(batch[i].value) + payloadSize(batch[i].key);
        ++totals.perPartition[r.partition];
    }
    batch.clear();
    lineNumbers.clear();
    return true;
}

int runProduceCommand(const QStringList &args)
{
    const QString command = QStringLiteral("produce");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Produce one record per line of stdin. A line is its bytes up to \"\\n\" (a \"\\r\\n\" ending counts as "
        "\"\\n\"; NUL bytes are kept); empty lines are skipped and counted. The key is taken from a JSON field of "
        "each line (default user_id). With --format json each line is a record of the JSON-lines schema that "
        "consume prints (docs/json-lines.md): key, value and headers are produced exactly; \"value\":null "
        "produces a tombstone (a null value)."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("key-field"),
                      QStringLiteral("JSON field whose value is the key (default user_id)."), QStringLiteral("FIELD")});
    parser.addOption(
        {QStringLiteral("key"), QStringLiteral("The same explicit key for every record."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("no-key"), QStringLiteral("Produce records with a null key.")});
    parser.addOption(
        {QStringLiteral("partitioner"),
         QStringLiteral("One of: %1 (default murmur2).").arg(partitionerNames().join(QStringLiteral(", "))),
         QStringLiteral("NAME"), QStringLiteral("murmur2")});
    parser.addOption({QStringLiteral("rate"),
                      QStringLiteral("At most R records per second (default: as fast as possible)."),
                      QStringLiteral("R")});
    parser.addOption(
        {QStringLiteral("batch"), QStringLiteral("Records per produce call (default 1000)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("batch-bytes"),
                      QStringLiteral("At most B bytes of keys and values per produce call (default 8388608); a larger "
                                     "record is sent alone."),
                      QStringLiteral("B")});
    parser.addOption({QStringLiteral("validate"), QStringLiteral("Refuse lines that are not valid orders.")});
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("lines (default: each line is a value) or json (each line a record as consume "
                                     "prints it: key, value, headers, partition, timestamp)."),
                      QStringLiteral("FORMAT"), QStringLiteral("lines")});
    parser.addOption({QStringLiteral("value-format"),
                      QStringLiteral("How each line encodes the value: raw (default), base64 or hex."),
                      QStringLiteral("ENC"), QStringLiteral("raw")});
    parser.addOption({QStringLiteral("key-format"),
                      QStringLiteral("How --key encodes the key: raw (default, UTF-8), base64 or hex."),
                      QStringLiteral("ENC"), QStringLiteral("raw")});
    parser.addOption({QStringLiteral("header"),
                      QStringLiteral("A header added to every record, repeatable, kept in order (repeated keys too). "
                                     "K=V is UTF-8 text; K= gives an empty value."),
                      QStringLiteral("K=V")});
    parser.addOption({QStringLiteral("empty-is-null"),
                      QStringLiteral("An empty line produces a tombstone (a null value, as kcat -Z does) instead of "
                                     "being skipped; give its key with --key or --no-key.")});
    parser.addOption({QStringLiteral("ignore-partition"),
                      QStringLiteral("With --format json: let the partitioner place every record.")});
    if (!parseCommand(parser, args, command, {QStringLiteral("topic")}))
        return ExitUsage;
    ProduceInputOptions input;
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("json")) {
        input.format = ProduceInputOptions::Format::Json;
    } else if (format != QLatin1String("lines")) {
        printErr(QStringLiteral("%1: --format must be lines or json, got '%2'").arg(command, format));
        return ExitUsage;
    }
    const auto valueFormat = bytesFormatFromName(parser.value(QStringLiteral("value-format")));
    const auto keyFormat = bytesFormatFromName(parser.value(QStringLiteral("key-format")));
    if (!valueFormat || !keyFormat) {
        printErr(QStringLiteral("%1: --value-format and --key-format take one of: %2")
                     .arg(command, bytesFormatNames().join(QStringLiteral(", "))));
        return ExitUsage;
    }
    input.valueFormat = *valueFormat;
    if (input.format == ProduceInputOptions::Format::Json) {
        for (const char *lineOnly : {"key-field", "key", "no-key", "value-format", "key-format", "empty-is-null"}) {
            if (parser.isSet(QLatin1String(lineOnly))) {
                printErr(QStringLiteral("%1: --%2 does not go with --format json (each line gives its own key and "
                                        "value)")
                             .arg(command, QLatin1String(lineOnly)));
                return ExitUsage;
            }
        }
    } else if (parser.isSet(QStringLiteral("ignore-partition"))) {
        printErr(QStringLiteral("%1: --ignore-partition needs --format json").arg(command));
        return ExitUsage;
    }
    input.ignorePartition = parser.isSet(QStringLiteral("ignore-partition"));
    input.emptyIsNull = parser.isSet(QStringLiteral("empty-is-null"));
    for (const QString &item : parser.values(QStringLiteral("header"))) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printErr(QStringLiteral("%1: --header needs KEY=VALUE with a non-empty key, got '%2'").arg(command, item));
            return ExitUsage;
        }
        input.headers.push_back({item.left(eq).toUtf8(), item.mid(eq + 1).toUtf8()});
    }
    const int keyModes = int(parser.isSet(QStringLiteral("key-field"))) + int(parser.isSet(QStringLiteral("key"))) +
                         int(parser.isSet(QStringLiteral("no-key")));
    if (keyModes > 1) {
        printErr(QStringLiteral("%1: use only one of --key-field, --key and --no-key").arg(command));
        return ExitUsage;
    }
    const auto kind = partitionerFromName(parser.value(QStringLiteral("partitioner")));
    if (!kind) {
        printErr(QStringLiteral("%1: unknown partitioner '%2'; choose one of: %3")
                     .arg(command, parser.value(QStringLiteral("partitioner")),
                          partitionerNames().join(QStringLiteral(", "))));
        return ExitUsage;
    }
    const auto rate = intOption(parser, QStringLiteral("rate"), 0, 1, 100'000'000);
    auto batchSize = intOption(parser, QStringLiteral("batch"), 1000, 1, 1'000'000);
    // Bounds what a batch holds in memory (200 lines of 5 MB were one 1 GB batch).
    const auto batchBytes = intOption(parser, QStringLiteral("batch-bytes"), 8 << 20, 1, qint64(1) << 30);
    if (!rate || !batchSize || !batchBytes)
        return ExitUsage;
    if (*rate > 0 && !parser.isSet(QStringLiteral("batch")))
        batchSize = std::max<qint64>(1, std::min<qint64>(1000, *rate / 20)); // ~20 sends per second
    const QString topic = parser.value(QStringLiteral("topic"));
    const QString keyField = parser.isSet(QStringLiteral("key-field")) ? parser.value(QStringLiteral("key-field"))
                                                                       : QStringLiteral("user_id");
    input.keyField = keyField;
    if (parser.isSet(QStringLiteral("key"))) {
        input.keyMode = ProduceInputOptions::KeyMode::Fixed;
        auto key = decodeBytes(parser.value(QStringLiteral("key")).toUtf8(), *keyFormat);
        if (!key) {
            printErr(QStringLiteral("%1: --key: %2").arg(command, key.error().message));
            return ExitUsage;
        }
        input.fixedKey = std::move(key).value();
    } else if (parser.isSet(QStringLiteral("no-key"))) {
        input.keyMode = ProduceInputOptions::KeyMode::Null;
    }
    input.validateOrders = parser.isSet(QStringLiteral("validate"));

    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    // Fail before reading stdin if the topic is not there.
    if (failed(backend->describeTopic(topic)))
        return ExitFailure;

    installSignalHandlers();
    ProduceOptions options;
    options.partitioner = *kind;
    ProduceTotals totals;
    qint64 skipped = 0;
    qint64 blankLines = 0;
    std::vector<OutgoingRecord> batch;
    std::vector<qint64> lineNumbers;
    qint64 bytesInBatch = 0;
    batch.reserve(static_cast<size_t>(std::min<qint64>(*batchSize, 4096)));
    QElapsedTimer clock;
    clock.start();
    LineReader reader;
    QByteArray line;
    bool ok = true;
    while (!g_interrupted.load() && reader.next(line)) {
        if (isBlankLine(line, input)) {
            ++blankLines;
            continue;
        }
        auto record = recordFromLine(line, input);
        if (!record) {
            printErr(QStringLiteral("line %1: %2").arg(reader.lineNumber()).arg(record.error().message));
            ++skipped;
            continue;
        }
        const qint64 recordBytes = payloadSize(record->value) + payloadSize(record->key);
        if (!batch.empty() && bytesInBatch + recordBytes > *batchBytes) {
            ok = sendBatch(*backend, topic, batch, lineNumbers, options, totals) && ok;
            bytesInBatch = 0;
        }
        batch.push_back(std::move(record).value());
        lineNumbers.push_back(reader.lineNumber());
        bytesInBatch += recordBytes;
        if (static_cast<qint64>(batch.size()) >= *batchSize || bytesInBatch >= *batchBytes) {
            ok = sendBatch(*backend, topic, batch, lineNumbers, options, totals) && ok;
            bytesInBatch = 0;
            if (*rate > 0) {
                // Pace to the requested rate: sleep until the sent count is due.
                const qint64 dueMs = (totals.records + totals.failed) * 1000 / *rate;
                while (!g_interrupted.load() && clock.elapsed() < dueMs)
                    QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, dueMs - clock.elapsed())));
            }
        }
    }
    ok = sendBatch(*backend, topic, batch, lineNumbers, options, totals) && ok;
    const double seconds = std::max<qint64>(1, clock.elapsed()) / 1000.0;
    QStringList parts;
    for (const auto &[partition, count] : totals.perPartition)
        parts << QStringLiteral("partition %1: %2").arg(partition).arg(count);
    printOut(QStringLiteral("produced %1 records (%2 bytes) to %3 in %4 s (%5 records/s, %6 produce calls)%7%8%9\n")
                 .arg(totals.records)
                 .arg(totals.bytes)
                 .arg(topic)
                 .arg(seconds, 0, 'f', 2)
                 .arg(qint64(double(totals.records) / seconds))
                 .arg(totals.batches)
                 .arg(parts.isEmpty() ? QString() : QStringLiteral("; ") + parts.join(QStringLiteral(", ")))
                 .arg(skipped + totals.failed > 0
                          ? QStringLiteral("; %1 line(s) skipped, %2 record(s) failed").arg(skipped).arg(totals.failed)
                          : QString())
                 .arg(blankLines > 0
                          ? QStringLiteral("; %1 %2 line(s) ignored")
                                .arg(blankLines)
                                .arg(input.format == ProduceInputOptions::Format::Json ? QStringLiteral("blank")
                                                                                       : QStringLiteral("empty"))
                          : QString()));
    if (g_interrupted.load())
        printErr(QStringLiteral("interrupted: stopped reading input after line %1").arg(reader.lineNumber()));
    return ok && skipped == 0 && totals.failed == 0 ? ExitOk : ExitFailure;
}

// ---- consume -------------------------------------------------------------------------

int runConsumeCommand(const QStringList &args)
{
    const QString command = QStringLiteral("consume");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Consume records as JSON lines (schema: docs/json-lines.md; binary keys, values and headers as "
                       "*_base64), committing after each "
                       "printed batch; a restart continues from the committed offsets."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name (repeatable)."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("group"), QStringLiteral("Consumer group."), QStringLiteral("G")});
    parser.addOption({QStringLiteral("max"), QStringLiteral("Stop after N records."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("follow"), QStringLiteral("Keep waiting for new records (stop with Ctrl-C).")});
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("Where a group with no commit starts: earliest (default) or latest."),
                      QStringLiteral("WHERE"), QStringLiteral("earliest")});
    parser.addOption({QStringLiteral("partition"),
                      QStringLiteral("Read only this partition (manual assignment, no rebalancing)."),
                      QStringLiteral("P")});
    parser.addOption(
        {QStringLiteral("offset"), QStringLiteral("With --partition: start at this offset."), QStringLiteral("O")});
    parser.addOption(
        {QStringLiteral("from-timestamp"),
         QStringLiteral("With --partition: start at the first record at or after this time (ms or ISO 8601)."),
         QStringLiteral("TIME")});
    parser.addOption({QStringLiteral("no-commit"), QStringLiteral("Do not commit offsets.")});
    addFilterOptions(parser,
                     QStringLiteral("Print only the records this filter matches (docs/filter-language.md), e.g. "
                                    "'value.total_price > 1000'; the others are consumed (and committed) silently. "
                                    "--max counts printed records."));
    parser.addOption({QStringLiteral("session-timeout-ms"), QStringLiteral("Group session timeout (default 10000)."),
                      QStringLiteral("MS")});
    parser.addOption(
        {QStringLiteral("wait-ms"),
         QStringLiteral("Without --follow: give up if nothing is assigned within this time (default 30000)."),
         QStringLiteral("MS")});
    parser.addOption(
        {QStringLiteral("client-name"), QStringLiteral("Client id reported to the group."), QStringLiteral("ID")});
    if (!parseCommand(parser, args, command, {QStringLiteral("topic")}))
        return ExitUsage;
    const bool manual = parser.isSet(QStringLiteral("partition"));
    const bool noCommit = parser.isSet(QStringLiteral("no-commit"));
    if (!manual && !parser.isSet(QStringLiteral("group"))) {
        printErr(QStringLiteral("%1: --group is required (or read one partition with --partition)").arg(command));
        return ExitUsage;
    }
    const QString from = parser.value(QStringLiteral("from"));
    if (from != QLatin1String("earliest") && from != QLatin1String("latest")) {
        printErr(QStringLiteral("%1: --from must be earliest or latest, got '%2'").arg(command, from));
        return ExitUsage;
    }
    const auto max = intOption(parser, QStringLiteral("max"), -1, 1, std::numeric_limits<qint64>::max());
    const auto partition = intOption(parser, QStringLiteral("partition"), -1, 0, 1'000'000);
    const auto startOffset = intOption(parser, QStringLiteral("offset"), -1, 0, std::numeric_limits<qint64>::max());
    const auto sessionTimeout = intOption(parser, QStringLiteral("session-timeout-ms"), 10000, 100, 3'600'000);
    const auto waitMs = intOption(parser, QStringLiteral("wait-ms"), 30000, 0, 3'600'000);
    if (!max || !partition || !startOffset || !sessionTimeout || !waitMs)
        return ExitUsage;
    if (!manual && (parser.isSet(QStringLiteral("offset")) || parser.isSet(QStringLiteral("from-timestamp")))) {
        printErr(QStringLiteral("%1: --offset and --from-timestamp need --partition").arg(command));
        return ExitUsage;
    }
    bool timestampOk = true;
    const auto fromTimestamp = timestampOption(parser, QStringLiteral("from-timestamp"), command, timestampOk);
    if (!timestampOk)
        return ExitUsage;
    const QStringList topics = parser.values(QStringLiteral("topic"));
    bool whereOk = true;
    const RecordFilter where = whereOption(parser, command, topics, whereOk);
    if (!whereOk)
        return ExitUsage;
    if (manual && topics.size() != 1) {
        printErr(QStringLiteral("%1: --partition needs exactly one --topic").arg(command));
        return ExitUsage;
    }

    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    for (const QString &t : topics) {
        const auto info = backend->describeTopic(t);
        if (failed(info))
            return ExitFailure;
        if (manual && !checkPartition(*info, *partition))
            return ExitFailure;
    }

    ConsumerConfig config;
    config.groupId = parser.value(QStringLiteral("group"));
    config.reset = from == QLatin1String("latest") ? OffsetReset::Latest : OffsetReset::Earliest;
    config.clientId = parser.isSet(QStringLiteral("client-name")) ? parser.value(QStringLiteral("client-name"))
                                                                  : QStringLiteral("tidemark-cli");
    config.sessionTimeoutMs = static_cast<int>(*sessionTimeout);
    if (manual) {
        const TopicPartition tp{topics.first(), static_cast<int>(*partition)};
        qint64 offset = *startOffset;
        if (fromTimestamp) {
            const auto o = backend->offsetForTimestamp(tp, *fromTimestamp);
            if (failed(o))
                return ExitFailure;
            offset = *o;
        }
        config.assignment.push_back({tp, offset});
    } else {
        config.topics = topics;
    }
    auto created = backend->createConsumer(config);
    if (failed(created))
        return ExitFailure;
    std::unique_ptr<Consumer> consumer = std::move(created).value();
    installSignalHandlers();

    const bool follow = parser.isSet(QStringLiteral("follow"));
    const bool canCommit = !noCommit && !config.groupId.isEmpty();
    qint64 printed = 0;
    int exitCode = ExitOk;
    QElapsedTimer sinceStart;
    sinceStart.start();
    std::map<TopicPartition, qint64> pendingCommit; // next offset to commit, per partition printed

    auto commitPrinted = [&]() -> bool {
        if (!canCommit || pendingCommit.empty())
            return true;
        std::vector<std::pair<TopicPartition, qint64>> offsets(pendingCommit.begin(), pendingCommit.end());
        const Status s = consumer->commit(offsets);
        if (!s) {
            // Not fatal: the records stay uncommitted and will be delivered again.
            printErr(QStringLiteral("commit failed: %1").arg(s.error().message));
            return false;
        }
        pendingCommit.clear();
        return true;
    };

    // Without --follow we stop once every assigned partition is read up to its high watermark.
    auto caughtUp = [&]() -> bool {
        const auto assigned = consumer->assignment();
        if (assigned.empty())
            return false;
        for (const TopicPartition &tp : assigned) {
            const auto position = consumer->position(tp);
            const auto marks = backend->watermarks(tp);
            if (!marks)
                return false;
            if (!position) {
                if (marks->high > marks->low)
                    return false; // nothing read yet from a non-empty partition
                continue;
            }
            if (*position < marks->high)
                return false;
        }
        return true;
    };

    bool sawError = false; // an error event was printed
    while (!g_interrupted.load()) {
        auto polled = consumer->poll(200);
        if (!polled) {
            printError(polled.error());
            exitCode = ExitFailure;
            break;
        }
        for (const ConsumerEvent &e : polled->events) {
            switch (e.kind) {
            case ConsumerEvent::Kind::Error:
                printErr(e.message);
                sawError = true;
                break;
            case ConsumerEvent::Kind::Revoked:
            case ConsumerEvent::Kind::Lost:
                // Offsets of partitions we no longer own must never be committed later: that
                // could rewind the new owner. A revoked partition gets one last try.
                if (e.kind == ConsumerEvent::Kind::Revoked && !commitPrinted())
                    exitCode = ExitFailure; // those records will be read again
                for (const TopicPartition &tp : e.partitions)
                    pendingCommit.erase(tp);
                break;
            default: break;
            }
        }
        QByteArray out;
        std::map<TopicPartition, qint64> batch; // next offset per partition, once `out` is written
        bool reachedMax = false;
        for (const Record &r : polled->records) {
            batch[r.topicPartition()] = r.offset + 1; // read, printed or not
            if (!where.matches(r))
                continue;
            out += recordToJsonLine(r);
            ++printed;
            if (*max > 0 && printed >= *max) {
                reachedMax = true;
                break;
            }
        }
        if (!batch.empty()) {
            // Commit only what the reader has actually been given.
            if ((!out.isEmpty() && !printOutBytes(out)) || std::fflush(stdout) != 0 || std::ferror(stdout)) {
                printErr(QStringLiteral("cannot write to stdout; stopping without committing the unwritten records"));
                exitCode = ExitFailure;
                break;
            }
            for (const auto &[tp, next] : batch)
                pendingCommit[tp] = next;
            commitPrinted();
        }
        if (reachedMax)
            break;
        if (!follow && polled->records.empty()) {
            if (caughtUp())
                break;
            if (consumer->assignment().empty() && sinceStart.elapsed() > *waitMs) {
                printErr(sawError ? QStringLiteral("no partition could be consumed within %1 ms (see the error above)")
                                        .arg(*waitMs)
                                  : QStringLiteral("no partition was assigned to this consumer within %1 ms (is the "
                                                   "group full?)")
                                        .arg(*waitMs));
                exitCode = ExitFailure;
                break;
            }
        }
    }
    // Records already written before a failed write stay committable. Printed records whose
    // commit failed are read again by the group's next consumer: never a success (with every
    // commit failing, consume exited 0 and re-read the same records forever).
    if (!commitPrinted()) {
        printErr(QStringLiteral("the offsets of %1 partition(s) could not be committed: the group will read "
                                "those records again")
                     .arg(pendingCommit.size()));
        exitCode = ExitFailure;
    }
    consumer->close();
    return exitCode;
}

// ---- groups --------------------------------------------------------------------------

int groupsList(const QStringList &args)
{
    const QString command = QStringLiteral("groups list");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List consumer groups: GROUP<TAB>STATE<TAB>MEMBERS."));
    addConnectionOptions(parser);
    if (!parseOrFail(parser, args, command))
        return ExitUsage;
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    const auto groups = backend->listGroups();
    if (failed(groups))
        return ExitFailure;
    QString out;
    for (const GroupInfo &g : *groups)
        out += QStringLiteral("%1\t%2\t%3\n").arg(g.groupId, g.state).arg(g.members.size());
    printOut(out);
    return ExitOk;
}

int groupsDescribe(const QStringList &args)
{
    const QString command = QStringLiteral("groups describe");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show a group's members, assignment, committed offsets and lag."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("group"), QStringLiteral("Consumer group."), QStringLiteral("G")});
    if (!parseCommand(parser, args, command, {QStringLiteral("group")}))
        return ExitUsage;
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    const auto group = backend->describeGroup(parser.value(QStringLiteral("group")));
    if (failed(group))
        return ExitFailure;
    QString out = QStringLiteral("group %1\tstate %2\tgeneration %3\tprotocol %4\tmembers %5\n")
                      .arg(group->groupId, group->state)
                      .arg(group->generation)
                      .arg(group->protocol.isEmpty() ? QStringLiteral("-") : group->protocol)
                      .arg(group->members.size());
    for (const GroupMember &m : group->members) {
        QStringList tps;
        for (const TopicPartition &tp : m.assignment)
            tps << tp.toString();
        out += QStringLiteral("member %1\tclient %2\thost %3\tassigned %4\n")
                   .arg(m.memberId, m.clientId, m.host.isEmpty() ? QStringLiteral("-") : m.host,
                        tps.isEmpty() ? QStringLiteral("-") : tps.join(QLatin1Char(',')));
    }
    out += QStringLiteral("TOPIC\tPARTITION\tCOMMITTED\tLOG-END\tLAG\tOWNER\n");
    for (const GroupPartitionState &p : group->partitions) {
        out += QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\n")
                   .arg(p.tp.topic)
                   .arg(p.tp.partition)
                   .arg(p.committed < 0 ? QStringLiteral("-") : QString::number(p.committed))
                   .arg(p.highWatermark < 0 ? QStringLiteral("-") : QString::number(p.highWatermark))
                   .arg(p.lag < 0 ? QStringLiteral("-") : QString::number(p.lag))
                   .arg(p.ownerMemberId.isEmpty() ? QStringLiteral("-") : p.ownerMemberId);
    }
    printOut(out);
    return ExitOk;
}

int groupsReset(const QStringList &args)
{
    const QString command = QStringLiteral("groups reset");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Move an inactive group's committed offsets."));
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("group"), QStringLiteral("Consumer group."), QStringLiteral("G")});
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic."), QStringLiteral("T")});
    parser.addOption(
        {QStringLiteral("partition"), QStringLiteral("Only this partition (default: all)."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("to-earliest"), QStringLiteral("To the log start.")});
    parser.addOption({QStringLiteral("to-latest"), QStringLiteral("To the log end (skip everything).")});
    parser.addOption(
        {QStringLiteral("to-offset"), QStringLiteral("To this offset (clamped to the log)."), QStringLiteral("O")});
    parser.addOption({QStringLiteral("to-timestamp"),
                      QStringLiteral("To the first record at or after TIME (ms or ISO 8601)."),
                      QStringLiteral("TIME")});
    if (!parseCommand(parser, args, command, {QStringLiteral("group"), QStringLiteral("topic")}))
        return ExitUsage;
    const int targets =
        int(parser.isSet(QStringLiteral("to-earliest"))) + int(parser.isSet(QStringLiteral("to-latest"))) +
        int(parser.isSet(QStringLiteral("to-offset"))) + int(parser.isSet(QStringLiteral("to-timestamp")));
    if (targets != 1) {
        printErr(QStringLiteral("%1: give exactly one of --to-earliest, --to-latest, --to-offset, --to-timestamp")
                     .arg(command));
        return ExitUsage;
    }
    const auto partition = intOption(parser, QStringLiteral("partition"), -1, 0, 1'000'000);
    const auto toOffset = intOption(parser, QStringLiteral("to-offset"), 0, 0, std::numeric_limits<qint64>::max());
    if (!partition || !toOffset)
        return ExitUsage;
    bool timestampOk = true;
    const auto toTimestamp = timestampOption(parser, QStringLiteral("to-timestamp"), command, timestampOk);
    if (!timestampOk)
        return ExitUsage;
    auto backend = connectFromOptions(parser);
    if (!backend)
        return ExitFailure;
    const QString topic = parser.value(QStringLiteral("topic"));
    const auto info = backend->describeTopic(topic);
    if (failed(info))
        return ExitFailure;
    if (!checkPartition(*info, *partition))
        return ExitFailure;
    std::vector<std::pair<TopicPartition, qint64>> offsets;
    for (int p = 0; p < info->partitionCount; ++p) {
        if (*partition >= 0 && p != *partition)
            continue;
        const TopicPartition tp{topic, p};
        const auto marks = backend->watermarks(tp);
        if (failed(marks))
            return ExitFailure;
        qint64 target = marks->low;
        if (parser.isSet(QStringLiteral("to-latest")))
            target = marks->high;
        else if (parser.isSet(QStringLiteral("to-offset")))
            target = std::clamp(*toOffset, marks->low, marks->high);
        else if (toTimestamp) {
            const auto o = backend->offsetForTimestamp(tp, *toTimestamp);
            if (failed(o))
                return ExitFailure;
            target = *o;
        }
        offsets.push_back({tp, target});
    }
    if (failed(backend->resetGroupOffsets(parser.value(QStringLiteral("group")), offsets)))
        return ExitFailure;
    QString out;
    for (const auto &[tp, offset] : offsets)
        out += QStringLiteral("%1\t%2\t%3\n").arg(tp.topic).arg(tp.partition).arg(offset);
    printOut(out);
    return ExitOk;
}

} // namespace

int runTopic(const QStringList &args)
{
    const QString sub = subcommandOf(
        args, {QStringLiteral("create"), QStringLiteral("list"), QStringLiteral("describe"), QStringLiteral("delete")},
        QStringLiteral("topic"));
    if (sub.isEmpty())
        return ExitUsage;
    const QStringList rest = shifted(args);
    if (sub == QLatin1String("create"))
        return topicCreate(rest);
    if (sub == QLatin1String("list"))
        return topicList(rest);
    if (sub == QLatin1String("describe"))
        return topicDescribe(rest);
    return topicDelete(rest);
}

int runProduce(const QStringList &args) { return runProduceCommand(args); }

int runConsume(const QStringList &args) { return runConsumeCommand(args); }

int runGroups(const QStringList &args)
{
    const QString sub = subcommandOf(
        args, {QStringLiteral("list"), QStringLiteral("describe"), QStringLiteral("reset")}, QStringLiteral("groups"));
    if (sub.isEmpty())
        return ExitUsage;
    const QStringList rest = shifted(args);
    if (sub == QLatin1String("list"))
        return groupsList(rest);
    if (sub == QLatin1String("describe"))
        return groupsDescribe(rest);
    return groupsReset(rest);
}

} // namespace tidemark::cli
