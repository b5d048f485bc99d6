#pragma once

// Polls a Backend in the background for the charts dock: the sum of the high watermarks of
// each topic and the committed offsets and lag of each group, added to a ThroughputHistory.
//
// Thread: lives on the GUI thread; Backend calls run through AsyncBackend's workers. One
// sample in flight at a time; answers for a previous backend are dropped.

#include "core/AsyncBackend.h"
#include "core/timeline/ThroughputHistory.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace tidemark {

class ThroughputSampler final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputSampler)

public:
    static constexpr int kMaxTopics = 8;
    static constexpr int kMaxGroups = 8;

    explicit ThroughputSampler(ThroughputHistory *history, QObject *parent = nullptr);

    void setBackend(AsyncBackend *backend); // nullptr stops sampling
    void setInterval(int msecs) { m_timer.setInterval(qMax(100, msecs)); }
    int interval() const { return m_timer.interval(); }
    void sampleNow();

signals:
    void sampled();
    void errorOccurred(const QString &message);

private:
    ThroughputHistory *m_history;
    QPointer<AsyncBackend> m_backend;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint64 m_generation = 0;
    bool m_inFlight = false;
};

} // namespace tidemark
