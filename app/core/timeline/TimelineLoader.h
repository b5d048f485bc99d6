#pragma once

// Feeds a TimelineModel from a Backend, in the background: the topic's partitions and
// watermarks and the groups that read it come from the connection's BrokerState (the loader
// watches them there, once a second, and applies every change the state publishes, in the
// same turn as every other view); record summaries are fetched batch by batch, the visible
// range first (newest first), then the rest of each partition. Also fetches one record for
// the hover card and applies offset resets.
//
// Thread: lives on the GUI thread. Every Backend call runs through AsyncBackend on its worker
// threads; results come back on the GUI thread. At most one summary fetch is in flight at a
// time, so the timeline never floods the shared pool. A generation counter drops fetch
// answers that belong to a previous topic or backend.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/timeline/TimelineModel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>

namespace tidemark {

class TimelineLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineLoader)

public:
    explicit TimelineLoader(TimelineModel *model, QObject *parent = nullptr);
    ~TimelineLoader() override;

    // nullptr stops all loading (the model keeps what it has until setTopic()).
    void setBackend(AsyncBackend *backend);
    AsyncBackend *backend() const { return m_backend; }
    // Starts over for `topic` (empty: nothing).
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }

    void setPollInterval(int msecs);
    int pollInterval() const { return m_pollIntervalMs; }
    void setBatchSize(int records) { m_batchSize = qMax(1, records); }
    // The offsets on screen: loaded first.
    void setVisibleRange(double from, double to);

    // Asks the broker state to poll now (watermarks and groups), then keeps loading.
    void refresh();
    // True when nothing is in flight and every lane is fully loaded (for tests and the UI).
    bool isIdle() const;
    bool isFullyLoaded() const;

    // Fetches one record (for its key and exact timestamp); answers with recordReady.
    void requestRecord(int partition, qint64 offset);
    // Sets a group's committed offset for one partition; answers with resetFinished.
    void resetOffset(const QString &groupId, int partition, qint64 offset);

signals:
    void recordReady(int partition, qint64 offset, const tidemark::Record &record);
    // `error` is empty on success.
    void resetFinished(const QString &groupId, int partition, qint64 offset, const QString &error);
    // A problem a person should see (topic missing, broker unreachable); repeated problems
    // are reported once until they go away.
    void errorOccurred(const QString &message);
    void idleChanged(bool idle);

private:
    void watch();
    void applyTopic();
    void applyGroups();
    void scheduleFetch();
    bool pickFetch(int &partition, qint64 &from) const;
    void reportError(const QString &message);
    void clearError();
    void updateIdle();

    TimelineModel *m_model;
    QPointer<AsyncBackend> m_backend;
    QString m_topic;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_topicWatch = 0;
    BrokerState::Watch m_groupsWatch = 0;
    int m_pollIntervalMs = 1000;
    quint64 m_generation = 0;
    bool m_fetchInFlight = false;
    int m_batchSize = 4096;
    double m_visibleFrom = 0;
    double m_visibleTo = 0;
    mutable int m_nextLane = 0;
    std::map<std::pair<int, qint64>, int> m_emptyAnswers; // (partition, offset) -> count
    qint64 m_recordSerial = 0;
    QString m_lastError;
    bool m_idle = true;
};

} // namespace tidemark
