#pragma once

// Widget-free rules of the producer panel: which key a record gets, and where the
// partitioner will put it (the live "key 00042 -> murmur2 -> partition 2" preview).

#include "core/Partitioner.h"
#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tidemark {

struct KeyChoice {
    enum class Mode {
        Field,    // the value of a top-level JSON field (default "user_id", as in the seed)
        Explicit, // the bytes typed by the user
        None,     // a null key: the producer picks a partition at random
    };
    Mode mode = Mode::Field;
    QString field = QStringLiteral("user_id");
    QByteArray explicitKey;
};

// The key for a JSON value under `choice`: std::nullopt is a null key. An Error names the
// field that is missing or the reason the value is not a JSON object.
Result<std::optional<QByteArray>> keyFor(const KeyChoice &choice, const QByteArray &json);

struct PartitionPreview {
    std::optional<QByteArray> key; // the key that would be sent (nullopt: null key)
    std::optional<int> partition;  // nullopt: the producer picks at random
    QString error;                 // why there is no preview (no key field, no partitions)
};

PartitionPreview previewPartition(const KeyChoice &choice, const QByteArray &json, PartitionerKind partitioner,
                                  int partitionCount);

} // namespace tidemark
