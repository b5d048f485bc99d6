// Fuzz target: the filter language (app/core/RecordFilter.h), what people type in the
// Messages panel and `tidemark-cli consume --where`, and the JSON scanner under its paths.
// The input is a filter's text, then a NUL, then bytes used as the key and the value of a
// record. Properties: any text parses to a filter or to an error with a message and a
// position inside the text (no crash, no exception escapes); an invalid filter matches
// nothing; a valid one evaluates on any record, its summary answer never contradicts it,
// and negating it ("not (...)") flips the answer.

#include "FuzzCheck.h"
#include "core/Partitioner.h"
#include "core/RecordFilter.h"

#include <cstdint>
#include <cstring>

using namespace tidemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = reinterpret_cast<const char *>(data);
    const void *nul = std::memchr(bytes, 0, size);
    const size_t textSize = nul ? size_t(static_cast<const char *>(nul) - bytes) : size;
    const QString text = QString::fromUtf8(bytes, qsizetype(textSize));
    const QByteArray payload = nul ? QByteArray(bytes + textSize + 1, qsizetype(size - textSize - 1)) : QByteArray();

    FilterOptions options;
    options.timeZone = QTimeZone::utc();
    const RecordFilter filter = RecordFilter::parse(text, options);

    Record record;
    record.partition = int(size % 3);
    record.offset = qint64(size);
    record.timestampMs = qint64(textSize) * 1000;
    record.key = payload.left(payload.size() / 3);
    record.value = payload;
    if (size % 5 == 0)
        record.value = std::nullopt;
    if (size % 7 == 0)
        record.key = std::nullopt;
    record.headers = {Header{"h", payload.left(4)}, Header{"h", std::nullopt}};

    if (!filter.isValid()) {
        FUZZ_CHECK(filter.error().has_value());
        FUZZ_CHECK(!filter.error()->message.isEmpty());
        FUZZ_CHECK(filter.error()->position >= 0 && filter.error()->position <= text.size());
        FUZZ_CHECK(!filter.matches(record));
        return 0;
    }
    const bool match = filter.matches(record);
    RecordSummary summary;
    summary.offset = record.offset;
    summary.timestampMs = record.timestampMs;
    summary.keyIsNull = !record.key;
    summary.keyHash = record.key ? murmur2(record.key->constData(), size_t(record.key->size())) : 0;
    summary.valueIsNull = !record.value;
    summary.size = quint32(payloadSize(record.key) + payloadSize(record.value));
    const SummaryMatch fromSummary = filter.matchesSummary(summary, record.partition);
    if (fromSummary != SummaryMatch::NeedsRecord)
        FUZZ_CHECK((fromSummary == SummaryMatch::Yes) == match);
    if (!filter.isEmpty()) {
        const RecordFilter negated =
            RecordFilter::parse(QStringLiteral("not (") + text + QStringLiteral("\n)"), options);
        // Wrapping adds one level of nesting, which may cross the depth limit.
        if (negated.isValid())
            FUZZ_CHECK(negated.matches(record) == !match);
    }
    return 0;
}
