#include "kafkaserver/BrokerContext.h"

#include "kafkaserver/FetchWaiters.h"
#include "kafkaserver/GroupCoordinator.h"
#include "kafkaserver/ProducerStates.h"

#include <QCryptographicHash>

Q_LOGGING_CATEGORY(lcKafkaServer, "tidemark.kafkaserver")

namespace tidemark::kafkaserver {

BrokerContext::BrokerContext(ListenerOptions options, std::shared_ptr<logbroker::LogStore> store)
    : m_options(std::move(options)),
      m_store(std::move(store)),
      m_fetchWaiters(std::make_unique<FetchWaiters>()),
      m_producerStates(std::make_unique<ProducerStates>(m_store->dataDirectory()))
{
    // A stable cluster id per data directory (22 characters of URL-safe base64, like Kafka's).
    const QByteArray digest = QCryptographicHash::hash(m_store->dataDirectory().toUtf8(), QCryptographicHash::Sha256);
    m_clusterId =
        QString::fromLatin1(digest.left(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_advertisedHost = m_options.host;
    CoordinatorOptions groups;
    groups.minSessionTimeoutMs = m_options.groupMinSessionTimeoutMs;
    m_groupCoordinator = std::make_unique<GroupCoordinator>(*this, GroupStorage(m_store), groups);
}

BrokerContext::~BrokerContext() { m_fetchWaiters->stop(); }

void BrokerContext::setBoundAddress(const QString &host, quint16 port)
{
    m_advertisedHost = host;
    m_advertisedPort.store(port);
}

void BrokerContext::emitEvent(ListenerEvent event)
{
    event.connectedClients = connected.load();
    if (m_options.onEvent)
        m_options.onEvent(event);
}

void BrokerContext::emitEvent(ListenerEvent::Kind kind, const QString &client, const QString &message)
{
    ListenerEvent e;
    e.kind = kind;
    e.client = client;
    e.message = message;
    emitEvent(std::move(e));
}

} // namespace tidemark::kafkaserver
