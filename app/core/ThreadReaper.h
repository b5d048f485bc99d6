#pragma once

// Bounded waits for worker threads at shutdown, so closing the window never hangs on a
// network call that ignores its stop request (a Kafka commit or close against a cluster
// that went away can take minutes).
//
// Thread: call on the thread that owns `thread` (the GUI thread).

#include <QLoggingCategory>
#include <QThread>

namespace tidemark {

// Waits up to `graceMs` for `thread` to finish. True: it finished and the caller deletes it.
// False: it is detached instead: disconnected from everything, without a parent, and
// deleted by itself once it finishes (if an event loop is still running then; at process
// exit the OS reclaims it). Whatever it holds (a Backend) stays alive until then.
inline bool finishOrDetach(QThread *thread, int graceMs)
{
    if (thread->wait(graceMs))
        return true;
    qWarning("%s did not stop within %d ms; leaving it to finish on its own", qPrintable(thread->objectName()),
             graceMs);
    QObject::disconnect(thread, nullptr, nullptr, nullptr);
    thread->setParent(nullptr);
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    return false;
}

} // namespace tidemark
