#include "ui/timeline/TimelineView.h"

#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"

#include <QButtonGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tidemark {

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent),
      m_model(new TimelineModel(this)),
      m_loader(new TimelineLoader(m_model, this)),
      m_canvas(new TimelineCanvas(m_model, m_loader, this))
{
    setObjectName(QStringLiteral("timelineView"));

    auto *header = new QHBoxLayout;
    header->setContentsMargins(12, 6, 8, 4);
    header->setSpacing(4);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    header->addWidget(m_title);
    header->addStretch(1);

    auto makeButton = [this](const QString &name, const QString &text, const QString &tip, bool checkable) {
        auto *b = new QToolButton(this);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(checkable);
        b->setAutoRaise(true);
        b->setFocusPolicy(Qt::TabFocus);
        return b;
    };
    auto *colourLabel = new QLabel(tr("Colour by"), this);
    colourLabel->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(colourLabel);
    m_byKey = makeButton(QStringLiteral("colourByKeyButton"), tr("Key"), tr("A stable colour per record key"), true);
    m_byConsumer = makeButton(QStringLiteral("colourByConsumerButton"), tr("Consumer"),
                              tr("The colour of the consumer that owns the partition"), true);
    auto *colourGroup = new QButtonGroup(this);
    colourGroup->addButton(m_byKey);
    colourGroup->addButton(m_byConsumer);
    colourGroup->setExclusive(true);
    m_byKey->setChecked(true);
    header->addWidget(m_byKey);
    header->addWidget(m_byConsumer);
    header->addSpacing(12);
    m_fit = makeButton(QStringLiteral("fitButton"), tr("Fit"), tr("Show every offset (F)"), false);
    m_follow = makeButton(QStringLiteral("followHeadButton"), tr("Follow head"),
                          tr("Keep the newest records in view (End)"), true);
    header->addWidget(m_fit);
    header->addWidget(m_follow);

    m_resetBar = new QFrame(this);
    m_resetBar->setObjectName(QStringLiteral("offsetResetBar"));
    m_resetBar->setFrameShape(QFrame::StyledPanel);
    m_resetBar->setAutoFillBackground(true);
    QPalette barPalette = m_resetBar->palette();
    barPalette.setColor(QPalette::Window, mixColours(palette().color(QPalette::Base), QColor(0xf2, 0xa3, 0x1b), 0.16));
    m_resetBar->setPalette(barPalette);
    auto *bar = new QHBoxLayout(m_resetBar);
    bar->setContentsMargins(12, 6, 8, 6);
    m_resetMessage = new QLabel(m_resetBar);
    m_resetMessage->setObjectName(QStringLiteral("offsetResetMessage"));
    m_resetMessage->setWordWrap(true);
    m_resetConfirm = new QPushButton(tr("Reset offset"), m_resetBar);
    m_resetConfirm->setObjectName(QStringLiteral("offsetResetConfirm"));
    m_resetCancel = new QPushButton(tr("Cancel"), m_resetBar);
    m_resetCancel->setObjectName(QStringLiteral("offsetResetCancel"));
    bar->addWidget(m_resetMessage, 1);
    bar->addWidget(m_resetConfirm);
    bar->addWidget(m_resetCancel);
    m_resetBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_resetBar);
    layout->addWidget(m_canvas, 1);

    connect(m_byKey, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_canvas->setColourMode(TimelineColourMode::Keys);
    });
    connect(m_byConsumer, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_canvas->setColourMode(TimelineColourMode::Consumers);
    });
    connect(m_fit, &QToolButton::clicked, this, &TimelineView::fit);
    connect(m_follow, &QToolButton::toggled, m_canvas, &TimelineCanvas::setFollowHead);
    connect(m_canvas, &TimelineCanvas::followHeadChanged, m_follow, &QToolButton::setChecked);
    connect(m_canvas, &TimelineCanvas::recordActivated, this, &TimelineView::recordActivated);
    connect(m_canvas, &TimelineCanvas::statusMessage, this, &TimelineView::statusMessage);
    connect(m_canvas, &TimelineCanvas::offsetResetProposed, this, &TimelineView::onResetProposed);
    connect(m_resetConfirm, &QPushButton::clicked, this, &TimelineView::confirmReset);
    connect(m_resetCancel, &QPushButton::clicked, this, &TimelineView::cancelReset);
    connect(m_loader, &TimelineLoader::resetFinished, this, &TimelineView::onResetFinished);
    connect(m_loader, &TimelineLoader::errorOccurred, this, &TimelineView::statusMessage);
    connect(m_loader, &TimelineLoader::errorOccurred, m_canvas, &TimelineCanvas::setProblem);
    connect(m_model, &TimelineModel::lanesChanged, this, &TimelineView::updateTitle);
    updateTitle();
}

TimelineView::~TimelineView() = default;

void TimelineView::setBackend(AsyncBackend *backend)
{
    cancelReset();
    m_loader->setBackend(backend);
}

AsyncBackend *TimelineView::backend() const { return m_loader->backend(); }

void TimelineView::setTopic(const QString &topic)
{
    cancelReset();
    m_canvas->setProblem(QString());
    m_loader->setTopic(topic);
    m_canvas->fit();
    updateTitle();
}

