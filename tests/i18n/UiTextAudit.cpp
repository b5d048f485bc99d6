#include "UiTextAudit.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QStyleOption>
#include <QTabBar>
#include <QTableView>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QToolButton>
#include <QTreeView>
#include <QXmlStreamReader>

#include <algorithm>

namespace tidemark::test {

namespace {

// What a button needs to show its icon and text whole. A push button's size hint carries the
// style's preferred minimum (Fusion: 80 px for any text button), which is not clipping:
// measure its contents as QPushButton::sizeHint() does, without that floor.
int neededWidth(QAbstractButton *button)
{
    auto *push = qobject_cast<QPushButton *>(button);
    if (!push)
        return button->minimumSizeHint().width();
    const QFontMetrics fm = push->fontMetrics();
    QSize contents(fm.size(Qt::TextShowMnemonic, push->text()).width(), fm.height());
    if (!push->icon().isNull())
        contents.rwidth() += push->iconSize().width() + 4;
    QStyleOptionButton option;
    option.initFrom(push);
    if (push->autoDefault() || push->isDefault())
        option.features |= QStyleOptionButton::AutoDefaultButton;
    if (push->menu())
        contents.rwidth() += push->style()->pixelMetric(QStyle::PM_MenuButtonIndicator, &option, push);
    return push->style()->sizeFromContents(QStyle::CT_PushButton, &option, contents, push).width();
}

// A paint engine that keeps the text of every text item drawn and ignores the rest.
// QPainter draws one text in several items where the format changes (an underlined
// accelerator, a fallback font), so items that continue each other on the same baseline
// are joined again.
class TextRecordingEngine final : public QPaintEngine {
public:
    TextRecordingEngine() : QPaintEngine(QPaintEngine::AllFeatures) {}
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &) override {}
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawPath(const QPainterPath &) override {}
    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        if (!m_items.empty()) {
            Item &last = m_items.back();
            if (qAbs(last.end.y() - p.y()) < 0.5 && qAbs(last.end.x() - p.x()) < 1.0) {
                last.text += item.text();
                last.end = p + QPointF(item.width(), 0);
                return;
            }
        }
        m_items.push_back(Item{p + QPointF(item.width(), 0), item.text()});
    }
    Type type() const override { return QPaintEngine::User; }

    QStringList texts() const
    {
        QStringList out;
        for (const Item &i : m_items)
            out << i.text;
        return out;
    }

private:
    struct Item {
        QPointF end;
        QString text;
    };
    std::vector<Item> m_items;
};

class TextRecorder final : public QPaintDevice {
public:
    explicit TextRecorder(QSize size) : m_size(size) {}
    ~TextRecorder() override = default;
    QPaintEngine *paintEngine() const override { return &m_engine; }
    QStringList texts() const { return m_engine.texts(); }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth: return m_size.width();
        case PdmHeight: return m_size.height();
        case PdmWidthMM: return m_size.width() * 254 / 960;
        case PdmHeightMM: return m_size.height() * 254 / 960;
        case PdmNumColors: return INT_MAX;
        case PdmDepth: return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY: return 96;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return int(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    mutable TextRecordingEngine m_engine;
};

QString plainText(const QString &text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

QString withoutAccelerators(QString text)
{
    static const QRegularExpression single(QStringLiteral("&(?!&)"));
    text.remove(single);
    return text.replace(QStringLiteral("&&"), QStringLiteral("&"));
}

int latinLetters(const QString &token)
{
    return int(std::count_if(token.begin(), token.end(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    }));
}

// `text` without its UUIDs, whole or cut ("8bd73934-7e35-4916-9cb1-66e47e5" in a member id):
// three or more groups of hex digits joined by dashes, a decimal digit among them. Data, made
// anew in every run, whose groups ("cdab") could read as words.
QString withoutUuids(QString text)
{
    static const QRegularExpression uuid(
        QStringLiteral("(?<![0-9A-Za-z])[0-9a-fA-F]+(?:-[0-9a-fA-F]+){2,}(?![0-9A-Za-z])"));
    for (qsizetype from = 0;;) {
        const QRegularExpressionMatch m = uuid.match(text, from);
        if (!m.hasMatch())
            return text;
        from = m.capturedEnd();
        const QString run = m.captured();
        if (std::any_of(run.begin(), run.end(), [](QChar c) { return c.isDigit(); })) {
            text.replace(m.capturedStart(), m.capturedLength(), QStringLiteral(" "));
            from = m.capturedStart() + 1;
        }
    }
}

// `text` without the run tokens of the app's client ids ("tidemark-billing--1.mwn1" in a member
// id's tooltip): four letters or digits made anew in every run (ConsumerManager), which could
// read as a Latin word.
QString withoutRunTokens(QString text)
{
    static const QRegularExpression token(QStringLiteral("(--[0-9]+)\\.[0-9a-z]{4}(?![0-9A-Za-z])"));
    return text.replace(token, QStringLiteral("\\1"));
}

} // namespace

QSet<QString> englishSourcesOf(const QString &tsPath)
{
    QSet<QString> out;
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            // A plural message holds its forms as child elements (numerusform).
            const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!translation.isEmpty() && translation != source)
                out.insert(withoutAccelerators(source).trimmed());
        }
    }
    return out;
}

