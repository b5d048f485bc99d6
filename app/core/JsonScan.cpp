#include "core/JsonScan.h"

#include <charconv>
#include <cstring>

namespace tidemark::jsonscan {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

qsizetype skipSpace(QByteArrayView json, qsizetype pos)
{
    while (pos < json.size() && isSpace(json[pos]))
        ++pos;
    return pos;
}

// `pos` at the opening quote: one past the closing quote, or -1.
qsizetype skipString(QByteArrayView json, qsizetype pos)
{
    const char *data = json.data();
    const qsizetype size = json.size();
    ++pos;
    while (pos < size) {
        const char c = data[pos];
        if (c == '"')
            return pos + 1;
        if (c == '\\')
            pos += 2;
        else
            ++pos;
    }
    return -1;
}

bool isScalarEnd(char c) { return c == ',' || c == '}' || c == ']' || c == ':' || isSpace(c); }

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xc0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.append(char(0xe0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else {
        out.append(char(0xf0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3f)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    }
}

// The member name at `pos` (an opening quote) equals `name`? `end` receives one past the
// closing quote (-1 if malformed).
bool nameEquals(QByteArrayView json, qsizetype pos, const QByteArray &name, qsizetype *end)
{
    *end = skipString(json, pos);
    if (*end < 0)
        return false;
    const QByteArrayView raw = json.sliced(pos + 1, *end - pos - 2);
    if (!raw.contains('\\'))
        return raw == QByteArrayView(name);
    const auto decoded = decodeString(json.sliced(pos, *end - pos));
    return decoded && *decoded == name;
}

// Visits the values at path[seg..] inside the value starting at `pos`. Recursion depth is
// bounded by the path's length (skipping is iterative).
bool visitAt(QByteArrayView json, qsizetype pos, const std::vector<PathSegment> &path, size_t seg,
             const std::function<bool(QByteArrayView)> &visit)
{
    if (seg == path.size()) {
        const qsizetype end = skipValue(json, pos);
        return end >= 0 && visit(json.sliced(pos, end - pos));
    }
    const PathSegment &segment = path[seg];
    if (segment.kind == PathSegment::Kind::Member) {
        if (pos >= json.size() || json[pos] != '{')
            return false;
        pos = skipSpace(json, pos + 1);
        if (pos < json.size() && json[pos] == '}')
            return false;
        while (pos < json.size()) {
            if (json[pos] != '"')
                return false;
            qsizetype nameEnd = -1;
            const bool match = nameEquals(json, pos, segment.name, &nameEnd);
            if (nameEnd < 0)
                return false;
            pos = skipSpace(json, nameEnd);
            if (pos >= json.size() || json[pos] != ':')
                return false;
            pos = skipSpace(json, pos + 1);
            if (match && visitAt(json, pos, path, seg + 1, visit))
                return true;
            pos = skipValue(json, pos);
            if (pos < 0)
                return false;
            pos = skipSpace(json, pos);
            if (pos >= json.size() || json[pos] != ',')
                return false; // '}' (done) or malformed
            pos = skipSpace(json, pos + 1);
        }
        return false;
    }
    if (pos >= json.size() || json[pos] != '[')
        return false;
    pos = skipSpace(json, pos + 1);
    if (pos < json.size() && json[pos] == ']')
        return false;
    for (int index = 0; pos < json.size(); ++index) {
        const bool wanted = segment.kind == PathSegment::Kind::AnyIndex || index == segment.index;
        if (wanted && visitAt(json, pos, path, seg + 1, visit))
            return true;
        if (segment.kind == PathSegment::Kind::Index && index >= segment.index)
            return false;
        pos = skipValue(json, pos);
        if (pos < 0)
            return false;
        pos = skipSpace(json, pos);
        if (pos >= json.size() || json[pos] != ',')
            return false;
        pos = skipSpace(json, pos + 1);
    }
    return false;
}

} // namespace

ValueType typeOf(QByteArrayView text)
{
    if (text.isEmpty())
        return ValueType::Invalid;
    switch (text[0]) {
    case '"': return ValueType::String;
    case '{': return ValueType::Object;
    case '[': return ValueType::Array;
    case 'n': return text == QByteArrayView("null") ? ValueType::Null : ValueType::Invalid;
    case 't': return text == QByteArrayView("true") ? ValueType::Bool : ValueType::Invalid;
    case 'f': return text == QByteArrayView("false") ? ValueType::Bool : ValueType::Invalid;
    default: return parseNumber(text) ? ValueType::Number : ValueType::Invalid;
    }
}

qsizetype skipValue(QByteArrayView json, qsizetype pos)
{
    if (pos < 0 || pos >= json.size())
        return -1;
    const char first = json[pos];
    if (first == '"')
        return skipString(json, pos);
    if (first == '{' || first == '[') {
        // Brackets are counted, strings skipped whole; which closing bracket closes which
        // opening one is not checked (lenient, and no stack needed).
        int depth = 0;
        while (pos < json.size()) {
            const char c = json[pos];
            if (c == '"') {
                pos = skipString(json, pos);
                if (pos < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return pos + 1;
            }
            ++pos;
        }
        return -1;
    }
    if (first == '}' || first == ']' || isScalarEnd(first))
        return -1;
    const qsizetype start = pos;
    while (pos < json.size() && !isScalarEnd(json[pos]))
        ++pos;
    return pos > start ? pos : -1;
}

bool forEachAtPath(QByteArrayView json, const std::vector<PathSegment> &path,
                   const std::function<bool(QByteArrayView)> &visit)
{
    const qsizetype pos = skipSpace(json, 0);
    if (pos >= json.size())
        return false;
    return visitAt(json, pos, path, 0, visit);
}

std::optional<QByteArray> decodeString(QByteArrayView text)
{
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return std::nullopt;
    const QByteArrayView body = text.sliced(1, text.size() - 2);
    QByteArray out;
    out.reserve(body.size());
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '"')
            return std::nullopt;
        if (c != '\\') {
            out.append(c);
            continue;
        }
        if (++i >= body.size())
            return std::nullopt;
        switch (body[i]) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': {
            auto readHex4 = [&body](qsizetype at) -> int {
                if (at + 4 > body.size())
                    return -1;
                int value = 0;
                for (qsizetype k = at; k < at + 4; ++k) {
                    const int d = hexDigit(body[k]);
                    if (d < 0)
                        return -1;
                    value = value * 16 + d;
                }
                return value;
            };
            const int unit = readHex4(i + 1);
            if (unit < 0)
                return std::nullopt;
            i += 4;
            char32_t cp = char32_t(unit);
            if (unit >= 0xd800 && unit <= 0xdbff && i + 2 < body.size() && body[i + 1] == '\\' && body[i + 2] == 'u') {
                const int low = readHex4(i + 3);
                if (low >= 0xdc00 && low <= 0xdfff) {
                    cp = 0x10000 + ((char32_t(unit) - 0xd800) << 10) + (char32_t(low) - 0xdc00);
                    i += 6;
                }
            }
            if (cp >= 0xd800 && cp <= 0xdfff)
                cp = 0xfffd; // a lone surrogate: the replacement character, as decoders do
            appendUtf8(out, cp);
            break;
        }
        default: return std::nullopt;
        }
    }
    return out;
}

std::optional<double> parseNumber(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    const char first = text[0];
    if (first != '-' && (first < '0' || first > '9'))
        return std::nullopt;
    double value = 0;
    const char *begin = text.data();
    const char *end = begin + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace tidemark::jsonscan
