#include "core/JsonScan.h"

#include <charconv>
#include <cstring>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define TIDEMARK_JSONSCAN_SSE2 1
#include <emmintrin.h>
#endif

namespace tidemark::jsonscan {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

qsizetype skipSpace(QByteArrayView json, qsizetype pos)
{
    while (pos < json.size() && isSpace(json[pos]))
        ++pos;
    return pos;
}

#ifdef TIDEMARK_JSONSCAN_SSE2
int countTrailingZeros(unsigned mask) { return __builtin_ctz(mask); }

// Bits set in a 16-bit mask, inline (__builtin_popcount is a libgcc call without -mpopcnt).
int popcount16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0f0fu;
    return int((x + (x >> 8)) & 0x1fu);
}
#endif

// The first position at or after `pos` holding a quote or a backslash, or `size`.
qsizetype findQuoteOrBackslash(const char *data, qsizetype pos, qsizetype size)
{
#ifdef TIDEMARK_JSONSCAN_SSE2
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; pos + 16 <= size; pos += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + pos));
        const unsigned mask =
            unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
        if (mask)
            return pos + countTrailingZeros(mask);
    }
#endif
    while (pos < size && data[pos] != '"' && data[pos] != '\\')
        ++pos;
    return pos;
}

// `pos` at an opening bracket ({ or [): one past the bracket that closes it, or -1. Brackets
// are counted outside strings; which closing bracket closes which opening one is not checked
// (lenient, and no stack needed). A backslash in a string escapes the byte after it.
//
// With SSE2, 16 bytes at a time while a block has no backslash (JSON without escapes, the
// common case): the quotes' prefix parity says which bytes lie inside strings, and a block
// whose closing brackets cannot bring the depth to 0 is taken whole. Blocks with a backslash,
// and the last bytes, go one byte at a time; both ways give the same answer.
qsizetype skipContainer(const char *data, qsizetype pos, qsizetype size)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false; // the previous byte was a backslash inside a string
    while (pos < size) {
#ifdef TIDEMARK_JSONSCAN_SSE2
        if (!escaped && pos + 16 <= size) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + pos));
            if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))) == 0) {
                // Bit i of `inside`: byte i is inside a string (odd number of quotes up to it,
                // counting the state the block starts in).
                unsigned inside = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
                inside ^= inside << 1;
                inside ^= inside << 2;
                inside ^= inside << 4;
                inside ^= inside << 8;
                if (inString)
                    inside = ~inside;
                inside &= 0xffffu;
                // '[' | 0x20 == '{' and ']' | 0x20 == '}' (no other byte maps onto them).
                const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
                const unsigned opens =
                    unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')))) & ~inside;
                const unsigned closes =
                    unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(folded, _mm_set1_epi8('}')))) & ~inside;
                inString = (inside >> 15) & 1u;
                if (depth > popcount16(closes)) {
                    depth += popcount16(opens) - popcount16(closes);
                } else {
                    for (unsigned brackets = opens | closes; brackets; brackets &= brackets - 1) {
                        const unsigned bit = brackets & (0u - brackets);
                        if (opens & bit)
                            ++depth;
                        else if (--depth == 0)
                            return pos + countTrailingZeros(bit) + 1;
                    }
                }
                pos += 16;
                continue;
            }
        }
#endif
        const char c = data[pos++];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return pos;
        }
    }
    return -1;
}

// `pos` at the opening quote: one past the closing quote, or -1. A backslash escapes the
// byte after it, whatever it is.
qsizetype skipString(QByteArrayView json, qsizetype pos)
{
    const char *data = json.data();
    const qsizetype size = json.size();
    ++pos;
    for (;;) {
        pos = findQuoteOrBackslash(data, pos, size);
        if (pos >= size)
            return -1;
        if (data[pos] == '"')
            return pos + 1;
        pos += 2;
    }
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
    // An escape decodes to fewer bytes than its text (a newline from two, an accented letter
    // from six): a name shorter than `name` cannot be it, one as long is it exactly when the
    // bytes are equal (an escape in it would make it shorter), only a longer one is decoded.
    if (raw.size() < name.size())
        return false;
    if (raw.size() == name.size())
        return raw == QByteArrayView(name) && !raw.contains('\\');
    if (!raw.contains('\\'))
        return false;
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
    if (first == '{' || first == '[')
        return skipContainer(json.data(), pos, json.size());
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