UiTextAudit::UiTextAudit(QStringList allowedTokens, QStringList dataStrings, QSet<QString> englishSources,
                         QSet<QPair<QString, int>> elidingColumns)
    : m_data(std::move(dataStrings)), m_english(std::move(englishSources)), m_eliding(std::move(elidingColumns))
{
    for (const QString &t : allowedTokens)
        m_allowed.insert(t.toLower());
    std::sort(m_data.begin(), m_data.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    static const QRegularExpression word(QStringLiteral("[A-Za-z0-9_]+"));
    for (const QString &d : m_data)
        for (auto it = word.globalMatch(d); it.hasNext();)
            m_dataTokens.insert(it.next().captured().toLower());
}

QString UiTextAudit::pathOf(const QObject *object)
{
    QStringList parts;
    for (const QObject *o = object; o; o = o->parent()) {
        const QString name = o->objectName();
        const QString cls = QString::fromLatin1(o->metaObject()->className()).section(QStringLiteral("::"), -1);
        if (name.startsWith(QLatin1String("qt_")) || name.isEmpty())
            parts.prepend(cls);
        else
            parts.prepend(cls + QLatin1Char('[') + name + QLatin1Char(']'));
        if (o->isWidgetType() && static_cast<const QWidget *>(o)->isWindow())
            break;
    }
    return parts.join(QLatin1Char('/'));
}

void UiTextAudit::add(const QString &where, const QString &text, const QString &problem)
{
    const QString key = where + QLatin1Char('\n') + text + QLatin1Char('\n') + problem;
    if (m_seen.contains(key))
        return;
    m_seen.insert(key);
    m_findings.push_back(AuditFinding{where, text, problem});
}

bool UiTextAudit::tokenAllowed(const QString &token, bool painted) const
{
    const QString lower = token.toLower();
    // Painted text comes in fragments (one per font and line), so whole data strings may be
    // cut into pieces there: their words are allowed one by one.
    return m_allowed.contains(lower) || (painted && m_dataTokens.contains(lower));
}

void UiTextAudit::checkText(const QString &where, const QString &rawText)
{
    const bool painted = where.endsWith(QLatin1String("[painted]"));
    const QString text = withoutAccelerators(plainText(rawText)).trimmed();
    if (text.isEmpty())
        return;
    if (m_english.contains(text)) {
        add(where, text, QStringLiteral("English source text"));
        return;
    }
    QString rest = withoutUuids(withoutRunTokens(text));
    for (const QString &d : m_data)
        rest.replace(d, QStringLiteral(" "));
    static const QRegularExpression word(QStringLiteral("[A-Za-z0-9_]+"));
    for (auto it = word.globalMatch(rest); it.hasNext();) {
        const auto m = it.next();
        const QString token = m.captured();
        if (latinLetters(token) < 2)
            continue; // P0, 5m, F5: labels and units, not words
        if (tokenAllowed(token, painted))
            continue;
        // An elided piece of data or of a technical token ("{"order_id":"0001","us…").
        const qsizetype end = m.capturedEnd();
        if (end < rest.size() && rest.at(end) == QChar(0x2026)) {
            const QString lower = token.toLower();
            const auto prefixOf = [&](const QString &t) { return t.startsWith(lower); };
            if (std::any_of(m_dataTokens.begin(), m_dataTokens.end(), prefixOf) ||
                std::any_of(m_allowed.begin(), m_allowed.end(), prefixOf))
                continue;
        }
        add(where, text, QStringLiteral("Latin word '%1'").arg(token));
    }
}

void UiTextAudit::checkFits(QWidget *widget, const QString &text, int available, int needed)
{
    // Only where it is in sight: a dock tabbed behind another stays "visible", moved out of the
    // window at the size it had (its texts are still checked for English).
    if (widget->visibleRegion().isEmpty())
        return;
    if (needed > available + 1)
        add(pathOf(widget), text, QStringLiteral("clipped: needs %1 px, has %2").arg(needed).arg(available));
}

QStringList UiTextAudit::paintedTexts(QWidget *root) const
{
    QStringList out;
    QList<QWidget *> widgets{root};
    widgets += root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->size().isEmpty())
            continue;
        // Each widget on its own, without children: the text is attributed to its painter.
        TextRecorder recorder(w->size());
        w->render(&recorder, QPoint(), QRegion(), QWidget::RenderFlags());
        for (const QString &t : recorder.texts())
            out << pathOf(w) + QLatin1Char('\t') + t;
    }
    return out;
}

