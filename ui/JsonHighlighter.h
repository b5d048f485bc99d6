#pragma once

// Colours JSON in the inspector and the producer's editor: keys, strings, numbers and
// literals, with colours that read on light and dark palettes. Thread: GUI thread.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace tidemark {

class JsonHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document);
    void setEnabled(bool enabled);
    void updateColors(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    bool m_enabled = true;
    QRegularExpression m_token;
    QTextCharFormat m_key, m_string, m_number, m_literal;
};

} // namespace tidemark
