#include "core/RecordFormat.h"

#include "core/Order.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <nlohmann/json.hpp>

namespace tidemark {

std::optional<QString> exactUtf8Text(const QByteArray &bytes)
{
    // Qt 6's decode() returns a lazy proxy: hasError() is only valid once it has been
    // converted to a QString, so convert first. ConvertInitialBom keeps a leading BOM (by
    // default the decoder drops it, and the text would no longer be the bytes).
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    // Belt and braces: what is text must encode back to the very same bytes.
    if (text.toUtf8() != bytes)
        return std::nullopt;
    return text;
}

bool looksLikeText(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
        if (u == 0x7f)
            return false;
    }
    return exactUtf8Text(bytes).has_value();
}

QString previewBytes(const QByteArray &bytes, int maxChars)
{
    QString out;
    if (looksLikeText(bytes)) {
        out = QString::fromUtf8(bytes.left(maxChars * 4));
        for (QChar &c : out)
            if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
                c = QLatin1Char(' ');
        if (out.size() > maxChars || bytes.size() > maxChars * 4) {
            out.truncate(maxChars - 1);
            out += QChar(0x2026);
        }
        return out;
    }
    out = QStringLiteral("0x");
    const int maxBytes = std::max(1, (maxChars - 2) / 3);
    for (int i = 0; i < bytes.size() && i < maxBytes; ++i)
        out += QLatin1Char(' ') +
               QString::number(static_cast<unsigned char>(bytes[i]), 16).rightJustified(2, QLatin1Char('0'));
    if (bytes.size() > maxBytes)
        out += QChar(0x2026);
    return out;
}

QString hexDump(const QByteArray &bytes, int maxBytes)
{
    QString out;
    const int n = int(std::min<qsizetype>(bytes.size(), maxBytes));
    for (int line = 0; line < n; line += 16) {
        out += QString::number(line, 16).rightJustified(8, QLatin1Char('0')) + QStringLiteral("  ");
        QString ascii;
        for (int i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto u = static_cast<unsigned char>(bytes[i]);
                out += QString::number(u, 16).rightJustified(2, QLatin1Char('0')) + QLatin1Char(' ');
                ascii += (u >= 0x20 && u < 0x7f) ? QLatin1Char(char(u)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    if (bytes.size() > n)
        out += QCoreApplication::translate("tidemark::RecordFormat", "... %1 more bytes").arg(bytes.size() - n) +
               QLatin1Char('\n');
    return out;
}

std::optional<QByteArray> compactJson(const QByteArray &bytes)
{
    if (bytes.contains('\0')) // never JSON; nlohmann's lexer would take it for the end of the input
        return std::nullopt;
    const auto doc = nlohmann::ordered_json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (doc.is_discarded())
        return std::nullopt;
    return QByteArray::fromStdString(doc.dump());
}

QString displayValue(const QByteArray &bytes, QString *kind)
{
    if (auto pretty = prettyJson(bytes)) {
        if (kind)
            *kind = QStringLiteral("json");
        return QString::fromUtf8(*pretty);
    }
    if (looksLikeText(bytes)) {
        if (kind)
            *kind = QStringLiteral("text");
        // Bounded like the rest: a view needs no more than the first MiB of a huge value.
        constexpr qsizetype kMaxTextBytes = 1 << 20;
        if (bytes.size() <= kMaxTextBytes)
            return QString::fromUtf8(bytes);
        qsizetype cut = kMaxTextBytes;
        while (cut > 0 && (static_cast<unsigned char>(bytes[cut]) & 0xc0) == 0x80)
            --cut; // not inside a UTF-8 sequence
        return QString::fromUtf8(bytes.left(cut)) + QLatin1Char('\n') +
               QCoreApplication::translate("tidemark::RecordFormat", "... %1 more bytes").arg(bytes.size() - cut);
    }
    if (kind)
        *kind = QStringLiteral("binary");
    return hexDump(bytes);
}

} // namespace tidemark
