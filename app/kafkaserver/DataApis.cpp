#include "kafkaserver/DataApis.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/FetchWaiters.h"
#include "kafkaserver/ProducerStates.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/TopicApis.h"
#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Messages.h"
#include "kafkaserver/protocol/RecordBatch.h"

#include "logbroker/FrameFormat.h"

#include <QDateTime>

#include <span>

namespace tidemark::kafkaserver {

using namespace protocol;
using namespace std::chrono;
using logbroker::FrameView;
using logbroker::PartitionLog;

namespace {

constexpr qint64 kMaxDecompressedBytes = 256LL << 20;

struct PartitionAppend {
    qint16 errorCode = 0;
    QString message;
    qint64 baseOffset = -1;
    qint64 logAppendTime = -1;
};

// Appends the records of `batches` (all of one partition) in one call: all or nothing.
Result<qint64> appendRecords(PartitionLog &log, std::vector<DecodedBatch *> batches, qint64 now, milliseconds timeout)
{
    std::vector<const OutgoingRecord *> records;
    std::vector<qint64> timestamps;
    std::vector<qint64> sizes;
    for (DecodedBatch *b : batches) {
        const bool appendTime = (b->header.attributes & kAttrLogAppendTime) != 0;
        for (const OutgoingRecord &r : b->records) {
            const qint64 size = logbroker::encodedFrameSize(r);
            if (size - logbroker::kFramePrefixSize > logbroker::kFrameMaxLength)
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("a record of %1 bytes is larger than the limit of %2 bytes")
                                 .arg(size)
                                 .arg(logbroker::kFrameMaxLength));
            records.push_back(&r);
            timestamps.push_back(appendTime ? now : r.timestampMs);
            sizes.push_back(size);
        }
    }
    auto appended =
        log.append(std::span(records.data(), records.size()), std::span(timestamps.data(), timestamps.size()),
                   std::span(sizes.data(), sizes.size()), timeout);
    if (!appended)
        return appended.error();
    return appended->baseOffset;
}

PartitionAppend producePartition(BrokerContext &ctx, const RequestContext &rc, const QString &topic, int partition,
                                 const std::optional<QByteArray> &records, milliseconds timeout)
{
    PartitionAppend out;
    auto fail = [&](KafkaError e, const QString &message) {
        out.errorCode = code(e);
        out.message = message;
        qCInfo(lcKafkaServer).noquote() << rc.describe() << ":" << topic << partition << errorName(out.errorCode)
                                        << message;
        return out;
    };
    auto t = ctx.store().topic(topic);
    if (!t)
        return fail(KafkaError::UnknownTopicOrPartition, t.error().message);
    if (!(*t)->metadata().metadataError.isEmpty())
        return fail(KafkaError::KafkaStorageError, (*t)->metadata().metadataError);
    auto log = ctx.store().partition({topic, partition});
    if (!log)
        return fail(KafkaError::UnknownTopicOrPartition, log.error().message);
    if (!records || records->isEmpty())
        return fail(KafkaError::InvalidRecord, QStringLiteral("no records"));
    DecodeOutcome decoded = decodeBatches(records->constData(), records->size(), kMaxDecompressedBytes);
    if (decoded.error) {
        out.errorCode = decoded.error->errorCode;
        out.message = decoded.error->message;
        qCWarning(lcKafkaServer).noquote() << "refused produce to" << topic << partition << "from" << rc.describe()
                                           << ":" << errorName(out.errorCode) << decoded.error->message;
        ctx.emitEvent(ListenerEvent::Kind::ClientError, rc.peer,
                      QStringLiteral("produce to %1[%2] refused: %3").arg(topic).arg(partition).arg(out.message));
        return out;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 count = 0;
    for (const DecodedBatch &b : decoded.batches) {
        ctx.batchesByCodec[static_cast<size_t>(b.header.codec())].fetch_add(1, std::memory_order_relaxed);
        count += static_cast<qint64>(b.records.size());
        if (b.header.attributes & kAttrTransactional)
            return fail(KafkaError::TransactionalIdAuthorizationFailed,
                        QStringLiteral("transactional batches are not supported by the built-in broker"));
        if ((b.header.attributes & kAttrLogAppendTime) != 0)
            out.logAppendTime = now;
    }
    const bool idempotent = decoded.batches.front().header.idempotent();
    if (!idempotent) {
        std::vector<DecodedBatch *> all;
        for (DecodedBatch &b : decoded.batches)
            all.push_back(&b);
        auto base = appendRecords(**log, all, now, timeout);
        if (!base)
            return fail(base.error().code == ErrorCode::InvalidArgument
                            ? KafkaError::MessageTooLarge
                            : static_cast<KafkaError>(kafkaErrorFor(base.error())),
                        base.error().message);
        out.baseOffset = *base;
    } else {
        const QString topicId = (*t)->metadata().id;
        for (DecodedBatch &b : decoded.batches) {
            if (!b.header.idempotent())
                return fail(KafkaError::InvalidRecord, QStringLiteral("a request mixes idempotent and plain batches"));
            const qint64 high = (*log)->watermarks().valueOr(Watermarks{}).high;
            ProducerStates::Outcome o =
                ctx.producerStates().append(topicId, partition, high, b.header, [&]() -> Result<qint64> {
                    return appendRecords(**log, {&b}, now, timeout);
                });
            if (o.errorCode != 0)
                return fail(static_cast<KafkaError>(o.errorCode), o.message);
            if (!o.message.isEmpty())
                qCWarning(lcKafkaServer).noquote() << "producer state of" << topic << partition << ":" << o.message;
            if (o.duplicate) {
                qCInfo(lcKafkaServer).noquote()
                    << "duplicate batch from producer" << b.header.producerId << "sequence" << b.header.baseSequence
                    << "to" << topic << partition << "acknowledged with its offset" << o.baseOffset;
                count -= static_cast<qint64>(b.records.size());
            }
            if (out.baseOffset < 0)
                out.baseOffset = o.baseOffset;
        }
    }
    ctx.producedRecords.fetch_add(count, std::memory_order_relaxed);
    return out;
}

void handleProduce(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    ProduceRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    const bool transactional = request.transactionalId.has_value();
    const bool badAcks = request.acks != 0 && request.acks != 1 && request.acks != -1;
    const milliseconds timeout(std::max(1000, request.timeoutMs));
    ProduceResponse response;
    bool appended = false;
    for (const auto &t : request.topicData) {
        ProduceResponse::TopicProduceResponse tr;
        tr.name = t.name;
        for (const auto &p : t.partitionData) {
            ProduceResponse::PartitionProduceResponse pr;
            pr.index = p.index;
            PartitionAppend result;
            if (badAcks) {
                result.errorCode = code(KafkaError::InvalidRequiredAcks);
                result.message = QStringLiteral("acks must be 0, 1 or -1, not %1").arg(request.acks);
            } else if (transactional) {
                result.errorCode = code(KafkaError::TransactionalIdAuthorizationFailed);
                result.message = QStringLiteral("transactions are not supported by the built-in broker");
            } else {
                result = producePartition(ctx, rc, t.name, p.index, p.records, timeout);
                appended = appended || result.errorCode == 0;
            }
            pr.errorCode = result.errorCode;
            pr.baseOffset = result.baseOffset;
            pr.logAppendTimeMs = result.logAppendTime;
            if (result.errorCode != 0 && !result.message.isEmpty())
                pr.errorMessage = result.message;
            if (auto log = ctx.store().partition({t.name, p.index}); log) {
                if (auto wm = (*log)->watermarks(); wm)
                    pr.logStartOffset = wm->low;
            }
            tr.partitionResponses.push_back(pr);
        }
        response.responses.push_back(tr);
    }
    if (appended)
        ctx.fetchWaiters().notify();
    if (request.acks == 0) {
        reply(Reply::none());
        return;
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

// ---------------------------------------------------------------------------------- fetch

struct FetchJob {
    RequestContext rc;
    FetchRequest request;
    ReplyFn reply;
    FetchWaiters::Clock::time_point deadline;
};

void runFetch(BrokerContext &ctx, RequestRouter &router, const std::shared_ptr<FetchJob> &job, bool final)
{
    const FetchRequest &request = job->request;
    const qint64 maxBytes =
        job->rc.apiVersion >= 3 ? std::max(0, request.maxBytes) : std::numeric_limits<qint32>::max();
    FetchResponse response;
    response.sessionId = 0; // no fetch sessions: every request is a full one
    qint64 totalBytes = 0;
    qint64 records = 0;
    bool anyError = false;
    std::vector<FetchWaiters::Watch> watches;
    for (const auto &t : request.topics) {
        FetchResponse::FetchableTopicResponse tr;
        tr.topic = t.topic;
        for (const auto &p : t.partitions) {
            FetchResponse::PartitionData pd;
            pd.partitionIndex = p.partition;
            pd.records = QByteArray();
            pd.abortedTransactions = std::nullopt;
            const TopicPartition tp{t.topic, p.partition};
            auto log = ctx.store().partition(tp);
            auto wm = log ? (*log)->watermarks() : Result<Watermarks>(log.error());
            if (!wm) {
                pd.errorCode = kafkaErrorFor(wm.error());
                pd.highWatermark = -1;
                anyError = true;
                tr.partitions.push_back(pd);
                continue;
            }
            pd.highWatermark = wm->high;
            pd.lastStableOffset = wm->high;
            pd.logStartOffset = wm->low;
            if (p.fetchOffset < wm->low || p.fetchOffset > wm->high) {
                pd.errorCode = code(KafkaError::OffsetOutOfRange);
                anyError = true;
                tr.partitions.push_back(pd);
                continue;
            }
            watches.push_back({*log, wm->high});
            const qint64 budget = std::min<qint64>(p.partitionMaxBytes, maxBytes - totalBytes);
            if (p.fetchOffset == wm->high || (budget <= 0 && totalBytes > 0)) {
                tr.partitions.push_back(pd);
                continue;
            }
            QByteArray bytes;
            BatchBuilder builder(bytes);
            qint64 used = kBatchHeaderSize;
            const bool mustTakeOne = totalBytes == 0; // KIP-74: the first record always comes, however large
            logbroker::ReadHint &hint = job->rc.connection->readHints[tp];
            auto scanned = (*log)->scan(p.fetchOffset, std::numeric_limits<int>::max(), std::max<qint64>(budget, 1),
                                        &hint, [&](const FrameView &f) {
                                            const qint64 size = BatchBuilder::recordSizeBound(
                                                f.keyLength, f.valueLength, f.headersLength, f.headerCount);
                                            if (builder.count() > 0 || !mustTakeOne) {
                                                if (used + size > budget)
                                                    return false;
                                            }
                                            if (!builder.open())
                                                builder.begin(f.offset, f.timestampMs);
                                            builder.add(f.offset, f.timestampMs, f.key, f.keyLength, f.value,
                                                        f.valueLength, f.headerCount, f.headers, f.headersLength);
                                            used += size;
                                            return true;
                                        });
            if (builder.open())
                builder.finish();
            if (!scanned) {
                pd.errorCode = kafkaErrorFor(scanned.error());
                anyError = true;
            } else if (builder.count() == 0 && scanned->corruption) {
                qCWarning(lcKafkaServer).noquote()
                    << "fetch of" << tp.toString() << ":" << scanned->corruption->message();
                pd.errorCode = code(KafkaError::KafkaStorageError);
                anyError = true;
            }
            records += builder.count();
            totalBytes += bytes.size();
            pd.records = std::move(bytes);
            tr.partitions.push_back(pd);
        }
        response.responses.push_back(tr);
    }
    const bool enough = totalBytes >= std::max(1, request.minBytes) || anyError;
    if (!final && !enough && request.maxWaitMs > 0 && FetchWaiters::Clock::now() < job->deadline && !watches.empty()) {
        RequestRouter *r = &router;
        BrokerContext *c = &ctx;
        ctx.fetchWaiters().add(std::move(watches), job->deadline, [r, c, job](bool expired) {
            r->post([r, c, job, expired] { runFetch(*c, *r, job, expired); });
        });
        return;
    }
    ctx.fetchedRecords.fetch_add(records, std::memory_order_relaxed);
    job->reply(Reply::withBody(encodeResponse(job->rc, response)));
}

void handleFetch(BrokerContext &ctx, RequestRouter &router, const RequestContext &rc, WireReader &body,
                 const ReplyFn &reply)
{
    auto job = std::make_shared<FetchJob>();
    if (!decodeRequest(rc, body, job->request, reply))
        return;
    job->rc = rc;
    job->reply = reply;
    job->deadline = FetchWaiters::Clock::now() + milliseconds(std::clamp(job->request.maxWaitMs, 0, 300000));
    runFetch(ctx, router, job, false);
}

// ---------------------------------------------------------------------------- list offsets

void handleListOffsets(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    ListOffsetsRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    ListOffsetsResponse response;
    for (const auto &t : request.topics) {
        ListOffsetsResponse::ListOffsetsTopicResponse tr;
        tr.name = t.name;
        for (const auto &p : t.partitions) {
            ListOffsetsResponse::ListOffsetsPartitionResponse pr;
            pr.partitionIndex = p.partitionIndex;
            auto log = ctx.store().partition({t.name, p.partitionIndex});
            auto wm = log ? (*log)->watermarks() : Result<Watermarks>(log.error());
            if (!wm) {
                pr.errorCode = kafkaErrorFor(wm.error());
            } else if (p.timestamp == -1) { // latest
                pr.offset = wm->high;
            } else if (p.timestamp == -2) { // earliest
                pr.offset = wm->low;
            } else if (p.timestamp < 0) {
                pr.errorCode = code(KafkaError::UnsupportedVersion);
            } else {
                auto found = (*log)->offsetForTimestamp(p.timestamp);
                if (!found) {
                    pr.errorCode = kafkaErrorFor(found.error());
                } else if (*found < wm->high) {
                    pr.offset = *found;
                    auto rec = (*log)->read(*found, 1, 1 << 20, nullptr, nullptr);
                    pr.timestamp = rec && !rec->empty() ? rec->front().timestampMs : p.timestamp;
                }
            }
            if (pr.errorCode == 0)
                pr.leaderEpoch = 0;
            tr.partitions.push_back(pr);
        }
        response.topics.push_back(tr);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void handleInitProducerId(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    InitProducerIdRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    InitProducerIdResponse response;
    if (request.transactionalId) {
        qCWarning(lcKafkaServer).noquote() << rc.describe() << ": transactions (transactional.id"
                                           << *request.transactionalId << ") are not supported by the built-in broker";
        ctx.emitEvent(
            ListenerEvent::Kind::ClientError, rc.peer,
            QStringLiteral("transactions are not supported (transactional.id '%1')").arg(*request.transactionalId));
        response.errorCode = code(KafkaError::UnsupportedVersion);
    } else {
        auto id = ctx.producerStates().initProducerId(request.producerId, request.producerEpoch);
        if (!id) {
            qCWarning(lcKafkaServer).noquote() << "InitProducerId:" << id.error().message;
            response.errorCode = code(KafkaError::KafkaStorageError);
        } else {
            response.producerId = id->first;
            response.producerEpoch = id->second;
        }
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

template <typename F>
RequestRouter::Handler bind(const std::shared_ptr<BrokerContext> &context, F f)
{
    return [context, f](const RequestContext &rc, WireReader &body, ReplyFn reply) { f(*context, rc, body, reply); };
}

} // namespace

void registerDataApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context)
{
    // Produce v0-2 are advertised so librdkafka turns gzip/snappy/lz4 on (its feature check
    // wants Produce 0 in the range), and refused as Kafka 4 refuses them.
    router.add({ProduceRequest::kApiKey, 0, 10, 3, bind(context, handleProduce)});
    // Fetch stops at v12: v13+ names topics by id only.
    RequestRouter *r = &router;
    router.add(
        {FetchRequest::kApiKey, 4, 12, 4, [context, r](const RequestContext &rc, WireReader &body, ReplyFn reply) {
             handleFetch(*context, *r, rc, body, reply);
         }});
    router.add({ListOffsetsRequest::kApiKey, 1, 6, 1, bind(context, handleListOffsets)});
    router.add({InitProducerIdRequest::kApiKey, 0, 4, 0, bind(context, handleInitProducerId)});
}

} // namespace tidemark::kafkaserver
