#pragma once

// The JSON-lines record schema (docs/json-lines.md): one record per line, the form every
// path that prints, exports or serves records as text uses (tidemark-cli consume, produce
// --format json, exports). Lossless: keys, values and headers keep their exact bytes (text
// when exactUtf8Text() says so, else base64 under a *_base64 name), null stays distinct from
// empty, and headers stay an ordered list with repeated keys.
//
//   {"topic":"t","partition":0,"offset":5,"timestamp":1700000000000,
//    "key":"k" | "key_base64":"..." | "key":null,
//    "value":"v" | "value_base64":"..." | "value":null,
//    "headers":[{"key":"dup","value":"1"},{"key":"dup","value_base64":"/w=="},{"key":"n","value":null}]}
//
// Pure functions, no state: callable from any thread.

#include "core/Record.h"
#include "core/Result.h"

#include <QByteArray>

namespace tidemark {

// `record` as one JSON line, ending in '\n'.
QByteArray recordToJsonLine(const Record &record);

// The same records as CSV (RFC 4180, CRLF line ends), one header line then a line per record:
//   topic,partition,offset,timestamp,key,key_encoding,value,value_encoding,headers
// key/value_encoding is "text" (the field holds the bytes as they are), "base64" or "null"
// (the field is empty); headers is the JSON array of the JSON-lines schema. Lossless too.
QByteArray csvHeaderLine();
QByteArray recordToCsvLine(const Record &record);

// What a JSON line of the schema asks to produce: key, value, headers, and partition and
// timestamp when present. topic and offset are accepted and ignored (a consumed line can be
// produced again as is). Anything else is an error naming what is wrong: malformed JSON, a
// field of the wrong type, both "value" and "value_base64", invalid base64, unknown fields.
Result<OutgoingRecord> outgoingRecordFromJsonLine(const QByteArray &line);

} // namespace tidemark
