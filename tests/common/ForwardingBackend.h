#pragma once

// A Backend that passes every call to another one: the base of test and benchmark wrappers
// that change one or two calls (override those, keep the rest). Thread-safe as the wrapped
// backend is.

#include "core/Backend.h"

#include <memory>

namespace tidemark::test {

class ForwardingBackend : public Backend {
public:
    explicit ForwardingBackend(std::shared_ptr<Backend> inner) : m_inner(std::move(inner)) {}

    QString kind() const override { return m_inner->kind(); }
    QString displayName() const override { return m_inner->displayName(); }
    Result<ClusterInfo> clusterInfo() override { return m_inner->clusterInfo(); }
    Result<std::vector<TopicInfo>> listTopics() override { return m_inner->listTopics(); }
    Result<TopicInfo> describeTopic(const QString &t) override { return m_inner->describeTopic(t); }
    Status createTopic(const TopicSpec &s) override { return m_inner->createTopic(s); }
    Status deleteTopic(const QString &t) override { return m_inner->deleteTopic(t); }
    Result<Watermarks> watermarks(const TopicPartition &tp) override { return m_inner->watermarks(tp); }
    Result<std::vector<DeliveryReport>> produce(const QString &t, const std::vector<OutgoingRecord> &r,
                                                const ProduceOptions &o) override
    {
        return m_inner->produce(t, r, o);
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return m_inner->fetch(tp, offset, maxRecords);
    }
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return m_inner->fetchSummaries(tp, offset, maxRecords);
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 ts) override
    {
        return m_inner->offsetForTimestamp(tp, ts);
    }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &c) override
    {
        return m_inner->createConsumer(c);
    }
    Result<std::vector<GroupInfo>> listGroups() override { return m_inner->listGroups(); }
    Result<GroupInfo> describeGroup(const QString &g) override { return m_inner->describeGroup(g); }
    Status resetGroupOffsets(const QString &g, const std::vector<std::pair<TopicPartition, qint64>> &o) override
    {
        return m_inner->resetGroupOffsets(g, o);
    }

protected:
    Backend &inner() const { return *m_inner; }

private:
    const std::shared_ptr<Backend> m_inner;
};

} // namespace tidemark::test
