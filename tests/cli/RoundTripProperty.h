#pragma once

// The round-trip property of issue 10 ("Done when"), shared by the built-in broker's test
// (tst_roundtrip_local) and Kafka's (tst_roundtrip_kafka): random records (random bytes in
// keys, values and header values, null vs empty keys, values (tombstones) and header values, repeated header
// keys, NUL, CR, a leading BOM, large values, deeply nested JSON) produced through the CLI
// (`produce --format json`) and through the Backend, consumed through both (`consume` and
// Backend::fetch), compare byte for byte with what was generated.
//
// The CLI's input is built with QJsonDocument and its output read with nlohmann::json
// directly, not with the JsonLines code under test.

#include "core/Backend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <nlohmann/json.hpp>

#include <vector>

namespace tidemark::test {

struct RoundTripShape {
    int randomRecords = 40;
    qsizetype bigValue = 1 << 20; // two values of this size
    qsizetype hugeValue = 0;      // one value of this size (0: none)
    bool nulInHeaderKeys = true;  // Kafka: librdkafka cannot read such keys back (refused)
};

inline QByteArray randomBytes(QRandomGenerator &rng, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        // Favour the bytes that broke things: NUL, CR, LF, 0xff, quote, backslash.
        static const char special[] = {'\0', '\r', '\n', '\xff', '"', '\\', '\xc3', '\xef'};
        out[i] = rng.bounded(4) == 0 ? special[rng.bounded(int(sizeof special))] : char(rng.bounded(256));
    }
    return out;
}

inline QByteArray randomText(QRandomGenerator &rng, qsizetype size)
{
    static const char *pieces[] = {"a",  "Z",  " ",        "\t",           "\r",           "\n",
                                   "\"", "\\", "\xd0\xb7", "\xe2\x82\xac", "\xef\xbb\xbf", "\xf0\x9f\x98\x80",
                                   "{",  "}",  "0"};
    QByteArray out;
    while (out.size() < size)
        out += pieces[rng.bounded(int(std::size(pieces)))];
    return out;
}

inline QByteArray randomBytesOrText(QRandomGenerator &rng, qsizetype maxSize)
{
    const qsizetype size = qsizetype(rng.bounded(quint64(maxSize) + 1));
    return rng.bounded(2) ? randomBytes(rng, size) : randomText(rng, size);
}

inline std::vector<OutgoingRecord> randomRecords(quint64 seed, const RoundTripShape &shape)
{
    QRandomGenerator rng(seed);
    std::vector<OutgoingRecord> out;
    for (int i = 0; i < shape.randomRecords; ++i) {
        OutgoingRecord r;
        switch (rng.bounded(5)) {
        case 0: break; // null key
        case 1: r.key = QByteArray(); break;
        default: r.key = randomBytesOrText(rng, 40); break;
        }
        switch (rng.bounded(8)) {
        case 0: r.value = QByteArray(); break;
        case 1: r.value = std::nullopt; break; // a tombstone
        default: r.value = randomBytesOrText(rng, 2000); break;
        }
        const int headers = rng.bounded(5);
        for (int h = 0; h < headers; ++h) {
            Header header;
            header.key = rng.bounded(3) == 0 ? QByteArray("dup") : randomBytesOrText(rng, 12);
            if (!shape.nulInHeaderKeys)
                header.key.replace('\0', 'x');
            switch (rng.bounded(4)) {
            case 0: header.value = std::nullopt; break;
            case 1: header.value = QByteArray(); break;
            default: header.value = randomBytesOrText(rng, 60); break;
            }
            r.headers.push_back(header);
        }
        out.push_back(r);
    }
    // Whatever the seed: a tombstone next to an empty value, with and without a key.
    for (const char *key : {static_cast<const char *>("tombstone"), static_cast<const char *>(nullptr)}) {
        OutgoingRecord tombstone;
        if (key)
            tombstone.key = QByteArray(key);
        tombstone.value = std::nullopt;
        out.push_back(tombstone);
        OutgoingRecord empty = tombstone;
        empty.value = QByteArray();
        out.push_back(empty);
    }
    OutgoingRecord nested;
    nested.key = QByteArray("nested");
    nested.value = QByteArray(10000, '[') + QByteArray(10000, ']');
    out.push_back(nested);
    for (int i = 0; i < 2; ++i) {
        OutgoingRecord big;
        big.key = QByteArray("big");
        big.value = randomBytes(rng, shape.bigValue - 100);
        big.headers = {{"dup", QByteArray("1")}, {"dup", QByteArray("2")}};
        out.push_back(big);
    }
    if (shape.hugeValue > 0) {
        OutgoingRecord huge;
        huge.key = QByteArray("huge");
        huge.value = randomBytes(rng, shape.hugeValue);
        out.push_back(huge);
    }
    return out;
}

// One JSON-lines record of the schema (docs/json-lines.md) built independently: bytes that
// are plain printable ASCII as text, anything else as base64 (a reader takes either).
inline void putBytes(QJsonObject &o, const QString &name, const std::optional<QByteArray> &bytes)
{
    if (!bytes) {
        o.insert(name, QJsonValue());
        return;
    }
    bool ascii = true;
    for (const char c : *bytes)
        ascii = ascii && c >= 0x20 && c < 0x7f;
    if (ascii)
        o.insert(name, QString::fromLatin1(*bytes));
    else
        o.insert(name + QStringLiteral("_base64"), QString::fromLatin1(bytes->toBase64()));
}

