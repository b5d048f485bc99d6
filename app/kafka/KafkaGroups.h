#pragma once

// The consumer-group part of KafkaBackend: consumers (KafkaConsumer, each with its own
// handle), and groups as the admin API sees them: list, describe with members, committed
// offsets and lag, reset the offsets of an inactive group.
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: thread-safe; called on any Backend caller's thread. Holds no mutable state of
// its own: admin requests go through the connection's shared handle (thread-safe). The
// consumers it creates follow the Consumer contract (one thread at a time).

#include "core/Backend.h"
#include "kafka/KafkaCommon.h"

#include <map>

namespace tidemark::kafka {

class KafkaConnection;
class KafkaReader;

class KafkaGroups final {
public:
    KafkaGroups(KafkaConnection &connection, KafkaReader &reader) : m_connection(connection), m_reader(reader) {}
    KafkaGroups(const KafkaGroups &) = delete;
    KafkaGroups &operator=(const KafkaGroups &) = delete;

    // Backend's calls of the same names.
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config);
    Result<std::vector<GroupInfo>> listGroups();
    Result<GroupInfo> describeGroup(const QString &groupId);
    Status resetGroupOffsets(const QString &groupId, const std::vector<std::pair<TopicPartition, qint64>> &offsets);
    // Every group as describeGroup() describes it (core/GroupsInBulk.h): one ListConsumerGroups,
    // one DescribeConsumerGroups of them all, one ListConsumerGroupOffsets per group, one
    // metadata request and the watermarks of every partition they touch together (instead of
    // a DescribeConsumerGroups, a metadata request and the watermarks per group).
    Result<std::vector<GroupInfo>> describeAll();

private:
    // DescribeConsumerGroups of `ids`: state, protocol, members and their assignments; a
    // group the cluster does not know comes back with state "Dead".
    Result<std::vector<GroupInfo>> describeGroups(const std::vector<QByteArray> &ids, const QString &what);
    // ListConsumerGroupOffsets of one group: its committed offsets (none for an unknown group).
    Result<std::map<TopicPartition, qint64>> committedOffsets(const QByteArray &id, const QString &what);

    KafkaConnection &m_connection;
    KafkaReader &m_reader; // watermarks for the lag of describeGroup
};

} // namespace tidemark::kafka
