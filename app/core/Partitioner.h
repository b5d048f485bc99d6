#pragma once

// Partitioners, byte-for-byte compatible with the real clients, so a key lands on the same
// partition number in local mode and on Kafka.
//
//   murmur2            Java client default: toPositive(murmur2(key)) % n
//   murmur2_random     murmur2; a null key goes to a random partition
//   consistent         CRC32(key) % n (null and empty keys hash like empty bytes)
//   consistent_random  librdkafka's default: CRC32; null and empty keys go random
//   fnv1a              FNV-1a (Sarama-compatible absolute value) % n
//   fnv1a_random       fnv1a; a null key goes random
//   random             always random
//
// `hashPartition` is the exact counterpart of librdkafka's rd_kafka_msg_partitioner_<name>()
// functions: it returns the partition those functions compute, or std::nullopt where they
// pick at random. `PartitionChooser` is what a producer does end to end: like both the Java
// client and librdkafka, a record with a null key is never hashed: it goes to a random
// (sticky) partition whatever the partitioner.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace tidemark {

enum class PartitionerKind { Murmur2, Murmur2Random, Consistent, ConsistentRandom, Fnv1a, Fnv1aRandom, Random };

QString partitionerName(PartitionerKind kind);
std::optional<PartitionerKind> partitionerFromName(const QString &name);
QStringList partitionerNames();

// Raw hash functions, as the clients define them.
quint32 murmur2(const void *data, size_t length); // Kafka's murmur2, seed 0x9747b28c
quint32 crc32(const void *data, size_t length);   // IEEE 802.3 CRC-32, as zlib
quint32 fnv1a(const void *data, size_t length);   // librdkafka/Sarama variant (absolute value)

// librdkafka's partitioner function for `kind`. `key` may be nullptr (a null key).
std::optional<int> hashPartition(PartitionerKind kind, const char *key, size_t keyLength, int partitionCount);
std::optional<int> hashPartition(PartitionerKind kind, const std::optional<QByteArray> &key, int partitionCount);

// Picks partitions the way a producer does. Not thread-safe; one per producing thread.
class PartitionChooser {
public:
    explicit PartitionChooser(PartitionerKind kind, quint64 seed = 0x7469'6465'6d61'726bULL);
    int choose(const std::optional<QByteArray> &key, int partitionCount);
    PartitionerKind kind() const { return m_kind; }

private:
    PartitionerKind m_kind;
    quint64 m_state;
};

} // namespace tidemark
