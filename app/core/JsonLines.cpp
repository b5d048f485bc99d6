#include "core/JsonLines.h"
#include "core/Order.h"

#include "core/RecordFormat.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace tidemark {

namespace {

using json = nlohmann::ordered_json;

// Messages are for the command line, which speaks English (no catalogue entries).
// Puts `bytes` under `name` when they are text, under `name`_base64 when not, and as
// `name`: null when null. Exactly one of the two names appears.
void putBytes(json &j, const std::string &name, const std::optional<QByteArray> &bytes)
{
    if (!bytes) {
        j[name] = nullptr;
    } else if (exactUtf8Text(*bytes)) {
        j[name] = bytes->toStdString();
    } else {
        j[name + "_base64"] = bytes->toBase64().toStdString();
    }
}

json headersJson(const std::vector<Header> &headers)
{
    json list = json::array();
    for (const Header &h : headers) {
        json one = json::object();
        putBytes(one, "key", h.key);
        putBytes(one, "value", h.value);
        list.push_back(std::move(one));
    }
    return list;
}

Error invalid(const QString &message) { return Error(ErrorCode::InvalidArgument, message); }

// Reads `name` / `name`_base64 of `o`. `present` tells whether either was there.
Result<std::optional<QByteArray>> takeBytes(const json &o, const std::string &name, bool &present)
{
    const auto text = o.find(name);
    const auto base64 = o.find(name + "_base64");
    present = text != o.end() || base64 != o.end();
    if (text != o.end() && base64 != o.end())
        return invalid(
            QStringLiteral("give either \"%1\" or \"%1_base64\", not both").arg(QString::fromStdString(name)));
    if (text != o.end()) {
        if (text->is_null())
            return std::optional<QByteArray>();
        if (!text->is_string())
            return invalid(QStringLiteral("\"%1\" must be a string or null").arg(QString::fromStdString(name)));
        return std::optional<QByteArray>(QByteArray::fromStdString(text->get<std::string>()));
    }
    if (base64 != o.end()) {
        if (!base64->is_string())
            return invalid(QStringLiteral("\"%1_base64\" must be a string").arg(QString::fromStdString(name)));
        const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(base64->get<std::string>()),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return invalid(QStringLiteral("\"%1_base64\" is not valid base64").arg(QString::fromStdString(name)));
        return std::optional<QByteArray>(decoded.decoded);
    }
    return std::optional<QByteArray>();
}

Status checkFields(const json &o, std::initializer_list<const char *> allowed, const QString &where)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char *a : allowed)
            known = known || it.key() == a;
        if (!known)
            return invalid(QStringLiteral("unknown field \"%1\"%2").arg(QString::fromStdString(it.key()), where));
    }
    return {};
}

} // namespace

QByteArray recordToJsonLine(const Record &record)
{
    json j;
    j["topic"] = record.topic.toStdString();
    j["partition"] = record.partition;
    j["offset"] = record.offset;
    j["timestamp"] = record.timestampMs;
    putBytes(j, "key", record.key);
    putBytes(j, "value", record.value);
    j["headers"] = headersJson(record.headers);
    // Every string put above is valid UTF-8 (exactUtf8Text), so strict never throws.
    return QByteArray::fromStdString(j.dump()) + '\n';
}

QByteArray csvHeaderLine()
{
    return QByteArrayLiteral("topic,partition,offset,timestamp,key,key_encoding,value,value_encoding,headers\r\n");
}

