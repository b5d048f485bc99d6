#pragma once

// Samples every consumer group of a connection into its lag history (core/LagHistory.h):
// groups the app runs and groups it does not (external consumers on Kafka, Kafka clients of
// the built-in broker), each with its committed offsets and the log ends of their partitions.
//
// A declared subscriber of the broker state model (core/BrokerState.h, rule 6): it holds one
// watchAllOffsets(intervalMs) watch, so its calls are the model's calls (one describeGroups()
// per interval, backing off at idle like every quiet poll) and count in callsStarted() and in
// the idle budget; every answer becomes one tick of the history at the history's clock.
//
// Thread: GUI thread, like the state it observes. It owns neither the state nor the history.

#include "core/BrokerState.h"

#include <QObject>
#include <QPointer>

namespace tidemark {

class LagHistory;

class LagRecorder final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagRecorder)

public:
    static constexpr int kIntervalMs = 10'000;

    LagRecorder(BrokerState *state, LagHistory *history, int intervalMs = kIntervalMs, QObject *parent = nullptr);
    ~LagRecorder() override; // gives the watch back

    qint64 samples() const { return m_samples; }

private:
    void onSampled();

    QPointer<BrokerState> m_state;
    LagHistory *m_history;
    BrokerState::Watch m_watch = 0;
    qint64 m_samples = 0;
};

} // namespace tidemark
