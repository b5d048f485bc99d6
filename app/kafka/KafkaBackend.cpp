#include "kafka/KafkaBackend.h"

#include "kafka/KafkaAdmin.h"
#include "kafka/KafkaConnection.h"
#include "kafka/KafkaGroups.h"
#include "kafka/KafkaProducer.h"
#include "kafka/KafkaReader.h"
#include "kafka/KafkaScanner.h"
#include "kafka/KafkaSummaryReader.h"

namespace tidemark {

namespace kafka {

Result<std::shared_ptr<KafkaBackend>> KafkaBackend::open(const KafkaProfile &profile)
{
    if (profile.connectTimeoutMs <= 0 || profile.requestTimeoutMs <= 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("Kafka timeouts must be positive (connect %1 ms, request "
                                    "%2 ms)")
                         .arg(profile.connectTimeoutMs)
                         .arg(profile.requestTimeoutMs));
    auto connection = KafkaConnection::open(profile, &KafkaProducer::configureHandle);
    if (!connection)
        return connection.error();
    return std::shared_ptr<KafkaBackend>(new KafkaBackend(std::move(connection.value())));
}

KafkaBackend::KafkaBackend(std::unique_ptr<KafkaConnection> connection)
    : m_connection(std::move(connection)),
      m_reader(std::make_unique<KafkaReader>(*m_connection)),
      m_admin(std::make_unique<KafkaAdmin>(*m_connection, *m_reader)),
      m_producer(std::make_unique<KafkaProducer>(*m_connection)),
      m_groups(std::make_unique<KafkaGroups>(*m_connection, *m_reader)),
      m_summaries(std::make_unique<KafkaSummaryReader>(*m_connection)),
      m_scanner(std::make_unique<KafkaScanner>(*m_connection))
{}

KafkaBackend::~KafkaBackend() = default;

QString KafkaBackend::kind() const { return QStringLiteral("kafka"); }
QString KafkaBackend::displayName() const { return QStringLiteral("Kafka: ") + m_connection->clusterName(); }

Result<ClusterInfo> KafkaBackend::clusterInfo() { return m_admin->clusterInfo(); }
Result<std::vector<TopicInfo>> KafkaBackend::listTopics() { return m_admin->listTopics(); }
Result<TopicInfo> KafkaBackend::describeTopic(const QString &topic) { return m_admin->describeTopic(topic); }
Status KafkaBackend::createTopic(const TopicSpec &spec) { return m_admin->createTopic(spec); }
Status KafkaBackend::deleteTopic(const QString &topic) { return m_admin->deleteTopic(topic); }

Result<Watermarks> KafkaBackend::watermarks(const TopicPartition &tp) { return m_reader->watermarks(tp); }
Result<std::vector<Record>> KafkaBackend::fetch(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    return m_reader->fetch(tp, offset, maxRecords);
}
Result<FilteredRead> KafkaBackend::scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                                const ScanPredicate &predicate, std::vector<Record> &matches)
{
    return m_scanner->scan(tp, from, until, predicate, matches);
}
int KafkaBackend::scanHandles() const { return m_scanner->openHandles(); }
void KafkaBackend::setScanIdleTimeout(int ms) { m_scanner->setIdleTimeout(std::chrono::milliseconds(ms)); }
Result<SummaryFetch> KafkaBackend::readSummaries(const TopicPartition &tp, qint64 offset, int maxRecords,
                                                 SummaryRead how)
{
    return m_summaries->read(tp, offset, maxRecords, how);
}
qint64 KafkaBackend::summaryBytesReceived(int waitMs) { return m_summaries->bytesReceived(waitMs); }
KafkaBackend::SummaryCounters KafkaBackend::summaryCounters(int waitMs)
{
    const KafkaSummaryReader::Counters c = m_summaries->counters(waitMs);
    return SummaryCounters{c.bytes, c.records, c.droppedResponses, c.kicks, c.wakes};
}
Result<qint64> KafkaBackend::offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs)
{
    return m_reader->offsetForTimestamp(tp, timestampMs);
}

Result<std::vector<DeliveryReport>>
KafkaBackend::produce(const QString &topic, const std::vector<OutgoingRecord> &records, const ProduceOptions &options)
{
    return m_producer->produce(topic, records, options);
}

Result<std::unique_ptr<Consumer>> KafkaBackend::createConsumer(const ConsumerConfig &config)
{
    return m_groups->createConsumer(config);
}
Result<std::vector<GroupInfo>> KafkaBackend::listGroups() { return m_groups->listGroups(); }
Result<GroupInfo> KafkaBackend::describeGroup(const QString &groupId) { return m_groups->describeGroup(groupId); }
Result<std::vector<GroupInfo>> KafkaBackend::describeGroups() { return m_groups->describeAll(); }
Status KafkaBackend::resetGroupOffsets(const QString &groupId,
                                       const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    return m_groups->resetGroupOffsets(groupId, offsets);
}

} // namespace kafka

Result<std::shared_ptr<Backend>> openKafkaBackend(const KafkaProfile &profile)
{
    auto backend = kafka::KafkaBackend::open(profile);
    if (!backend)
        return backend.error();
    return std::shared_ptr<Backend>(std::move(backend.value()));
}

} // namespace tidemark
