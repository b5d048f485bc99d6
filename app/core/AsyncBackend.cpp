#include "core/AsyncBackend.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace tidemark {

AsyncBackend::AsyncBackend(std::shared_ptr<Backend> backend, QObject *parent)
    : QObject(parent), m_backend(std::move(backend))
{
    m_displayName = m_backend->displayName();
    m_kind = m_backend->kind();
    m_pool.setMaxThreadCount(4);
    m_pool.setExpiryTimeout(30000);
}

AsyncBackend::~AsyncBackend()
{
    // Only calls already running are waited for (each bounded by the backend's timeouts).
    cancelQueued();
    m_pool.waitForDone();
}

bool AsyncBackend::waitForIdle(int msecs)
{
    QDeadlineTimer deadline(msecs);
    while (m_pending > 0 && !deadline.hasExpired()) {
        m_pool.waitForDone(10);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return m_pending == 0;
}

void AsyncBackend::setPending(int value)
{
    if (value == m_pending)
        return;
    m_pending = value;
    emit pendingChanged(m_pending);
}

} // namespace tidemark
