#include "kafkaserver/RequestRouter.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Messages.h"

namespace tidemark::kafkaserver {

using namespace protocol;

namespace {

bool requestHeaderIsFlexible(qint16 apiKey, qint16 apiVersion)
{
    const ApiInfo *info = apiInfo(apiKey);
    return info && info->requestFlexibleFrom >= 0 && apiVersion >= info->requestFlexibleFrom;
}

} // namespace

qint64 parseRequestHeader(const QByteArray &frame, RequestContext &ctx, QString &error)
{
    WireReader r(frame);
    ctx.apiKey = r.readInt16();
    ctx.apiVersion = r.readInt16();
    ctx.correlationId = r.readInt32();
    // The client id is a classic nullable string even in header v2.
    ctx.clientId = r.readNullableString(false).value_or(QString());
    if (r.ok() && requestHeaderIsFlexible(ctx.apiKey, ctx.apiVersion)) {
        const quint32 tags = r.readUVarint();
        for (quint32 i = 0; i < tags && r.ok(); ++i) {
            r.readUVarint();
            r.skip(r.readUVarint());
        }
    }
    if (!r.ok()) {
        error = r.error();
        return -1;
    }
    return r.position();
}

bool responseHeaderIsFlexible(qint16 apiKey, qint16 apiVersion)
{
    if (apiKey == ApiVersionsResponse::kApiKey)
        return false; // always header v0, so a client can read it before it knows our versions
    const ApiInfo *info = apiInfo(apiKey);
    return info && info->responseFlexibleFrom >= 0 && apiVersion >= info->responseFlexibleFrom;
}

RequestRouter::RequestRouter(std::shared_ptr<BrokerContext> context, int handlerThreads) : m_context(std::move(context))
{
    m_pool.setMaxThreadCount(std::max(1, handlerThreads));
    m_pool.setExpiryTimeout(-1);
    add({ApiVersionsRequest::kApiKey, 0, 3, 0,
         [this](const RequestContext &ctx, WireReader &body, ReplyFn reply) { answerApiVersions(ctx, body, reply); }});
}

RequestRouter::~RequestRouter() { drain(); }

void RequestRouter::add(Api api) { m_apis[api.key] = std::move(api); }

void RequestRouter::refuse(qint16 key, QString reason) { m_refusals[key] = std::move(reason); }

void RequestRouter::submit(RequestContext ctx, QByteArray frame, qint64 bodyOffset, ReplyFn reply)
{
    m_pool.start([this, ctx = std::move(ctx), frame = std::move(frame), bodyOffset, reply = std::move(reply)] {
        handle(ctx, frame, bodyOffset, reply);
    });
}

void RequestRouter::post(std::function<void()> work) { m_pool.start(std::move(work)); }

void RequestRouter::drain() { m_pool.waitForDone(); }

void RequestRouter::handle(const RequestContext &ctx, const QByteArray &frame, qint64 bodyOffset, const ReplyFn &reply)
{
    WireReader body(frame.constData() + bodyOffset, frame.size() - bodyOffset);
    const auto it = m_apis.find(ctx.apiKey);
    if (ctx.apiKey == ApiVersionsRequest::kApiKey) {
        answerApiVersions(ctx, body, reply);
        return;
    }
    if (it == m_apis.end()) {
        if (auto refusal = m_refusals.find(ctx.apiKey); refusal != m_refusals.end()) {
            answerUnsupported(ctx, refusal->second, reply);
            return;
        }
        const ApiInfo *info = apiInfo(ctx.apiKey);
        answerUnsupported(ctx,
                          info ? QStringLiteral("the built-in broker does not serve %1 (transactions, SASL, ACLs, "
                                                "quotas and replication are not part of it)")
                                     .arg(QLatin1String(info->name))
                               : QStringLiteral("unknown API key %1").arg(ctx.apiKey),
                          reply);
        return;
    }
    const Api &api = it->second;
    if (ctx.apiVersion < api.minAdvertised || ctx.apiVersion > api.maxAdvertised) {
        answerUnsupported(ctx,
                          QStringLiteral("version %1 is outside the served range %2 to %3")
                              .arg(ctx.apiVersion)
                              .arg(api.minAdvertised)
                              .arg(api.maxAdvertised),
                          reply);
        return;
    }
    if (ctx.apiVersion < api.minServed) {
        answerUnsupported(
            ctx, QStringLiteral("versions below %1 are refused, as on Kafka 4 (upgrade the client)").arg(api.minServed),
            reply);
        return;
    }
    api.handler(ctx, body, reply);
}

void RequestRouter::answerUnsupported(const RequestContext &ctx, const QString &why, const ReplyFn &reply)
{
    qCWarning(lcKafkaServer).noquote() << "refusing" << ctx.describe() << ":" << why;
    m_context->emitEvent(ListenerEvent::Kind::ClientError, ctx.peer,
                         QStringLiteral("%1 refused: %2").arg(ctx.describe(), why));
    const ApiInfo *info = apiInfo(ctx.apiKey);
    if (!info || ctx.apiVersion < info->minVersion || ctx.apiVersion > info->maxVersion) {
        // No schema to answer in: Kafka closes the connection too.
        reply(Reply::close(QStringLiteral("%1: %2").arg(ctx.describe(), why)));
        return;
    }
    WireWriter w;
    const KafkaError error = ctx.apiKey == SaslHandshakeRequest::kApiKey ? KafkaError::UnsupportedSaslMechanism
                                                                         : KafkaError::UnsupportedVersion;
    writeDefaultResponse(w, ctx.apiKey, ctx.apiVersion, code(error));
    reply(Reply::withBody(w.take()));
}

void RequestRouter::answerApiVersions(const RequestContext &ctx, WireReader &body, const ReplyFn &reply)
{
    ApiVersionsResponse response;
    for (const auto &[key, api] : m_apis) {
        ApiVersionsResponse::ApiVersion v;
        v.apiKey = key;
        v.minVersion = api.minAdvertised;
        v.maxVersion = api.maxAdvertised;
        response.apiKeys.push_back(v);
    }
    const Api &self = m_apis.at(ApiVersionsRequest::kApiKey);
    if (ctx.apiVersion > self.maxAdvertised) {
        // KIP-511: answer a version we do not know at v0 with UNSUPPORTED_VERSION and our
        // ranges; the client retries with the highest version both know.
        response.errorCode = code(KafkaError::UnsupportedVersion);
        WireWriter w;
        response.write(w, 0);
        reply(Reply::withBody(w.take()));
        return;
    }
    ApiVersionsRequest request;
    if (!decodeRequest(ctx, body, request, reply))
        return;
    reply(Reply::withBody(encodeResponse(ctx, response)));
}

} // namespace tidemark::kafkaserver
