#include "kafka/KafkaProbe.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTcpSocket>

namespace tidemark::kafka {

QString BootstrapServer::toString() const
{
    return (host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(host).arg(port);
}

std::vector<BootstrapServer> parseBootstrapServers(const QString &servers)
{
    static const QRegularExpression entry(
        QStringLiteral(R"(^(?:[A-Za-z_]+://)?(?:\[([^\]]+)\]|([^:\[\]]+)):(\d{1,5})$)"));
    std::vector<BootstrapServer> out;
    for (const QString &raw : servers.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto m = entry.match(raw.trimmed());
        if (!m.hasMatch())
            continue;
        const uint port = m.captured(3).toUInt();
        if (port == 0 || port > 65535)
            continue;
        out.push_back({m.captured(1).isEmpty() ? m.captured(2).trimmed() : m.captured(1), static_cast<quint16>(port)});
    }
    return out;
}

ProbeOutcome probeBootstrapServers(const std::vector<BootstrapServer> &servers, int timeoutMs)
{
    ProbeOutcome outcome;
    if (servers.empty())
        return outcome; // nothing to say: let the client find out
    QDeadlineTimer deadline(std::max(1, timeoutMs));
    for (const BootstrapServer &server : servers) {
        QTcpSocket socket;
        socket.connectToHost(server.host, server.port);
        const bool connected = socket.waitForConnected(std::max(1, int(deadline.remainingTime())));
        if (connected) {
            socket.abort();
            return ProbeOutcome{}; // someone listens
        }
        switch (socket.error()) {
        case QAbstractSocket::ConnectionRefusedError: outcome.refused << server.toString(); break;
        case QAbstractSocket::HostNotFoundError: outcome.notFound << server.toString(); break;
        default: return ProbeOutcome{}; // a timeout, a network error: cannot tell
        }
    }
    outcome.kind = outcome.notFound.isEmpty() ? ProbeOutcome::Kind::AllRefused : ProbeOutcome::Kind::HostsNotFound;
    return outcome;
}

} // namespace tidemark::kafka
