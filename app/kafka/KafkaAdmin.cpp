#include "kafka/KafkaAdmin.h"

#include "kafka/KafkaConnection.h"
#include "kafka/KafkaReader.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <thread>

namespace tidemark::kafka {

namespace {

// Kafka's internal topics, hidden from listings like the built-in broker has none.
bool isInternalTopic(const QString &name)
{
    return name == QLatin1String("__consumer_offsets") || name == QLatin1String("__transaction_state");
}

const QSet<QString> &alwaysShownConfigs()
{
    static const QSet<QString> names = {QStringLiteral("cleanup.policy"), QStringLiteral("retention.ms"),
                                        QStringLiteral("retention.bytes"), QStringLiteral("segment.bytes"),
                                        QStringLiteral("min.insync.replicas")};
    return names;
}

} // namespace

bool KafkaAdmin::waitForTopic(const QString &topic, const std::function<bool(const rd_kafka_metadata_topic_t *)> &done)
{
    // Brokers apply the controller's metadata one after the other (a KRaft broker can lag
    // the controller by half a second), and a client asks whichever broker it likes. So ask
    // every broker itself: a fresh handle whose only bootstrap server is that broker sends
    // its first request there.
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(m_connection.profile().requestTimeoutMs);
    const rd_kafka_metadata_t *raw = nullptr;
    if (rd_kafka_metadata(m_connection.handle(), 0, nullptr, &raw, m_connection.profile().requestTimeoutMs) !=
        RD_KAFKA_RESP_ERR_NO_ERROR)
        return false;
    std::vector<QString> brokers;
    {
        MetadataPtr md(raw);
        for (int i = 0; i < md->broker_cnt; ++i)
            brokers.push_back(QStringLiteral("%1:%2").arg(fromUtf8(md->brokers[i].host)).arg(md->brokers[i].port));
    }
    const QByteArray name = utf8(topic);
    for (const QString &broker : brokers) {
        KafkaProfile single = m_connection.profile();
        single.bootstrapServers = broker;
        for (;;) {
            if (SteadyClock::now() >= deadline)
                return false;
            auto conf = makeConf(single);
            if (!conf)
                return false;
            rd_kafka_conf_set_log_cb(conf->get(), [](const rd_kafka_t *, int, const char *, const char *) {});
            char errstr[256];
            HandlePtr probe(rd_kafka_new(RD_KAFKA_PRODUCER, conf->get(), errstr, sizeof errstr));
            if (!probe)
                return false;
            (void)conf->release();
            bool agreed = false;
            if (rd_kafka_metadata(probe.get(), 1, nullptr, &raw, std::max(1, msLeft(deadline))) ==
                RD_KAFKA_RESP_ERR_NO_ERROR) {
                MetadataPtr md(raw);
                const rd_kafka_metadata_topic_t *found = nullptr;
                for (int i = 0; i < md->topic_cnt; ++i) {
                    if (name == md->topics[i].topic && md->topics[i].err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                        found = &md->topics[i];
                }
                agreed = done(found);
            }
            if (agreed)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    return true;
}

Result<ClusterInfo> KafkaAdmin::clusterInfo()
{
    auto md = m_connection.metadata(nullptr, QStringLiteral("reading the cluster metadata"));
    if (!md)
        return md.error();
    ClusterInfo info;
    info.kind = QStringLiteral("kafka");
    const int timeout = m_connection.metadataTimeout();
    if (char *id = rd_kafka_clusterid(m_connection.handle(), timeout)) {
        info.clusterId = QString::fromUtf8(id);
        rd_kafka_mem_free(m_connection.handle(), id);
    }
    info.controllerId = rd_kafka_controllerid(m_connection.handle(), timeout);
    for (int i = 0; i < (*md)->broker_cnt; ++i) {
        const auto &b = (*md)->brokers[i];
        info.brokers.push_back({b.id, fromUtf8(b.host), b.port, b.id == info.controllerId});
    }
    std::sort(info.brokers.begin(), info.brokers.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return info;
}

namespace {
PartitionInfo partitionInfo(const rd_kafka_metadata_partition_t &p)
{
    PartitionInfo info;
    info.partition = p.id;
    info.leader = p.leader;
    info.replicas.assign(p.replicas, p.replicas + p.replica_cnt);
    info.isr.assign(p.isrs, p.isrs + p.isr_cnt);
    if (p.err)
        info.error = errorText(p.err);
    else if (p.leader < 0)
        info.error = QStringLiteral("no leader");
    return info;
}

TopicInfo topicInfo(const rd_kafka_metadata_topic_t &t)
{
    TopicInfo info;
    info.name = fromUtf8(t.topic);
    info.partitionCount = t.partition_cnt;
    for (int i = 0; i < t.partition_cnt; ++i)
        info.partitions.push_back(partitionInfo(t.partitions[i]));
    std::sort(info.partitions.begin(), info.partitions.end(),
              [](const auto &a, const auto &b) { return a.partition < b.partition; });
    info.replicationFactor = info.partitions.empty() ? 0 : static_cast<int>(info.partitions.front().replicas.size());
    return info;
}
} // namespace

Result<std::vector<TopicInfo>> KafkaAdmin::listTopics()
{
    auto md = m_connection.metadata(nullptr, QStringLiteral("listing topics"));
    if (!md)
        return md.error();
    std::vector<TopicInfo> topics;
    std::vector<TopicPartition> tps;
    for (int i = 0; i < (*md)->topic_cnt; ++i) {
        const auto &t = (*md)->topics[i];
        if (t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || isInternalTopic(fromUtf8(t.topic)))
            continue;
        topics.push_back(topicInfo(t));
        for (const auto &p : topics.back().partitions)
            tps.push_back({topics.back().name, p.partition});
    }
    std::sort(topics.begin(), topics.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    const auto marks = m_reader.watermarksOf(tps, m_connection.profile().requestTimeoutMs);
    for (auto &t : topics) {
        qint64 count = 0;
        for (auto &p : t.partitions) {
            const auto it = marks.find({t.name, p.partition});
            if (it == marks.end()) {
                count = -1;
                continue;
            }
            p.logStartOffset = it->second.low;
            p.highWatermark = it->second.high;
            if (count >= 0)
                count += it->second.high - it->second.low;
        }
        t.recordCount = count;
    }
    return topics;
}

Result<QMap<QString, QString>> KafkaAdmin::topicConfigs(const QString &topic)
{
    const QByteArray name = utf8(topic);
    auto event = m_connection.runAdmin(
        RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, QStringLiteral("reading the configuration of topic '%1'").arg(topic),
        [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
            rd_kafka_ConfigResource_t *res = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.constData());
            rd_kafka_DescribeConfigs(rk, &res, 1, o, q);
            rd_kafka_ConfigResource_destroy(res);
        });
    if (!event)
        return event.error();
    QMap<QString, QString> configs;
    size_t count = 0;
    const rd_kafka_ConfigResource_t **resources =
        rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(resources[i]))
            return Error(mapErrorCode(err),
                         QStringLiteral("reading the configuration of topic '%1': %2")
                             .arg(topic, fromUtf8(rd_kafka_ConfigResource_error_string(resources[i]))));
        size_t n = 0;
        const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(resources[i], &n);
        for (size_t j = 0; j < n; ++j) {
            const QString key = fromUtf8(rd_kafka_ConfigEntry_name(entries[j]));
            if (rd_kafka_ConfigEntry_is_default(entries[j]) && !alwaysShownConfigs().contains(key))
                continue;
            if (rd_kafka_ConfigEntry_is_sensitive(entries[j]))
                continue;
            configs.insert(key, fromUtf8(rd_kafka_ConfigEntry_value(entries[j])));
        }
    }
    return configs;
}

Result<TopicInfo> KafkaAdmin::describeTopic(const QString &topic)
{
    auto md = m_connection.metadata(&topic, QStringLiteral("describing topic '%1'").arg(topic));
    if (!md)
        return md.error();
    auto t = m_connection.findTopic(md->get(), topic);
    if (!t)
        return t.error();
    TopicInfo info = topicInfo(**t);
    std::vector<TopicPartition> tps;
    for (const auto &p : info.partitions)
        tps.push_back({topic, p.partition});
    const auto marks = m_reader.watermarksOf(tps, m_connection.profile().requestTimeoutMs);
    qint64 count = 0;
    for (auto &p : info.partitions) {
        const auto it = marks.find({topic, p.partition});
        if (it == marks.end()) {
            count = -1;
            if (p.error.isEmpty())
                p.error = QStringLiteral("offsets unavailable");
            continue;
        }
        p.logStartOffset = it->second.low;
        p.highWatermark = it->second.high;
        if (count >= 0)
            count += it->second.high - it->second.low;
    }
    info.recordCount = count;
    auto configs = topicConfigs(topic);
    if (!configs)
        return configs.error();
    info.configs = *configs;
    return info;
}

Status KafkaAdmin::createTopic(const TopicSpec &spec)
{
    // \A and \z: '$' would also match before a final newline ("orders\n").
    static const QRegularExpression legal(QStringLiteral("\\A[A-Za-z0-9._-]{1,249}\\z"));
    if (!legal.match(spec.name).hasMatch() || spec.name == QLatin1String(".") || spec.name == QLatin1String(".."))
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' is not a valid Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)").arg(spec.name));
    if (spec.partitions < 1)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("topic '%1' needs at least one partition, not %2").arg(spec.name).arg(spec.partitions));
    if (spec.replicationFactor < 1)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic '%1' needs a replication factor of at least 1, not %2")
                         .arg(spec.name)
                         .arg(spec.replicationFactor));
    char errstr[512];
    const QByteArray name = utf8(spec.name);
    rd_kafka_NewTopic_t *newTopic =
        rd_kafka_NewTopic_new(name.constData(), spec.partitions, spec.replicationFactor, errstr, sizeof errstr);
    if (!newTopic)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic '%1': %2").arg(spec.name, QString::fromUtf8(errstr)));
    std::unique_ptr<rd_kafka_NewTopic_t, void (*)(rd_kafka_NewTopic_t *)> owner(newTopic, rd_kafka_NewTopic_destroy);
    for (auto it = spec.configs.cbegin(); it != spec.configs.cend(); ++it) {
        QString key = it.key();
        QString value = it.value();
        if (key == QLatin1String("durability")) {
            // The built-in broker's durability setting, in Kafka's terms: fsync every record.
            if (value == QLatin1String("os"))
                continue;
            if (value != QLatin1String("fsync"))
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("durability must be 'fsync' or 'os', not '%1'").arg(value));
            key = QStringLiteral("flush.messages");
            value = QStringLiteral("1");
        }
        if (const rd_kafka_resp_err_t err =
                rd_kafka_NewTopic_set_config(newTopic, utf8(key).constData(), utf8(value).constData()))
            return makeKafkaError(err, QStringLiteral("topic '%1': config %2=%3").arg(spec.name, key, value));
    }
    const QString what = QStringLiteral("creating topic '%1'").arg(spec.name);
    auto event = m_connection.runAdmin(RD_KAFKA_ADMIN_OP_CREATETOPICS, what,
                                       [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                                           rd_kafka_CreateTopics(rk, &newTopic, 1, o, q);
                                       });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            return Error(ErrorCode::AlreadyExists,
                         QStringLiteral("topic '%1' already exists on %2").arg(spec.name, m_connection.clusterName()));
        if (err) {
            const QString detail = fromUtf8(rd_kafka_topic_result_error_string(results[i]));
            return Error(mapErrorCode(err),
                         QStringLiteral("%1 on %2 failed: %3")
                             .arg(what, m_connection.clusterName(), detail.isEmpty() ? errorText(err) : detail));
        }
    }
    // The controller has it; wait until the brokers serve it with a leader everywhere, so
    // a produce right after this call finds it.
    const int partitions = spec.partitions;
    if (!waitForTopic(spec.name, [partitions](const rd_kafka_metadata_topic_t *t) {
            if (!t || t->partition_cnt != partitions)
                return false;
            for (int i = 0; i < t->partition_cnt; ++i) {
                if (t->partitions[i].leader < 0)
                    return false;
            }
            return true;
        }))
        return Error(ErrorCode::Timeout,
                     QStringLiteral("topic '%1' was created but its partitions got no leader within "
                                    "%2 ms")
                         .arg(spec.name)
                         .arg(m_connection.profile().requestTimeoutMs));
    return {};
}

