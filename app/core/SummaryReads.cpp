#include "core/SummaryReads.h"

#include <algorithm>

namespace tidemark {

Result<SummaryFetch> readSummaries(Backend &backend, const TopicPartition &tp, qint64 offset, int maxRecords,
                                   SummaryRead how)
{
    if (auto *costed = dynamic_cast<CostedSummaryReader *>(&backend))
        return costed->readSummaries(tp, offset, maxRecords, how);
    if (how == SummaryRead::Probe)
        maxRecords = std::min(maxRecords, kFallbackProbeRecords);
    auto records = backend.fetchSummaries(tp, offset, maxRecords);
    if (!records)
        return records.error();
    SummaryFetch out;
    for (const RecordSummary &r : *records)
        out.bytesFetched += qint64(r.size) + kRecordOverheadBytes;
    out.records = std::move(*records);
    return out;
}

} // namespace tidemark