void UiTextAudit::auditWindow(QWidget *root)
{
    checkText(pathOf(root) + QStringLiteral("[title]"), root->windowTitle());
    QList<QWidget *> widgets{root};
    widgets += root->findChildren<QWidget *>();
    for (QWidget *w : widgets)
        if (w->isVisible())
            auditWidget(w);
    if (auto *window = qobject_cast<QMainWindow *>(root)) {
        for (QAction *a : window->menuBar()->actions())
            auditAction(a, pathOf(window->menuBar()));
        checkText(pathOf(window->statusBar()) + QStringLiteral("[message]"), window->statusBar()->currentMessage());
    }
    for (const QString &line : paintedTexts(root))
        checkText(line.section(QLatin1Char('\t'), 0, 0) + QStringLiteral("[painted]"),
                  line.section(QLatin1Char('\t'), 1));
}

void UiTextAudit::auditAction(QAction *action, const QString &path)
{
    if (action->isSeparator())
        return;
    const QString where = path + QLatin1Char('/') + withoutAccelerators(action->text());
    checkText(where, action->text());
    if (action->toolTip() != withoutAccelerators(action->text()))
        checkText(where + QStringLiteral("[tooltip]"), action->toolTip());
    if (QMenu *menu = action->menu())
        auditMenu(menu, where);
}

void UiTextAudit::auditMenu(QMenu *menu, const QString &path)
{
    checkText(path + QStringLiteral("[title]"), menu->title());
    for (QAction *a : menu->actions())
        auditAction(a, path);
}

void UiTextAudit::auditWidget(QWidget *w)
{
    const QString path = pathOf(w);
    if (!w->toolTip().isEmpty())
        checkText(path + QStringLiteral("[tooltip]"), w->toolTip());
    if (w->isWindow() && w != w->window())
        checkText(path + QStringLiteral("[title]"), w->windowTitle());

    if (auto *label = qobject_cast<QLabel *>(w)) {
        checkText(path, label->text());
        if (!label->wordWrap() && !label->text().isEmpty() && label->textFormat() != Qt::RichText &&
            !Qt::mightBeRichText(label->text()))
            checkFits(w, label->text(), label->width(), label->minimumSizeHint().width());
    } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
        const auto *tool = qobject_cast<QToolButton *>(w);
        const bool textShown = !tool || tool->toolButtonStyle() != Qt::ToolButtonIconOnly || tool->icon().isNull();
        if (textShown && !button->text().isEmpty()) {
            checkText(path, button->text());
            checkFits(w, button->text(), button->width(), neededWidth(button));
        }
    } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
        checkText(path, group->title());
        checkFits(w, group->title(), group->width(), group->minimumSizeHint().width());
    } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
        for (int i = 0; i < tabs->count(); ++i) {
            checkText(path + QStringLiteral("[tab %1]").arg(i), tabs->tabText(i));
            checkText(path + QStringLiteral("[tab %1 tooltip]").arg(i), tabs->tabToolTip(i));
            const int needed = tabs->fontMetrics().horizontalAdvance(withoutAccelerators(tabs->tabText(i)));
            checkFits(w, tabs->tabText(i), tabs->tabRect(i).width() - 8, needed);
        }
    } else if (auto *dock = qobject_cast<QDockWidget *>(w)) {
        checkText(path + QStringLiteral("[title]"), dock->windowTitle());
    } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
        checkText(path + QStringLiteral("[placeholder]"), edit->placeholderText());
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(w)) {
        checkText(path + QStringLiteral("[placeholder]"), plain->placeholderText());
    } else if (auto *rich = qobject_cast<QTextEdit *>(w)) {
        checkText(path + QStringLiteral("[placeholder]"), rich->placeholderText());
    } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
        for (int i = 0; i < combo->count(); ++i)
            checkText(path + QStringLiteral("[item %1]").arg(i), combo->itemText(i));
    } else if (auto *spin = qobject_cast<QSpinBox *>(w)) {
        checkText(path + QStringLiteral("[special]"), spin->specialValueText());
        checkText(path + QStringLiteral("[prefix]"), spin->prefix());
        checkText(path + QStringLiteral("[suffix]"), spin->suffix());
    } else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w)) {
        checkText(path + QStringLiteral("[special]"), dspin->specialValueText());
        checkText(path + QStringLiteral("[prefix]"), dspin->prefix());
        checkText(path + QStringLiteral("[suffix]"), dspin->suffix());
    } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
        if (!qobject_cast<QHeaderView *>(w))
            auditItemView(view);
    } else if (auto *status = qobject_cast<QStatusBar *>(w)) {
        checkText(path + QStringLiteral("[message]"), status->currentMessage());
    }
}

