#include "cli/CliCommon.h"

#include "backends/BackendFactory.h"
#include "core/ConnectionProfile.h"
#include "core/KafkaSecurityFailure.h"
#include "core/SavedFilters.h"

#include <QDateTime>
#include <QSettings>

#include <algorithm>
#include <cstring>

namespace tidemark::cli {

bool printOutBytes(const QByteArray &bytes)
{
    const auto size = static_cast<size_t>(bytes.size());
    return std::fwrite(bytes.constData(), 1, size, stdout) == size && !std::ferror(stdout);
}

void printOut(const QString &text) { printOutBytes(text.toUtf8()); }

void printErr(const QString &text)
{
    const QByteArray bytes = QStringLiteral("tidemark-cli: %1\n").arg(text).toUtf8();
    std::fflush(stdout);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

void printError(const Error &error) { printErr(error.message); }

namespace {

// An empty --data (an unset variable: --data "$DIR") must never mean the default directory.
bool refuseEmptyDataDirectory(const QCommandLineParser &parser)
{
    if (!parser.optionNames().contains(QStringLiteral("data")) || !parser.value(QStringLiteral("data")).isEmpty())
        return false;
    printErr(QStringLiteral("--data is empty (an unset variable?): name a data directory, or leave --data out to "
                            "use the default (%1)")
                 .arg(defaultDataDirectory()));
    return true;
}

} // namespace

bool parseOrFail(QCommandLineParser &parser, const QStringList &args, const QString &command)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        printErr(QStringLiteral("%1: %2").arg(command, parser.errorText()));
        printErr(QStringLiteral("run 'tidemark-cli %1 --help' for usage").arg(command));
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(QLatin1String("[options]"), command + QStringLiteral(" [options]"));
        printOut(help);
        std::exit(ExitOk);
    }
    if (refuseEmptyDataDirectory(parser))
        return false;
    return true;
}

std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 fallback, qint64 min,
                                qint64 max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        printErr(QStringLiteral("--%1 must be a whole number between %2 and %3, got '%4'")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name)));
        return std::nullopt;
    }
    return value;
}

LineReader::LineReader(FILE *file) : m_file(file) {}

