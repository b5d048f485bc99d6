#include "core/RecordFilter.h"

#include "core/ByteSearch.h"
#include "core/JsonScan.h"
#include "core/Partitioner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace tidemark {

namespace {

enum class Field { Key, Value, Header, Partition, Offset, Timestamp, Size, KeyOrValue };
enum class Op { Exists, IsNull, IsEmpty, Eq, Lt, Le, Gt, Ge, Contains, Matches };

struct Literal {
    enum class Type { None, Bytes, Number, Bool, Null, Regex, Interval };
    Type type = Type::None;
    QByteArray bytes;
    double number = 0;
    bool boolean = false;
    QRegularExpression regex;
    qint64 low = 0, high = 0; // Interval: [low, high)
};

struct Test {
    Field field = Field::Key;
    std::vector<jsonscan::PathSegment> path; // Key/Value: a JSON path when not empty
    QByteArray headerName;
    Op op = Op::Exists;
    Literal literal;
    ByteFinder finder;   // Contains
    quint32 keyHash = 0; // Key == bytes: murmur2 of the bytes, for summaries
};

} // namespace

struct RecordFilter::Node {
    enum class Kind { And, Or, Not, Test };
    Kind kind = Kind::Test;
    std::vector<std::unique_ptr<Node>> children;
    tidemark::Test test;
};

namespace {

using Node = RecordFilter::Node;

// ---------------------------------------------------------------------------------------
// Lexer

enum class Tok {
    End,
    Ident,
    String,
    Regex,
    Number,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
    Comma,
    Star,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Tilde,
    NotTilde,
    AndAnd,
    OrOr,
    Bang
};

struct Token {
    Tok kind = Tok::End;
    int pos = 0;
    int length = 0;
    QString text;     // Ident: the name; Regex: the pattern; Number: the digits
    QByteArray bytes; // String: the bytes
    QString flags;    // Regex
};

struct Failure {
    FilterError error;
};

[[noreturn]] void fail(int pos, int length, const QString &message)
{
    throw Failure{FilterError{pos, std::max(1, length), message}};
}

bool isIdentStart(QChar c) { return c.isLetter() || c == QLatin1Char('_'); }
bool isIdentChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }
bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

class Lexer {
public:
    explicit Lexer(const QString &text) : m_text(text) {}

    int size() const { return int(m_text.size()); }
    QChar at(int pos) const { return pos < size() ? m_text.at(pos) : QChar(); }
    int skipSpace(int pos) const
    {
        while (pos < size() && m_text.at(pos).isSpace())
            ++pos;
        return pos;
    }

    Token lex(int pos) const
    {
        pos = skipSpace(pos);
        Token t;
        t.pos = pos;
        if (pos >= size()) {
            t.kind = Tok::End;
            return t;
        }
        const QChar c = m_text.at(pos);
        auto single = [&](Tok kind, int length = 1) {
            t.kind = kind;
            t.length = length;
            return t;
        };
        const QChar n = at(pos + 1);
        switch (c.unicode()) {
        case '(': return single(Tok::LParen);
        case ')': return single(Tok::RParen);
        case '[': return single(Tok::LBracket);
        case ']': return single(Tok::RBracket);
        case '.': return single(Tok::Dot);
        case ',': return single(Tok::Comma);
        case '*': return single(Tok::Star);
        case '~': return single(Tok::Tilde);
        case '=':
            if (n == QLatin1Char('='))
                return single(Tok::Eq, 2);
            fail(
                pos, 1,
                QCoreApplication::translate("tidemark::RecordFilter", "'=' is not an operator: write '==' to compare"));
        case '!':
            if (n == QLatin1Char('='))
                return single(Tok::Ne, 2);
            if (n == QLatin1Char('~'))
                return single(Tok::NotTilde, 2);
            return single(Tok::Bang);
        case '<': return n == QLatin1Char('=') ? single(Tok::Le, 2) : single(Tok::Lt);
        case '>': return n == QLatin1Char('=') ? single(Tok::Ge, 2) : single(Tok::Gt);
        case '&':
            if (n == QLatin1Char('&'))
                return single(Tok::AndAnd, 2);
            fail(pos, 1,
                 QCoreApplication::translate("tidemark::RecordFilter", "'&' is not an operator: write '&&' or 'and'"));
        case '|':
            if (n == QLatin1Char('|'))
                return single(Tok::OrOr, 2);
            fail(pos, 1,
                 QCoreApplication::translate("tidemark::RecordFilter", "'|' is not an operator: write '||' or 'or'"));
        case '"':
        case '\'': return lexString(pos);
        case '/': return lexRegex(pos);
        default: break;
        }
        if (isDigit(c) || (c == QLatin1Char('-') && isDigit(n)))
            return lexNumber(pos);
        if (isIdentStart(c)) {
            int end = pos + 1;
            while (end < size() && isIdentChar(m_text.at(end)))
                ++end;
            t.kind = Tok::Ident;
            t.length = end - pos;
            t.text = m_text.mid(pos, t.length);
            return t;
        }
        fail(pos, 1, QCoreApplication::translate("tidemark::RecordFilter", "unexpected character '%1'").arg(c));
    }

