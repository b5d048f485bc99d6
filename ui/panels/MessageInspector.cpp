#include "ui/panels/MessageInspector.h"

#include "core/RecordFormat.h"
#include "ui/JsonHighlighter.h"
#include "ui/Style.h"

#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace tidemark {

MessageInspector::MessageInspector(QWidget *parent)
    : QWidget(parent),
      m_where(new QLabel(this)),
      m_key(new QLabel(this)),
      m_headers(new QLabel(this)),
      m_valueInfo(new QLabel(this)),
      m_value(new QPlainTextEdit(this)),
      m_highlighter(new JsonHighlighter(m_value->document())),
      m_copyValue(new QToolButton(this)),
      m_copyKey(new QToolButton(this)),
      m_again(new QToolButton(this)),
      m_hex(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageInspector"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    auto *form = new QFormLayout;
    form->setHorizontalSpacing(8);
    form->setVerticalSpacing(2);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (QLabel *l : {m_where, m_key, m_headers}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    m_where->setObjectName(QStringLiteral("inspectorWhere"));
    m_key->setObjectName(QStringLiteral("inspectorKey"));
    m_key->setFont(style::monospaceFont());
    // Right-click the key: highlight every record with it on the timeline (and filter by it).
    m_key->setToolTip(tr("Right-click: highlight every record with this key on the timeline"));
    m_key->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_key, &QLabel::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_record)
            return;
        QMenu menu(this);
        menu.setObjectName(QStringLiteral("inspectorKeyMenu"));
        connect(menu.addAction(tr("Highlight This Key on the Timeline")), &QAction::triggered, this,
                &MessageInspector::highlightKey);
        connect(menu.addAction(tr("Copy key")), &QAction::triggered, this, &MessageInspector::copyKey);
        menu.exec(m_key->mapToGlobal(pos));
    });
    m_headers->setObjectName(QStringLiteral("inspectorHeaders"));
    m_headers->setFont(style::monospaceFont());
    form->addRow(tr("Record:"), m_where);
    form->addRow(tr("Key:"), m_key);
    form->addRow(tr("Headers:"), m_headers);
    layout->addLayout(form);
    m_valueInfo->setObjectName(QStringLiteral("inspectorValueInfo"));
    // The hex toggle sits on the value's own line, where it takes no width from the buttons.
    auto *valueRow = new QHBoxLayout;
    valueRow->setSpacing(4);
    valueRow->addWidget(m_valueInfo, 1);
    valueRow->addWidget(m_hex);
    layout->addLayout(valueRow);
    m_value->setObjectName(QStringLiteral("inspectorValue"));
    m_value->setReadOnly(true);
    m_value->setFont(style::monospaceFont());
    m_value->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_value, 1);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    const auto setup = [](QToolButton *b, const QString &icon, const QString &text) {
        b->setIcon(style::icon(icon));
        b->setText(text);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
    };
    setup(m_copyValue, QStringLiteral(":/icons/copy.svg"), tr("Copy value"));
    setup(m_copyKey, QStringLiteral(":/icons/copy.svg"), tr("Copy key"));
    setup(m_again, QStringLiteral(":/icons/send.svg"), tr("Produce again"));
    m_copyValue->setToolTip(tr("Copy the value (Ctrl+Shift+C)"));
    m_copyKey->setToolTip(tr("Copy the key"));
    m_copyValue->setObjectName(QStringLiteral("copyValueButton"));
    m_copyKey->setObjectName(QStringLiteral("copyKeyButton"));
    m_again->setObjectName(QStringLiteral("produceAgainButton"));
    m_again->setToolTip(tr("Put this record into the producer to send it again"));
    buttons->addWidget(m_copyValue);
    buttons->addWidget(m_copyKey);
    m_hex->setObjectName(QStringLiteral("hexViewButton"));
    //: Toggle: show the value as a hex dump
    m_hex->setText(tr("Hex"));
    m_hex->setCheckable(true);
    m_hex->setAutoRaise(true);
    m_hex->setToolTip(tr("Show the value's exact bytes as a hex dump"));
    buttons->addStretch();
    buttons->addWidget(m_again);
    layout->addLayout(buttons);
    for (QToolButton *b : {m_copyValue, m_copyKey, m_again}) {
        m_buttonsWithText += b->sizeHint().width() + buttons->spacing();
        b->setAccessibleName(b->text());
        b->setToolButtonStyle(Qt::ToolButtonIconOnly); // the least it needs, so the dock can shrink
        b->setMinimumWidth(b->sizeHint().width());
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    }
    m_buttonsWithText += layout->contentsMargins().left() + layout->contentsMargins().right();

    connect(m_copyValue, &QToolButton::clicked, this, &MessageInspector::copyValue);
    connect(m_copyKey, &QToolButton::clicked, this, &MessageInspector::copyKey);
    connect(m_hex, &QToolButton::toggled, this, [this] {
        if (m_record)
            showValue();
    });
    connect(m_again, &QToolButton::clicked, this, [this] {
        if (m_record)
            emit produceAgainRequested(*m_record);
    });
    clear();
}

