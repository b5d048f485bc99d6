#include "core/Lesson.h"

#include "core/ConsumerManager.h"

#include <algorithm>
#include <map>

namespace tidemark {

namespace {

constexpr int kTopicsIntervalMs = 2000; // the topic browser's rate: no extra poll

bool readsLessonTopic(const ConsumerStatus &s)
{
    if (!s.topics.contains(Lesson::topic()))
        return false;
    for (const TopicPartition &tp : s.assignment)
        if (tp.topic == Lesson::topic())
            return true;
    return false;
}

} // namespace

Lesson::Lesson(ConsumerManager *consumers, QObject *parent) : QObject(parent), m_consumers(consumers)
{
    connect(m_consumers, &ConsumerManager::statusChanged, this, &Lesson::evaluate);
    connect(m_consumers, &ConsumerManager::consumerRemoved, this, &Lesson::evaluate);
}

Lesson::~Lesson()
{
    if (m_state)
        m_state->unwatch(m_watch);
}

void Lesson::setBrokerState(BrokerState *state, const QString &broker)
{
    if (state == m_state)
        return;
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        m_state->unwatch(m_watch);
    }
    // What was done on the broker we leave comes back with it (only the progress made while
    // connected: the offer is known once its topics were seen).
    if (m_state && !m_broker.isEmpty())
        m_progress[m_broker] = Progress{m_step, m_offered, m_offerKnown, m_tooSoon, m_group, m_killed, m_kept};
    m_watch = 0;
    m_state = state;
    m_broker = state ? broker : QString();
    // Another broker: what was seen on the last one does not count here (topics and record
    // counts are seen again at once; the consumers stopped with the old connection). The same
    // broker again: its progress, which its data alone cannot show (the group, the kill, the
    // replay happened there).
    Progress progress;
    if (const auto saved = m_progress.find(m_broker); !m_broker.isEmpty() && saved != m_progress.end())
        progress = saved->second;
    m_step = progress.step;
    m_offered = progress.offered;
    m_offerKnown = progress.offerKnown;
    m_tooSoon = progress.tooSoon;
    m_group = progress.group;
    m_killed = progress.killed;
    m_kept = progress.kept;
    // The consumers stop and leave the list with their connection: a kill, takeover or
    // restart still to be seen needs the group running again, which is step StartGroup's.
    const std::vector<ConsumerStatus> statuses = m_consumers->statuses();
    const bool groupGone = std::none_of(statuses.begin(), statuses.end(),
                                        [this](const ConsumerStatus &s) { return s.groupId == m_group; });
    if (m_step > Step::StartGroup && m_step < Step::Replay && groupGone) {
        m_step = Step::StartGroup;
        m_group.clear();
        m_killed.clear();
        m_kept.clear();
        m_tooSoon = false;
    }
    if (m_state) {
        m_watch = m_state->watchTopics(kTopicsIntervalMs);
        connect(m_state, &BrokerState::topicsChanged, this, &Lesson::evaluate);
        connect(m_state, &BrokerState::topicChanged, this, &Lesson::evaluate);
    }
    evaluate();
    emit changed(); // offered or not, connected or not
}

bool Lesson::isDone(Step step)
{
    const auto lessonTopic = [this]() -> std::optional<TopicInfo> {
        if (!m_state || !m_state->topicsLoaded())
            return std::nullopt;
        return m_state->topic(topic());
    };
    const std::vector<ConsumerStatus> statuses = m_consumers->statuses();
    const auto statusOf = [&](const QString &id) -> const ConsumerStatus * {
        for (const ConsumerStatus &s : statuses)
            if (s.consumerId == id)
                return &s;
        return nullptr;
    };
    switch (step) {
    case Step::CreateTopic: return lessonTopic().has_value();
    case Step::SendKeyedOrder: return lessonTopic() && m_state->recordCount(topic()) >= 1;
    case Step::Generate: return lessonTopic() && m_state->recordCount(topic()) >= kGeneratedRecords;
    case Step::StartGroup: {
        std::map<QString, int> reading; // group -> running members with partitions of the topic
        for (const ConsumerStatus &s : statuses)
            if (s.state == ConsumerStatus::State::Running && readsLessonTopic(s) && ++reading[s.groupId] == 2) {
                m_group = s.groupId;
                return true;
            }
        return false;
    }
    case Step::Kill:
        for (const ConsumerStatus &s : statuses)
            if (s.groupId == m_group && s.state == ConsumerStatus::State::Killed &&
                (m_killed.isEmpty() || s.consumerId == m_killed)) {
                m_killed = s.consumerId;
                m_kept = {s.assignment.begin(), s.assignment.end()};
                m_tooSoon = false;
                return true;
            }
        return false;
    case Step::Takeover: {
        const ConsumerStatus *killed = statusOf(m_killed);
        if (killed && killed->isActive()) { // back before anyone took over: kill it again
            m_tooSoon = true;
            m_step = Step::Kill;
            m_killed.clear();
            m_kept.clear();
            return false;
        }
        for (const ConsumerStatus &s : statuses) {
            if (s.groupId != m_group || s.consumerId == m_killed || !s.isActive())
                continue;
            for (const TopicPartition &tp : s.assignment)
                if (m_kept.count(tp))
                    return true;
        }
        // It kept nothing (killed while joining): the session running out is the moment.
        return m_kept.empty() && killed && killed->sessionRemainingMs == 0;
    }
    case Step::Restart: {
        const ConsumerStatus *killed = statusOf(m_killed);
        return killed && killed->state == ConsumerStatus::State::Running;
    }
    case Step::Replay:
        for (const ConsumerStatus &s : statuses)
            if (s.groupId == m_group && s.recordsReplayed > 0)
                return true;
        return false;
    case Step::Done: return false;
    }
    return false;
}

void Lesson::evaluate()
{
    bool offerFound = false;
    if (m_state && m_state->topicsLoaded() && !m_offerKnown) {
        m_offerKnown = offerFound = true;
        m_offered = m_state->topics().empty() || m_state->topic(topic()).has_value();
    }
    const Step before = m_step;
    const bool tooSoonBefore = m_tooSoon;
    while (m_step != Step::Done) {
        const Step current = m_step;
        if (!isDone(current))
            break;
        m_step = Step(int(current) + 1);
    }
    if (offerFound || m_step != before || m_tooSoon != tooSoonBefore)
        emit changed();
}

} // namespace tidemark