Status KafkaAdmin::deleteTopic(const QString &topic)
{
    const QByteArray name = utf8(topic);
    const QString what = QStringLiteral("deleting topic '%1'").arg(topic);
    auto event = m_connection.runAdmin(RD_KAFKA_ADMIN_OP_DELETETOPICS, what,
                                       [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                                           rd_kafka_DeleteTopic_t *del = rd_kafka_DeleteTopic_new(name.constData());
                                           rd_kafka_DeleteTopics(rk, &del, 1, o, q);
                                           rd_kafka_DeleteTopic_destroy(del);
                                       });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
            return m_connection.topicMissing(topic);
        if (err) {
            const QString detail = fromUtf8(rd_kafka_topic_result_error_string(results[i]));
            return Error(mapErrorCode(err),
                         QStringLiteral("%1 on %2 failed: %3")
                             .arg(what, m_connection.clusterName(), detail.isEmpty() ? errorText(err) : detail));
        }
    }
    if (!waitForTopic(topic, [](const rd_kafka_metadata_topic_t *t) { return t == nullptr; }))
        return Error(ErrorCode::Timeout,
                     QStringLiteral("topic '%1' was deleted but the brokers still list it after %2 ms")
                         .arg(topic)
                         .arg(m_connection.profile().requestTimeoutMs));
    return {};
}

} // namespace tidemark::kafka
