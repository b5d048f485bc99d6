#include "core/NextOrderId.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace tidemark {

std::optional<qint64> orderIdOf(const std::optional<QByteArray> &value)
{
    if (!value || value->isEmpty() || !value->contains("order_id"))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*value);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonValue id = doc.object().value(QLatin1String("order_id"));
    if (id.isString()) {
        const QString text = id.toString();
        if (text.isEmpty() || text.size() > 18 ||
            !std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit() && c.unicode() < 128; }))
            return std::nullopt;
        return text.toLongLong();
    }
    if (id.isDouble() && id.toDouble() >= 0 && id.toDouble() == double(qint64(id.toDouble())))
        return qint64(id.toDouble());
    return std::nullopt;
}

Result<qint64> nextOrderIdIn(Backend &backend, const QString &topic)
{
    auto info = backend.describeTopic(topic);
    if (!info)
        return info.error();
    qint64 highest = 0;
    for (const PartitionInfo &p : info->partitions) {
        if (p.highWatermark <= p.logStartOffset)
            continue;
        const qint64 from = std::max(p.logStartOffset, p.highWatermark - kNextOrderIdTail);
        auto records = backend.fetch(TopicPartition{topic, p.partition}, from, kNextOrderIdTail);
        if (!records)
            return records.error();
        for (const Record &r : *records)
            if (const auto id = orderIdOf(r.value))
                highest = std::max(highest, *id);
    }
    return highest + 1;
}

} // namespace tidemark
