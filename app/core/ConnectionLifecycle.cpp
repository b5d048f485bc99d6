#include "core/ConnectionLifecycle.h"

#include <QLocale>

namespace tidemark {

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected: return QStringLiteral("Disconnected");
    case ConnectionState::Connecting: return QStringLiteral("Connecting");
    case ConnectionState::Connected: return QStringLiteral("Connected");
    case ConnectionState::Unreachable: return QStringLiteral("Unreachable");
    }
    return QStringLiteral("?");
}

namespace {

// "127.0.0.1:9094", "localhost:9094", "[::1]:9094" -> {host, port}; the host in lower case.
std::pair<QString, QString> hostAndPort(const QString &server)
{
    const qsizetype colon = server.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return {server.toLower(), QString()};
    QString host = server.left(colon).toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return {host, server.mid(colon + 1)};
}

// Whether every one of `servers` is a listener of the cluster packaging/compose starts (the
// default profile's: 127.0.0.1:9094, :9095, :9096, by any name of this machine): only then is
// "docker compose up -d" the fix. For any other address it would start a cluster that still
// leaves the profile's port closed.
bool isComposeCluster(const QStringList &servers)
{
    static const QStringList loopback{QStringLiteral("127.0.0.1"), QStringLiteral("localhost"), QStringLiteral("::1")};
    QStringList composePorts;
    for (const QString &server : KafkaProfile{}.bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts))
        composePorts << hostAndPort(server.trimmed()).second;
    if (servers.isEmpty())
        return false;
    for (const QString &server : servers) {
        const auto [host, port] = hostAndPort(server);
        if (!loopback.contains(host) || !composePorts.contains(port))
            return false;
    }
    return true;
}

} // namespace

ConnectionFailure explainConnectionFailure(const ConnectionSpec &spec, const Error &error)
{
    ConnectionFailure f;
    f.details = error.message;
    if (spec.kind != ConnectionSpec::Kind::Kafka) {
        // The built-in broker's errors are its own sentences (a locked or unreadable directory).
        f.headline = ConnectionLifecycle::tr("Cannot open the built-in broker's data directory: %1").arg(error.message);
        return f;
    }
    const QStringList serverList = spec.kafka.bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts)
                                       .replaceInStrings(QStringLiteral(" "), QString());
    const QString servers = serverList.join(QStringLiteral(", "));
    if (error.message.contains(kNothingListeningMarker, Qt::CaseInsensitive)) {
        f.kind = ConnectionFailure::Kind::Refused;
        f.headline = isComposeCluster(serverList)
                         ? ConnectionLifecycle::tr("Nothing is listening on %1. Is Kafka running? Start it (the "
                                                   "cluster of packaging/compose starts with “docker compose up -d”) "
                                                   "or switch back to the built-in broker.")
                               .arg(servers)
                         : ConnectionLifecycle::tr("Nothing is listening on %1. Is Kafka running there? Or switch "
                                                   "back to the built-in broker.")
                               .arg(servers);
    } else if (error.message.contains(kHostNotFoundMarker, Qt::CaseInsensitive) ||
               error.message.contains(QLatin1String("Failed to resolve"), Qt::CaseInsensitive)) {
        f.kind = ConnectionFailure::Kind::HostNotFound;
        f.headline = ConnectionLifecycle::tr("The address %1 does not resolve to a host. Check the profile's "
                                             "bootstrap servers, or switch back to the built-in broker.")
                         .arg(servers);
    } else if (error.code == ErrorCode::Timeout || error.message.contains(QLatin1String("did not answer within"))) {
        f.kind = ConnectionFailure::Kind::NoAnswer;
        f.headline = ConnectionLifecycle::tr("No Kafka broker at %1 answered within %2 s. Check that Kafka is "
                                             "running there and reachable from this machine, or switch back to "
                                             "the built-in broker.")
                         .arg(servers)
                         .arg(QLocale().toString(spec.kafka.connectTimeoutMs / 1000.0, 'g', 3));
    } else {
        f.headline = ConnectionLifecycle::tr("Cannot connect to %1: %2").arg(spec.describe(), error.message);
    }
    return f;
}

ConnectionLifecycle::ConnectionLifecycle(QObject *parent) : QObject(parent) {}

quint64 ConnectionLifecycle::begin(const ConnectionSpec &spec)
{
    ++m_attempt;
    m_spec = spec;
    m_where.clear();
    m_info = {};
    m_failure.reset();
    m_lastError = {};
    // Signalled even from Connecting: a new attempt (another spec) is news to the views.
    setState(ConnectionState::Connecting, true);
    return m_attempt;
}

void ConnectionLifecycle::succeeded(quint64 attempt, const QString &where, const ClusterInfo &info)
{
    if (attempt != m_attempt || m_state != ConnectionState::Connecting)
        return;
    m_where = where;
    m_info = info;
    setState(ConnectionState::Connected);
}

void ConnectionLifecycle::failed(quint64 attempt, const Error &error)
{
    if (attempt != m_attempt || m_state != ConnectionState::Connecting || !m_spec)
        return;
    m_lastError = error;
    m_failure = explainConnectionFailure(*m_spec, error);
    setState(ConnectionState::Unreachable);
}

void ConnectionLifecycle::lost(const Error &error)
{
    if (m_state != ConnectionState::Connected || !m_spec)
        return;
    m_lastError = error;
    m_failure = explainConnectionFailure(*m_spec, error);
    setState(ConnectionState::Unreachable);
}

void ConnectionLifecycle::disconnect()
{
    ++m_attempt; // whatever is on its way belongs to no attempt now
    m_where.clear();
    m_info = {};
    setState(ConnectionState::Disconnected);
}

void ConnectionLifecycle::setState(ConnectionState state, bool always)
{
    const ConnectionState previous = m_state;
    m_state = state;
    if (always || state != previous)
        emit stateChanged(state, previous);
}

} // namespace tidemark
