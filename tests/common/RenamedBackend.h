#pragma once

// Forwards every call to another Backend and only changes displayName(), so screenshots of
// a real broker in a temporary directory show the same fixed path on every machine.
// Thread-safety: that of the wrapped backend (this adds no state).

#include "core/Backend.h"

#include <memory>

namespace tidemark::test {

class RenamedBackend final : public Backend {
public:
    RenamedBackend(std::shared_ptr<Backend> inner, QString displayName)
        : m_inner(std::move(inner)), m_displayName(std::move(displayName))
    {}

    QString kind() const override { return m_inner->kind(); }
    QString displayName() const override { return m_displayName; }
    Result<ClusterInfo> clusterInfo() override { return m_inner->clusterInfo(); }
    Result<std::vector<TopicInfo>> listTopics() override { return m_inner->listTopics(); }
    Result<TopicInfo> describeTopic(const QString &topic) override { return m_inner->describeTopic(topic); }
    Status createTopic(const TopicSpec &spec) override { return m_inner->createTopic(spec); }
    Status deleteTopic(const QString &topic) override { return m_inner->deleteTopic(topic); }
    Result<Watermarks> watermarks(const TopicPartition &tp) override { return m_inner->watermarks(tp); }
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override
    {
        return m_inner->produce(topic, records, options);
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return m_inner->fetch(tp, offset, maxRecords);
    }
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return m_inner->fetchSummaries(tp, offset, maxRecords);
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override
    {
        return m_inner->offsetForTimestamp(tp, timestampMs);
    }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override
    {
        return m_inner->createConsumer(config);
    }
    Result<std::vector<GroupInfo>> listGroups() override { return m_inner->listGroups(); }
    Result<GroupInfo> describeGroup(const QString &groupId) override { return m_inner->describeGroup(groupId); }
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
    {
        return m_inner->resetGroupOffsets(groupId, offsets);
    }

private:
    std::shared_ptr<Backend> m_inner;
    QString m_displayName;
};

} // namespace tidemark::test
