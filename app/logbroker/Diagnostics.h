#pragma once

// Where the broker reports what it repaired or skipped (a torn tail truncated, an index
// rebuilt, a corrupt record skipped): each message names the file, the byte position and the
// offset. Messages also go to the `tidemark.logbroker` logging category as warnings.
//
// Threading: thread-safe (one mutex around the list); shared by every partition of a store.

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <mutex>

Q_DECLARE_LOGGING_CATEGORY(lcLogbroker)

namespace tidemark::logbroker {

class Diagnostics {
public:
    void report(const QString &message);
    QStringList messages() const;
    void clear();

private:
    mutable std::mutex m_mutex;
    QStringList m_messages; // guarded by m_mutex; the newest 1000
};

} // namespace tidemark::logbroker
