#include "ui/LessonStrip.h"

#include "core/AsyncBackend.h"
#include "core/ConsumerManager.h"
#include "ui/ElidedLabel.h"
#include "ui/Style.h"
#include "ui/panels/ProducerPanel.h"
#include "ui/panels/TopicBrowser.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QToolButton>

namespace tidemark {

namespace {

const QString kDismissedKey = QStringLiteral("lesson/dismissed");

} // namespace

LessonStrip::LessonStrip(QSettings &settings, ConsumerManager *consumers, TopicBrowser *topics, ProducerPanel *producer,
                         QWidget *parent)
    : QWidget(parent),
      m_settings(settings),
      m_consumers(consumers),
      m_topics(topics),
      m_producer(producer),
      m_lesson(new Lesson(consumers, &settings, this)),
      m_title(new QLabel(this)),
      m_text(new ElidedLabel(this)),
      m_start(new QPushButton(this)),
      m_dismiss(new QToolButton(this))
{
    setObjectName(QStringLiteral("lessonStrip"));
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_start->setObjectName(QStringLiteral("lessonStartButton"));
    m_dismiss->setObjectName(QStringLiteral("lessonDismissButton"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_dismiss->setAutoRaise(true);
    m_dismiss->setText(QStringLiteral("✕"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_start);
    layout->addWidget(m_dismiss);

    connect(m_start, &QPushButton::clicked, this, &LessonStrip::start);
    connect(m_dismiss, &QToolButton::clicked, this, &LessonStrip::dismiss);
    connect(m_lesson, &Lesson::changed, this, [this] {
        m_error.clear();
        refresh();
    });
    // The countdown of a killed consumer's session is part of the text, and whether the
    // lesson's group is listed (after a restart the strip asks to start it again).
    // Only on a change: statuses arrive many times a second while consumers read.
    connect(m_consumers, &ConsumerManager::statusChanged, this, [this](const ConsumerStatus &s) {
        if (s.consumerId == m_lesson->killedConsumer() ||
            (s.groupId == m_lesson->group() &&
             (m_lesson->groupListed() != m_groupListed || othersRun() != m_othersRun)))
            refresh();
    });
    connect(m_consumers, &ConsumerManager::consumerRemoved, this, &LessonStrip::refresh);
    connect(m_topics, &TopicBrowser::topicSelected, this, &LessonStrip::onTopicSelected);
    connect(m_topics, &TopicBrowser::logged, this, [this](const LogEntry &entry) {
        if (m_starting && entry.kind == LogEntry::Kind::Error) {
            m_starting = false;
            m_error = entry.message;
            refresh();
        }
    });
    connect(m_producer, &ProducerPanel::logged, this, [this](const LogEntry &entry) {
        if (entry.kind == LogEntry::Kind::Error && m_lesson->step() == Lesson::Step::SendKeyedOrder) {
            m_error = entry.message;
            refresh();
        }
    });
    refresh();
}

void LessonStrip::setBackend(AsyncBackend *backend)
{
    m_backend = backend;
    m_starting = false;
    m_error.clear();
    m_lesson->setBrokerState(backend ? BrokerState::of(backend) : nullptr,
                             backend ? backend->displayName() : QString());
    refresh();
}

bool LessonStrip::isDismissed() const { return m_settings.value(kDismissedKey, false).toBool(); }

bool LessonStrip::isWanted() const { return m_backend && !isDismissed() && (m_asked || m_lesson->isOffered()); }

void LessonStrip::start()
{
    if (!m_backend || m_starting || m_lesson->step() != Lesson::Step::CreateTopic)
        return;
    m_starting = true;
    m_error.clear();
    m_topics->createTopic(TopicSpec{Lesson::topic(), Lesson::kPartitions, 1, {}});
    refresh();
}

void LessonStrip::onTopicSelected(const QString &topic)
{
    // The window hands the producer the topic in the same signal, before this slot; the send
    // goes out once the selection settled.
    if (!m_starting || topic != Lesson::topic())
        return;
    m_starting = false;
    QTimer::singleShot(0, this, [this] {
        if (m_producer->topic() == Lesson::topic())
            m_producer->send();
    });
    refresh();
}

void LessonStrip::dismiss()
{
    m_settings.setValue(kDismissedKey, true);
    m_settings.sync();
    m_asked = false;
    refresh();
}

void LessonStrip::showAgain()
{
    m_settings.setValue(kDismissedKey, false);
    m_settings.sync();
    m_asked = true;
    refresh();
}

QString LessonStrip::text() const { return m_text->text(); }

void LessonStrip::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

bool LessonStrip::othersRun() const
{
    // A member of the lesson's group, other than the killed one, that runs (or joins).
    for (const ConsumerStatus &s : m_consumers->statuses())
        if (s.groupId == m_lesson->group() && s.consumerId != m_lesson->killedConsumer() &&
            (s.state == ConsumerStatus::State::Running || s.state == ConsumerStatus::State::Starting ||
             s.state == ConsumerStatus::State::Rebalancing))
            return true;
    return false;
}

void LessonStrip::refresh()
{
    const Lesson::Step step = m_lesson->step();
    const int number = int(step) + 1;
    m_groupListed = m_lesson->groupListed();
    m_othersRun = othersRun();
    QString title =
        step == Lesson::Step::Done ? tr("Lesson complete") : tr("Lesson %1/%2").arg(number).arg(Lesson::kStepCount);
    QString text;
    const QString killed = m_lesson->killedConsumer();
    switch (step) {
    case Lesson::Step::CreateTopic:
        text = tr("Start with one click: a topic 'orders' with 3 partitions and a first order keyed by its user "
                  "id.");
        break;
    case Lesson::Step::SendKeyedOrder:
        text = tr("Send an order (Ctrl+Return): its key, the user id, decides its partition.");
        break;
    case Lesson::Step::Generate:
        text = tr("Next: generate orders (Ctrl+G) and watch the keys spread them over the 3 partitions.");
        break;
    case Lesson::Step::StartGroup:
        text = tr("Next: start a group of 2 consumers (Ctrl+Shift+N): the group shares the partitions.");
        break;
    case Lesson::Step::Kill:
        text = !m_lesson->groupListed() && !m_lesson->group().isEmpty()
                   ? tr("Next: start the group %1 again (Ctrl+Shift+N), select a consumer and kill it "
                        "(Ctrl+Shift+K).")
                         .arg(m_lesson->group())
               : m_lesson->restartedTooSoon()
                   ? tr("It came back before its session ran out. Kill a consumer again (Ctrl+Shift+K) and wait.")
                   : tr("Next: select a consumer and kill it (Ctrl+Shift+K): no commit, no goodbye to the group.");
        break;
    case Lesson::Step::Takeover: {
        const auto status = m_consumers->status(killed);
        const int left = status ? status->sessionSecondsLeft() : 0;
        // "its partition" when it holds one (a group of 2 on 3 partitions), "its partitions" else:
        // no number is shown, so one or more is all the grammar needs.
        const bool one = status && status->assignment.size() == 1;
        if (!othersRun())
            // Nobody left to take them over (the other member stopped): the step waits for one.
            text = (one ? tr("Watch: %1 keeps its partition, but no other member of %2 runs to take it over: restart "
                             "one (Ctrl+Shift+R) to see the takeover.")
                        : tr("Watch: %1 keeps its partitions, but no other member of %2 runs to take them over: "
                             "restart one (Ctrl+Shift+R) to see the takeover."))
                       .arg(killed, m_lesson->group());
        else if (left > 0)
            text = (one ? tr("Watch: %1 keeps its partition until its session times out (%2 s left); then the other "
                             "member takes it over.")
                        : tr("Watch: %1 keeps its partitions until its session times out (%2 s left); then the other "
                             "member takes them over."))
                       .arg(killed)
                       .arg(left);
        else if (status && status->sessionTimedOut())
            text = (one ? tr("Watch: %1's session timed out; the group is rebalancing and the other member takes its "
                             "partition over.")
                        : tr("Watch: %1's session timed out; the group is rebalancing and the other member takes its "
                             "partitions over."))
                       .arg(killed);
        else
            text = (one ? tr("Watch: %1 keeps its partition until its session times out; then the other member takes "
                             "it over.")
                        : tr("Watch: %1 keeps its partitions until its session times out; then the other member "
                             "takes them over."))
                       .arg(killed);
        break;
    }
    case Lesson::Step::Restart:
        // After a restart of the app the killed consumer is gone: the group started again
        // resumes just the same.
        text = m_lesson->killedListed()
                   ? tr("The group took over. Next: restart %1 (Ctrl+Shift+R): it resumes at the committed offset.")
                         .arg(killed)
                   : tr("The group took over. Next: start the group %1 again (Ctrl+Shift+N): it resumes at the "
                        "committed offset.")
                         .arg(m_lesson->group());
        break;
    case Lesson::Step::Replay:
        text = tr("Last: drag the committed offset back on the timeline, stop the group when asked, Reset, start "
                  "again: a replay.");
        break;
    case Lesson::Step::Done: text = tr("You saw keys, partitions, a group, a takeover, a restart and a replay."); break;
    }
    if (!m_error.isEmpty())
        text = tr("%1 (%2)").arg(text, m_error);
    m_title->setText(title);
    m_text->setText(text);
    m_text->setToolTip(text);
    m_start->setVisible(step == Lesson::Step::CreateTopic);
    m_start->setText(tr("Create 'orders' and Send an Order"));
    m_start->setEnabled(m_backend && !m_starting);
    m_dismiss->setToolTip(tr("Hide the lesson for good (Help ▸ Show the Lesson brings it back)"));
    QPalette p = m_title->palette();
    p.setColor(QPalette::WindowText,
               style::toneColor(step == Lesson::Step::Done ? style::Tone::Good : style::Tone::Accent, palette()));
    m_title->setPalette(p);
    const bool wanted = isWanted();
    if (wanted != m_wanted) {
        m_wanted = wanted;
        emit wantedChanged(wanted);
    }
}

} // namespace tidemark
