#pragma once

// A TCP port on loopback that nothing listens on, for tests of a connection that is refused,
// and a Kafka profile pointing at it. Header-only; the test links Qt6::Network.

#include "core/ConnectionProfile.h"

#include <QHostAddress>
#include <QTcpServer>

namespace tidemark::test {

// Bound once to get a free port, then closed. 0 if no port could be bound.
inline quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// A Kafka profile whose one bootstrap server is 127.0.0.1:`port`, with a 5-minute connect
// timeout: a call that waited for it would exceed the test's time limit, so a test that
// passes proves the refusal was noticed at once.
inline KafkaProfile kafkaProfileOnPort(quint16 port, const QString &name)
{
    KafkaProfile profile;
    profile.name = name;
    profile.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
    profile.connectTimeoutMs = 300000;
    return profile;
}

} // namespace tidemark::test