void UiTextAudit::auditItemView(QAbstractItemView *view)
{
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    const QString path = pathOf(view);
    QHeaderView *header = nullptr;
    if (auto *tree = qobject_cast<QTreeView *>(view))
        header = tree->header();
    else if (auto *table = qobject_cast<QTableView *>(view))
        header = table->horizontalHeader();
    const int columns = model->columnCount();
    // Every column must show its texts whole, except those that elide data by design.
    auto mustFit = [&](int column) { return !m_eliding.contains({view->objectName(), column}); };
    if (header && !header->isHidden()) {
        for (int c = 0; c < columns; ++c) {
            if (header->isSectionHidden(c))
                continue;
            const QString text = model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
            checkText(path + QStringLiteral("[header %1]").arg(c), text);
            checkText(path + QStringLiteral("[header %1 tooltip]").arg(c),
                      model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
            if (mustFit(c))
                checkFits(header, text, header->sectionSize(c), header->fontMetrics().horizontalAdvance(text) + 8);
        }
    }
    auto *tree = qobject_cast<QTreeView *>(view);
    int budget = 400;
    std::function<void(const QModelIndex &)> rows = [&](const QModelIndex &parent) {
        for (int r = 0; r < model->rowCount(parent) && budget > 0; ++r, --budget) {
            for (int c = 0; c < columns; ++c) {
                if (header && header->isSectionHidden(c))
                    continue;
                const QModelIndex index = model->index(r, c, parent);
                const QString text = index.data(Qt::DisplayRole).toString();
                const QString where = path + QStringLiteral("[row %1 col %2]").arg(r).arg(c);
                checkText(where, text);
                checkText(where + QStringLiteral("[tooltip]"), index.data(Qt::ToolTipRole).toString());
                // The cell's own rectangle: a tree's first column loses its indentation.
                const int available = view->visualRect(index).width();
                if (mustFit(c) && available > 0 && !text.contains(QLatin1Char('\n'))) {
                    const QVariant font = index.data(Qt::FontRole);
                    const QFontMetrics fm(font.isValid() ? font.value<QFont>() : view->font());
                    checkFits(view, text, available, fm.horizontalAdvance(text) + 6);
                }
            }
            const QModelIndex first = model->index(r, 0, parent);
            if (tree && tree->isExpanded(first))
                rows(first);
        }
    };
    rows(QModelIndex());
}

QString UiTextAudit::report(int max) const
{
    QStringList lines;
    for (const AuditFinding &f : m_findings) {
        if (lines.size() >= max) {
            lines << QStringLiteral("… and %1 more").arg(qsizetype(m_findings.size()) - max);
            break;
        }
        lines << QStringLiteral("%1: \"%2\": %3").arg(f.where, f.text.left(120), f.problem);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace tidemark::test
