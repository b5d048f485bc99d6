#include "core/Backend.h"

namespace tidemark {

Result<std::vector<RecordSummary>> Backend::fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    auto records = fetch(tp, offset, maxRecords);
    if (!records)
        return records.error();
    std::vector<RecordSummary> out;
    out.reserve(records->size());
    for (const Record &r : *records)
        out.push_back(summarize(r));
    return out;
}

RecordSummary summarize(const Record &r)
{
    RecordSummary s;
    s.offset = r.offset;
    s.timestampMs = r.timestampMs;
    s.keyIsNull = !r.key.has_value();
    s.keyHash = r.key ? murmur2(r.key->constData(), static_cast<size_t>(r.key->size())) : 0u;
    s.valueIsNull = !r.value.has_value();
    s.size = static_cast<quint32>(payloadSize(r.key) + payloadSize(r.value));
    return s;
}

Error noSuchPartition(const QString &topic, int partition, int partitions)
{
    return Error(
        ErrorCode::InvalidArgument,
        QStringLiteral("topic '%1' has no partition %2 (it has %3)").arg(topic).arg(partition).arg(partitions));
}

Status checkExplicitPartitions(const QString &topic, const std::vector<OutgoingRecord> &records, int partitions)
{
    for (const OutgoingRecord &r : records) {
        if (r.partition >= partitions || r.partition < -1)
            return noSuchPartition(topic, r.partition, partitions);
    }
    return {};
}

} // namespace tidemark
