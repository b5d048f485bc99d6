#pragma once

// The group side of the protocol: FindCoordinator (this broker, node 0, is the coordinator of
// every group; transaction coordinators are refused: no transactions; librdkafka also needs
// FindCoordinator in ApiVersions before it compresses with lz4) and the classic group
// protocol, decoded here and handed to the GroupCoordinator in the BrokerContext. The KIP-848
// APIs are not advertised; a client that sends them anyway is told to use
// group.protocol=classic.
//
// Threading: handlers on the listener's handler threads; state in BrokerContext.

#include <memory>

namespace tidemark::kafkaserver {

class BrokerContext;
class RequestRouter;

void registerGroupApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context);

} // namespace tidemark::kafkaserver
