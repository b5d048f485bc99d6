#pragma once

// Opens and closes backends off the GUI thread. Opening a data directory or a Kafka client
// can block (disk, DNS, sockets), and so can a backend's destructor (flushing, closing), so
// both happen on this object's private worker threads.
//
// Threads: a BackendConnector lives on the GUI thread; open(), test() and release() are
// called there and their results are delivered there (queued). The opener runs on a worker
// thread and must be thread-safe (openBackend() is). State (m_latest) is GUI-thread only.

#include "core/Backend.h"
#include "core/ConnectionProfile.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace tidemark {

using BackendOpener = std::function<Result<std::shared_ptr<Backend>>(const ConnectionSpec &)>;

class BackendConnector final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendConnector)

public:
    explicit BackendConnector(BackendOpener opener, QObject *parent = nullptr);
    ~BackendConnector() override; // waits for opens and releases in flight

    // Opens `spec` on a worker thread and asks it for clusterInfo() there: opened() only
    // once the broker answered (a Kafka client is created without contacting anyone), else
    // openFailed() with the backend released. A later open() supersedes one still in
    // flight: the superseded backend is released unseen.
    void open(const ConnectionSpec &spec);
    // Forgets the open() in flight: its result is released unseen (a disconnect pressed while
    // connecting wins over the connection that was on its way).
    void cancel();
    bool isOpening() const { return m_opening > 0; }

    // Opens `spec`, asks it for clusterInfo() and closes it again, all off the GUI thread;
    // `done` runs on the GUI thread if `context` is still alive.
    void test(const ConnectionSpec &spec, QObject *context, std::function<void(Result<ClusterInfo>)> done);

    // Drops a reference to a backend on a worker thread, so a blocking destructor never
    // runs on the GUI thread.
    void release(std::shared_ptr<Backend> backend);

    // For tests and shutdown: waits until every open, test and release has finished.
    bool waitForIdle(int msecs);

signals:
    void opened(const tidemark::ConnectionSpec &spec, std::shared_ptr<tidemark::Backend> backend,
                const tidemark::ClusterInfo &info);
    void openFailed(const tidemark::ConnectionSpec &spec, const tidemark::Error &error);

private:
    BackendOpener m_opener;
    QThreadPool m_pool;
    quint64 m_latest = 0; // id of the open() whose result is wanted
    std::shared_ptr<std::atomic<bool>> m_shuttingDown = std::make_shared<std::atomic<bool>>(false);
    int m_opening = 0;
};

} // namespace tidemark
