#pragma once

// A bounded cache of read-only file descriptors (segment .log files) shared by every
// partition of one LogStore, so a process that reads thousands of partitions keeps a fixed
// number of files open instead of a few per partition.
//
// open() returns the cached descriptor for (owner, path), or opens it and evicts the least
// recently used entries beyond the capacity. An entry is a shared_ptr: a reader that got one
// keeps using it while the cache evicts it, and the file closes when the last user lets go,
// so the number of open descriptors is at most the capacity plus those in use at the moment.
// The capacity follows the process's RLIMIT_NOFILE (defaultCapacity()).
//
// EMFILE / ENFILE (the process or the system is out of descriptors) come back as
// ErrorCode::Unavailable with a message that says so: a resource error, never data loss.
//
// Threading: thread-safe; m_mutex guards everything and is a leaf lock (no other lock is
// taken while it is held, and no file is opened under it).

#include "core/Result.h"

#include "logbroker/FileIo.h"

#include <QString>

#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace tidemark::logbroker {

class FdCache {
public:
    explicit FdCache(size_t capacity = defaultCapacity());
    FdCache(const FdCache &) = delete;
    FdCache &operator=(const FdCache &) = delete;

    // An eighth of the soft RLIMIT_NOFILE, 4 to 256.
    static size_t defaultCapacity();

    Result<std::shared_ptr<UniqueFd>> open(const void *owner, const QString &path);
    // Drops the entries of `owner` (a reader going away, or segments it forgot).
    void forget(const void *owner);
    void forget(const void *owner, const QString &path);

    size_t capacity() const { return m_capacity; }
    size_t size() const;

private:
    using Key = std::pair<const void *, QString>;
    struct Entry {
        Key key;
        std::shared_ptr<UniqueFd> fd;
    };

    const size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<Entry> m_lru;                            // most recent first; guarded by m_mutex
    std::map<Key, std::list<Entry>::iterator> m_index; // guarded by m_mutex
};

} // namespace tidemark::logbroker