    // A header name after "header.": letters, digits and _ - . : / (header names are flat).
    Token lexHeaderName(int pos) const
    {
        int end = pos;
        while (end < size()) {
            const QChar c = m_text.at(end);
            if (!(isIdentChar(c) || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QLatin1Char(':') ||
                  c == QLatin1Char('/')))
                break;
            ++end;
        }
        Token t;
        t.pos = pos;
        t.kind = Tok::Ident;
        t.length = end - pos;
        t.text = m_text.mid(pos, t.length);
        return t;
    }

private:
    Token lexString(int pos) const
    {
        const QChar quote = m_text.at(pos);
        Token t;
        t.kind = Tok::String;
        t.pos = pos;
        int i = pos + 1;
        QByteArray bytes;
        auto hexValue = [this](int at, int digits) -> int {
            if (at + digits > size())
                return -1;
            int value = 0;
            for (int k = at; k < at + digits; ++k) {
                const char16_t c = m_text.at(k).unicode();
                const int d = (c >= u'0' && c <= u'9')   ? c - u'0'
                              : (c >= u'a' && c <= u'f') ? c - u'a' + 10
                              : (c >= u'A' && c <= u'F') ? c - u'A' + 10
                                                         : -1;
                if (d < 0)
                    return -1;
                value = value * 16 + d;
            }
            return value;
        };
        while (true) {
            if (i >= size())
                fail(pos, 1,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "the string that starts here is not closed (missing %1)")
                         .arg(quote));
            const QChar c = m_text.at(i);
            if (c == quote)
                break;
            if (c != QLatin1Char('\\')) {
                // One character (or a surrogate pair) as UTF-8.
                const int length = (c.isHighSurrogate() && i + 1 < size() && m_text.at(i + 1).isLowSurrogate()) ? 2 : 1;
                bytes.append(m_text.mid(i, length).toUtf8());
                i += length;
                continue;
            }
            const QChar e = at(i + 1);
            switch (e.unicode()) {
            case '"':
            case '\'':
            case '\\':
            case '/':
                bytes.append(char(e.unicode()));
                i += 2;
                break;
            case 'n':
                bytes.append('\n');
                i += 2;
                break;
            case 'r':
                bytes.append('\r');
                i += 2;
                break;
            case 't':
                bytes.append('\t');
                i += 2;
                break;
            case '0':
                bytes.append('\0');
                i += 2;
                break;
            case 'x': {
                const int value = hexValue(i + 2, 2);
                if (value < 0)
                    fail(i, 2,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "'\\x' must be followed by two hex digits (\\xff)"));
                bytes.append(char(value));
                i += 4;
                break;
            }
            case 'u': {
                const int value = hexValue(i + 2, 4);
                if (value < 0)
                    fail(i, 2,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "'\\u' must be followed by four hex digits (\\u00e9)"));
                bytes.append(QString(QChar(char16_t(value))).toUtf8());
                i += 6;
                break;
            }
            default:
                fail(i, 2,
                     QCoreApplication::translate(
                         "tidemark::RecordFilter",
                         "unknown escape '\\%1' (known: \\\" \\' \\\\ \\/ \\n \\r \\t \\0 \\xHH \\uHHHH)")
                         .arg(e.isNull() ? QString() : QString(e)));
            }
        }
        t.length = i + 1 - pos;
        t.bytes = bytes;
        return t;
    }

    Token lexRegex(int pos) const
    {
        Token t;
        t.kind = Tok::Regex;
        t.pos = pos;
        int i = pos + 1;
        QString pattern;
        while (true) {
            if (i >= size())
                fail(pos, 1,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "the regular expression that starts here is not closed (missing /)"));
            const QChar c = m_text.at(i);
            if (c == QLatin1Char('/'))
                break;
            if (c == QLatin1Char('\\') && at(i + 1) == QLatin1Char('/')) {
                pattern.append(QLatin1Char('/'));
                i += 2;
                continue;
            }
            if (c == QLatin1Char('\\') && i + 1 < size()) {
                pattern.append(c);
                pattern.append(m_text.at(i + 1));
                i += 2;
                continue;
            }
            pattern.append(c);
            ++i;
        }
        ++i; // the closing slash
        const int flagsStart = i;
        while (i < size() && m_text.at(i).isLetter())
            ++i;
        t.flags = m_text.mid(flagsStart, i - flagsStart);
        for (int k = 0; k < t.flags.size(); ++k) {
            const QChar f = t.flags.at(k);
            if (f != QLatin1Char('i') && f != QLatin1Char('s') && f != QLatin1Char('m'))
                fail(flagsStart + k, 1,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "unknown regular expression flag '%1' (known: i, s, m)")
                         .arg(f));
        }
        t.text = pattern;
        t.length = i - pos;
        return t;
    }

    Token lexNumber(int pos) const
    {
        static const QRegularExpression number(QStringLiteral("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?"));
        const auto m =
            number.match(m_text, pos, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        Token t;
        t.kind = Tok::Number;
        t.pos = pos;
        t.length = int(m.capturedLength());
        t.text = m.captured();
        if (t.pos + t.length < size() && isIdentChar(m_text.at(t.pos + t.length)))
            fail(pos, t.length + 1,
                 QCoreApplication::translate("tidemark::RecordFilter", "'%1' is not a number")
                     .arg(m_text.mid(pos, t.length + 1)));
        return t;
    }

    const QString &m_text;
};

// ---------------------------------------------------------------------------------------
// Times: "2026-12-06", "2026-12-06 10:00", "...:05", "...:05.250", with "Z" or "+01:00" for
// an explicit offset; else in the filter's zone. The result is the span the text names.

std::optional<std::pair<qint64, qint64>> parseTimeSpan(const QString &text, const QTimeZone &zone)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{4})-(\\d{2})-(\\d{2})"
                                                      "(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?)?"
                                                      "\\s*(Z|[+-]\\d{2}:?\\d{2})?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    int hour = 0, minute = 0, second = 0, ms = 0;
    qint64 span = 86'400'000;
    if (m.hasCaptured(4)) {
        hour = m.captured(4).toInt();
        minute = m.captured(5).toInt();
        span = 60'000;
        if (m.hasCaptured(6)) {
            second = m.captured(6).toInt();
            span = 1000;
            if (m.hasCaptured(7)) {
                QString digits = m.captured(7);
                span = digits.size() == 1 ? 100 : digits.size() == 2 ? 10 : 1;
                ms = digits.leftJustified(3, QLatin1Char('0')).toInt();
            }
        }
    }
    const QTime time(hour, minute, second, ms);
    if (!time.isValid())
        return std::nullopt;
    QTimeZone effective = zone;
    if (m.hasCaptured(8)) {
        const QString offset = m.captured(8);
        int seconds = 0;
        if (offset != QLatin1String("Z")) {
            QString digits = offset.mid(1);
            digits.remove(QLatin1Char(':'));
            seconds = (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60) *
                      (offset.startsWith(QLatin1Char('-')) ? -1 : 1);
        }
        effective = QTimeZone(seconds);
    }
    const QDateTime start(date, time, effective);
    if (!start.isValid())
        return std::nullopt;
    const qint64 low = start.toMSecsSinceEpoch();
    // A day is midnight to midnight in the zone (23 or 25 hours across a DST change).
    const qint64 high =
        span == 86'400'000 ? QDateTime(date.addDays(1), QTime(0, 0), effective).toMSecsSinceEpoch() : low + span;
    return std::make_pair(low, high);
}

