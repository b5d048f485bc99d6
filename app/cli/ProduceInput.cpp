#include "cli/ProduceInput.h"

#include "core/JsonLines.h"
#include "core/Order.h"

namespace tidemark::cli {

namespace {

Error invalid(const QString &message) { return Error(ErrorCode::InvalidArgument, message); }

bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

} // namespace

QStringList bytesFormatNames() { return {QStringLiteral("raw"), QStringLiteral("base64"), QStringLiteral("hex")}; }

std::optional<BytesFormat> bytesFormatFromName(const QString &name)
{
    if (name == QLatin1String("raw"))
        return BytesFormat::Raw;
    if (name == QLatin1String("base64"))
        return BytesFormat::Base64;
    if (name == QLatin1String("hex"))
        return BytesFormat::Hex;
    return std::nullopt;
}

Result<QByteArray> decodeBytes(const QByteArray &text, BytesFormat format)
{
    switch (format) {
    case BytesFormat::Raw: return text;
    case BytesFormat::Base64: {
        const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return invalid(QStringLiteral("not valid base64"));
        return decoded.decoded;
    }
    case BytesFormat::Hex:
        if (text.size() % 2 != 0)
            return invalid(QStringLiteral("hex needs an even number of digits, got %1").arg(text.size()));
        for (qsizetype i = 0; i < text.size(); ++i)
            if (!isHexDigit(text[i]))
                return invalid(QStringLiteral("not a hex digit at character %1").arg(i + 1));
        return QByteArray::fromHex(text);
    }
    return invalid(QStringLiteral("unknown bytes format"));
}

bool isBlankLine(const QByteArray &line, const ProduceInputOptions &options)
{
    return options.format == ProduceInputOptions::Format::Json ? line.trimmed().isEmpty()
                                                               : line.isEmpty() && !options.emptyIsNull;
}

Result<OutgoingRecord> recordFromLine(const QByteArray &line, const ProduceInputOptions &options)
{
    OutgoingRecord record;
    if (options.format == ProduceInputOptions::Format::Json) {
        auto read = outgoingRecordFromJsonLine(line);
        if (!read)
            return read.error();
        record = std::move(read).value();
        if (options.ignorePartition)
            record.partition = -1;
    } else {
        if (line.isEmpty() && options.emptyIsNull) {
            record.value = std::nullopt; // a tombstone
        } else {
            auto value = decodeBytes(line, options.valueFormat);
            if (!value)
                return Error(value.error().code, QStringLiteral("value: %1").arg(value.error().message));
            record.value = std::move(value).value();
        }
        switch (options.keyMode) {
        case ProduceInputOptions::KeyMode::Null: break;
        case ProduceInputOptions::KeyMode::Fixed: record.key = options.fixedKey; break;
        case ProduceInputOptions::KeyMode::Field: {
            if (!record.value)
                return invalid(QStringLiteral("a tombstone (an empty line with --empty-is-null) has no field \"%1\" "
                                              "to take the key from; give it with --key")
                                   .arg(options.keyField));
            auto key = extractKeyField(*record.value, options.keyField);
            if (!key)
                return key.error();
            record.key = std::move(key).value();
            break;
        }
        }
    }
    if (options.validateOrders) {
        if (!record.value)
            return invalid(QStringLiteral("not a valid order: the value is null (a tombstone)"));
        if (const auto order = parseOrder(*record.value); !order)
            return Error(order.error().code, QStringLiteral("not a valid order: %1").arg(order.error().message));
    }
    record.headers.insert(record.headers.end(), options.headers.begin(), options.headers.end());
    return record;
}

} // namespace tidemark::cli
