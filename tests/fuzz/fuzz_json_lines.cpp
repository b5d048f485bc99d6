// Fuzz target: the JSON-lines record reader (app/core/JsonLines.h), what `tidemark-cli
// produce --format json` feeds every input line through. Properties: any bytes give a
// record or an error with a message (no crash, no exception escapes), and a record that is
// read prints (recordToJsonLine) as a line that reads back to the same record.

#include "FuzzCheck.h"
#include "core/JsonLines.h"

#include <cstdint>

using namespace tidemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray line = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto read = outgoingRecordFromJsonLine(line);
    // nlohmann's lexer ends the input at a raw NUL: a line with one must never read as a record.
    FUZZ_CHECK(!read || !line.contains('\0'));
    if (!read) {
        FUZZ_CHECK(!read.error().message.isEmpty());
        return 0;
    }
    Record record;
    record.topic = QStringLiteral("t");
    record.partition = read->partition < 0 ? 0 : read->partition;
    record.offset = 0;
    record.timestampMs = read->timestampMs;
    record.key = read->key;
    record.value = read->value;
    record.headers = read->headers;
    const QByteArray printed = recordToJsonLine(record);
    const auto again = outgoingRecordFromJsonLine(printed);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->key == record.key);
    FUZZ_CHECK(again->value == record.value);
    FUZZ_CHECK(again->headers == record.headers);
    FUZZ_CHECK(again->partition == record.partition);
    FUZZ_CHECK(again->timestampMs == record.timestampMs);
    FUZZ_CHECK(recordToJsonLine(record) == printed);
    return 0;
}
