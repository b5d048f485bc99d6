#pragma once

// Deterministic record summaries and group/consumer states for the timeline tests.

#include "core/Backend.h"
#include "core/ConsumerStatus.h"
#include "core/Partitioner.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tidemark::test {

inline constexpr qint64 kBaseTimeMs = 1'700'000'000'000;

inline QByteArray userKey(qint64 n) { return QByteArray("user-") + QByteArray::number(n); }

// Record `offset` of partition `partition`: one of `keys` keys, a size that wanders between
// ~120 and ~420 bytes, a timestamp 250 ms after the previous record.
inline RecordSummary summaryAt(int partition, qint64 offset, int keys = 6)
{
    RecordSummary s;
    s.offset = offset;
    s.timestampMs = kBaseTimeMs + offset * 250;
    const QByteArray key = userKey((offset * 7 + partition * 3) % keys);
    s.keyHash = murmur2(key.constData(), size_t(key.size()));
    s.keyIsNull = false;
    s.size = quint32(120 + (offset * 37 + partition * 11) % 300);
    return s;
}

inline std::vector<RecordSummary> summaries(int partition, qint64 from, qint64 to, int keys = 6)
{
    std::vector<RecordSummary> out;
    out.reserve(size_t(to - from));
    for (qint64 o = from; o < to; ++o)
        out.push_back(summaryAt(partition, o, keys));
    return out;
}

inline PartitionInfo partitionInfo(int partition, qint64 logStart, qint64 highWatermark)
{
    PartitionInfo p;
    p.partition = partition;
    p.leader = 0;
    p.logStartOffset = logStart;
    p.highWatermark = highWatermark;
    return p;
}

inline GroupInfo groupInfo(const QString &groupId, const QString &topic, const std::vector<qint64> &committed,
                           const std::vector<qint64> &highWatermarks)
{
    GroupInfo g;
    g.groupId = groupId;
    g.state = QStringLiteral("Stable");
    for (size_t p = 0; p < committed.size(); ++p) {
        GroupPartitionState s;
        s.tp = TopicPartition{topic, int(p)};
        s.committed = committed[p];
        s.highWatermark = highWatermarks[p];
        s.lag = committed[p] >= 0 ? highWatermarks[p] - committed[p] : -1;
        g.partitions.push_back(s);
    }
    return g;
}

inline ConsumerStatus consumer(const QString &id, const QString &group, ConsumerStatus::State state,
                               const QString &topic, const std::vector<std::pair<int, qint64>> &positions,
                               const std::vector<std::pair<int, qint64>> &committed = {})
{
    ConsumerStatus c;
    c.consumerId = id;
    c.groupId = group;
    c.memberId = id + QStringLiteral("-member");
    c.generation = 1;
    c.state = state;
    for (const auto &[p, o] : positions) {
        c.assignment.push_back(TopicPartition{topic, p});
        c.positions[TopicPartition{topic, p}] = o;
    }
    for (const auto &[p, o] : committed)
        c.committed[TopicPartition{topic, p}] = o;
    return c;
}

} // namespace tidemark::test