QString MessageInspector::valueText() const { return m_value->toPlainText(); }

void MessageInspector::showRecord(const Record &record)
{
    m_record = record;
    const QLocale locale;
    m_where->setText(tr("%1 · partition %2 · offset %3\n%4")
                         .arg(record.topic)
                         .arg(record.partition)
                         .arg(record.offset)
                         .arg(QDateTime::fromMSecsSinceEpoch(record.timestampMs)
                                  .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"))));
    m_key->setText(record.key
                       ? (looksLikeText(*record.key) ? QString::fromUtf8(*record.key) : previewBytes(*record.key, 60))
                       : tr("(null: the producer picked a partition at random)"));
    QStringList headers;
    for (const Header &h : record.headers)
        headers << previewBytes(h.key, 60) + QStringLiteral(": ") +
                       (h.value ? previewBytes(*h.value, 60) : tr("(null)"));
    m_headers->setText(headers.isEmpty() ? tr("none") : headers.join(QLatin1Char('\n')));
    showValue();
    m_copyValue->setEnabled(record.value.has_value());
    m_copyKey->setEnabled(record.key.has_value());
    m_again->setEnabled(true);
}

bool MessageInspector::isHexView() const { return m_hex->isChecked(); }

void MessageInspector::setHexView(bool on) { m_hex->setChecked(on); }

void MessageInspector::showValue()
{
    const Record &record = *m_record;
    QFont valueFont = m_value->font();
    valueFont.setItalic(!record.value);
    m_value->setFont(valueFont);
    if (!record.value) {
        // A tombstone is not an empty value: say so, in italics, never as an empty text.
        m_kind = QStringLiteral("null");
        m_value->setPlainText(tr("null (tombstone)"));
        m_highlighter->setEnabled(false);
        m_valueInfo->setText(tr("Value · null: a tombstone (on a compacted topic it deletes the key's earlier "
                                "records)"));
    } else {
        const QByteArray &value = *record.value;
        const QString shown = displayValue(value, &m_kind);
        const bool hex = m_hex->isChecked() && m_kind != QLatin1String("binary");
        m_value->setPlainText(hex ? hexDump(value) : shown);
        m_highlighter->setEnabled(!hex && m_kind == QLatin1String("json"));
        // Qt's locale data has no plural-proof unit for small sizes in every language ("118
        // байты"), so bytes get a translatable abbreviation; kilobytes and up are Qt's.
        const QString size = value.size() < 1024 ? tr("%1 bytes", "data size below 1 KiB").arg(value.size())
                                                 : QLocale().formattedDataSize(value.size());
        m_valueInfo->setText(m_kind == QLatin1String("json")
                                 ? (hex ? tr("Value · JSON, as hex · %1").arg(size) : tr("Value · JSON · %1").arg(size))
                             : m_kind == QLatin1String("text")
                                 ? (hex ? tr("Value · text, as hex · %1").arg(size) : tr("Value · text · %1").arg(size))
                                 : tr("Value · binary (hex) · %1").arg(size));
    }
}

void MessageInspector::clear()
{
    m_record.reset();
    m_kind.clear();
    m_where->setText(tr("Select a record in the message table"));
    m_key->clear();
    m_headers->clear();
    m_valueInfo->setText(tr("Value"));
    m_value->clear();
    m_copyValue->setEnabled(false);
    m_copyKey->setEnabled(false);
    m_again->setEnabled(false);
}

void MessageInspector::copyValue()
{
    if (!m_record || !m_record->value)
        return; // a tombstone has no value to copy
    // The raw value when it is text (what a producer would send), else the hex dump.
    QGuiApplication::clipboard()->setText(looksLikeText(*m_record->value) ? QString::fromUtf8(*m_record->value)
                                                                          : m_value->toPlainText());
}

void MessageInspector::copyKey()
{
    if (m_record && m_record->key)
        QGuiApplication::clipboard()->setText(QString::fromUtf8(*m_record->key));
}

void MessageInspector::highlightKey()
{
    if (m_record)
        emit highlightKeyRequested(m_record->key);
}

void MessageInspector::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitButtons();
}

void MessageInspector::fitButtons()
{
    const auto style = width() < m_buttonsWithText ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon;
    for (QToolButton *b : {m_copyValue, m_copyKey, m_again})
        b->setToolButtonStyle(style);
}

void MessageInspector::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->updateColors(palette());
    QWidget::changeEvent(event);
}

} // namespace tidemark
