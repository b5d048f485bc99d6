#pragma once

// Samples the connection's BrokerState for the charts dock: the record count of the first
// kMaxTopics topics and the committed offsets and lag of the first kMaxGroups groups, added
// to a ThroughputHistory every interval. It watches those topics and every group there (at
// its interval, coalesced with the other views) and asks the broker nothing itself.
//
// Thread: GUI thread only.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/timeline/ThroughputHistory.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>

namespace tidemark {

class ThroughputSampler final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputSampler)

public:
    static constexpr int kMaxTopics = 8;
    static constexpr int kMaxGroups = 8;

    explicit ThroughputSampler(ThroughputHistory *history, QObject *parent = nullptr);

    void setBackend(AsyncBackend *backend); // nullptr stops sampling
    void setInterval(int msecs);
    int interval() const { return m_timer.interval(); }
    void sampleNow();

signals:
    void sampled();
    void errorOccurred(const QString &message);

private:
    void rewatch();
    // The charts plot rates over minutes: their topics and groups are asked for half as often
    // as they are sampled (the selected topic is fresher anyway: other views watch it).
    int watchInterval() const { return 2 * m_timer.interval(); }

    ThroughputHistory *m_history;
    QPointer<AsyncBackend> m_backend;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_watch = 0;                       // the topic list
    BrokerState::Watch m_groupsWatch = 0;                 // every group
    std::map<QString, BrokerState::Watch> m_topicWatches; // the charted topics
    QTimer m_timer;                                       // when to take a sample of the state (no broker call)
    QElapsedTimer m_clock;
};

} // namespace tidemark