// ---------------------------------------------------------------------------------------
// Parser

constexpr int kMaxDepth = 100;

class Parser {
public:
    Parser(const QString &text, const FilterOptions &options) : m_lexer(text), m_options(options) {}

    std::unique_ptr<Node> parseAll()
    {
        auto node = parseOr(0);
        const Token t = peek();
        if (t.kind != Tok::End) {
            if (t.kind == Tok::RParen)
                fail(t.pos, 1, QCoreApplication::translate("tidemark::RecordFilter", "')' without a matching '('"));
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter",
                                             "expected 'and', 'or' or the end of the filter, found %1")
                     .arg(describe(t)));
        }
        return node;
    }

private:
    Token peek() { return m_lexer.lex(m_pos); }
    Token next()
    {
        Token t = peek();
        m_pos = t.pos + t.length;
        return t;
    }
    static bool isKeyword(const Token &t, const char *word)
    {
        return t.kind == Tok::Ident && t.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    bool acceptKeyword(const char *word)
    {
        if (!isKeyword(peek(), word))
            return false;
        next();
        return true;
    }
    QString describe(const Token &t) const
    {
        if (t.kind == Tok::End)
            return QCoreApplication::translate("tidemark::RecordFilter", "the end of the filter");
        return QLatin1Char('\'') + tokenText(t) + QLatin1Char('\'');
    }
    QString tokenText(const Token &t) const
    {
        QString s;
        for (int i = t.pos; i < t.pos + t.length && i < m_lexer.size(); ++i)
            s.append(m_lexer.at(i));
        return s.size() > 40 ? s.left(40) + QStringLiteral("…") : s;
    }

    static std::unique_ptr<Node> make(Node::Kind kind)
    {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        return node;
    }
    static std::unique_ptr<Node> negate(std::unique_ptr<Node> node)
    {
        auto n = make(Node::Kind::Not);
        n->children.push_back(std::move(node));
        return n;
    }

    void checkDepth(int depth, const Token &t)
    {
        if (depth > kMaxDepth)
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter",
                                             "the filter is nested too deeply (more than %1 levels)")
                     .arg(kMaxDepth));
    }

    std::unique_ptr<Node> parseOr(int depth)
    {
        auto first = parseAnd(depth);
        if (!isOr(peek()))
            return first;
        auto node = make(Node::Kind::Or);
        node->children.push_back(std::move(first));
        while (isOr(peek())) {
            next();
            node->children.push_back(parseAnd(depth));
        }
        return node;
    }
    static bool isOr(const Token &t) { return t.kind == Tok::OrOr || isKeyword(t, "or"); }
    static bool isAnd(const Token &t) { return t.kind == Tok::AndAnd || isKeyword(t, "and"); }

    std::unique_ptr<Node> parseAnd(int depth)
    {
        auto first = parseNot(depth);
        if (!isAnd(peek()))
            return first;
        auto node = make(Node::Kind::And);
        node->children.push_back(std::move(first));
        while (isAnd(peek())) {
            next();
            node->children.push_back(parseNot(depth));
        }
        return node;
    }

    std::unique_ptr<Node> parseNot(int depth)
    {
        const Token t = peek();
        checkDepth(depth, t);
        if (t.kind == Tok::Bang || isKeyword(t, "not")) {
            next();
            return negate(parseNot(depth + 1));
        }
        return parsePrimary(depth);
    }

    std::unique_ptr<Node> parsePrimary(int depth)
    {
        const Token t = peek();
        if (t.kind == Tok::LParen) {
            next();
            auto inner = parseOr(depth + 1);
            const Token close = peek();
            if (close.kind != Tok::RParen)
                fail(close.pos, close.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "expected ')' to close the '(' at column %1, found %2")
                         .arg(t.pos + 1)
                         .arg(describe(close)));
            next();
            return inner;
        }
        if (t.kind == Tok::String || t.kind == Tok::Regex) {
            next();
            auto node = make(Node::Kind::Test);
            node->test.field = Field::KeyOrValue;
            node->test.op = t.kind == Tok::String ? Op::Contains : Op::Matches;
            node->test.literal = t.kind == Tok::String ? bytesLiteral(t) : regexLiteral(t);
            finish(node->test);
            return node;
        }
        if (t.kind == Tok::End)
            fail(t.pos, 1,
                 QCoreApplication::translate("tidemark::RecordFilter",
                                             "expected a condition (for example: key == \"k\", value contains \"x\")"));
        if (auto word = parseBareWord(t))
            return word;
        if (t.kind != Tok::Ident)
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter", "expected a condition, found %1")
                     .arg(describe(t)));
        return parseCondition();
    }

    // A bare word or number that nothing compares ("00042", "alice", "alice and partition == 1")
    // is shorthand for a case-insensitive search of key or value, as a plain search box
    // promises; a word followed by an operator ("vaule == 1") is still a field, and an unknown
    // field is still an error.
    std::unique_ptr<Node> parseBareWord(const Token &t)
    {
        if (t.kind != Tok::Number && t.kind != Tok::Ident)
            return nullptr;
        if (t.kind == Tok::Ident && (isFieldName(t.text) || isKeyword(t, "and") || isKeyword(t, "or")))
            return nullptr;
        const int start = m_pos;
        next();
        const Token after = peek();
        if (after.kind != Tok::End && after.kind != Tok::RParen && !isAnd(after) && !isOr(after)) {
            const bool operatorWord = isKeyword(after, "contains") || isKeyword(after, "matches") ||
                                      isKeyword(after, "in") || isKeyword(after, "exists") || isKeyword(after, "is") ||
                                      isKeyword(after, "not");
            if (after.kind == Tok::Number || after.kind == Tok::String || (after.kind == Tok::Ident && !operatorWord))
                fail(after.pos, after.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "expected 'and', 'or' or the end of the filter after '%1', found "
                                                 "%2 (to search for a phrase, quote it: \"%1 ...\")")
                         .arg(t.text, describe(after)));
            m_pos = start;
            return nullptr;
        }
        Token pattern = t;
        pattern.kind = Tok::Regex;
        pattern.text = QRegularExpression::escape(t.text);
        pattern.flags = QStringLiteral("i");
        auto node = make(Node::Kind::Test);
        node->test.field = Field::KeyOrValue;
        node->test.op = Op::Matches;
        node->test.literal = regexLiteral(pattern);
        finish(node->test);
        return node;
    }

    static bool isFieldName(const QString &text)
    {
        static const QStringList fields = {
            QStringLiteral("key"),       QStringLiteral("value"),     QStringLiteral("header"),
            QStringLiteral("headers"),   QStringLiteral("partition"), QStringLiteral("offset"),
            QStringLiteral("timestamp"), QStringLiteral("time"),      QStringLiteral("size")};
        return fields.contains(text, Qt::CaseInsensitive);
    }

    static QString fieldList()
    {
        return QCoreApplication::translate(
            "tidemark::RecordFilter",
            "key, value, value.<json path>, header.<name>, partition, offset, timestamp or size");
    }

    std::unique_ptr<Node> parseCondition()
    {
        const Token name = next();
        const QString word = name.text.toLower();
        Test test;
        if (word == QLatin1String("key") || word == QLatin1String("value")) {
            test.field = word == QLatin1String("key") ? Field::Key : Field::Value;
            test.path = parsePath();
        } else if (word == QLatin1String("header") || word == QLatin1String("headers")) {
            test.field = Field::Header;
            const Token t = peek();
            if (t.kind == Tok::Dot) {
                const Token headerName = m_lexer.lexHeaderName(t.pos + 1);
                if (headerName.length == 0)
                    fail(t.pos + 1, 1,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "expected a header name after 'header.'"));
                test.headerName = headerName.text.toUtf8();
                m_pos = headerName.pos + headerName.length;
            } else if (t.kind == Tok::LBracket) {
                next();
                const Token s = next();
                if (s.kind != Tok::String)
                    fail(s.pos, s.length,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "expected a quoted header name after 'header['"));
                test.headerName = s.bytes;
                expect(Tok::RBracket, "]");
            } else {
                fail(t.pos, t.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "expected '.' and a header name after 'header' (header.trace-id)"));
            }
        } else if (word == QLatin1String("partition")) {
            test.field = Field::Partition;
        } else if (word == QLatin1String("offset")) {
            test.field = Field::Offset;
        } else if (word == QLatin1String("timestamp") || word == QLatin1String("time")) {
            test.field = Field::Timestamp;
        } else if (word == QLatin1String("size")) {
            test.field = Field::Size;
        } else {
            fail(name.pos, name.length,
                 QCoreApplication::translate("tidemark::RecordFilter", "unknown field '%1' (expected %2)")
                     .arg(name.text, fieldList()));
        }
        const int fieldEnd = m_pos;
        const QString fieldText = textBetween(name.pos, fieldEnd);
        return parseOperator(std::move(test), fieldText, fieldEnd);
    }

    QString textBetween(int from, int to) const
    {
        QString s;
        for (int i = from; i < to; ++i)
            s.append(m_lexer.at(i));
        return s;
    }

    void expect(Tok kind, const char *what)
    {
        const Token t = peek();
        if (t.kind != kind)
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter", "expected '%1', found %2")
                     .arg(QLatin1String(what), describe(t)));
        next();
    }

    std::vector<jsonscan::PathSegment> parsePath()
    {
        std::vector<jsonscan::PathSegment> path;
        while (true) {
            const Token t = peek();
            if (t.kind == Tok::Dot && t.pos == m_pos) {
                next();
                const Token member = peek();
                if (member.kind != Tok::Ident || member.pos != t.pos + 1)
                    fail(t.pos + 1, std::max(1, member.length),
                         QCoreApplication::translate(
                             "tidemark::RecordFilter",
                             "expected a JSON member name after '.' (use [\"name\"] for other names)"));
                next();
                path.push_back({jsonscan::PathSegment::Kind::Member, member.text.toUtf8(), 0});
            } else if (t.kind == Tok::LBracket && t.pos == m_pos) {
                next();
                const Token inside = next();
                if (inside.kind == Tok::Star) {
                    path.push_back({jsonscan::PathSegment::Kind::AnyIndex, {}, 0});
                } else if (inside.kind == Tok::String) {
                    path.push_back({jsonscan::PathSegment::Kind::Member, inside.bytes, 0});
                } else if (inside.kind == Tok::Number) {
                    bool ok = false;
                    const int index = inside.text.toInt(&ok);
                    if (!ok || index < 0)
                        fail(inside.pos, inside.length,
                             QCoreApplication::translate("tidemark::RecordFilter",
                                                         "an array index is a whole number from 0"));
                    path.push_back({jsonscan::PathSegment::Kind::Index, {}, index});
                } else {
                    fail(inside.pos, inside.length,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "expected an index, * or a quoted name inside [ ], found %1")
                             .arg(describe(inside)));
                }
                expect(Tok::RBracket, "]");
            } else {
                return path;
            }
        }
    }

    std::unique_ptr<Node> parseOperator(Test test, const QString &fieldText, int fieldEnd)
    {
        bool negated = false;
        Token t = peek();
        if (isKeyword(t, "not")) {
            next();
            negated = true;
            t = peek();
            if (!(isKeyword(t, "contains") || isKeyword(t, "in") || isKeyword(t, "exists") || isKeyword(t, "matches")))
                fail(t.pos, t.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "expected 'contains', 'in', 'exists' or 'matches' after '%1 not'")
                         .arg(fieldText));
        }
        auto wrap = [&negated](std::unique_ptr<Node> node) {
            return negated ? negate(std::move(node)) : std::move(node);
        };
        const bool integerField = test.field == Field::Partition || test.field == Field::Offset ||
                                  test.field == Field::Size || test.field == Field::Timestamp;
        const bool jsonPath = !test.path.empty();
        auto refuse = [&](const Token &op) {
            fail(op.pos, op.length,
                 QCoreApplication::translate("tidemark::RecordFilter", "'%1' cannot be used with '%2'")
                     .arg(tokenText(op), fieldText));
        };
        if (isKeyword(t, "exists")) {
            next();
            if (integerField)
                refuse(t);
            test.op = Op::Exists;
            return wrap(leaf(std::move(test)));
        }
        if (isKeyword(t, "is")) {
            next();
            const bool isNot = acceptKeyword("not");
            const Token what = next();
            if (isKeyword(what, "null"))
                test.op = Op::IsNull;
            else if (isKeyword(what, "empty"))
                test.op = Op::IsEmpty;
            else
                fail(what.pos, what.length,
                     QCoreApplication::translate("tidemark::RecordFilter", "expected 'null' or 'empty' after 'is'"));
            if (integerField)
                refuse(t);
            auto node = leaf(std::move(test));
            return isNot ? negate(std::move(node)) : std::move(node);
        }
        if (isKeyword(t, "in")) {
            next();
            const Token open = peek();
            if (open.kind != Tok::LParen)
                fail(open.pos, open.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "expected '(' and a list of values after 'in'"));
            next();
            auto any = make(Node::Kind::Or);
            while (true) {
                Test item = test;
                item.op = Op::Eq;
                item.literal = parseLiteral(item, fieldText);
                finish(item);
                any->children.push_back(leaf(std::move(item)));
                const Token sep = next();
                if (sep.kind == Tok::RParen)
                    break;
                if (sep.kind != Tok::Comma)
                    fail(sep.pos, sep.length,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "expected ',' or ')' in the list after 'in', found %1")
                             .arg(describe(sep)));
            }
            return wrap(std::move(any));
        }
        bool negateOp = false;
        switch (t.kind) {
        case Tok::Eq: test.op = Op::Eq; break;
        case Tok::Ne:
            test.op = Op::Eq;
            negateOp = true;
            break;
        case Tok::Lt: test.op = Op::Lt; break;
        case Tok::Le: test.op = Op::Le; break;
        case Tok::Gt: test.op = Op::Gt; break;
        case Tok::Ge: test.op = Op::Ge; break;
        case Tok::Tilde: test.op = Op::Matches; break;
        case Tok::NotTilde:
            test.op = Op::Matches;
            negateOp = true;
            break;
        default:
            if (isKeyword(t, "contains")) {
                test.op = Op::Contains;
            } else if (isKeyword(t, "matches")) {
                test.op = Op::Matches;
            } else {
                fail(t.kind == Tok::End ? fieldEnd : t.pos, t.length,
                     QCoreApplication::translate(
                         "tidemark::RecordFilter",
                         "expected an operator after '%1' (== != < <= > >= contains ~ !~ in exists is), found %2")
                         .arg(fieldText, describe(t)));
            }
        }
        next();
        const bool ordering = test.op == Op::Lt || test.op == Op::Le || test.op == Op::Gt || test.op == Op::Ge;
        if (integerField && (test.op == Op::Contains || test.op == Op::Matches))
            refuse(t);
        if (ordering && !integerField && !jsonPath)
            fail(t.pos, t.length,
                 QCoreApplication::translate(
                     "tidemark::RecordFilter",
                     "'%1' cannot be used with '%2': bytes have no order (compare a JSON field: %2.total > 10)")
                     .arg(tokenText(t), fieldText));
        test.literal = parseLiteral(test, fieldText);
        finish(test);
        auto node = leaf(std::move(test));
        if (negateOp)
            node = negate(std::move(node));
        return wrap(std::move(node));
    }

    static std::unique_ptr<Node> leaf(Test test)
    {
        auto node = make(Node::Kind::Test);
        node->test = std::move(test);
        return node;
    }

    static Literal bytesLiteral(const Token &t)
    {
        Literal l;
        l.type = Literal::Type::Bytes;
        l.bytes = t.bytes;
        return l;
    }

    static Literal regexLiteral(const Token &t)
    {
        Literal l;
        l.type = Literal::Type::Regex;
        QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
        QString pattern;
        if (t.kind == Tok::Regex) {
            pattern = t.text;
            if (t.flags.contains(QLatin1Char('i')))
                options |= QRegularExpression::CaseInsensitiveOption;
            if (t.flags.contains(QLatin1Char('s')))
                options |= QRegularExpression::DotMatchesEverythingOption;
            if (t.flags.contains(QLatin1Char('m')))
                options |= QRegularExpression::MultilineOption;
        } else {
            pattern = QString::fromUtf8(t.bytes);
        }
        l.regex = QRegularExpression(pattern, options);
        if (!l.regex.isValid())
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter",
                                             "invalid regular expression: %1 (at character %2 of the pattern)")
                     .arg(l.regex.errorString())
                     .arg(l.regex.patternErrorOffset() + 1));
        l.regex.optimize();
        return l;
    }

    Literal parseLiteral(const Test &test, const QString &fieldText)
    {
        const Token t = next();
        Literal l;
        switch (test.field) {
        case Field::Partition:
        case Field::Offset:
        case Field::Size: {
            bool ok = false;
            const qint64 n = t.kind == Tok::Number ? t.text.toLongLong(&ok) : 0;
            if (!ok || n == std::numeric_limits<qint64>::max() || n == std::numeric_limits<qint64>::min())
                fail(t.pos, t.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "'%1' is compared with a whole number, found %2")
                         .arg(fieldText, describe(t)));
            l.type = Literal::Type::Interval;
            l.low = n;
            l.high = n + 1;
            return l;
        }
        case Field::Timestamp: {
            if (t.kind == Tok::Number) {
                bool ok = false;
                const qint64 n = t.text.toLongLong(&ok);
                if (!ok || n == std::numeric_limits<qint64>::max() || n == std::numeric_limits<qint64>::min())
                    fail(t.pos, t.length,
                         QCoreApplication::translate("tidemark::RecordFilter",
                                                     "a timestamp in milliseconds is a whole number"));
                l.type = Literal::Type::Interval;
                l.low = n;
                l.high = n + 1;
                return l;
            }
            if (t.kind == Tok::String) {
                const auto span = parseTimeSpan(QString::fromUtf8(t.bytes), m_options.timeZone);
                if (!span)
                    fail(t.pos, t.length,
                         QCoreApplication::translate(
                             "tidemark::RecordFilter",
                             "%1 is not a time: write \"2026-12-06\", \"2026-12-06 10:00\", "
                             "\"2026-12-06 10:00:05.250\" (optionally with Z or +01:00), or milliseconds")
                             .arg(describe(t)));
                l.type = Literal::Type::Interval;
                l.low = span->first;
                l.high = span->second;
                return l;
            }
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter",
                                             "expected a time (\"2026-12-06 10:00\") or milliseconds, found %1")
                     .arg(describe(t)));
        }
        case Field::Key:
        case Field::Value:
        case Field::Header:
        case Field::KeyOrValue: break;
        }
        if (test.op == Op::Matches) {
            if (t.kind != Tok::Regex && t.kind != Tok::String)
                fail(t.pos, t.length,
                     QCoreApplication::translate("tidemark::RecordFilter",
                                                 "expected a regular expression (/.../ or a quoted string), found %1")
                         .arg(describe(t)));
            return regexLiteral(t);
        }
        if (t.kind == Tok::String)
            return bytesLiteral(t);
        const bool jsonPath = !test.path.empty();
        if (jsonPath && test.op != Op::Contains) {
            if (t.kind == Tok::Number) {
                bool ok = false;
                l.type = Literal::Type::Number;
                l.number = t.text.toDouble(&ok);
                if (!ok)
                    fail(t.pos, t.length,
                         QCoreApplication::translate("tidemark::RecordFilter", "'%1' is not a number").arg(t.text));
                return l;
            }
            const bool ordering = test.op != Op::Eq;
            if (!ordering && (isKeyword(t, "true") || isKeyword(t, "false"))) {
                l.type = Literal::Type::Bool;
                l.boolean = isKeyword(t, "true");
                return l;
            }
            if (!ordering && isKeyword(t, "null")) {
                l.type = Literal::Type::Null;
                return l;
            }
            fail(t.pos, t.length,
                 ordering
                     ? QCoreApplication::translate("tidemark::RecordFilter",
                                                   "expected a number or a quoted string after the operator, found %1")
                           .arg(describe(t))
                     : QCoreApplication::translate("tidemark::RecordFilter",
                                                   "expected a quoted string, a number, true, false or null, found %1")
                           .arg(describe(t)));
        }
        if (t.kind == Tok::Ident && !isKeyword(t, "null"))
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter",
                                             "expected a quoted string, found %1 (write \"%2\")")
                     .arg(describe(t), t.text));
        if (isKeyword(t, "null") && test.op == Op::Eq)
            fail(t.pos, t.length,
                 QCoreApplication::translate("tidemark::RecordFilter", "write '%1 is null' to find null values")
                     .arg(fieldText));
        fail(t.pos, t.length,
             QCoreApplication::translate("tidemark::RecordFilter", "expected a quoted string, found %1")
                 .arg(describe(t)));
    }

    static void finish(Test &test)
    {
        if (test.op == Op::Contains)
            test.finder = ByteFinder(test.literal.bytes);
        if (test.field == Field::Key && test.path.empty() && test.op == Op::Eq)
            test.keyHash = murmur2(test.literal.bytes.constData(), size_t(test.literal.bytes.size()));
    }

    Lexer m_lexer;
    const FilterOptions &m_options;
    int m_pos = 0;
};

