#pragma once

// The test FakeBackend read as Kafka reads (not a second fake: every call goes to the
// FakeBackend it wraps): its computed topics are made of record batches of batchRecords()
// records, and the timeline's reads (CostedSummaryReader) move whole batches, as a Kafka fetch
// does (KIP-74): a read costs every record of every batch it touched (bytesServed()), and a
// probe returns the rest of its offset's batch from the offset on. Logs every probe.
//
// Threads: as FakeBackend (thread-safe): the counters are atomics, the probe log has a mutex.

#include "FakeBackend.h"
#include "ForwardingBackend.h"

#include "core/SummaryReads.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace tidemark::test {

class BatchReads final : public ForwardingBackend, public CostedSummaryReader {
public:
    BatchReads(std::shared_ptr<FakeBackend> fake, int batchRecords, qint64 recordBytes)
        : ForwardingBackend(fake), m(std::move(fake)), m_batchRecords(batchRecords), m_recordBytes(recordBytes)
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

private:
    const std::shared_ptr<FakeBackend> m;
    const int m_batchRecords;
    const qint64 m_recordBytes;
    std::atomic<qint64> m_bytesServed{0};
    mutable std::mutex m_probesMutex;
    std::vector<std::pair<int, qint64>> m_probes;
};

} // namespace tidemark::test
