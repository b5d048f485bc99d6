#pragma once

// Lets a blocking poll sleep until something relevant changes on disk, without busy-polling:
// inotify on Linux (a partition directory changes when a frame is written or made visible,
// a group directory when a member joins, leaves or dies, or state.json is replaced, the
// claims directory when an owner lets go of a partition). Elsewhere (or if inotify cannot be
// set up, e.g. the per-user instance limit is reached) available() is false and callers
// poll with a short period instead.
//
// Threading: owned and used by one thread (the consumer's), except wakeup(), which any
// thread may call (it writes to an eventfd/pipe).

#include <QString>

#include <map>

namespace tidemark::logbroker {

class ChangeWatcher {
public:
    enum Kind { Data = 1, Group = 2, Claims = 4, Woken = 8 };

    ChangeWatcher();
    ~ChangeWatcher();
    ChangeWatcher(const ChangeWatcher &) = delete;
    ChangeWatcher &operator=(const ChangeWatcher &) = delete;

    bool available() const { return m_inotify >= 0; }
    // Returns a watch id (>= 0) or -1. Watching the same path again returns the same id.
    int watch(const QString &directory, Kind kind);
    void unwatch(int id);
    // Waits up to timeoutMs; returns the OR of the kinds that changed (0 on timeout).
    int wait(int timeoutMs);
    // Makes a wait() in progress (or the next one) return Woken at once. Any thread.
    void wakeup();
    // Closes everything (abandon/close); wakeup() stays harmless afterwards.
    void shutdown();

private:
    int m_inotify = -1;
    int m_wakeRead = -1;        // eventfd (or pipe read end)
    int m_wakeWrite = -1;       // same eventfd (or pipe write end)
    std::map<int, int> m_kinds; // inotify watch descriptor -> Kind
};

} // namespace tidemark::logbroker
