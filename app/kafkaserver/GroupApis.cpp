#include "kafkaserver/GroupApis.h"

#include "kafkaserver/BrokerContext.h"
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

void registerGroupApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context)
{
    router.add({FindCoordinatorRequest::kApiKey, 0, 4, 0,
                [context](const RequestContext &rc, WireReader &body, ReplyFn reply) {
                    handleFindCoordinator(*context, rc, body, reply);
                }});
}

} // namespace tidemark::kafkaserver
