#pragma once

// The test FakeBackend read as Kafka reads (not a second fake: every call goes to the
// FakeBackend it wraps): its computed topics are made of record batches of batchRecords()
// records, and the timeline's reads (CostedSummaryReader) move whole batches, as a Kafka fetch
// does (KIP-74): a read costs every record of every batch it touched (bytesServed()), and a
// probe returns the rest of its offset's batch from the offset on. Logs every probe.
//
// Threads: as FakeBackend (thread-safe): the counters are atomics, the probe log has a mutex.

#include "FakeBackend.h"

#include "core/SummaryReads.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace tidemark::test {

class BatchReads final : public Backend, public CostedSummaryReader {
public:
    BatchReads(std::shared_ptr<FakeBackend> fake, int batchRecords, qint64 recordBytes)
        : m(std::move(fake)), m_batchRecords(batchRecords), m_recordBytes(recordBytes)
    {}

    FakeBackend &fake() { return *m; }
    int batchRecords() const { return m_batchRecords; }
    qint64 batchBytes() const { return m_batchRecords * m_recordBytes; }
    qint64 bytesServed() const { return m_bytesServed.load(); }
    // The (partition, offset) of every probe, in order.
    std::vector<std::pair<int, qint64>> probes() const
    {
        std::lock_guard lock(m_probesMutex);
        return m_probes;
    }

    Result<SummaryFetch> readSummaries(const TopicPartition &tp, qint64 offset, int maxRecords,
                                       SummaryRead how) override
    {
        if (how == SummaryRead::Probe) {
            std::lock_guard lock(m_probesMutex);
            m_probes.emplace_back(tp.partition, offset);
            maxRecords = int(std::min<qint64>(maxRecords, m_batchRecords - offset % m_batchRecords));
        }
        auto records = m->fetchSummaries(tp, offset, maxRecords);
        if (!records)
            return records.error();
        SummaryFetch out;
        out.measured = true;
        if (!records->empty())
            out.bytesFetched =
                (records->back().offset / m_batchRecords - records->front().offset / m_batchRecords + 1) * batchBytes();
        m_bytesServed += out.bytesFetched;
        out.records = std::move(*records);
        return out;
    }

    QString kind() const override { return m->kind(); }
    QString displayName() const override { return m->displayName(); }
    Result<ClusterInfo> clusterInfo() override { return m->clusterInfo(); }
    Result<std::vector<TopicInfo>> listTopics() override { return m->listTopics(); }
    Result<TopicInfo> describeTopic(const QString &t) override { return m->describeTopic(t); }
    Status createTopic(const TopicSpec &s) override { return m->createTopic(s); }
    Status deleteTopic(const QString &t) override { return m->deleteTopic(t); }
    Result<Watermarks> watermarks(const TopicPartition &tp) override { return m->watermarks(tp); }
    Result<std::vector<DeliveryReport>> produce(const QString &t, const std::vector<OutgoingRecord> &r,
                                                const ProduceOptions &o) override
    {
        return m->produce(t, r, o);
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return m->fetch(tp, offset, maxRecords);
    }
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return m->fetchSummaries(tp, offset, maxRecords);
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 ts) override
    {
        return m->offsetForTimestamp(tp, ts);
    }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &c) override { return m->createConsumer(c); }
    Result<std::vector<GroupInfo>> listGroups() override { return m->listGroups(); }
    Result<GroupInfo> describeGroup(const QString &g) override { return m->describeGroup(g); }
    Status resetGroupOffsets(const QString &g, const std::vector<std::pair<TopicPartition, qint64>> &o) override
    {
        return m->resetGroupOffsets(g, o);
    }

private:
    const std::shared_ptr<FakeBackend> m;
    const int m_batchRecords;
    const qint64 m_recordBytes;
    std::atomic<qint64> m_bytesServed{0};
    mutable std::mutex m_probesMutex;
    std::vector<std::pair<int, qint64>> m_probes;
};

} // namespace tidemark::test
