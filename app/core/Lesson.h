#pragma once

// The first lesson, as a sequence of steps the app sees the user take (issue 14 item 6):
//
//   CreateTopic     the topic "orders" exists (3 partitions offered)
//   SendKeyedOrder  it holds a record
//   Generate        it holds at least kGeneratedRecords records
//   StartGroup      two consumers of one group run on it, each with partitions
//   Kill            a member of that group was killed
//   Takeover        another member of the group got a partition the killed one kept
//                   (after its session timeout)
//   Restart         the killed consumer runs again
//   Replay          a member of the group read records again after an offset reset
//   Done
//
// Each step is done when the app observes it, never because a button was pressed: topics
// and record counts come from the connection's BrokerState (so a topic created by kcat or
// `tidemark-cli` counts too), consumers from the ConsumerManager's statuses. Steps are taken
// in order and stay done; a killed consumer restarted before anyone took its partitions over
// sends the lesson back to Kill (restartedTooSoon() says so).
//
// The progress on each broker is kept in the QSettings given (key "lesson/progress", a map
// by broker name), saved as each step is done, so a restart (a new language) or a relaunch
// goes on where the user was. The consumers do not survive a restart (nor a switch to another
// broker and back): a step that needs the group running asks for it again without going back
// (Kill: start the group again, then kill; Restart: starting the group again is the restart),
// except a takeover that was still to be seen, which needs a new kill. A broker whose lesson
// topic is gone when its topics first arrive starts the lesson over.
//
// Threads: GUI thread only (BrokerState and ConsumerManager live there).

#include "core/BrokerState.h"
#include "core/ConsumerStatus.h"

#include <QObject>
#include <QPointer>

class QSettings;

#include <map>
#include <set>

namespace tidemark {

class ConsumerManager;

class Lesson final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Lesson)

public:
    enum class Step { CreateTopic, SendKeyedOrder, Generate, StartGroup, Kill, Takeover, Restart, Replay, Done };
    static constexpr int kStepCount = int(Step::Done); // steps to take
    static constexpr qint64 kGeneratedRecords = 10;
    static constexpr int kPartitions = 3;
    static QString topic() { return QStringLiteral("orders"); }

    // `settings` (may be null: nothing kept across runs) must outlive the lesson.
    explicit Lesson(ConsumerManager *consumers, QSettings *settings = nullptr, QObject *parent = nullptr);
    ~Lesson() override;

    // The connection's state (null: not connected). Watches the topic list while connected.
    // `broker` names the broker (the backend's display name: "Local: /path", "Kafka:
    // host:port"): the lesson's progress on a broker is kept for the session and comes back
    // when the app connects to the same broker again (a switch to Kafka and back). Another
    // broker starts from what its own data shows (topics and record counts), because its
    // topic and groups are not the ones the user worked with.
    void setBrokerState(BrokerState *state, const QString &broker = {});

    Step step() const { return m_step; }
    // The group of the lesson once StartGroup is done, and the consumer killed at Kill.
    QString group() const { return m_group; }
    QString killedConsumer() const { return m_killed; }
    // The killed consumer came back before another member took its partitions over.
    bool restartedTooSoon() const { return m_tooSoon; }
    // Whether a member of group() is in the consumer list at all (a restart or a switch of
    // broker removed them): the steps Kill and Restart then ask to start the group again.
    bool groupListed() const;
    // Whether the killed consumer is in the consumer list (not after a restart).
    bool killedListed() const;
    // Whether the connection, when its topic list first arrived, was empty or already had
    // the lesson's topic: a fresh data directory, or one where the lesson was begun.
    bool isOffered() const { return m_offered; }

signals:
    void changed();

private:
    void evaluate();
    bool isDone(Step step);
    void load();
    void save();

    // What the user did on one broker, kept while connected elsewhere.
    struct Progress {
        Step step = Step::CreateTopic;
        bool offered = false;
        bool offerKnown = false;
        bool tooSoon = false;
        QString group;
        QString killed;
        std::set<TopicPartition> kept;
    };

    ConsumerManager *m_consumers;
    QSettings *m_settings;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_watch = 0;
    Step m_step = Step::CreateTopic;
    bool m_offered = false;
    bool m_offerKnown = false;
    bool m_tooSoon = false;
    QString m_group;
    QString m_killed;
    std::set<TopicPartition> m_kept;        // what the killed consumer held when it was killed
    QString m_broker;                       // the broker of m_state (empty: none or unnamed)
    std::map<QString, Progress> m_progress; // other brokers', by name
};

} // namespace tidemark
