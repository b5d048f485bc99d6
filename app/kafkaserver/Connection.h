#pragma once

// One client connection: reads size-prefixed request frames, hands each to the
// RequestRouter on the handler threads, and writes the responses back in request order.
//
// Like Kafka, a connection has at most one request being handled at a time; the frames that
// follow wait in the socket (Qt's read buffer is bounded, so TCP pushes back on a client
// that sends faster than it is answered). While more than kMaxUnsentBytes of responses wait
// for the client to read them, the connection takes no new request: a slow reader only
// slows itself. A frame larger than the listener's maximum, a negative size, or anything
// the router cannot parse closes the connection with a logged reason.
//
// Threading: lives on one network thread (its event loop) and is only touched there. Replies
// come from handler threads through the Mailbox, which holds the connection under its mutex
// until the connection is destroyed (then replies are dropped).

#include "kafkaserver/RequestContext.h"

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>

#include <deque>
#include <memory>
#include <mutex>

namespace tidemark::kafkaserver {

class BrokerContext;
class RequestRouter;

class Connection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    // Where handler threads post replies. Outlives the connection.
    struct Mailbox {
        std::mutex mutex;
        Connection *connection = nullptr; // guarded by mutex; null once the connection is gone
    };

    Connection(qintptr socketDescriptor, quint64 id, std::shared_ptr<BrokerContext> context,
               std::shared_ptr<RequestRouter> router, QObject *parent = nullptr);
    ~Connection() override;

    bool isValid() const { return m_valid; }
    quint64 id() const { return m_id; }
    QString peer() const { return m_peer; }
    // Closes with a reason (logged and reported as an event if not empty).
    void closeWithReason(const QString &reason);

    static constexpr qint64 kMaxUnsentBytes = 64LL << 20;

signals:
    void closed(quint64 id);

private:
    void onReadyRead();
    void onBytesWritten();
    void processFrames();
    void dispatch(QByteArray frame);
    void deliver(qint32 correlationId, qint16 apiKey, qint16 apiVersion, Reply reply); // network thread
    void finish(const QString &reason);

    QTcpSocket m_socket;
    quint64 m_id;
    QString m_peer;
    QString m_clientId;
    bool m_valid = false;
    bool m_finished = false;
    std::shared_ptr<BrokerContext> m_context;
    std::shared_ptr<RequestRouter> m_router;
    std::shared_ptr<Mailbox> m_mailbox = std::make_shared<Mailbox>();
    std::shared_ptr<ConnectionState> m_state = std::make_shared<ConnectionState>();
    QByteArray m_in;         // bytes read, not yet a whole frame
    bool m_inFlight = false; // a request is being handled
    bool m_closeAfterFlush = false;
};

} // namespace tidemark::kafkaserver