// ---------------------------------------------------------------------------------------
// Evaluation

bool compareInterval(qint64 v, const Test &test)
{
    const Literal &l = test.literal;
    switch (test.op) {
    case Op::Eq: return v >= l.low && v < l.high;
    case Op::Lt: return v < l.low;
    case Op::Le: return v < l.high;
    case Op::Gt: return v >= l.high;
    case Op::Ge: return v >= l.low;
    default: return false;
    }
}

bool matchRegex(const QRegularExpression &re, QByteArrayView bytes)
{
    return re.match(QString::fromUtf8(bytes)).hasMatch();
}

bool testBytes(bool isNull, QByteArrayView bytes, const Test &test)
{
    switch (test.op) {
    case Op::Exists: return !isNull;
    case Op::IsNull: return isNull;
    case Op::IsEmpty: return !isNull && bytes.isEmpty();
    case Op::Eq: return !isNull && bytes == QByteArrayView(test.literal.bytes);
    case Op::Contains: return !isNull && test.finder.indexIn(bytes) >= 0;
    case Op::Matches: return !isNull && matchRegex(test.literal.regex, bytes);
    default: return false;
    }
}

template <typename T>
bool ordered(const T &a, const T &b, Op op)
{
    switch (op) {
    case Op::Eq: return a == b;
    case Op::Lt: return a < b;
    case Op::Le: return a <= b;
    case Op::Gt: return a > b;
    case Op::Ge: return a >= b;
    default: return false;
    }
}