QString TimelineView::topic() const { return m_model->topic(); }

void TimelineView::setClock(TimelineModel::Clock clock) { m_model->setClock(std::move(clock)); }

void TimelineView::setColourMode(TimelineColourMode mode)
{
    (mode == TimelineColourMode::Keys ? m_byKey : m_byConsumer)->setChecked(true);
}

TimelineColourMode TimelineView::colourMode() const { return m_canvas->colourMode(); }

void TimelineView::setFollowHead(bool follow) { m_follow->setChecked(follow); }
bool TimelineView::isFollowingHead() const { return m_canvas->isFollowingHead(); }
void TimelineView::showRange(double from, double to) { m_canvas->showRange(from, to); }

QRect TimelineView::laneRect(int partition) const { return m_canvas->laneRect(m_model->laneOfPartition(partition)); }
QRect TimelineView::stripRect(int partition) const { return m_canvas->stripRect(m_model->laneOfPartition(partition)); }

bool TimelineView::isResetPending() const { return m_proposal.has_value(); }

void TimelineView::setConsumers(const std::vector<ConsumerStatus> &statuses)
{
    m_consumers = statuses;
    m_model->setConsumers(m_consumers);
}

void TimelineView::updateConsumer(const ConsumerStatus &status)
{
    auto it = std::find_if(m_consumers.begin(), m_consumers.end(),
                           [&](const ConsumerStatus &c) { return c.consumerId == status.consumerId; });
    if (it != m_consumers.end())
        *it = status;
    else
        m_consumers.push_back(status);
    m_model->setConsumers(m_consumers);
}

void TimelineView::removeConsumer(const QString &consumerId)
{
    m_consumers.erase(std::remove_if(m_consumers.begin(), m_consumers.end(),
                                     [&](const ConsumerStatus &c) { return c.consumerId == consumerId; }),
                      m_consumers.end());
    m_model->setConsumers(m_consumers);
}
void TimelineView::setFocusGroup(const QString &groupId) { m_model->setFocusGroup(groupId); }
void TimelineView::fit() { m_canvas->fit(); }
void TimelineView::zoomIn() { m_canvas->zoomBy(1.5); }
void TimelineView::zoomOut() { m_canvas->zoomBy(1 / 1.5); }

void TimelineView::updateTitle()
{
    const QString topic = m_model->topic();
    m_title->setText(topic.isEmpty() ? tr("No topic") : topic);
}

void TimelineView::onResetProposed(const QString &groupId, int partition, qint64 from, qint64 to)
{
    m_proposal = Proposal{groupId, partition, from, to, false};
    const QLocale locale;
    const qint64 delta = to - from;
    const QString effect = delta < 0 ? tr("%1 records will be read again.").arg(locale.toString(-delta))
                                     : tr("%1 records will be skipped.").arg(locale.toString(delta));
    m_resetMessage->setText(tr("Reset group <b>%1</b> on %2[%3] from %4 to <b>%5</b>? %6 The group's consumers "
                               "must be stopped first.")
                                .arg(groupId.toHtmlEscaped(), m_model->topic().toHtmlEscaped())
                                .arg(partition)
                                .arg(locale.toString(from), locale.toString(to), effect));
    m_resetConfirm->setEnabled(true);
    m_resetConfirm->show();
    m_resetCancel->setText(tr("Cancel"));
    m_resetBar->show();
    emit offsetResetProposed(groupId, TopicPartition{m_model->topic(), partition}, from, to);
}

void TimelineView::confirmReset()
{
    if (!m_proposal || m_proposal->applying)
        return;
    m_proposal->applying = true;
    m_resetConfirm->setEnabled(false);
    m_resetMessage->setText(tr("Resetting group %1 on %2[%3] to %4…")
                                .arg(m_proposal->groupId.toHtmlEscaped(), m_model->topic().toHtmlEscaped())
                                .arg(m_proposal->partition)
                                .arg(QLocale().toString(m_proposal->to)));
    m_loader->resetOffset(m_proposal->groupId, m_proposal->partition, m_proposal->to);
}

void TimelineView::cancelReset()
{
    m_proposal.reset();
    m_resetBar->hide();
    m_canvas->clearProposal();
}

void TimelineView::onResetFinished(const QString &groupId, int partition, qint64 offset, const QString &error)
{
    const TopicPartition tp{m_model->topic(), partition};
    m_canvas->clearProposal();
    if (error.isEmpty()) {
        m_proposal.reset();
        m_resetBar->hide();
        emit statusMessage(
            tr("Group %1 on %2 now resumes at offset %3.").arg(groupId, tp.toString(), QLocale().toString(offset)));
    } else {
        m_proposal.reset();
        m_resetMessage->setText(
            tr("Could not reset group %1 on %2: %3")
                .arg(groupId.toHtmlEscaped(), tp.toString().toHtmlEscaped(), error.toHtmlEscaped()));
        m_resetConfirm->hide();
        m_resetCancel->setText(tr("Dismiss"));
        m_resetBar->show();
        emit statusMessage(tr("Could not reset group %1 on %2: %3").arg(groupId, tp.toString(), error));
    }
    emit offsetResetFinished(groupId, tp, offset, error);
}

} // namespace tidemark
