#include "kafkaserver/GroupApis.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/GroupCoordinator.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Messages.h"

namespace tidemark::kafkaserver {

using namespace protocol;

namespace {

constexpr qint8 kGroupKey = 0;

FindCoordinatorResponse::Coordinator coordinatorFor(BrokerContext &ctx, const RequestContext &rc, const QString &key,
                                                    qint8 keyType)
{
    FindCoordinatorResponse::Coordinator c;
    c.key = key;
    if (keyType != kGroupKey) {
        c.errorCode = code(KafkaError::UnsupportedVersion);
        c.errorMessage = QStringLiteral("the built-in broker has no transactions");
        c.nodeId = -1;
        qCWarning(lcKafkaServer).noquote()
            << rc.describe() << ": no transaction coordinator for" << key << "(transactions are not supported)";
        ctx.emitEvent(ListenerEvent::Kind::ClientError, rc.peer,
                      QStringLiteral("transactions are not supported (transactional.id '%1')").arg(key));
        return c;
    }
    c.nodeId = BrokerContext::kNodeId;
    c.host = ctx.advertisedHost();
    c.port = ctx.advertisedPort();
    return c;
}

void handleFindCoordinator(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    FindCoordinatorRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    FindCoordinatorResponse response;
    if (rc.apiVersion >= 4) {
        for (const QString &key : request.coordinatorKeys)
            response.coordinators.push_back(coordinatorFor(ctx, rc, key, request.keyType));
    } else {
        const auto c = coordinatorFor(ctx, rc, request.key, request.keyType);
        response.errorCode = c.errorCode;
        response.errorMessage = c.errorMessage;
        response.nodeId = c.nodeId;
        response.host = c.host;
        response.port = c.port;
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

} // namespace

// Registers API T (versions min..max) with a handler that decodes the request and hands it to
// the coordinator's member function.
template <typename Request>
void addCoordinatorApi(RequestRouter &router, const std::shared_ptr<BrokerContext> &context, qint16 minVersion,
                       qint16 maxVersion,
                       void (GroupCoordinator::*method)(const RequestContext &, const Request &, ReplyFn))
{
    router.add({Request::kApiKey, minVersion, maxVersion, minVersion,
                [context, method](const RequestContext &rc, WireReader &body, ReplyFn reply) {
                    Request request;
                    if (!decodeRequest(rc, body, request, reply))
                        return;
                    (context->groupCoordinator().*method)(rc, request, std::move(reply));
                }});
}

void registerGroupApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context)
{
    router.add({FindCoordinatorRequest::kApiKey, 0, 4, 0,
                [context](const RequestContext &rc, WireReader &body, ReplyFn reply) {
                    handleFindCoordinator(*context, rc, body, reply);
                }});
    // The classic protocol only: the KIP-848 keys (ConsumerGroupHeartbeat,
    // ConsumerGroupDescribe) are not advertised, see RequestRouter::refuse below.
    addCoordinatorApi<JoinGroupRequest>(router, context, 0, 9, &GroupCoordinator::joinGroup);
    addCoordinatorApi<SyncGroupRequest>(router, context, 0, 5, &GroupCoordinator::syncGroup);
    addCoordinatorApi<HeartbeatRequest>(router, context, 0, 4, &GroupCoordinator::heartbeat);
    addCoordinatorApi<LeaveGroupRequest>(router, context, 0, 5, &GroupCoordinator::leaveGroup);
    addCoordinatorApi<OffsetCommitRequest>(router, context, 0, 9, &GroupCoordinator::offsetCommit);
    addCoordinatorApi<OffsetFetchRequest>(router, context, 0, 9, &GroupCoordinator::offsetFetch);
    addCoordinatorApi<ListGroupsRequest>(router, context, 0, 4, &GroupCoordinator::listGroups);
    addCoordinatorApi<DescribeGroupsRequest>(router, context, 0, 5, &GroupCoordinator::describeGroups);
    addCoordinatorApi<DeleteGroupsRequest>(router, context, 0, 2, &GroupCoordinator::deleteGroups);
    addCoordinatorApi<OffsetDeleteRequest>(router, context, 0, 0, &GroupCoordinator::offsetDelete);
    const QString kip848 = QStringLiteral(
        "the built-in broker's group coordinator speaks the classic protocol only: set group.protocol=classic "
        "(the default) in the consumer instead of group.protocol=consumer");
    router.refuse(68, kip848); // ConsumerGroupHeartbeat
    router.refuse(69, kip848); // ConsumerGroupDescribe
}

} // namespace tidemark::kafkaserver
