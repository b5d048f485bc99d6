#pragma once

// A Backend with one huge topic whose records are computed from their offsets (nothing is
// stored), for tests of how much the timeline reads: every record it serves is counted, with
// its bytes (key + value + kRecordOverheadBytes, as Backend::readSummaries estimates). Groups:
// none. Thread-safe: the counters are atomics, the rest is immutable.

#include "core/SummaryReads.h"

#include <atomic>

namespace tidemark::test {

class LargeTopicBackend final : public Backend {
public:
    LargeTopicBackend(QString topic, int partitions, qint64 recordsPerPartition, int valueBytes = 200)
        : m_topic(std::move(topic)), m_partitions(partitions), m_records(recordsPerPartition), m_valueBytes(valueBytes)
    {}

    qint64 topicBytes() const { return qint64(m_partitions) * m_records * recordBytes(); }
    qint64 recordBytes() const { return 8 + m_valueBytes + kRecordOverheadBytes; }

    std::atomic<qint64> recordsServed{0};
    std::atomic<qint64> bytesServed{0};
    std::atomic<int> reads{0};

    QString kind() const override { return QStringLiteral("fake"); }
    QString displayName() const override { return QStringLiteral("Fake: large topic"); }
    Result<ClusterInfo> clusterInfo() override { return ClusterInfo{QStringLiteral("fake"), {}, -1, {}}; }
    Result<std::vector<TopicInfo>> listTopics() override
    {
        TopicInfo t;
        t.name = m_topic;
        t.partitionCount = m_partitions;
        return std::vector<TopicInfo>{t};
    }
    Result<TopicInfo> describeTopic(const QString &topic) override
    {
        if (topic != m_topic)
            return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(topic));
        TopicInfo t;
        t.name = topic;
        t.partitionCount = m_partitions;
        for (int p = 0; p < m_partitions; ++p) {
            PartitionInfo info;
            info.partition = p;
            info.highWatermark = m_records;
            t.partitions.push_back(info);
        }
        return t;
    }
    Status createTopic(const TopicSpec &) override { return Error(ErrorCode::Unsupported, QStringLiteral("fake")); }
    Status deleteTopic(const QString &) override { return Error(ErrorCode::Unsupported, QStringLiteral("fake")); }
    Result<Watermarks> watermarks(const TopicPartition &) override { return Watermarks{0, m_records}; }
    Result<std::vector<DeliveryReport>> produce(const QString &, const std::vector<OutgoingRecord> &,
                                                const ProduceOptions &) override
    {
        return Error(ErrorCode::Unsupported, QStringLiteral("fake"));
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        std::vector<Record> out;
        for (qint64 o = offset; o < m_records && int(out.size()) < maxRecords; ++o) {
            Record r;
            r.topic = tp.topic;
            r.partition = tp.partition;
            r.offset = o;
            r.timestampMs = 1'700'000'000'000 + o;
            r.key = QByteArray("key-") + QByteArray::number(keyOf(o)).rightJustified(4, '0');
            r.value = QByteArray(m_valueBytes, 'v');
            out.push_back(std::move(r));
        }
        count(out.size());
        return out;
    }
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        if (tp.topic != m_topic || offset < 0 || offset > m_records)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 out of range").arg(offset));
        std::vector<RecordSummary> out;
        for (qint64 o = offset; o < m_records && int(out.size()) < maxRecords; ++o) {
            RecordSummary s;
            s.offset = o;
            s.timestampMs = 1'700'000'000'000 + o;
            s.keyIsNull = false;
            s.keyHash = quint32(keyOf(o) * 2654435761u);
            s.size = quint32(8 + m_valueBytes);
            out.push_back(s);
        }
        count(out.size());
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
    Result<std::vector<GroupInfo>> listGroups() override { return std::vector<GroupInfo>{}; }
    Result<GroupInfo> describeGroup(const QString &groupId) override
    {
        return Error(ErrorCode::NotFound, QStringLiteral("group '%1' does not exist").arg(groupId));
    }
    Status resetGroupOffsets(const QString &, const std::vector<std::pair<TopicPartition, qint64>> &) override
    {
        return Error(ErrorCode::Unsupported, QStringLiteral("fake"));
    }

private:
    // Long runs of one key, so a sample shows bands.
    static qint64 keyOf(qint64 offset) { return (offset / 100'000) % 7; }
    void count(size_t records)
    {
        ++reads;
        recordsServed += qint64(records);
        bytesServed += qint64(records) * recordBytes();
    }

    const QString m_topic;
    const int m_partitions;
    const qint64 m_records;
    const int m_valueBytes;
};

} // namespace tidemark::test
