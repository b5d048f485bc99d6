#pragma once

// One line of the app's event log (the "Events" pane): connections, topics, production,
// rebalances, commits and errors. A value type; producers of entries stamp them with the
// injected Clock on the GUI thread, so the pane is reproducible in tests.

#include <QMetaType>
#include <QString>

namespace tidemark {

struct LogEntry {
    enum class Kind {
        Info,
        Connection, // connected, disconnected, connection failed
        Topic,      // created, deleted
        Produce,    // records sent, jobs finished
        Rebalance,  // partitions assigned, revoked, lost
        Commit,     // offsets committed
        Error,      // anything that went wrong
    };
    qint64 timestampMs = 0;
    Kind kind = Kind::Info;
    QString source; // "billing #1", "producer", "connection", ...
    QString message;
    // A moment of the lesson (a consumer joins, is killed, a rebalance hands partitions over,
    // a consumer resumes at its commit, offsets are reset, records are replayed): the events
    // pane makes these stand out from the routine lines (commits, production).
    bool milestone = false;
};

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::LogEntry)
