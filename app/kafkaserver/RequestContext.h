#pragma once

// What a request handler gets and gives back: the decoded request header, the connection's
// private state, and the reply callback.
//
// Threading: a handler runs on one of the listener's handler threads and calls its ReplyFn
// exactly once, from any thread (a long-polling fetch replies from the fetch waiters'
// thread). The connection processes one request at a time, so ConnectionState is touched by
// one handler at a time and needs no lock.

#include "logbroker/PartitionLog.h"

#include "core/Record.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>

namespace tidemark::kafkaserver {

// Per-connection state that outlives single requests.
struct ConnectionState {
    // Where each partition's last fetch ended, so the next sequential fetch skips the index.
    QHash<TopicPartition, logbroker::ReadHint> readHints;
};

struct RequestContext {
    qint16 apiKey = -1;
    qint16 apiVersion = 0;
    qint32 correlationId = 0;
    QString clientId;
    quint64 connectionId = 0;
    QString peer; // "127.0.0.1:53122"
    std::shared_ptr<ConnectionState> connection;

    // "Produce v9 from rdkafka (127.0.0.1:53122)", for log lines.
    QString describe() const;
};

struct Reply {
    enum class Kind { Body, None, Close };
    Kind kind = Kind::Body;
    QByteArray body;     // the response after its header
    QString closeReason; // Kind::Close: why the connection is closed (logged)

    static Reply withBody(QByteArray body) { return Reply{Kind::Body, std::move(body), {}}; }
    static Reply none() { return Reply{Kind::None, {}, {}}; } // acks=0 produce: no response at all
    static Reply close(QString reason) { return Reply{Kind::Close, {}, std::move(reason)}; }
};

using ReplyFn = std::function<void(Reply)>;

} // namespace tidemark::kafkaserver
