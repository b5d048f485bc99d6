#pragma once

// The group side of the protocol. For now FindCoordinator only: this broker (node 0) is the
// coordinator of every group, and transaction coordinators are refused (no transactions).
// librdkafka also needs FindCoordinator in ApiVersions before it compresses with lz4. The
// classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit,
// OffsetFetch, ListGroups, DescribeGroups, DeleteGroups, OffsetDelete) registers here too,
// as more RequestRouter::add() calls with a coordinator object in the BrokerContext.
//
// Threading: handlers on the listener's handler threads; state in BrokerContext.

#include <memory>

namespace tidemark::kafkaserver {

class BrokerContext;
class RequestRouter;

void registerGroupApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context);

} // namespace tidemark::kafkaserver
