#pragma once

// The coordinator's only touch point with the built-in broker's group storage
// (logbroker/GroupDirectory.h): committed offsets of protocol groups live in the same
// <data>/groups/<group>/offsets files the built-in broker's own consumers use, so
// `tidemark-cli groups describe/reset`, the app's lag and its committed markers see them, and
// they survive a restart of the listener.
//
// Everything here is blocking file I/O: call it from the handler threads, never while
// holding the coordinator's mutex.
//
// Threading: holds only the store; every method is thread-safe (GroupDirectory's files and
// locks make concurrent use from threads and processes safe).

#include "core/Record.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tidemark::logbroker {
class LogStore;
}

namespace tidemark::kafkaserver {

class GroupStorage {
public:
    explicit GroupStorage(std::shared_ptr<logbroker::LogStore> store);

    // Whether `tp` exists (a commit or fetch for anything else is UNKNOWN_TOPIC_OR_PARTITION).
    bool partitionExists(const TopicPartition &tp) const;

    // Writes one committed offset (fsync'd). An Error says why (a person can act on it).
    Status commit(const QString &groupId, const TopicPartition &tp, qint64 offset, const QString &memberId,
                  int generation) const;
    Result<std::optional<qint64>> committed(const QString &groupId, const TopicPartition &tp) const;
    Result<std::vector<std::pair<TopicPartition, qint64>>> allCommitted(const QString &groupId) const;

    // Every group that has a directory (protocol groups and the built-in broker's own).
    QStringList groupIds() const;
    bool groupExists(const QString &groupId) const;

private:
    std::shared_ptr<logbroker::LogStore> m_store;
};

} // namespace tidemark::kafkaserver
