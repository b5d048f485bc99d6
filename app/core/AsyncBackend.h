#pragma once

// Runs Backend calls off the GUI thread and hands each result back on the thread that owns
// the AsyncBackend (the GUI thread).
//
// Thread: an AsyncBackend lives on the GUI thread. Work functions run on its private
// thread pool and must touch nothing but the Backend they are given and their own
// captures. `done` runs later on the GUI thread, and only if `context` is still alive, so a
// panel that is closed (or a connection that is switched) never sees stale results.
// The destructor waits for calls in flight; every Backend call is bounded by a timeout.

#include "core/Backend.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <type_traits>

namespace tidemark {

class AsyncBackend final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncBackend)

public:
    explicit AsyncBackend(std::shared_ptr<Backend> backend, QObject *parent = nullptr);
    ~AsyncBackend() override;

    // For handing to objects that run on their own threads (consumer runners). Never call
    // its methods on the GUI thread.
    std::shared_ptr<Backend> backend() const { return m_backend; }
    QString displayName() const { return m_displayName; }
    QString kind() const { return m_kind; }

    // Number of calls started but not yet delivered.
    int pending() const { return m_pending; }

    // Runs `work(Backend&)` on a worker thread, then `done(result)` on this object's thread.
    template <typename Work, typename Done>
    void run(QObject *context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Backend &>;
        QPointer<QObject> guard(context);
        auto backend = m_backend;
        auto cancelled = m_cancelled;
        setPending(m_pending + 1);
        m_pool.start([this, backend, cancelled, guard, work = std::move(work), done = std::move(done)]() mutable {
            if (cancelled->load()) { // queued before cancelQueued(): never started
                QMetaObject::invokeMethod(
                    this, [this] { setPending(m_pending - 1); }, Qt::QueuedConnection);
                return;
            }
            auto result = std::make_shared<R>(work(*backend));
            QMetaObject::invokeMethod(
                this,
                [this, guard, result, done = std::move(done)]() mutable {
                    setPending(m_pending - 1);
                    if (guard)
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    // Calls queued but not started are dropped (their `done` never runs); calls already
    // running finish. For retiring a connection: a dead cluster would otherwise cost every
    // queued call its full timeout. Irreversible.
    void cancelQueued() { m_cancelled->store(true); }

    // Blocks the calling thread until every call has been delivered or `msecs` passed.
    // For tests and shutdown only.
    bool waitForIdle(int msecs);

signals:
    void pendingChanged(int pending);

private:
    void setPending(int value);

    std::shared_ptr<Backend> m_backend;
    QString m_displayName;
    QString m_kind;
    QThreadPool m_pool;
    int m_pending = 0; // GUI thread only
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
};

} // namespace tidemark
