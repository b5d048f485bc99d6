#include "core/Partitioner.h"

#include <array>
#include <cstring>

namespace tidemark {

namespace {

struct NamedKind {
    PartitionerKind kind;
    const char *name;
};

constexpr std::array<NamedKind, 7> kNames{{
    {PartitionerKind::Murmur2, "murmur2"},
    {PartitionerKind::Murmur2Random, "murmur2_random"},
    {PartitionerKind::Consistent, "consistent"},
    {PartitionerKind::ConsistentRandom, "consistent_random"},
    {PartitionerKind::Fnv1a, "fnv1a"},
    {PartitionerKind::Fnv1aRandom, "fnv1a_random"},
    {PartitionerKind::Random, "random"},
}};

constexpr std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> table{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        table[i] = c;
    }
    return table;
}

constexpr auto kCrcTable = makeCrcTable();

} // namespace

QString partitionerName(PartitionerKind kind)
{
    for (const auto &n : kNames)
        if (n.kind == kind)
            return QLatin1String(n.name);
    return QStringLiteral("murmur2");
}

std::optional<PartitionerKind> partitionerFromName(const QString &name)
{
    for (const auto &n : kNames)
        if (name == QLatin1String(n.name))
            return n.kind;
    return std::nullopt;
}

QStringList partitionerNames()
{
    QStringList names;
    for (const auto &n : kNames)
        names << QLatin1String(n.name);
    return names;
}

quint32 murmur2(const void *data, size_t length)
{
    // Kafka's org.apache.kafka.common.utils.Utils.murmur2: 4-byte little-endian blocks.
    constexpr quint32 seed = 0x9747b28c;
    constexpr quint32 m = 0x5bd1e995;
    constexpr int r = 24;
    const auto *bytes = static_cast<const unsigned char *>(data);
    quint32 h = seed ^ static_cast<quint32>(length);
    size_t i = 0;
    for (; i + 4 <= length; i += 4) {
        quint32 k =
            quint32(bytes[i]) | quint32(bytes[i + 1]) << 8 | quint32(bytes[i + 2]) << 16 | quint32(bytes[i + 3]) << 24;
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    switch (length & 3) {
    case 3: h ^= quint32(bytes[i + 2]) << 16; [[fallthrough]];
    case 2: h ^= quint32(bytes[i + 1]) << 8; [[fallthrough]];
    case 1: h ^= quint32(bytes[i]); h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return h;
}

quint32 crc32(const void *data, size_t length)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    quint32 c = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; ++i)
        c = kCrcTable[(c ^ bytes[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

quint32 fnv1a(const void *data, size_t length)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    quint32 h = 0x811C9DC5u;
    for (size_t i = 0; i < length; ++i) {
        h ^= bytes[i];
        h *= 0x01000193u;
    }
    // Sarama takes the absolute value of the signed hash; INT32_MIN stays as it is.
    if (h & 0x80000000u)
        h = 0u - h;
    return h;
}

std::optional<int> hashPartition(PartitionerKind kind, const char *key, size_t keyLength, int partitionCount)
{
    if (partitionCount <= 0)
        return std::nullopt;
    const auto n = static_cast<quint32>(partitionCount);
    switch (kind) {
    case PartitionerKind::Random: return std::nullopt;
    case PartitionerKind::Consistent: return static_cast<int>(crc32(key, key ? keyLength : 0) % n);
    case PartitionerKind::ConsistentRandom:
        if (!key || keyLength == 0)
            return std::nullopt;
        return static_cast<int>(crc32(key, keyLength) % n);
    case PartitionerKind::Murmur2: return static_cast<int>((murmur2(key, key ? keyLength : 0) & 0x7fffffffu) % n);
    case PartitionerKind::Murmur2Random:
        if (!key)
            return std::nullopt;
        return static_cast<int>((murmur2(key, keyLength) & 0x7fffffffu) % n);
    case PartitionerKind::Fnv1a: return static_cast<int>(fnv1a(key, key ? keyLength : 0) % n);
    case PartitionerKind::Fnv1aRandom:
        if (!key)
            return std::nullopt;
        return static_cast<int>(fnv1a(key, keyLength) % n);
    }
    return std::nullopt;
}

std::optional<int> hashPartition(PartitionerKind kind, const std::optional<QByteArray> &key, int partitionCount)
{
    if (!key)
        return hashPartition(kind, nullptr, 0, partitionCount);
    // constData() of an empty QByteArray is a valid pointer to "", which is what a client
    // passes for an empty (non-null) key.
    return hashPartition(kind, key->constData(), static_cast<size_t>(key->size()), partitionCount);
}

PartitionChooser::PartitionChooser(PartitionerKind kind, quint64 seed) : m_kind(kind), m_state(seed) {}

int PartitionChooser::choose(const std::optional<QByteArray> &key, int partitionCount)
{
    if (partitionCount <= 1)
        return 0;
    if (key) {
        if (const auto p = hashPartition(m_kind, key, partitionCount))
            return *p;
    }
    // xorshift64*: cheap, and good enough to spread keyless records.
    m_state ^= m_state >> 12;
    m_state ^= m_state << 25;
    m_state ^= m_state >> 27;
    return static_cast<int>((m_state * 0x2545F4914F6CDD1DULL >> 33) % static_cast<quint64>(partitionCount));
}

} // namespace tidemark
