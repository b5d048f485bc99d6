#pragma once

// The timeline's reads of record summaries, with what they cost. A Backend that can read more
// cheaply than fetchSummaries() and measure the bytes it moved also implements
// CostedSummaryReader (Kafka: small probe fetches, librdkafka's rxbytes statistic); for any
// other, readSummaries() falls back to fetchSummaries() and estimates the cost.
//
// Threads: as Backend (thread-safe, may block: never on the GUI thread).

#include "core/Backend.h"

namespace tidemark {

// How a read goes: a probe is one small read at an offset (a sample of a range too large to
// read: on Kafka at most one record batch and no prefetch beyond it); a range read fetches up
// to maxRecords in as many reads as it takes.
enum class SummaryRead { Probe, Range };

// A probe's maxRecords is an upper bound, not a wish: a backend that moves whole batches
// (Kafka) returns every record of the batch it had to fetch anyway, from the offset to the
// batch's end; readSummaries() on a backend without a cheaper reader returns at most this many.
constexpr int kFallbackProbeRecords = 16;

// What a read returns: the summaries and what reading them cost.
struct SummaryFetch {
    std::vector<RecordSummary> records;
    // Bytes the backend had to move to answer: received from the brokers on Kafka (whole
    // batches and prefetch included, not only the records returned); estimated from the
    // records (payload plus kRecordOverheadBytes each) for backends without a measure.
    qint64 bytesFetched = 0;
    bool measured = false; // bytesFetched was measured, not estimated
};

// What a record costs beyond its key and value when read (Kafka's record framing, roughly:
// length, attributes, deltas, header count; the batch header amortised). For estimates only.
constexpr qint64 kRecordOverheadBytes = 20;

class CostedSummaryReader {
public:
    virtual ~CostedSummaryReader() = default;
    virtual Result<SummaryFetch> readSummaries(const TopicPartition &tp, qint64 offset, int maxRecords,
                                               SummaryRead how) = 0;
};

// Through the backend's CostedSummaryReader if it has one, else fetchSummaries() and an
// estimate. Errors as Backend::fetch().
Result<SummaryFetch> readSummaries(Backend &backend, const TopicPartition &tp, qint64 offset, int maxRecords,
                                   SummaryRead how);

} // namespace tidemark
