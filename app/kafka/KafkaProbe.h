#pragma once

// A TCP probe of a profile's bootstrap servers, to tell "nothing is listening" from "no
// answer yet" without waiting for the connect timeout. librdkafka retries a refused
// connection until the timeout and reports it only as text (in the system's language);
// a plain connect() says it at once and as a code.
//
// Used by KafkaConnection when the cluster has not answered its first request yet; a
// cluster that answers is never probed.
//
// Threads: any thread but the GUI thread (it blocks for up to `timeoutMs`); no event loop
// needed, no shared state.

#include <QString>
#include <QStringList>

#include <vector>

namespace tidemark::kafka {

struct BootstrapServer {
    QString host;
    quint16 port = 0;
    QString toString() const; // "host:port", "[::1]:9092"
};

// "PLAINTEXT://a:9092, b:9093,[::1]:9094" -> a:9092, b:9093, [::1]:9094; entries without a
// valid port are left out.
std::vector<BootstrapServer> parseBootstrapServers(const QString &servers);

struct ProbeOutcome {
    enum class Kind {
        SomeoneListens, // a server accepted the connection (or the probe could not tell in time)
        AllRefused,     // every server refused: nothing listens on any of them
        HostsNotFound,  // every server refused or had a name that does not resolve, at least one of the latter
    };
    Kind kind = Kind::SomeoneListens;
    QStringList refused;  // "127.0.0.1:9099"
    QStringList notFound; // "nosuchhost:9092"
};

// Connects to each server in turn and stops at the first that accepts or does not answer
// within `timeoutMs` (the probe can only tell when every server says no).
ProbeOutcome probeBootstrapServers(const std::vector<BootstrapServer> &servers, int timeoutMs);

} // namespace tidemark::kafka
