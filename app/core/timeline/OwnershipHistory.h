#pragma once

// Who owned which partition of one topic when, per consumer group: a bounded history of
// ownership spans sampled from the groups the connection's BrokerState publishes (each
// groupsChanged is one sample). A span starts when a partition's owner (the member the broker
// says it is assigned to) changes and ends at the next change; a span with no owner is the
// gap between a revoke (or a member's death being noticed) and the next assignment.
//
// Timing: a change is stamped with the time of the sample that first showed it, so an edge is
// at most one groups poll late (the state polls a watched topic's groups every second, at
// idle up to kMaxBackoff times slower; a generation change wakes it again). Nothing is
// invented between samples.
//
// Bounded: at most maxSpans spans per (group, partition) and maxGenerations generation
// changes per group; the oldest go first. Groups not sampled again are forgotten by forget().
//
// Thread: not thread-safe; a plain value owned by one object (TimelineModel, GUI thread).

#include "core/Backend.h"

#include <QString>

#include <deque>
#include <map>
#include <vector>

namespace tidemark {

struct OwnershipSpan {
    QString memberId; // empty: no owner
    QString label;    // the member's client id (its member id if it has none); empty: no owner
    QString host;
    int generation = -1; // the group's generation when the span started
    qint64 fromMs = 0;
    qint64 toMs = -1; // -1: still going on

    bool owned() const { return !memberId.isEmpty(); }
};

struct GenerationChange {
    int generation = -1;
    QString state; // the group's state when it was seen
    qint64 atMs = 0;
};

class OwnershipHistory {
public:
    explicit OwnershipHistory(size_t maxSpans = 64, size_t maxGenerations = 64);

    void setTopic(const QString &topic); // forgets everything
    QString topic() const { return m_topic; }

    // One sample of `group` at `nowMs` (partitions of other topics are ignored). `partitions`:
    // the topic's partitions, so a partition nobody owns yet has a gap from the first sample.
    // Returns true if any owner or the generation changed.
    bool sample(const GroupInfo &group, const std::vector<int> &partitions, qint64 nowMs);
    // Drops the groups not in `keep`.
    void forgetOthers(const std::vector<QString> &keep);

    bool isEmpty() const { return m_groups.empty(); }
    std::vector<QString> groups() const;
    // Oldest first; the last one is still going on.
    std::vector<OwnershipSpan> spans(const QString &groupId, int partition) const;
    std::vector<GenerationChange> generations(const QString &groupId) const;
    // The owner now (empty span if none is known).
    OwnershipSpan current(const QString &groupId, int partition) const;

private:
    struct GroupHistory {
        std::map<int, std::deque<OwnershipSpan>> partitions;
        std::deque<GenerationChange> generations;
    };

    size_t m_maxSpans;
    size_t m_maxGenerations;
    QString m_topic;
    std::map<QString, GroupHistory> m_groups;
};

} // namespace tidemark