// One JSON value (its source text) against the test.
bool testJsonValue(QByteArrayView text, const Test &test)
{
    using jsonscan::ValueType;
    const Literal &l = test.literal;
    switch (test.op) {
    case Op::Exists: return true;
    case Op::IsNull: return text == QByteArrayView("null");
    case Op::IsEmpty: {
        const ValueType type = jsonscan::typeOf(text);
        if (type == ValueType::String)
            return text.size() == 2;
        if (type == ValueType::Array || type == ValueType::Object)
            return QByteArrayView(text.sliced(1, text.size() - 2)).trimmed().isEmpty();
        return false;
    }
    case Op::Contains: {
        if (text.isEmpty() || text[0] != '"')
            return false;
        const auto s = jsonscan::decodeString(text);
        return s && test.finder.indexIn(*s) >= 0;
    }
    case Op::Matches: {
        if (!text.isEmpty() && text[0] == '"') {
            const auto s = jsonscan::decodeString(text);
            return s && matchRegex(l.regex, *s);
        }
        const ValueType type = jsonscan::typeOf(text);
        return (type == ValueType::Number || type == ValueType::Bool) && matchRegex(l.regex, text);
    }
    default: break;
    }
    switch (l.type) {
    case Literal::Type::Bytes: {
        if (text.isEmpty() || text[0] != '"')
            return false;
        const QByteArrayView raw = text.sliced(1, text.size() - 2);
        if (!raw.contains('\\'))
            return ordered(raw, QByteArrayView(l.bytes), test.op);
        const auto s = jsonscan::decodeString(text);
        return s && ordered(QByteArrayView(*s), QByteArrayView(l.bytes), test.op);
    }
    case Literal::Type::Number: {
        const auto n = jsonscan::parseNumber(text);
        return n && ordered(*n, l.number, test.op);
    }
    case Literal::Type::Bool: return text == (l.boolean ? QByteArrayView("true") : QByteArrayView("false"));
    case Literal::Type::Null: return text == QByteArrayView("null");
    default: return false;
    }
}

