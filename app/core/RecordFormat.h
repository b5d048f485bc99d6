#pragma once

// How record bytes are shown to people: text when they are valid UTF-8 without control
// characters, hex otherwise; one-line previews for tables, pretty JSON for the inspector.

#include <QByteArray>
#include <QString>

#include <optional>

namespace tidemark {

// THE answer to "are these bytes text?" for every path that shows, prints, exports or
// serves a record (CLI JSON lines, inspector, message table, timeline tooltips): the text of
// `bytes` if they are valid UTF-8 that converts back to exactly the same bytes (a leading
// BOM is kept as U+FEFF, NUL and other control characters are text), std::nullopt otherwise.
// Callers that need the bytes untouched print the text or fall back to base64/hex.
std::optional<QString> exactUtf8Text(const QByteArray &bytes);

// True if exactUtf8Text(bytes) holds and the text has no control characters other than tab,
// CR and LF: what a person can read as is (else the views show hex).
bool looksLikeText(const QByteArray &bytes);

// A one-line preview of at most `maxChars` characters: text with line breaks folded to
// spaces, or "0x" and hex bytes for binary data. Ends in an ellipsis when cut.
QString previewBytes(const QByteArray &bytes, int maxChars = 200);

// The classic hex dump (offset, 16 hex bytes, ASCII column) of at most `maxBytes` bytes.
QString hexDump(const QByteArray &bytes, int maxBytes = 4096);

// `bytes` as compact one-line JSON, keeping the order of object keys; std::nullopt if it is
// not JSON. What the producer sends for a JSON value typed over several lines.
std::optional<QByteArray> compactJson(const QByteArray &bytes);

// What the inspector shows for a value: pretty JSON when it parses (prettyJson's bounds),
// else the text (its first MiB), else a hex dump (its first 4 KiB): bounded in time and
// memory for any value. `kind` (if given) receives "json", "text" or "binary".
QString displayValue(const QByteArray &bytes, QString *kind = nullptr);

} // namespace tidemark
