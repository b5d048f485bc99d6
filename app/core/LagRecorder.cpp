#include "core/LagRecorder.h"

#include "core/LagHistory.h"

namespace tidemark {

LagRecorder::LagRecorder(BrokerState *state, LagHistory *history, int intervalMs, QObject *parent)
    : QObject(parent), m_state(state), m_history(history)
{
    connect(state, &BrokerState::offsetsSampled, this, &LagRecorder::onSampled);
    m_watch = state->watchAllOffsets(intervalMs);
}

LagRecorder::~LagRecorder()
{
    if (m_state)
        m_state->unwatch(m_watch);
}

void LagRecorder::onSampled()
{
    if (!m_state || !m_state->offsetsError().isEmpty())
        return; // an error is not a sample: the chart shows a gap, the state says why
    m_history->record(m_state->allOffsets());
    ++m_samples;
}

} // namespace tidemark