inline QByteArray cliInput(const std::vector<OutgoingRecord> &records)
{
    QByteArray out;
    for (const OutgoingRecord &r : records) {
        QJsonObject o;
        putBytes(o, QStringLiteral("key"), r.key);
        putBytes(o, QStringLiteral("value"), r.value);
        QJsonArray headers;
        for (const Header &h : r.headers) {
            QJsonObject one;
            putBytes(one, QStringLiteral("key"), h.key);
            putBytes(one, QStringLiteral("value"), h.value);
            headers.append(one);
        }
        o.insert(QStringLiteral("headers"), headers);
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

// The bytes of `name` / `name`_base64 in a consumed line; `ok` false if the line breaks the
// schema (both names, or neither). Read with nlohmann::json: QJsonDocument drops a U+FEFF
// that starts a string (Qt's UTF-8 decoder skips an initial BOM), so it cannot check bytes.
inline std::optional<QByteArray> takeBytes(const nlohmann::json &o, const std::string &name, bool &ok)
{
    const std::string b64 = name + "_base64";
    if (o.contains(name) == o.contains(b64)) {
        ok = false;
        return std::nullopt;
    }
    if (o.contains(b64))
        return QByteArray::fromBase64(QByteArray::fromStdString(o.at(b64).get<std::string>()));
    const nlohmann::json &v = o.at(name);
    if (v.is_null())
        return std::nullopt;
    return QByteArray::fromStdString(v.get<std::string>());
}

// What `consume` printed, as records (key, value, headers); an empty vector plus a warning
// if a line breaks the schema.
inline std::vector<OutgoingRecord> parseConsumed(const QByteArray &out)
{
    std::vector<OutgoingRecord> records;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        const auto o = nlohmann::json::parse(line.constBegin(), line.constEnd(), nullptr, false);
        if (o.is_discarded() || !o.is_object()) {
            qWarning("unparsable consume line: %s", line.left(300).constData());
            return {};
        }
        bool ok = true;
        OutgoingRecord r;
        r.key = takeBytes(o, "key", ok);
        r.value = takeBytes(o, "value", ok); // null stays null (a tombstone)
        for (const nlohmann::json &h : o.value("headers", nlohmann::json::array())) {
            Header header;
            header.key = takeBytes(h, "key", ok).value_or(QByteArray("<null>"));
            header.value = takeBytes(h, "value", ok);
            r.headers.push_back(header);
        }
        if (!ok) {
            qWarning("a consume line breaks the schema: %s", line.left(300).constData());
            return {};
        }
        records.push_back(std::move(r));
    }
    return records;
}

inline std::vector<OutgoingRecord> fetchAll(Backend &backend, const QString &topic, size_t expected)
{
    std::vector<OutgoingRecord> out;
    qint64 offset = 0;
    while (out.size() < expected) {
        const auto batch = backend.fetch({topic, 0}, offset, 16);
        if (!batch) {
            qWarning("fetch: %s", qPrintable(batch.error().toString()));
            break;
        }
        if (batch->empty())
            break;
        for (const Record &r : *batch) {
            out.push_back({r.key, r.value, r.headers, -1, 0});
            offset = r.offset + 1;
        }
    }
    return out;
}

// Byte-for-byte comparison that names the first difference without printing megabytes.
inline bool sameRecords(const std::vector<OutgoingRecord> &actual, const std::vector<OutgoingRecord> &expected,
                        const char *path)
{
    if (actual.size() != expected.size()) {
        qWarning("%s: %zu records, expected %zu", path, actual.size(), expected.size());
        return false;
    }
    for (size_t i = 0; i < actual.size(); ++i) {
        const OutgoingRecord &a = actual[i];
        const OutgoingRecord &e = expected[i];
        if (a.key != e.key) {
            qWarning("%s: record %zu: key %s, expected %s", path, i,
                     a.key ? a.key->left(40).toHex().constData() : "null",
                     e.key ? e.key->left(40).toHex().constData() : "null");
            return false;
        }
        if (a.value != e.value) {
            qWarning("%s: record %zu: value of %lld bytes%s differs from the %lld%s produced", path, i,
                     qlonglong(payloadSize(a.value)), a.value ? "" : " (null)", qlonglong(payloadSize(e.value)),
                     e.value ? "" : " (null)");
            return false;
        }
        if (a.headers != e.headers) {
            qWarning("%s: record %zu: %zu headers differ from the %zu produced", path, i, a.headers.size(),
                     e.headers.size());
            for (size_t h = 0; h < std::max(a.headers.size(), e.headers.size()); ++h) {
                const auto show = [](const std::vector<Header> &hs, size_t k) {
                    if (k >= hs.size())
                        return QByteArray("-");
                    return hs[k].key.toHex() + '=' + (hs[k].value ? hs[k].value->toHex() : QByteArray("null"));
                };
                qWarning("  header %zu: %s, expected %s", h, show(a.headers, h).constData(),
                         show(e.headers, h).constData());
            }
            return false;
        }
    }
    return true;
}

} // namespace tidemark::test
