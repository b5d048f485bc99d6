#pragma once

// An in-memory Backend for the timeline tests: topics with records, groups with committed
// offsets, and a log of offset resets. Thread-safe (one mutex), as Backend requires; the
// test thread appends records while AsyncBackend's workers read.

#include "core/Backend.h"

#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <map>
#include <set>
#include <vector>

namespace tidemark::test {

class FakeTimelineBackend final : public Backend {
public:
    // Appends `count` records with keys "user-<n % keys>" to topic[partition].
    void append(const QString &topic, int partition, int count, int keys = 5)
    {
        QMutexLocker lock(&m_mutex);
        auto &parts = m_topics[topic];
        if (int(parts.size()) <= partition)
            parts.resize(size_t(partition + 1));
        auto &log = parts[size_t(partition)];
        for (int i = 0; i < count; ++i) {
            Record r;
            r.topic = topic;
            r.partition = partition;
            r.offset = qint64(log.size());
            r.timestampMs = 1'700'000'000'000 + r.offset * 100;
            r.key = QByteArray("user-") + QByteArray::number(r.offset % keys);
            r.value = QByteArray(int(100 + r.offset % 50), 'x');
            log.push_back(r);
        }
    }
    void createTopic(const QString &topic, int partitions)
    {
        QMutexLocker lock(&m_mutex);
        m_topics[topic].resize(size_t(partitions));
    }
    void setCommitted(const QString &group, const TopicPartition &tp, qint64 offset)
    {
        QMutexLocker lock(&m_mutex);
        m_groups[group][tp] = offset;
    }
    // The record at `offset` fails its check, as a damaged frame of the built-in broker does:
    // a fetch stops before it, and a fetch starting at it is a Corrupt error.
    void setCorrupt(const TopicPartition &tp, qint64 offset)
    {
        QMutexLocker lock(&m_mutex);
        m_corrupt.insert({tp, offset});
    }
    void setGroupActive(const QString &group, bool active)
    {
        QMutexLocker lock(&m_mutex);
        if (active)
            m_active.insert(group);
        else
            m_active.erase(group);
    }
    std::vector<std::pair<QString, std::pair<TopicPartition, qint64>>> resets() const
    {
        QMutexLocker lock(&m_mutex);
        return m_resets;
    }
    std::atomic<int> fetchCalls{0};
    // Every fetch's (partition, offset), in call order.
    std::vector<std::pair<int, qint64>> fetches() const
    {
        QMutexLocker lock(&m_mutex);
        return m_fetches;
    }

    QString kind() const override { return QStringLiteral("fake"); }
    QString displayName() const override { return QStringLiteral("Fake: memory"); }
    Result<ClusterInfo> clusterInfo() override { return ClusterInfo{QStringLiteral("fake"), {}, -1, {}}; }
    Result<std::vector<TopicInfo>> listTopics() override
    {
        QMutexLocker lock(&m_mutex);
        std::vector<TopicInfo> out;
        for (const auto &[name, parts] : m_topics) {
            TopicInfo t;
            t.name = name;
            t.partitionCount = int(parts.size());
            out.push_back(t);
        }
        return out;
    }
    Result<TopicInfo> describeTopic(const QString &topic) override
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_topics.find(topic);
        if (it == m_topics.end())
            return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(topic));
        TopicInfo t;
        t.name = topic;
        t.partitionCount = int(it->second.size());
        for (size_t p = 0; p < it->second.size(); ++p) {
            PartitionInfo info;
            info.partition = int(p);
            info.highWatermark = qint64(it->second[p].size());
            t.partitions.push_back(info);
        }
        return t;
    }
    Status createTopic(const TopicSpec &) override { return Error(ErrorCode::Unsupported, QStringLiteral("fake")); }
    Status deleteTopic(const QString &) override { return Error(ErrorCode::Unsupported, QStringLiteral("fake")); }
    Result<Watermarks> watermarks(const TopicPartition &tp) override
    {
        QMutexLocker lock(&m_mutex);
        const auto *log = logOf(tp);
        if (!log)
            return Error(ErrorCode::NotFound, QStringLiteral("no partition %1").arg(tp.toString()));
        return Watermarks{0, qint64(log->size())};
    }
    Result<std::vector<DeliveryReport>> produce(const QString &, const std::vector<OutgoingRecord> &,
                                                const ProduceOptions &) override
    {
        return Error(ErrorCode::Unsupported, QStringLiteral("fake"));
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        ++fetchCalls;
        QMutexLocker lock(&m_mutex);
        m_fetches.emplace_back(tp.partition, offset);
        const auto *log = logOf(tp);
        if (!log)
            return Error(ErrorCode::NotFound, QStringLiteral("no partition %1").arg(tp.toString()));
        std::vector<Record> out;
        for (qint64 o = std::max<qint64>(0, offset); o < qint64(log->size()) && int(out.size()) < maxRecords; ++o) {
            if (m_corrupt.count({tp, o})) {
                if (out.empty())
                    return Error(ErrorCode::Corrupt,
                                 QStringLiteral("record %1 of %2 is corrupt").arg(o).arg(tp.toString()));
                break;
            }
            out.push_back((*log)[size_t(o)]);
        }
        return out;
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &, qint64) override
    {
        return Error(ErrorCode::Unsupported, QStringLiteral("fake"));
    }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &) override
    {
        return Error(ErrorCode::Unsupported, QStringLiteral("fake"));
    }
    Result<std::vector<GroupInfo>> listGroups() override
    {
        QMutexLocker lock(&m_mutex);
        std::vector<GroupInfo> out;
        for (const auto &[id, offsets] : m_groups) {
            GroupInfo g;
            g.groupId = id;
            out.push_back(g);
        }
        return out;
    }
    Result<GroupInfo> describeGroup(const QString &groupId) override
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_groups.find(groupId);
        if (it == m_groups.end())
            return Error(ErrorCode::NotFound, QStringLiteral("group '%1' does not exist").arg(groupId));
        GroupInfo g;
        g.groupId = groupId;
        g.state = m_active.count(groupId) ? QStringLiteral("Stable") : QStringLiteral("Empty");
        for (const auto &[tp, offset] : it->second) {
            GroupPartitionState s;
            s.tp = tp;
            s.committed = offset;
            const auto *log = logOf(tp);
            s.highWatermark = log ? qint64(log->size()) : -1;
            s.lag = s.highWatermark - offset;
            g.partitions.push_back(s);
        }
        return g;
    }
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_active.count(groupId))
            return Error(ErrorCode::Conflict,
                         QStringLiteral("group '%1' has active members; stop its consumers first").arg(groupId));
        for (const auto &[tp, offset] : offsets) {
            m_groups[groupId][tp] = offset;
            m_resets.push_back({groupId, {tp, offset}});
        }
        return {};
    }

private:
    const std::vector<Record> *logOf(const TopicPartition &tp) const
    {
        auto it = m_topics.find(tp.topic);
        if (it == m_topics.end() || tp.partition < 0 || tp.partition >= int(it->second.size()))
            return nullptr;
        return &it->second[size_t(tp.partition)];
    }

    mutable QMutex m_mutex;
    std::set<std::pair<TopicPartition, qint64>> m_corrupt;
    std::map<QString, std::vector<std::vector<Record>>> m_topics;
    std::map<QString, std::map<TopicPartition, qint64>> m_groups;
    std::set<QString> m_active;
    std::vector<std::pair<int, qint64>> m_fetches;
    std::vector<std::pair<QString, std::pair<TopicPartition, qint64>>> m_resets;
};

} // namespace tidemark::test
