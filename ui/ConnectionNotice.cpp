#include "ui/ConnectionNotice.h"

#include "core/ConnectionLifecycle.h"
#include "ui/Style.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tidemark {

ConnectionNotice::ConnectionNotice(const ConnectionLifecycle *lifecycle, QWidget *parent)
    : QFrame(parent),
      m_lifecycle(lifecycle),
      m_headline(new QLabel(this)),
      m_detailsButton(new QToolButton(this)),
      m_details(new QPlainTextEdit(this)),
      m_retry(new QPushButton(tr("&Try Again"), this)),
      m_builtIn(new QPushButton(QIcon(QStringLiteral(":/icons/database.svg")), tr("Use the &Built-in Broker"), this))
{
    setObjectName(QStringLiteral("connectionNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *row = new QHBoxLayout;
    m_headline->setObjectName(QStringLiteral("connectionNoticeText"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps within the window instead of widening it.
    m_headline->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    row->addWidget(m_headline, 1);
    m_detailsButton->setObjectName(QStringLiteral("connectionNoticeDetailsButton"));
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setAutoRaise(true);
    m_detailsButton->setToolTip(tr("What the Kafka client library reported, word for word"));
    row->addWidget(m_detailsButton);
    m_retry->setObjectName(QStringLiteral("connectionNoticeRetry"));
    row->addWidget(m_retry);
    m_builtIn->setObjectName(QStringLiteral("connectionNoticeBuiltIn"));
    row->addWidget(m_builtIn);
    layout->addLayout(row);
    m_details->setObjectName(QStringLiteral("connectionNoticeDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(style::monospaceFont());
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // Three lines (it scrolls): the banner takes its room from the docks, and at 1024x700
    // they have little to give.
    m_details->setFixedHeight(QFontMetrics(m_details->font()).lineSpacing() * 3 + 12);
    m_details->hide();
    layout->addWidget(m_details);

    connect(m_detailsButton, &QToolButton::toggled, this, [this](bool on) {
        m_detailsButton->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_details->setVisible(on);
        updateGeometry();
    });
    connect(m_retry, &QPushButton::clicked, this, &ConnectionNotice::retryRequested);
    connect(m_builtIn, &QPushButton::clicked, this, &ConnectionNotice::builtInBrokerRequested);
    connect(m_lifecycle, &ConnectionLifecycle::stateChanged, this, &ConnectionNotice::update);
    update();
}

int ConnectionNotice::layoutWidth() const
{
    if (isVisible() && width() > 0)
        return width();
    // Not laid out yet: the row it will get spans the window (less the toolbar's margins).
    const QWidget *top = window();
    return top && top != this ? std::max(top->width() - 16, 320) : QFrame::sizeHint().width();
}

QSize ConnectionNotice::sizeHint() const
{
    const int width = layoutWidth();
    return QSize(width, layout()->totalHeightForWidth(width));
}

QSize ConnectionNotice::minimumSizeHint() const { return QSize(320, sizeHint().height()); }

void ConnectionNotice::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry(); // the sentence wraps anew: the row's height follows
}

QString ConnectionNotice::headline() const { return m_headline->text(); }
QString ConnectionNotice::details() const { return m_details->toPlainText(); }
bool ConnectionNotice::detailsShown() const { return m_details->isVisibleTo(this); }

void ConnectionNotice::update()
{
    const auto failure = m_lifecycle->failure();
    const bool wanted = m_lifecycle->state() == ConnectionState::Unreachable && failure;
    if (wanted) {
        m_headline->setText(failure->headline);
        m_details->setPlainText(failure->details);
        // The headline of an unclassified failure already is the library's text.
        m_detailsButton->setVisible(failure->kind != ConnectionFailure::Kind::Other);
        const bool local = m_lifecycle->spec() && m_lifecycle->spec()->kind == ConnectionSpec::Kind::Local;
        m_builtIn->setVisible(!local);
        style::setTone(m_headline, style::Tone::Bad);
    } else {
        m_detailsButton->setChecked(false);
    }
    emit wantedChanged(wanted);
}

} // namespace tidemark
