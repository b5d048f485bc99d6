#pragma once

// Finds untranslated text in a rendered UI. Every text a user can see is collected from a
// widget tree: widget properties (labels, buttons, tool buttons, check boxes, group boxes,
// tab bars, dock and window titles, placeholders, spin box texts, combo box items, tooltips,
// status bar messages, item view headers and cells), menus and their actions (recursively,
// including closed menus), and everything the widgets actually paint as text (rendered into
// a paint device whose engine records each text item: custom-painted views and charts too).
//
// A text passes if, once the known data strings (topic and group names, paths, JSON field
// names) are taken out, every Latin word in it is on the allow-list of technical tokens
// (Kafka, JSON, murmur2, CRC32, Ctrl, ...) or part of an id (a member's UUID), and it is
// not one of the English source strings of the catalogue. A second check reports text that
// does not fit its widget where the widget is in sight (a label or button narrower than its
// text, a column narrower than a header or cell), which is how longer Russian strings break
// layouts.
//
// Thread: GUI thread (it renders widgets).

#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

class QAbstractItemView;
class QAction;
class QMenu;
class QObject;
class QWidget;

namespace tidemark::test {

struct AuditFinding {
    QString where; // object path, e.g. "mainWindow/producerDock/producerPanel/QLabel"
    QString text;
    QString problem; // "Latin word 'Send'", "English source text", "clipped: needs 80 px, has 64"
};

class UiTextAudit {
public:
    // `englishSources`: the catalogue's source strings whose translation differs from them.
    // `elidingColumns`: (item view objectName, column) whose data may be cut with "…" by
    // design (record values); every other cell and header must show its text whole.
    UiTextAudit(QStringList allowedTokens, QStringList dataStrings, QSet<QString> englishSources,
                QSet<QPair<QString, int>> elidingColumns = {});

    // Everything visible under `root` (a window or dialog): properties, item views, painted
    // text and, for a main window, its menu bar with every menu.
    void auditWindow(QWidget *root);
    // One text, as shown at `where`.
    void checkText(const QString &where, const QString &text);
    // Texts painted by `root` and its visible children (render() into a recording device).
    QStringList paintedTexts(QWidget *root) const;

    const std::vector<AuditFinding> &findings() const { return m_findings; }
    bool clean() const { return m_findings.empty(); }
    // One line per finding, for failure messages.
    QString report(int max = 40) const;
    // Forgets the findings, so that a text found again is reported again.
    void clear()
    {
        m_findings.clear();
        m_seen.clear();
    }

    // "mainWindow/producerDock/QPushButton[sendButton]"
    static QString pathOf(const QObject *object);

private:
    void auditWidget(QWidget *widget);
    void auditItemView(QAbstractItemView *view);
    void auditMenu(QMenu *menu, const QString &path);
    void auditAction(QAction *action, const QString &path);
    void checkFits(QWidget *widget, const QString &text, int available, int needed);
    void add(const QString &where, const QString &text, const QString &problem);
    bool tokenAllowed(const QString &token, bool painted) const;

    QSet<QString> m_allowed;    // lower case
    QSet<QString> m_dataTokens; // lower case words of the data strings (painted text is fragmented)
    QStringList m_data;         // longest first
    QSet<QString> m_english;
    QSet<QPair<QString, int>> m_eliding;
    std::vector<AuditFinding> m_findings;
    QSet<QString> m_seen; // where + text, so a text shown twice is reported once
};

// The catalogue's English source strings (accelerator '&' removed) whose Russian translation
// differs from them, read from a .ts file.
QSet<QString> englishSourcesOf(const QString &tsPath);

} // namespace tidemark::test
