#pragma once

// The cluster and topic APIs over the built-in broker's data directory: Metadata (one
// broker, node 0, leader of every partition; topics auto-created on request if the listener
// allows it), CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs (the settings the
// built-in broker has: durability, segment.bytes, retention.bytes, retention.ms) and
// DescribeCluster. Topics created or deleted here are the built-in broker's own topics.
//
// Threading: the handlers run on the listener's handler threads; they share only the
// BrokerContext (thread-safe).

#include "kafkaserver/protocol/Wire.h"

#include "core/Result.h"

#include <QString>

#include <memory>

namespace tidemark::kafkaserver {

class BrokerContext;
class RequestRouter;

void registerTopicApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context);

// The 16 bytes of a topic id ("fc68fdcd-9011-..." in topic.json); all zero if it is not a UUID.
protocol::Uuid topicIdBytes(const QString &id);
// The Kafka error code for a storage Error.
qint16 kafkaErrorFor(const Error &error);

} // namespace tidemark::kafkaserver
