#include "core/BackendConnector.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace tidemark {

BackendConnector::BackendConnector(BackendOpener opener, QObject *parent) : QObject(parent), m_opener(std::move(opener))
{
    m_pool.setMaxThreadCount(4);
}

BackendConnector::~BackendConnector()
{
    // Releases stop waiting for other holders: whoever holds a Backend last destroys it, on
    // its own thread; the window's close does not wait for it.
    m_shuttingDown->store(true);
    m_pool.waitForDone();
}

void BackendConnector::cancel() { ++m_latest; }

void BackendConnector::open(const ConnectionSpec &spec)
{
    const quint64 id = ++m_latest;
    ++m_opening;
    auto opener = m_opener;
    QPointer<BackendConnector> self(this);
    m_pool.start([this, self, opener, spec, id] {
        struct Outcome {
            Result<std::shared_ptr<Backend>> backend;
            Result<ClusterInfo> info;
        };
        auto outcome = std::make_shared<Outcome>(Outcome{
            opener
                ? opener(spec)
                : Result<std::shared_ptr<Backend>>(Error(ErrorCode::Unsupported, QStringLiteral("no backend opener"))),
            Error(ErrorCode::Unknown, QString())});
        // The broker must answer before the connection counts: the first call waits at most
        // the profile's connect timeout (less when nothing listens at all).
        if (outcome->backend)
            outcome->info = outcome->backend.value()->clusterInfo();
        QMetaObject::invokeMethod(
            this,
            [this, spec, id, outcome]() mutable {
                --m_opening;
                const bool answered = outcome->backend && outcome->info;
                if (id != m_latest || !answered) {
                    if (outcome->backend)
                        release(std::move(outcome->backend.value()));
                    if (id != m_latest)
                        return;
                }
                if (answered)
                    emit opened(spec, outcome->backend.value(), outcome->info.value());
                else
                    emit openFailed(spec, outcome->backend ? outcome->info.error() : outcome->backend.error());
            },
            Qt::QueuedConnection);
    });
}

void BackendConnector::test(const ConnectionSpec &spec, QObject *context, std::function<void(Result<ClusterInfo>)> done)
{
    auto opener = m_opener;
    QPointer<QObject> guard(context);
    m_pool.start([this, opener, spec, guard, done = std::move(done)] {
        auto info =
            std::make_shared<Result<ClusterInfo>>(Error(ErrorCode::Unsupported, QStringLiteral("no backend opener")));
        if (opener) {
            auto backend = opener(spec);
            if (backend)
                *info = (*backend)->clusterInfo();
            else
                *info = backend.error();
        }
        QMetaObject::invokeMethod(
            this,
            [guard, info, done] {
                if (guard)
                    done(std::move(*info));
            },
            Qt::QueuedConnection);
    });
}

void BackendConnector::release(std::shared_ptr<Backend> backend)
{
    if (!backend)
        return;
    m_pool.start([backend = std::move(backend), shuttingDown = m_shuttingDown]() mutable {
        // Others (consumer runners finishing, calls in flight) may still hold it; wait until
        // this is the last reference so the destructor runs here and not on their threads
        // or the GUI thread. Bounded: a stuck holder must not keep shutdown waiting forever.
        QDeadlineTimer deadline(30000);
        while (backend.use_count() > 1 && !deadline.hasExpired() && !shuttingDown->load())
            QThread::msleep(10);
        backend.reset();
    });
}

bool BackendConnector::waitForIdle(int msecs)
{
    QDeadlineTimer deadline(msecs);
    while (!deadline.hasExpired()) {
        const bool done = m_pool.waitForDone(10);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (done && m_opening == 0)
            return true;
    }
    return false;
}

} // namespace tidemark
