#include "kafkaserver/Connection.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/protocol/Messages.h"
#include "kafkaserver/protocol/Wire.h"

#include <QHostAddress>

namespace tidemark::kafkaserver {

using namespace protocol;

namespace {

constexpr qint64 kSocketReadBuffer = 1 << 20;

QString describeBadSize(qint32 size, const QByteArray &head, qint64 max)
{
    // A TLS ClientHello starts 16 03 0x: the client was told to use SSL.
    if (head.size() >= 3 && head[0] == '\x16' && head[1] == '\x03')
        return QStringLiteral("the client speaks TLS (security.protocol=SSL?); this listener is plaintext only");
    if (size < 0)
        return QStringLiteral("request size %1 is negative").arg(size);
    return QStringLiteral("request of %1 bytes is larger than the limit of %2 bytes").arg(size).arg(max);
}

} // namespace

QString RequestContext::describe() const
{
    const ApiInfo *info = apiInfo(apiKey);
    const QString name = info ? QLatin1String(info->name) : QStringLiteral("API %1").arg(apiKey);
    return QStringLiteral("%1 v%2 from %3 (%4)")
        .arg(name)
        .arg(apiVersion)
        .arg(clientId.isEmpty() ? QStringLiteral("?") : clientId, peer);
}

Connection::Connection(qintptr socketDescriptor, quint64 id, std::shared_ptr<BrokerContext> context,
                       std::shared_ptr<RequestRouter> router, QObject *parent)
    : QObject(parent), m_socket(this), m_id(id), m_context(std::move(context)), m_router(std::move(router))
{
    if (!m_socket.setSocketDescriptor(socketDescriptor))
        return;
    m_valid = true;
    m_socket.setReadBufferSize(kSocketReadBuffer);
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = QStringLiteral("%1:%2").arg(m_socket.peerAddress().toString()).arg(m_socket.peerPort());
    m_mailbox->connection = this;
    connect(&m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(&m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { finish(QString()); });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        finish(e == QAbstractSocket::RemoteHostClosedError ? QString() : m_socket.errorString());
    });
}

Connection::~Connection()
{
    std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->connection = nullptr;
}

void Connection::closeWithReason(const QString &reason)
{
    if (!reason.isEmpty()) {
        qCWarning(lcKafkaServer).noquote() << "closing connection" << m_peer << ":" << reason;
        m_context->emitEvent(ListenerEvent::Kind::ClientError, m_peer, reason);
    }
    finish(reason);
}

void Connection::finish(const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_socket.abort();
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->connection = nullptr;
    }
    Q_UNUSED(reason);
    emit closed(m_id);
}

void Connection::onReadyRead()
{
    if (m_finished)
        return;
    processFrames();
}

void Connection::onBytesWritten()
{
    if (m_finished)
        return;
    if (m_closeAfterFlush && m_socket.bytesToWrite() == 0) {
        finish(QString());
        return;
    }
    processFrames();
}

void Connection::processFrames()
{
    // One request at a time, and none while the client is behind on reading responses.
    while (!m_finished && !m_inFlight && !m_closeAfterFlush && m_socket.bytesToWrite() <= kMaxUnsentBytes) {
        if (m_in.size() < 4) {
            m_in.append(m_socket.read(4 - m_in.size()));
            if (m_in.size() < 4)
                return;
        }
        const qint32 size = getInt32(m_in.constData());
        const qint64 max = m_context->options().maxRequestBytes;
        if (size < 0 || size > max) {
            closeWithReason(describeBadSize(size, m_in, max));
            return;
        }
        const qint64 want = 4 + static_cast<qint64>(size);
        if (m_in.size() < want) {
            if (m_in.capacity() < want)
                m_in.reserve(want);
            m_in.append(m_socket.read(want - m_in.size()));
            if (m_in.size() < want)
                return;
        }
        QByteArray frame = m_in.sliced(4);
        m_in.clear();
        dispatch(std::move(frame));
    }
}

void Connection::dispatch(QByteArray frame)
{
    RequestContext ctx;
    ctx.connectionId = m_id;
    ctx.peer = m_peer;
    ctx.connection = m_state;
    QString error;
    const qint64 bodyOffset = parseRequestHeader(frame, ctx, error);
    if (bodyOffset < 0) {
        closeWithReason(QStringLiteral("malformed request header: %1").arg(error));
        return;
    }
    if (m_clientId != ctx.clientId) {
        m_clientId = ctx.clientId;
    }
    m_context->requests.fetch_add(1, std::memory_order_relaxed);
    m_inFlight = true;
    const qint32 correlationId = ctx.correlationId;
    const qint16 apiKey = ctx.apiKey;
    const qint16 apiVersion = ctx.apiVersion;
    std::shared_ptr<Mailbox> mailbox = m_mailbox;
    auto replied = std::make_shared<std::atomic<bool>>(false);
    m_router->submit(std::move(ctx), std::move(frame), bodyOffset,
                     [mailbox, replied, correlationId, apiKey, apiVersion](Reply reply) {
                         if (replied->exchange(true))
                             return; // exactly once
                         std::lock_guard lock(mailbox->mutex);
                         Connection *c = mailbox->connection;
                         if (!c)
                             return; // the client is gone
                         QMetaObject::invokeMethod(
                             c,
                             [c, correlationId, apiKey, apiVersion, reply = std::move(reply)]() mutable {
                                 c->deliver(correlationId, apiKey, apiVersion, std::move(reply));
                             },
                             Qt::QueuedConnection);
                     });
}

void Connection::deliver(qint32 correlationId, qint16 apiKey, qint16 apiVersion, Reply reply)
{
    m_inFlight = false;
    if (m_finished)
        return;
    switch (reply.kind) {
    case Reply::Kind::Close: closeWithReason(reply.closeReason); return;
    case Reply::Kind::None: break;
    case Reply::Kind::Body: {
        const bool flexible = responseHeaderIsFlexible(apiKey, apiVersion);
        const qint64 size = 4 + (flexible ? 1 : 0) + reply.body.size();
        char header[9];
        putInt32(header, static_cast<qint32>(size));
        putInt32(header + 4, correlationId);
        header[8] = 0; // no tagged fields
        m_socket.write(header, flexible ? 9 : 8);
        m_socket.write(reply.body);
        m_context->noteUnsentBytes(m_socket.bytesToWrite());
        break;
    }
    }
    processFrames();
}

} // namespace tidemark::kafkaserver
