#include "core/Lesson.h"

#include "core/ConsumerManager.h"

#include <QSettings>
#include <QVariantMap>

#include <algorithm>
#include <map>

namespace tidemark {

namespace {

constexpr int kTopicsIntervalMs = 2000; // the topic browser's rate: no extra poll
const QString kProgressKey = QStringLiteral("lesson/progress");

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

Lesson::Lesson(ConsumerManager *consumers, QSettings *settings, QObject *parent)
    : QObject(parent), m_consumers(consumers), m_settings(settings)
{
    load();
    connect(m_consumers, &ConsumerManager::statusChanged, this, &Lesson::evaluate);
    connect(m_consumers, &ConsumerManager::consumerRemoved, this, &Lesson::evaluate);
}

// Settings: {broker name: {step, group, killed, kept: ["topic", partition, ...]}}. What the
// broker's data shows (the offer) is seen again, not kept.
void Lesson::load()
{
    if (!m_settings)
        return;
    const QVariantMap all = m_settings->value(kProgressKey).toMap();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QVariantMap saved = it.value().toMap();
        bool ok = false;
        const int step = saved.value(QStringLiteral("step")).toInt(&ok);
        if (!ok || step < 0 || step > int(Step::Done))
            continue; // not ours, or from a future lesson: start over rather than guess
        Progress progress;
        progress.step = Step(step);
        progress.group = saved.value(QStringLiteral("group")).toString();
        progress.killed = saved.value(QStringLiteral("killed")).toString();
        const QVariantList kept = saved.value(QStringLiteral("kept")).toList();
        for (qsizetype i = 0; i + 1 < kept.size(); i += 2)
            progress.kept.insert(TopicPartition{kept.at(i).toString(), kept.at(i + 1).toInt()});
        m_progress[it.key()] = progress;
    }
}

void Lesson::save()
{
    if (!m_settings)
        return;
    QVariantMap all;
    const auto put = [&all](const QString &broker, Step step, const QString &group, const QString &killed,
                            const std::set<TopicPartition> &kept) {
        QVariantList partitions;
        for (const TopicPartition &tp : kept)
            partitions << tp.topic << tp.partition;
        all.insert(broker, QVariantMap{{QStringLiteral("step"), int(step)},
                                       {QStringLiteral("group"), group},
                                       {QStringLiteral("killed"), killed},
                                       {QStringLiteral("kept"), partitions}});
    };
    for (const auto &[broker, progress] : m_progress)
        if (broker != m_broker)
            put(broker, progress.step, progress.group, progress.killed, progress.kept);
    if (!m_broker.isEmpty())
        put(m_broker, m_step, m_group, m_killed, m_kept);
    if (m_settings->value(kProgressKey).toMap() == all)
        return;
    m_settings->setValue(kProgressKey, all);
    m_settings->sync(); // a relaunch after a kill (SIGTERM) still finds it
}

bool Lesson::groupListed() const
{
    const std::vector<ConsumerStatus> statuses = m_consumers->statuses();
    return !m_group.isEmpty() && std::any_of(statuses.begin(), statuses.end(),
                                             [this](const ConsumerStatus &s) { return s.groupId == m_group; });
}

bool Lesson::killedListed() const { return !m_killed.isEmpty() && m_consumers->status(m_killed).has_value(); }

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
    // The consumers stop and leave the list with their connection (or with the process). A
    // kill still to be made needs the group again (Kill says so); a restart still to be made
    // is the group started again (Restart says so); a takeover still to be seen cannot be: the
    // killed member is gone, so it takes a new kill.
    if (!groupListed()) {
        if (m_step == Step::Takeover)
            m_step = Step::Kill;
        if (m_step == Step::Kill) {
            m_killed.clear();
            m_kept.clear();
            m_tooSoon = false;
        }
    }
    if (m_state) {
        m_watch = m_state->watchTopics(kTopicsIntervalMs);
        connect(m_state, &BrokerState::topicsChanged, this, &Lesson::evaluate);
        connect(m_state, &BrokerState::topicChanged, this, &Lesson::evaluate);
    }
    evaluate();
    save();
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
        // The group is gone (a restart, a switch of broker): a group of 2 started again, under
        // its name or another, is the one to kill a member of.
        if (!groupListed() && !isDone(Step::StartGroup))
            return false;
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
        if (killed)
            return killed->state == ConsumerStatus::State::Running;
        // Gone with a restart or a switch: a member of the group started again resumes at the
        // committed offsets, which is what this step shows.
        return std::any_of(statuses.begin(), statuses.end(), [this](const ConsumerStatus &s) {
            return s.groupId == m_group && s.state == ConsumerStatus::State::Running && readsLessonTopic(s);
        });
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
        // Progress kept from an earlier run on data that no longer has the lesson's topic (a
        // new data directory under the same path): the lesson starts over.
        if (!m_state->topic(topic()).has_value() && m_step != Step::CreateTopic) {
            m_step = Step::CreateTopic;
            m_group.clear();
            m_killed.clear();
            m_kept.clear();
            m_tooSoon = false;
        }
    }
    const Step before = m_step;
    const bool tooSoonBefore = m_tooSoon;
    while (m_step != Step::Done) {
        const Step current = m_step;
        if (!isDone(current))
            break;
        m_step = Step(int(current) + 1);
    }
    if (offerFound || m_step != before || m_tooSoon != tooSoonBefore) {
        save();
        emit changed();
    }
}

} // namespace tidemark
