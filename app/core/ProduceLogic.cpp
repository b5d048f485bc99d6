#include "core/ProduceLogic.h"

#include "core/Order.h"

#include <QCoreApplication>

namespace tidemark {

Result<std::optional<QByteArray>> keyFor(const KeyChoice &choice, const QByteArray &json)
{
    switch (choice.mode) {
    case KeyChoice::Mode::None: return std::optional<QByteArray>();
    case KeyChoice::Mode::Explicit: return std::optional<QByteArray>(choice.explicitKey);
    case KeyChoice::Mode::Field: {
        auto key = extractKeyField(json, choice.field);
        if (!key)
            return key.error();
        return std::optional<QByteArray>(*key);
    }
    }
    return Error(ErrorCode::InvalidArgument, QCoreApplication::translate("tidemark::ProduceLogic", "unknown key mode"));
}

PartitionPreview previewPartition(const KeyChoice &choice, const QByteArray &json, PartitionerKind partitioner,
                                  int partitionCount)
{
    PartitionPreview preview;
    auto key = keyFor(choice, json);
    if (!key) {
        preview.error = key.error().message;
        return preview;
    }
    preview.key = *key;
    if (partitionCount <= 0) {
        preview.error = QCoreApplication::translate("tidemark::ProduceLogic", "no topic with partitions selected");
        return preview;
    }
    // A null key is never hashed, whatever the partitioner (as in both real clients).
    if (preview.key)
        preview.partition = hashPartition(partitioner, preview.key, partitionCount);
    return preview;
}

} // namespace tidemark
