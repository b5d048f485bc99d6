#pragma once

// How `tidemark-cli produce` turns one line of its input into a record, exactly: a line is
// bytes (NUL included) up to "\n" (or "\r\n"), decoded as --value-format says (raw, base64,
// hex), or, with --format json, one record of the JSON-lines schema (docs/json-lines.md), so
// what `consume` prints can be produced again byte for byte. Nothing is guessed or dropped
// silently: a line that cannot be read is an error the caller reports with its number.
//
// Pure functions over values: callable from any thread.

#include "core/Record.h"
#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tidemark::cli {

enum class BytesFormat { Raw, Base64, Hex };
QStringList bytesFormatNames(); // raw, base64, hex
std::optional<BytesFormat> bytesFormatFromName(const QString &name);
// `text` in `format` as bytes: raw is as is; base64 (standard alphabet, padding optional)
// and hex (pairs of hex digits, nothing else) are checked strictly.
Result<QByteArray> decodeBytes(const QByteArray &text, BytesFormat format);

struct ProduceInputOptions {
    enum class Format { Lines, Json };
    enum class KeyMode { Field, Fixed, Null };
    Format format = Format::Lines;
    BytesFormat valueFormat = BytesFormat::Raw; // Lines only
    KeyMode keyMode = KeyMode::Field;           // Lines only
    QString keyField = QStringLiteral("user_id");
    QByteArray fixedKey;          // KeyMode::Fixed, already decoded (--key-format)
    std::vector<Header> headers;  // --header K=V: appended to every record, in order
    bool validateOrders = false;  // the value must be a valid seed order
    bool ignorePartition = false; // Json: let the partitioner place records
    bool emptyIsNull = false;     // Lines: an empty line is a tombstone (null value), not skipped
};

// True for a line that holds no record: empty (Lines, unless emptyIsNull), or only
// whitespace (Json).
bool isBlankLine(const QByteArray &line, const ProduceInputOptions &options);

// The record one input line (without its line end) asks for, or why it cannot be produced.
Result<OutgoingRecord> recordFromLine(const QByteArray &line, const ProduceInputOptions &options);

} // namespace tidemark::cli
