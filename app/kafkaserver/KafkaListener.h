#pragma once

// The built-in broker, served over the Kafka wire protocol. A KafkaListener binds one TCP
// address (loopback unless told otherwise) and answers Kafka clients (librdkafka/kcat, the
// Java client, franz-go, ...) from the data directory of the built-in broker, through the
// same LogStore and PartitionLogs the app and tidemark-cli use: records produced over the
// protocol are ordinary built-in broker records, and the other way round.
//
// One listener per data directory: start() takes <data>/kafka/listener.lock (flock) and
// writes who holds it (pid, address, start time); a second start() on the same directory,
// in any process, fails with an Error that says so.
//
// Threads (none of them the caller's, never a GUI thread):
//  - network threads (options.networkThreads, default 2), each with its own Qt event loop:
//    the first also accepts; connections are spread over them. A connection reads frames,
//    answers one request at a time in order (as Kafka does), and stops reading while its
//    client does not read its responses, so a slow client holds only its own connection.
//  - handler threads (a QThreadPool, options.handlerThreads): decode requests and call the
//    storage (which may block on disk and on other processes' locks).
//  - the fetch waiters' thread: long-polling fetches wait there without holding a handler.
// State shared between them lives in BrokerContext (its header says what guards what).
//
// Every public method is thread-safe. onEvent is called from the listener's threads and must
// be thread-safe and quick (queue it to a GUI thread, print it).

#include "core/Result.h"

#include <QString>

#include <array>
#include <functional>
#include <memory>

namespace tidemark::kafkaserver {

struct ListenerEvent {
    enum class Kind {
        Started, // listening; message has the address
        Stopped,
        ClientConnected,    // client: the peer address
        ClientDisconnected, // message: why, if not a normal close
        ClientError,        // a request refused or a connection closed for a protocol error
        Info,               // e.g. a topic created by a client
    };
    Kind kind = Kind::Info;
    QString client; // peer "127.0.0.1:53122" (and client id once known)
    QString message;
    int connectedClients = 0; // after this event
};

struct ListenerOptions {
    QString dataDirectory;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 9092;           // 0: let the system choose (read it back with port())
    bool allowNonLoopback = false; // a non-loopback host needs this (there is no authentication)
    int networkThreads = 2;
    int handlerThreads = 4;
    qint64 maxRequestBytes = 100LL << 20; // Kafka's socket.request.max.bytes
    bool autoCreateTopics = true;         // Kafka's auto.create.topics.enable
    int defaultPartitions = 1;            // Kafka's num.partitions, for auto-created topics
    // Kafka's group.min.session.timeout.ms (6000 there). Low here: a dead member of a demo or a
    // test goes quickly; there is no initial rebalance delay either.
    int groupMinSessionTimeoutMs = 200;
    std::function<void(const ListenerEvent &)> onEvent;
};

// What arrived so far, for tests and `serve`'s summary.
struct ListenerStats {
    qint64 connectionsAccepted = 0;
    qint64 requests = 0;
    qint64 producedRecords = 0;
    qint64 fetchedRecords = 0;
    std::array<qint64, 5> batchesByCodec{}; // produced batches by compression: none, gzip, snappy, lz4, zstd
    // The most response bytes one connection had waiting in its send buffer at once (written
    // by the listener, not yet taken by the kernel): what a client that does not read costs.
    // Bounded by Connection::kMaxUnsentBytes plus one response.
    qint64 largestUnsentBytes = 0;
};

class BrokerContext;

class KafkaListener {
public:
    // Opens the data directory, takes the listener lock, binds and starts serving.
    static Result<std::unique_ptr<KafkaListener>> start(const ListenerOptions &options);
    ~KafkaListener(); // stop()
    KafkaListener(const KafkaListener &) = delete;
    KafkaListener &operator=(const KafkaListener &) = delete;

    // Closes every connection and waits for the threads (bounded: a handler blocked on the
    // disk is waited for up to its storage timeout). Idempotent.
    void stop();

    QString host() const;
    quint16 port() const;
    QString address() const; // "127.0.0.1:9092"
    int connectedClients() const;
    ListenerStats stats() const;

private:
    struct Threads;
    KafkaListener();
    std::shared_ptr<BrokerContext> m_context;
    std::unique_ptr<Threads> m_threads;
};

// Who holds the listener lock of a data directory ("pid 1234, 127.0.0.1:9092, since ..."),
// or an empty string if nobody does.
QString listenerLockHolder(const QString &dataDirectory);

bool isLoopbackHost(const QString &host);

// Raises this process's soft limit of open files to its hard limit (at most 65536): each
// client is a descriptor, and the common soft limit of 1024 is shared with the storage's
// segment files. Process-wide; the app and `serve` call it before starting a listener.
void raiseDescriptorLimit();

} // namespace tidemark::kafkaserver
