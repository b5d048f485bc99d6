#pragma once

// The administrative part of KafkaBackend: the cluster's brokers, topics (list, describe
// with their non-default configs, create, delete). Creating and deleting wait until every
// broker agrees, so a produce or a listing right after the call sees the change.
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: thread-safe; called on any Backend caller's thread. Holds no mutable state of
// its own: every request goes through the connection's shared handle (thread-safe) or a
// short-lived probe handle local to the call.

#include "core/Backend.h"
#include "kafka/KafkaCommon.h"

#include <functional>

namespace tidemark::kafka {

class KafkaConnection;
class KafkaReader;

class KafkaAdmin final {
public:
    KafkaAdmin(KafkaConnection &connection, KafkaReader &reader) : m_connection(connection), m_reader(reader) {}
    KafkaAdmin(const KafkaAdmin &) = delete;
    KafkaAdmin &operator=(const KafkaAdmin &) = delete;

    // Backend's calls of the same names.
    Result<ClusterInfo> clusterInfo();
    Result<std::vector<TopicInfo>> listTopics();
    Result<TopicInfo> describeTopic(const QString &topic);
    Status createTopic(const TopicSpec &spec);
    Status deleteTopic(const QString &topic);

private:
    // The topic's configs that are not defaults (and a few always shown), secrets left out.
    Result<QMap<QString, QString>> topicConfigs(const QString &topic);
    // Asks every broker itself until `done(its entry for topic, or nullptr)` is true for all
    // of them, or the request timeout passes (false).
    bool waitForTopic(const QString &topic, const std::function<bool(const rd_kafka_metadata_topic_t *)> &done);

    KafkaConnection &m_connection;
    KafkaReader &m_reader; // watermarks for the record counts of listings
};

} // namespace tidemark::kafka
