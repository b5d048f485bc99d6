#pragma once

// One line of the app's event log (the "Events" pane): connections, topics, production,
// rebalances, commits and errors. A value type; producers of entries stamp them with the
// injected Clock on the GUI thread, so the pane is reproducible in tests.

#include "core/Record.h"

#include <QMetaType>
#include <QString>

#include <map>

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
    // A routine commit line (ConsumerManager: a member's commits of the last second): the
    // member's group, the latest committed offset of each partition the line tells, and how
    // many commits it stands for. The events pane folds the routine commit lines of a group
    // that follow each other into one row (EventLogModel). Empty and 0 on every other line,
    // including a commit with a reason ("partitions revoked"): that one belongs to the story.
    QString group;
    std::map<TopicPartition, qint64> committed;
    int commits = 0;

    bool isRoutineCommit() const { return kind == Kind::Commit && commits > 0 && !group.isEmpty(); }
};

// A commit line's text, the one wording for the manager's lines and the pane's folded rows:
// "committed orders[0] at 338, orders[1] at 331 (partitions revoked) · 14 commits" (the reason
// and the count only when there is one, and more than one commit). Translated (context
// "tidemark::EventLog"). Thread: any that has the application's translators.
QString commitLineText(const std::map<TopicPartition, qint64> &committed, int commits, const QString &reason = {});

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::LogEntry)
