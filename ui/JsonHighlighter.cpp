#include "ui/JsonHighlighter.h"

#include "ui/Style.h"

#include <QApplication>

namespace tidemark {

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document),
      m_token(QStringLiteral(R"(("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b)"))
{
    updateColors(QApplication::palette());
}

void JsonHighlighter::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    rehighlight();
}

void JsonHighlighter::updateColors(const QPalette &palette)
{
    m_key.setForeground(style::toneColor(style::Tone::Accent, palette));
    m_string.setForeground(style::toneColor(style::Tone::Good, palette));
    m_number.setForeground(style::toneColor(style::Tone::Warning, palette));
    m_literal.setForeground(style::toneColor(style::Tone::Bad, palette));
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_enabled)
        return;
    auto it = m_token.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedLength(1) > 0)
            setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), m.capturedLength(2) > 0 ? m_key : m_string);
        else if (m.capturedLength(3) > 0)
            setFormat(int(m.capturedStart(3)), int(m.capturedLength(3)), m_number);
        else if (m.capturedLength(4) > 0)
            setFormat(int(m.capturedStart(4)), int(m.capturedLength(4)), m_literal);
    }
}

} // namespace tidemark
