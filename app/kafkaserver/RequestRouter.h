#pragma once

// Routes each request to the handler registered for its API key, on the handler threads.
// The table of registered APIs is also what ApiVersions advertises, so adding an API (the
// group coordinator adds FindCoordinator, JoinGroup, ...) is one add() call and needs no
// change here or in the connection.
//
// For every request it checks the version against what is served: a version outside the
// advertised range, or below the served minimum (Produce v0-2 are advertised for librdkafka's
// feature detection and refused as on Kafka 4), is answered with UNSUPPORTED_VERSION in that
// API's response; an API key that is not registered gets its response with
// UNSUPPORTED_VERSION (or its "not supported" equivalent) and a log line naming the API;
// ApiVersions of a too-new version is answered at v0 with the key list, as Kafka does.
//
// Threading: add() only before the listener starts; after that the table is read-only and
// handle() may run on any number of handler threads at once.

#include "kafkaserver/RequestContext.h"
#include "kafkaserver/protocol/Wire.h"

#include <QThreadPool>

#include <map>
#include <memory>

namespace tidemark::kafkaserver {

class BrokerContext;

// Parses the request header at the start of `frame` into ctx (api key, version, correlation
// id, client id). Returns the body's offset, or -1 with `error` set.
qint64 parseRequestHeader(const QByteArray &frame, RequestContext &ctx, QString &error);
// Response header version 1 (with tagged fields) for flexible responses, except ApiVersions.
bool responseHeaderIsFlexible(qint16 apiKey, qint16 apiVersion);

class RequestRouter {
public:
    using Handler = std::function<void(const RequestContext &, protocol::WireReader &, ReplyFn)>;
    struct Api {
        qint16 key = -1;
        qint16 minAdvertised = 0;
        qint16 maxAdvertised = 0;
        qint16 minServed = 0; // below it (and >= minAdvertised): UNSUPPORTED_VERSION
        Handler handler;
    };

    RequestRouter(std::shared_ptr<BrokerContext> context, int handlerThreads);
    ~RequestRouter(); // waits for running handlers

    void add(Api api);
    // An API that is not served but deserves a specific reason in its UNSUPPORTED_VERSION log
    // line and event (what the client should change). Not advertised. Before start only.
    void refuse(qint16 key, QString reason);
    const std::map<qint16, Api> &apis() const { return m_apis; }

    // Runs the request on a handler thread; `reply` is called exactly once.
    void submit(RequestContext ctx, QByteArray frame, qint64 bodyOffset, ReplyFn reply);
    // Runs `work` on a handler thread (a long-polling fetch resuming).
    void post(std::function<void()> work);
    // Waits until no handler runs (after the connections are closed).
    void drain();

private:
    void handle(const RequestContext &ctx, const QByteArray &frame, qint64 bodyOffset, const ReplyFn &reply);
    void answerApiVersions(const RequestContext &ctx, protocol::WireReader &body, const ReplyFn &reply);
    void answerUnsupported(const RequestContext &ctx, const QString &why, const ReplyFn &reply);

    std::shared_ptr<BrokerContext> m_context;
    std::map<qint16, Api> m_apis;
    std::map<qint16, QString> m_refusals;
    QThreadPool m_pool;
};

// Decodes a request of type T from `body` or replies with Close (malformed request).
template <typename T>
bool decodeRequest(const RequestContext &ctx, protocol::WireReader &body, T &request, const ReplyFn &reply)
{
    request.read(body, ctx.apiVersion);
    if (!body.ok()) {
        reply(Reply::close(QStringLiteral("malformed %1: %2").arg(ctx.describe(), body.error())));
        return false;
    }
    return true;
}

// Encodes a response of type T at the request's version.
template <typename T>
QByteArray encodeResponse(const RequestContext &ctx, const T &response)
{
    protocol::WireWriter w;
    response.write(w, ctx.apiVersion);
    return w.take();
}

} // namespace tidemark::kafkaserver
