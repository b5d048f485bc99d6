#pragma once

// Reading one field out of JSON text without parsing the whole document: what the record
// filter's JSON paths (`value.items[*].product_id`) need at millions of records a second.
// No allocation on the common path (member names and strings without escapes are compared
// in place); never reads outside [data, data + size); malformed or truncated JSON simply
// yields no value (the scanner is lenient about parts of the document it skips: it checks
// brackets and strings, not every token).
//
// Pure functions, no state: callable from any thread.

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <optional>
#include <vector>

namespace tidemark::jsonscan {

struct PathSegment {
    enum class Kind { Member, Index, AnyIndex };
    Kind kind = Kind::Member;
    QByteArray name; // Member: the member name, UTF-8, unescaped
    int index = 0;   // Index

    friend bool operator==(const PathSegment &, const PathSegment &) = default;
};

enum class ValueType { Invalid, Null, Bool, Number, String, Array, Object };

// The type of the JSON value whose text starts at `text` (no leading whitespace).
ValueType typeOf(QByteArrayView text);

// Calls `visit` with the text of each value found at `path` in the JSON document `json` (an
// AnyIndex segment visits every element), until `visit` returns true; returns whether it did.
// Values are the exact source text (a string still quoted and escaped).
bool forEachAtPath(QByteArrayView json, const std::vector<PathSegment> &path,
                   const std::function<bool(QByteArrayView)> &visit);

// The decoded content of a JSON string value's text ("\"a\\u00e9\"" -> "a\xc3\xa9"), or
// std::nullopt if it is not a well-formed string.
std::optional<QByteArray> decodeString(QByteArrayView text);

// The number of a JSON number value's text, or std::nullopt.
std::optional<double> parseNumber(QByteArrayView text);

// One past the end of the JSON value that starts at `pos` (no leading whitespace), or -1 if it
// is malformed or truncated.
qsizetype skipValue(QByteArrayView json, qsizetype pos);

} // namespace tidemark::jsonscan
