#include "cli/ServeCommand.h"

#include "cli/CliCommon.h"
#include "core/ConnectionProfile.h"
#include "kafkaserver/KafkaListener.h"
#include "kafkaserver/protocol/Compression.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace tidemark::cli {

using namespace kafkaserver;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

// Lets the listener keep hundreds of connections open: the soft descriptor limit up to the hard one.
QString eventLine(const ListenerEvent &e)
{
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    switch (e.kind) {
    case ListenerEvent::Kind::Started: return QStringLiteral("%1 serving Kafka clients on %2").arg(time, e.message);
    case ListenerEvent::Kind::Stopped: return QStringLiteral("%1 stopped").arg(time);
    case ListenerEvent::Kind::ClientConnected:
        return QStringLiteral("%1 client %2 connected (%3 connected)").arg(time, e.client).arg(e.connectedClients);
    case ListenerEvent::Kind::ClientDisconnected:
        return QStringLiteral("%1 client %2 disconnected (%3 connected)").arg(time, e.client).arg(e.connectedClients);
    case ListenerEvent::Kind::ClientError: return QStringLiteral("%1 client %2: %3").arg(time, e.client, e.message);
    case ListenerEvent::Kind::Info: return QStringLiteral("%1 %2").arg(time, e.message);
    }
    return e.message;
}

} // namespace

int runServe(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves the built-in broker's data directory to any Kafka client (kcat, the Java client, "
                       "librdkafka, ...) until Ctrl-C. There is no authentication: loopback only unless "
                       "--allow-remote is given."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("data"),
         QStringLiteral("Data directory of the built-in broker (default: %1).").arg(defaultDataDirectory()),
         QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("Address to listen on (default 127.0.0.1:9092; port 0: any free port)."),
                      QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:9092")});
    parser.addOption({QStringLiteral("allow-remote"),
                      QStringLiteral("Allow a non-loopback --listen address (anyone who reaches it can read and write "
                                     "every topic).")});
    parser.addOption(
        {QStringLiteral("no-auto-create"), QStringLiteral("Do not create topics that clients ask metadata for (Kafka's "
                                                          "auto.create.topics.enable=false).")});
    parser.addOption({QStringLiteral("partitions"),
                      QStringLiteral("Partitions of automatically created topics (default 1)."), QStringLiteral("N"),
                      QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("quiet"), QStringLiteral("Print only errors, not every client's connect and disconnect.")});
    if (!parseCommand(parser, args, QStringLiteral("serve")))
        return ExitUsage;
    const QString listen = parser.value(QStringLiteral("listen"));
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const int port = colon > 0 ? listen.mid(colon + 1).toInt(&portOk) : -1;
    if (colon <= 0 || !portOk || port < 0 || port > 65535) {
        printErr(QStringLiteral("--listen wants HOST:PORT (e.g. 127.0.0.1:9092), not '%1'").arg(listen));
        return ExitUsage;
    }
    auto partitions = intOption(parser, QStringLiteral("partitions"), 1, 1, 10000);
    if (!partitions)
        return ExitUsage;
    const auto data = dataDirectoryOption(parser);
    if (!data)
        return ExitUsage;
    ListenerOptions options;
    options.dataDirectory = *data;
    options.host = listen.left(colon);
    if (options.host.startsWith(QLatin1Char('[')) && options.host.endsWith(QLatin1Char(']')))
        options.host = options.host.mid(1, options.host.size() - 2);
    options.port = static_cast<quint16>(port);
    options.allowNonLoopback = parser.isSet(QStringLiteral("allow-remote"));
    options.autoCreateTopics = !parser.isSet(QStringLiteral("no-auto-create"));
    options.defaultPartitions = static_cast<int>(*partitions);
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    options.onEvent = [quiet](const ListenerEvent &e) {
        const bool noisy = e.kind == ListenerEvent::Kind::ClientConnected ||
                           e.kind == ListenerEvent::Kind::ClientDisconnected || e.kind == ListenerEvent::Kind::Info;
        if (quiet && noisy)
            return;
        const QByteArray line = eventLine(e).toUtf8() + '\n';
        fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
        fflush(stderr);
    };
    if (options.allowNonLoopback && !isLoopbackHost(options.host))
        printErr(QStringLiteral("WARNING: serving on %1, which is not a loopback address. There is no authentication "
                                "and no encryption: anyone who can reach it can read, write and delete every topic.")
                     .arg(listen));
    raiseDescriptorLimit();
    if (::pipe(g_signalPipe) != 0) {
        printErr(QStringLiteral("cannot create the signal pipe"));
        return ExitFailure;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    auto listener = KafkaListener::start(options);
    if (!listener) {
        printError(listener.error());
        return ExitFailure;
    }
    // The bound address on stdout (tests and scripts read the port from it).
    printOut(QStringLiteral("listening on %1\n").arg((*listener)->address()));
    fflush(stdout);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    (*listener)->stop();
    const ListenerStats s = (*listener)->stats();
    QString codecs;
    for (int i = 0; i < protocol::kCodecCount; ++i)
        codecs += QStringLiteral(" %1=%2")
                      .arg(QLatin1String(protocol::codecName(static_cast<protocol::Codec>(i))))
                      .arg(s.batchesByCodec[static_cast<size_t>(i)]);
    printOut(QStringLiteral("served %1 connection(s), %2 request(s); %3 record(s) produced, %4 fetched; batches by "
                            "compression:%5\n")
                 .arg(s.connectionsAccepted)
                 .arg(s.requests)
                 .arg(s.producedRecords)
                 .arg(s.fetchedRecords)
                 .arg(codecs));
    return ExitOk;
}

} // namespace tidemark::cli