bool LineReader::next(QByteArray &line)
{
    // Bytes up to '\n', NUL included (fgets + strlen cut a line at its first NUL and merged
    // the rest into the next line). A "\r\n" ending counts as "\n"; a last line without a
    // newline is a line.
    line.clear();
    for (;;) {
        if (m_pos < m_buffer.size()) {
            const char *start = m_buffer.constData() + m_pos;
            const auto *nl = static_cast<const char *>(std::memchr(start, '\n', size_t(m_buffer.size() - m_pos)));
            if (nl) {
                line.append(start, nl - start);
                m_pos += (nl - start) + 1;
                m_any = false;
                if (line.endsWith('\r'))
                    line.chop(1);
                ++m_lineNumber;
                return true;
            }
            line.append(start, m_buffer.size() - m_pos);
            m_pos = m_buffer.size();
            m_any = true;
        }
        m_buffer.resize(65536);
        const size_t n = std::fread(m_buffer.data(), 1, size_t(m_buffer.size()), m_file);
        m_buffer.resize(qsizetype(n));
        m_pos = 0;
        if (n == 0) {
            if (!m_any)
                return false;
            m_any = false;
            ++m_lineNumber;
            return true;
        }
    }
}

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("data"),
         QStringLiteral("Data directory of the built-in broker (default: %1).").arg(defaultDataDirectory()),
         QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("bootstrap"),
                      QStringLiteral("Kafka bootstrap servers instead of the built-in broker."),
                      QStringLiteral("HOST:PORT,...")});
    parser.addOption({QStringLiteral("security-protocol"),
                      QStringLiteral("Kafka: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("sasl-mechanism"), QStringLiteral("Kafka: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("username"), QStringLiteral("Kafka SASL user name."), QStringLiteral("USER")});
    parser.addOption({QStringLiteral("password-env"),
                      QStringLiteral("Kafka: name of the environment variable holding the SASL password (default "
                                     "TIDEMARK_KAFKA_PASSWORD). Use this, not -X sasl.password=...: a secret on the "
                                     "command line shows in the process list and the shell history."),
                      QStringLiteral("VAR")});
    parser.addOption(
        {QStringLiteral("ca-file"), QStringLiteral("Kafka: CA certificate (PEM)."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("cert-file"), QStringLiteral("Kafka: client certificate (PEM)."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("key-file"), QStringLiteral("Kafka: client private key (PEM)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("key-password-env"),
                      QStringLiteral("Kafka: name of the environment variable holding the password of an encrypted "
                                     "--key-file (not -X ssl.key.password=...)."),
                      QStringLiteral("VAR")});
    parser.addOption(
        {QStringLiteral("client-id"), QStringLiteral("Kafka client id (default tidemark-cli)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("connect-timeout-ms"),
                      QStringLiteral("Kafka: how long to wait for the cluster (default 5000)."), QStringLiteral("MS")});
    parser.addOption({{QStringLiteral("X"), QStringLiteral("kafka-config")},
                      QStringLiteral("Extra librdkafka property, as in kcat (repeatable). Not for secrets: "
                                     "-X sasl.password=... shows in the process list and the shell history; use "
                                     "--password-env."),
                      QStringLiteral("KEY=VALUE")});
}

std::optional<QString> dataDirectoryOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("data")))
        return defaultDataDirectory();
    if (refuseEmptyDataDirectory(parser))
        return std::nullopt;
    return parser.value(QStringLiteral("data"));
}

std::shared_ptr<Backend> connectFromOptions(const QCommandLineParser &parser)
{
    ConnectionSpec spec;
    if (parser.isSet(QStringLiteral("bootstrap"))) {
        if (parser.isSet(QStringLiteral("data"))) {
            printErr(QStringLiteral("--data and --bootstrap exclude each other: pick the built-in broker or Kafka"));
            return nullptr;
        }
        spec.kind = ConnectionSpec::Kind::Kafka;
        KafkaProfile &k = spec.kafka;
        k.name = QStringLiteral("command line");
        k.bootstrapServers = parser.value(QStringLiteral("bootstrap"));
        k.clientId = QStringLiteral("tidemark-cli");
        if (parser.isSet(QStringLiteral("client-id")))
            k.clientId = parser.value(QStringLiteral("client-id"));
        if (parser.isSet(QStringLiteral("security-protocol")))
            k.securityProtocol = parser.value(QStringLiteral("security-protocol")).toUpper();
        if (parser.isSet(QStringLiteral("sasl-mechanism")))
            k.saslMechanism = parser.value(QStringLiteral("sasl-mechanism")).toUpper();
        k.username = parser.value(QStringLiteral("username"));
        const QString passwordVar = parser.isSet(QStringLiteral("password-env"))
                                        ? parser.value(QStringLiteral("password-env"))
                                        : QStringLiteral("TIDEMARK_KAFKA_PASSWORD");
        k.password = qEnvironmentVariable(passwordVar.toLocal8Bit().constData());
        // The TLS private key's password, if the key file is encrypted: also from the environment.
        if (parser.isSet(QStringLiteral("key-password-env")))
            k.keyPassword =
                qEnvironmentVariable(parser.value(QStringLiteral("key-password-env")).toLocal8Bit().constData());
        k.caFile = parser.value(QStringLiteral("ca-file"));
        k.certFile = parser.value(QStringLiteral("cert-file"));
        k.keyFile = parser.value(QStringLiteral("key-file"));
        const auto timeout = intOption(parser, QStringLiteral("connect-timeout-ms"), k.connectTimeoutMs, 100, 600000);
        if (!timeout)
            return nullptr;
        k.connectTimeoutMs = static_cast<int>(*timeout);
        if (!parseKeyValues(parser.values(QStringLiteral("X")), QStringLiteral("-X"), k.extraConfig, ValueEcho::Hidden))
            return nullptr;
        // The same warnings the profile dialog shows (a world-readable key, verification
        // turned off, a secret in -X), before connecting, on stderr.
        for (const QString &warning : kafkaProfileWarnings(k, ProfileOrigin::CommandLine))
            printErr(warning);
    } else {
        spec.kind = ConnectionSpec::Kind::Local;
        const auto dir = dataDirectoryOption(parser);
        if (!dir)
            return nullptr;
        spec.dataDirectory = *dir;
    }
    auto backend = openBackend(spec);
    if (!backend) {
        printErr(QStringLiteral("cannot open %1: %2").arg(spec.describe(), backend.error().message));
        return nullptr;
    }
    return std::move(backend).value();
}

std::optional<qint64> parseTimestamp(const QString &text)
{
    bool ok = false;
    const qint64 ms = text.toLongLong(&ok);
    if (ok)
        return ms;
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

bool parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &command,
                  const QStringList &required)
{
    if (!parseOrFail(parser, args, command))
        return false;
    // These commands take options only: a bare word is most often a value without its option
    // ("consume --group billing orders").
    const QStringList bare = parser.positionalArguments();
    for (const QString &name : required) {
        if (!parser.isSet(name) || parser.value(name).isEmpty()) {
            if (bare.size() == 1)
                printErr(QStringLiteral("%1: --%2 is required (did you mean --%2 %3?)").arg(command, name, bare[0]));
            else
                printErr(QStringLiteral("%1: --%2 is required").arg(command, name));
            return false;
        }
    }
    if (!bare.isEmpty()) {
        printErr(QStringLiteral("%1: unexpected argument '%2': values are given after their option (see %1 --help)")
                     .arg(command, bare[0]));
        return false;
    }
    return true;
}

std::optional<qint64> timestampOption(const QCommandLineParser &parser, const QString &name, const QString &command,
                                      bool &ok)
{
    ok = true;
    if (!parser.isSet(name))
        return std::nullopt;
    const auto ms = parseTimestamp(parser.value(name));
    if (!ms) {
        printErr(QStringLiteral("%1: --%2: '%3' is neither milliseconds nor an ISO 8601 date-time")
                     .arg(command, name, parser.value(name)));
        ok = false;
    }
    return ms;
}

void addFilterOptions(QCommandLineParser &parser, const QString &whereHelp)
{
    parser.addOption({QStringLiteral("where"), whereHelp, QStringLiteral("FILTER")});
    parser.addOption({QStringLiteral("saved"),
                      QStringLiteral("Instead of --where: the filter saved in the app under NAME for the topic (Edit > "
                                     "Saved Filters)."),
                      QStringLiteral("NAME")});
}

RecordFilter whereOption(const QCommandLineParser &parser, const QString &command, const QStringList &topics, bool &ok)
{
    ok = true;
    const bool where = parser.isSet(QStringLiteral("where"));
    const bool saved = parser.isSet(QStringLiteral("saved"));
    if (!where && !saved)
        return {};
    QString option = QStringLiteral("--where");
    QString text;
    if (where && saved) {
        printErr(QStringLiteral("%1: give --where or --saved, not both").arg(command));
        ok = false;
        return {};
    }
    if (where) {
        text = parser.value(QStringLiteral("where"));
    } else {
        const QString name = parser.value(QStringLiteral("saved"));
        option = QStringLiteral("--saved '%1'").arg(name);
        if (topics.size() != 1) {
            printErr(QStringLiteral("%1: --saved names a filter saved for one topic: give exactly one --topic")
                         .arg(command));
            ok = false;
            return {};
        }
        // The app's own settings (organization and application "Tidemark", as ui/main.cpp).
        QSettings settings(QStringLiteral("Tidemark"), QStringLiteral("Tidemark"));
        const std::vector<SavedFilter> filters = SavedFilters(settings).list(topics.front());
        const auto found =
            std::find_if(filters.begin(), filters.end(), [&](const SavedFilter &f) { return f.name == name; });
        if (found == filters.end()) {
            QStringList names;
            for (const SavedFilter &f : filters)
                names << QStringLiteral("'%1'").arg(f.name);
            printErr(QStringLiteral("%1: --saved: no filter named '%2' is saved for topic '%3' (%4)")
                         .arg(command, name, topics.front(),
                              names.isEmpty() ? QStringLiteral("none is: save one in the app with Edit > Saved Filters")
                                              : QStringLiteral("saved: %1").arg(names.join(QStringLiteral(", ")))));
            ok = false;
            return {};
        }
        text = found->text;
    }
    RecordFilter filter = RecordFilter::parse(text);
    if (!filter.isValid()) {
        const FilterError &e = *filter.error();
        // The filter on one line (line breaks shown as spaces), a caret under the column.
        QString shown = text;
        shown.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
        printErr(QStringLiteral("%1: %2: %3\n  %4\n  %5^")
                     .arg(command, option, e.toString(), shown, QString(e.position, QLatin1Char(' '))));
        ok = false;
        return filter;
    }
    if (saved)
        printErr(QStringLiteral("%1: --saved '%2': %3").arg(command, parser.value(QStringLiteral("saved")), text));
    if (filter.usesTimestamps())
        printErr(QStringLiteral("%1: %2: times are read in %3").arg(command, option, filter.timeZoneLabel()));
    return filter;
}

bool parseKeyValues(const QStringList &items, const QString &option, QMap<QString, QString> &out, ValueEcho echo)
{
    for (const QString &kv : items) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (echo == ValueEcho::Hidden) // "sasl.password:hunter2" must not reach a log
                printErr(QStringLiteral("%1 expects KEY=VALUE; one of them has no '=' after a name (its text is not "
                                        "shown: it may hold a secret)")
                             .arg(option));
            else
                printErr(QStringLiteral("%1 expects KEY=VALUE, got '%2'").arg(option, kv));
            return false;
        }
        out.insert(kv.left(eq), kv.mid(eq + 1));
    }
    return true;
}

bool checkPartition(const TopicInfo &topic, qint64 partition)
{
    if (partition < topic.partitionCount)
        return true;
    printErr(QStringLiteral("topic %1 has %2 partition(s); there is no partition %3")
                 .arg(topic.name)
                 .arg(topic.partitionCount)
                 .arg(partition));
    return false;
}

} // namespace tidemark::cli
