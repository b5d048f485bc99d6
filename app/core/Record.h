#pragma once

// Plain value types shared by every layer: what a record is, where it lives.

#include <QByteArray>
#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <compare>
#include <cstdint>
#include <optional>
#include <vector>

namespace tidemark {

struct TopicPartition {
    QString topic;
    int partition = -1;

    friend bool operator==(const TopicPartition &, const TopicPartition &) = default;
    friend bool operator<(const TopicPartition &a, const TopicPartition &b)
    {
        const int c = QString::compare(a.topic, b.topic);
        return c < 0 || (c == 0 && a.partition < b.partition);
    }
    QString toString() const { return topic + QLatin1Char('[') + QString::number(partition) + QLatin1Char(']'); }
};

inline size_t qHash(const TopicPartition &tp, size_t seed = 0) noexcept
{
    return qHashMulti(seed, tp.topic, tp.partition);
}

struct Header {
    QByteArray key;
    std::optional<QByteArray> value; // a header value may be null (Kafka allows it)

    friend bool operator==(const Header &, const Header &) = default;
};

// A record as stored by a broker: immutable once it has an offset.
struct Record {
    QString topic;
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = 0;        // milliseconds since the Unix epoch (create time)
    std::optional<QByteArray> key; // std::nullopt is a null key; an empty key is not null
    // std::nullopt is a null value (a tombstone: compacted topics drop the key's earlier
    // records); an empty value is not null. Every layer keeps the difference.
    std::optional<QByteArray> value = QByteArray();
    std::vector<Header> headers;

    bool isTombstone() const { return !value.has_value(); }
    TopicPartition topicPartition() const { return {topic, partition}; }
    friend bool operator==(const Record &, const Record &) = default;
};

// A record on its way to a broker: no offset yet, partition optional.
struct OutgoingRecord {
    std::optional<QByteArray> key;
    std::optional<QByteArray> value = QByteArray(); // std::nullopt: produce a tombstone (null value)
    std::vector<Header> headers;
    int partition = -1;     // -1: let the partitioner choose
    qint64 timestampMs = 0; // 0: the broker client stamps the current time
};

// What the timeline and statistics need of a record, without its payload.
struct RecordSummary {
    qint64 offset = -1;
    qint64 timestampMs = 0;
    quint32 keyHash = 0; // murmur2 of the key bytes; 0 for a null key
    bool keyIsNull = true;
    bool valueIsNull = false; // a tombstone
    quint32 size = 0;         // key + value bytes (a null key or value counts 0)
};

// Bytes of a key or value, 0 when null.
inline qsizetype payloadSize(const std::optional<QByteArray> &bytes) { return bytes ? bytes->size() : 0; }

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::TopicPartition)
Q_DECLARE_METATYPE(tidemark::Record)