bool testJson(bool isNull, QByteArrayView bytes, const Test &test)
{
    if (isNull)
        return false;
    return jsonscan::forEachAtPath(bytes, test.path, [&test](QByteArrayView v) { return testJsonValue(v, test); });
}

bool evaluateTest(const Test &test, const RecordView &r)
{
    switch (test.field) {
    case Field::Key:
        return test.path.empty() ? testBytes(r.keyIsNull, r.key, test) : testJson(r.keyIsNull, r.key, test);
    case Field::Value:
        return test.path.empty() ? testBytes(r.valueIsNull, r.value, test) : testJson(r.valueIsNull, r.value, test);
    case Field::KeyOrValue: return testBytes(r.keyIsNull, r.key, test) || testBytes(r.valueIsNull, r.value, test);
    case Field::Header:
        if (!r.headers)
            return false;
        for (const Header &h : *r.headers) {
            if (h.key != test.headerName)
                continue;
            if (test.op == Op::Exists)
                return true; // a header with a null value is present
            const bool isNull = !h.value.has_value();
            if (testBytes(isNull, isNull ? QByteArrayView() : QByteArrayView(*h.value), test))
                return true;
        }
        return false;
    case Field::Partition: return compareInterval(r.partition, test);
    case Field::Offset: return compareInterval(r.offset, test);
    case Field::Timestamp: return compareInterval(r.timestampMs, test);
    case Field::Size:
        return compareInterval((r.keyIsNull ? 0 : r.key.size()) + (r.valueIsNull ? 0 : r.value.size()), test);
    }
    return false;
}

