#pragma once

// A topic's settings, parsed from TopicSpec::configs (Kafka's names where one exists) and
// stored in topic.json. Unknown names are refused so a typo never silently does nothing.
//
//   durability       "os" (default: acknowledged once in the page cache, like Kafka) or
//                    "fsync" (acknowledged once fdatasync returned; group commit)
//   segment.bytes    roll to a new segment file past this size (default 64 MiB;
//                    1 KiB .. 1 GiB)
//   retention.bytes  per partition; delete whole old segments beyond it (-1: no limit)
//   retention.ms     delete whole segments whose newest record is older (default 7 days;
//                    -1: keep forever)

#include "core/Result.h"

#include <QMap>
#include <QString>

namespace tidemark::logbroker {

struct TopicConfig {
    bool fsync = false;
    qint64 segmentBytes = 64LL << 20;
    qint64 retentionBytes = -1;
    qint64 retentionMs = 7LL * 24 * 3600 * 1000;

    static constexpr qint64 kMinSegmentBytes = 1024;
    static constexpr qint64 kMaxSegmentBytes = 1LL << 30;

    QMap<QString, QString> toMap() const; // every setting, as strings
    static Result<TopicConfig> fromMap(const QMap<QString, QString> &configs);
    friend bool operator==(const TopicConfig &, const TopicConfig &) = default;
};

} // namespace tidemark::logbroker