QByteArray recordToCsvLine(const Record &record)
{
    // RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled.
    auto field = [](const QByteArray &text) {
        if (!text.contains(',') && !text.contains('"') && !text.contains('\r') && !text.contains('\n'))
            return text;
        QByteArray quoted = text;
        quoted.replace('"', QByteArrayLiteral("\"\""));
        return '"' + quoted + '"';
    };
    auto bytes = [&field](const std::optional<QByteArray> &b) -> QByteArray {
        if (!b)
            return QByteArrayLiteral(",null");
        if (exactUtf8Text(*b))
            return field(*b) + QByteArrayLiteral(",text");
        return b->toBase64() + QByteArrayLiteral(",base64");
    };
    QByteArray line = field(record.topic.toUtf8());
    line += ',' + QByteArray::number(record.partition) + ',' + QByteArray::number(record.offset) + ',' +
            QByteArray::number(record.timestampMs) + ',';
    line += bytes(record.key) + ',' + bytes(record.value) + ',';
    line += field(QByteArray::fromStdString(headersJson(record.headers).dump()));
    return line + QByteArrayLiteral("\r\n");
}

Result<OutgoingRecord> outgoingRecordFromJsonLine(const QByteArray &line)
{
    // A raw NUL is never JSON, but nlohmann's lexer takes it for the end of the input and would
    // drop what follows.
    if (const qsizetype nul = line.indexOf('\0'); nul >= 0)
        return invalid(QStringLiteral("malformed JSON (a NUL byte at byte %1)").arg(nul + 1));
    json o;
    try {
        o = json::parse(line.constBegin(), line.constEnd());
    } catch (const json::parse_error &e) {
        return invalid(QStringLiteral("malformed JSON (byte %1)").arg(e.byte));
    } catch (const json::exception &e) { // a number no double holds (found by fuzz_json_lines)
        return invalid(jsonNumberOutOfRange(e));
    }
    if (!o.is_object())
        return invalid(QStringLiteral("a record line must be a JSON object"));
    if (auto s = checkFields(
            o, {"topic", "partition", "offset", "timestamp", "key", "key_base64", "value", "value_base64", "headers"},
            QString());
        !s)
        return s.error();
    OutgoingRecord out;
    bool present = false;
    auto key = takeBytes(o, "key", present);
    if (!key)
        return key.error();
    out.key = std::move(key).value();
    auto value = takeBytes(o, "value", present);
    if (!value)
        return value.error();
    if (!present)
        return invalid(QStringLiteral("the line has no \"value\" or \"value_base64\""));
    out.value = std::move(value).value(); // "value": null is a tombstone
    if (const auto p = o.find("partition"); p != o.end() && !p->is_null()) {
        if (!p->is_number_integer() || p->get<qint64>() < 0 || p->get<qint64>() > std::numeric_limits<int>::max())
            return invalid(QStringLiteral("\"partition\" must be a non-negative integer"));
        out.partition = static_cast<int>(p->get<qint64>());
    }
    if (const auto t = o.find("timestamp"); t != o.end() && !t->is_null()) {
        if (!t->is_number_integer() || t->get<qint64>() < 0)
            return invalid(QStringLiteral("\"timestamp\" must be a non-negative integer (ms since the epoch)"));
        out.timestampMs = t->get<qint64>();
    }
    if (const auto h = o.find("headers"); h != o.end() && !h->is_null()) {
        if (!h->is_array())
            return invalid(QStringLiteral("\"headers\" must be an array of {\"key\": ..., \"value\": ...}"));
        for (size_t i = 0; i < h->size(); ++i) {
            const json &one = (*h)[i];
            const QString where = QStringLiteral(" in header %1").arg(i + 1);
            if (!one.is_object())
                return invalid(QStringLiteral("header %1 must be an object").arg(i + 1));
            if (auto s = checkFields(one, {"key", "key_base64", "value", "value_base64"}, where); !s)
                return s.error();
            Header header;
            auto hk = takeBytes(one, "key", present);
            if (!hk)
                return Error(hk.error().code, hk.error().message + where);
            if (!present || !hk->has_value())
                return invalid(QStringLiteral("header %1 has no key (a header key cannot be null)").arg(i + 1));
            header.key = std::move(**hk);
            auto hv = takeBytes(one, "value", present);
            if (!hv)
                return Error(hv.error().code, hv.error().message + where);
            header.value = std::move(hv).value();
            out.headers.push_back(std::move(header));
        }
    }
    return out;
}

} // namespace tidemark