bool evaluate(const Node &node, const RecordView &r)
{
    switch (node.kind) {
    case Node::Kind::And:
        for (const auto &c : node.children)
            if (!evaluate(*c, r))
                return false;
        return true;
    case Node::Kind::Or:
        for (const auto &c : node.children)
            if (evaluate(*c, r))
                return true;
        return false;
    case Node::Kind::Not: return !evaluate(*node.children.front(), r);
    case Node::Kind::Test: return evaluateTest(node.test, r);
    }
    return false;
}

SummaryMatch fromBool(bool b) { return b ? SummaryMatch::Yes : SummaryMatch::No; }

SummaryMatch evaluateTestSummary(const Test &test, const RecordSummary &s, int partition)
{
    switch (test.field) {
    case Field::Partition: return fromBool(compareInterval(partition, test));
    case Field::Offset: return fromBool(compareInterval(s.offset, test));
    case Field::Timestamp: return fromBool(compareInterval(s.timestampMs, test));
    case Field::Size: return fromBool(compareInterval(s.size, test));
    case Field::Header: return SummaryMatch::NeedsRecord;
    case Field::KeyOrValue: return s.keyIsNull && s.valueIsNull ? SummaryMatch::No : SummaryMatch::NeedsRecord;
    case Field::Key:
    case Field::Value: break;
    }
    const bool isNull = test.field == Field::Key ? s.keyIsNull : s.valueIsNull;
    if (test.path.empty()) {
        if (test.op == Op::Exists)
            return fromBool(!isNull);
        if (test.op == Op::IsNull)
            return fromBool(isNull);
    }
    if (isNull)
        return SummaryMatch::No; // every other comparison is false on a null key or value
    if (test.path.empty() && test.op == Op::IsEmpty && s.size == 0)
        return SummaryMatch::Yes;
    if (test.field == Field::Key && test.path.empty() && test.op == Op::Eq && s.keyHash != test.keyHash)
        return SummaryMatch::No;
    return SummaryMatch::NeedsRecord;
}

SummaryMatch evaluateSummary(const Node &node, const RecordSummary &s, int partition)
{
    switch (node.kind) {
    case Node::Kind::And: {
        SummaryMatch result = SummaryMatch::Yes;
        for (const auto &c : node.children) {
            const SummaryMatch m = evaluateSummary(*c, s, partition);
            if (m == SummaryMatch::No)
                return SummaryMatch::No;
            if (m == SummaryMatch::NeedsRecord)
                result = SummaryMatch::NeedsRecord;
        }
        return result;
    }
    case Node::Kind::Or: {
        SummaryMatch result = SummaryMatch::No;
        for (const auto &c : node.children) {
            const SummaryMatch m = evaluateSummary(*c, s, partition);
            if (m == SummaryMatch::Yes)
                return SummaryMatch::Yes;
            if (m == SummaryMatch::NeedsRecord)
                result = SummaryMatch::NeedsRecord;
        }
        return result;
    }
    case Node::Kind::Not: {
        const SummaryMatch m = evaluateSummary(*node.children.front(), s, partition);
        return m == SummaryMatch::NeedsRecord ? m : fromBool(m == SummaryMatch::No);
    }
    case Node::Kind::Test: return evaluateTestSummary(node.test, s, partition);
    }
    return SummaryMatch::NeedsRecord;
}

bool anyTest(const Node &node, const std::function<bool(const Test &)> &pred)
{
    if (node.kind == Node::Kind::Test)
        return pred(node.test);
    return std::any_of(node.children.begin(), node.children.end(),
                       [&pred](const std::unique_ptr<Node> &c) { return anyTest(*c, pred); });
}

// Bounds of one top-level "and" term, merged into `b`.
void narrow(const Node &node, RecordFilter::Bounds &b)
{
    auto tighten = [](std::optional<qint64> &min, std::optional<qint64> &max, const Test &t) {
        const Literal &l = t.literal;
        std::optional<qint64> lo, hi; // inclusive
        switch (t.op) {
        case Op::Eq:
            lo = l.low;
            hi = l.high - 1;
            break;
        case Op::Lt: hi = l.low - 1; break;
        case Op::Le: hi = l.high - 1; break;
        case Op::Gt: lo = l.high; break;
        case Op::Ge: lo = l.low; break;
        default: return;
        }
        if (lo)
            min = min ? std::max(*min, *lo) : *lo;
        if (hi)
            max = max ? std::min(*max, *hi) : *hi;
    };
    auto partitionsOf = [](const Node &n) -> std::optional<std::vector<int>> {
        // partition == N, or an "or" of those (partition in (...)).
        std::vector<int> list;
        auto one = [&list](const Node &leaf) {
            if (leaf.kind != Node::Kind::Test || leaf.test.field != Field::Partition || leaf.test.op != Op::Eq)
                return false;
            list.push_back(int(leaf.test.literal.low));
            return true;
        };
        if (n.kind == Node::Kind::Or) {
            for (const auto &c : n.children)
                if (!one(*c))
                    return std::nullopt;
        } else if (!one(n)) {
            return std::nullopt;
        }
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        return list;
    };
    if (const auto list = partitionsOf(node)) {
        if (!b.partitions) {
            b.partitions = *list;
        } else {
            std::vector<int> both;
            std::set_intersection(b.partitions->begin(), b.partitions->end(), list->begin(), list->end(),
                                  std::back_inserter(both));
            b.partitions = both;
        }
        return;
    }
    if (node.kind != Node::Kind::Test)
        return;
    if (node.test.field == Field::Offset)
        tighten(b.minOffset, b.maxOffset, node.test);
    else if (node.test.field == Field::Timestamp)
        tighten(b.minTimeMs, b.maxTimeMs, node.test);
}

} // namespace

RecordView RecordView::of(const Record &record)
{
    RecordView v;
    v.partition = record.partition;
    v.offset = record.offset;
    v.timestampMs = record.timestampMs;
    v.keyIsNull = !record.key.has_value();
    if (record.key)
        v.key = QByteArrayView(*record.key);
    v.valueIsNull = !record.value.has_value();
    if (record.value)
        v.value = QByteArrayView(*record.value);
    v.headers = &record.headers;
    return v;
}

QString FilterError::toString() const
{
    return QCoreApplication::translate("tidemark::RecordFilter", "column %1: %2").arg(position + 1).arg(message);
}

RecordFilter::RecordFilter() : m_timeZone(QTimeZone::systemTimeZone()) {}
RecordFilter::~RecordFilter() = default;
RecordFilter::RecordFilter(const RecordFilter &) = default;
RecordFilter &RecordFilter::operator=(const RecordFilter &) = default;
RecordFilter::RecordFilter(RecordFilter &&) noexcept = default;
RecordFilter &RecordFilter::operator=(RecordFilter &&) noexcept = default;

RecordFilter RecordFilter::parse(const QString &text, const FilterOptions &options)
{
    RecordFilter filter;
    filter.m_text = text;
    filter.m_timeZone = options.timeZone;
    if (text.trimmed().isEmpty())
        return filter;
    try {
        Parser parser(text, options);
        filter.m_root = std::shared_ptr<const Node>(parser.parseAll());
    } catch (const Failure &failure) {
        filter.m_error = failure.error;
        filter.m_error->position = std::clamp(filter.m_error->position, 0, int(text.size()));
    }
    return filter;
}

bool RecordFilter::isEmpty() const { return isValid() && !m_root; }

QString RecordFilter::timeZoneLabel() const
{
    const int offset = m_timeZone.offsetFromUtc(QDateTime::currentDateTimeUtc());
    const int minutes = std::abs(offset) / 60;
    const QString utc = QStringLiteral("UTC%1%2:%3")
                            .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                            .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                            .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    const QString id = QString::fromUtf8(m_timeZone.id());
    return id.isEmpty() || id.startsWith(QLatin1String("UTC")) ? utc : QStringLiteral("%1 (%2)").arg(id, utc);
}

bool RecordFilter::usesTimestamps() const
{
    return m_root && anyTest(*m_root, [](const Test &t) { return t.field == Field::Timestamp; });
}

bool RecordFilter::matches(const RecordView &record) const
{
    if (!isValid())
        return false;
    return !m_root || evaluate(*m_root, record);
}

SummaryMatch RecordFilter::matchesSummary(const RecordSummary &summary, int partition) const
{
    if (!isValid())
        return SummaryMatch::No;
    if (!m_root)
        return SummaryMatch::Yes;
    return evaluateSummary(*m_root, summary, partition);
}

bool RecordFilter::needsPayload() const
{
    return m_root && anyTest(*m_root, [](const Test &t) {
               return t.field == Field::Key || t.field == Field::Value || t.field == Field::Header ||
                      t.field == Field::KeyOrValue;
           });
}

bool RecordFilter::needsHeaders() const
{
    return m_root && anyTest(*m_root, [](const Test &t) { return t.field == Field::Header; });
}

RecordFilter::Bounds RecordFilter::bounds() const
{
    Bounds b;
    if (!m_root)
        return b;
    if (m_root->kind == Node::Kind::And) {
        for (const auto &c : m_root->children)
            narrow(*c, b);
    } else {
        narrow(*m_root, b);
    }
    return b;
}

} // namespace tidemark
