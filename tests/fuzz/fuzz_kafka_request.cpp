// Fuzz target: the Kafka listener's request decoder, as a connection feeds it one frame (the
// bytes after the 4-byte size): the request header (api key, version, correlation id, client
// id, tagged fields), then the body of every API the generated codecs know, at the version
// the header names, and for Produce the record batches inside (CRC, lengths, every
// compression codec, bounded decompression).
//
// Beyond "no crash, no sanitizer report, no endless loop" it checks a property: a body that
// decodes is re-encoded and decoded again to the same value (what the decoder accepted, the
// encoder can say). The seed corpus (corpus/kafka_request/) is 59 requests captured from kcat
// and Tidemark's Kafka mode (librdkafka) talking to `tidemark-cli serve` (metadata, produce
// with every codec, headers, null values and idempotence, fetch, list offsets, topic admin):
// see capture_kafka_requests.py here.
//
// Registration, once tests/fuzz/CMakeLists.txt (tidemark_add_fuzz_target) is on main:
//   tidemark_add_fuzz_target(kafka_request LIBS tidemark_kafkaserver)
// (the decoder's sources could move to SOURCES for coverage in the libFuzzer build once the
// request header parser lives in protocol/ instead of RequestRouter.cpp).

#include "kafkaserver/RequestContext.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/protocol/Messages.h"
#include "kafkaserver/protocol/RecordBatch.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace tidemark::kafkaserver;
using namespace tidemark::kafkaserver::protocol;

namespace {

[[noreturn]] void fail(const char *what, qint16 key, qint16 version)
{
    std::fprintf(stderr, "fuzz_kafka_request: %s (api key %d, version %d)\n", what, key, version);
    std::abort();
}

void checkBatches(const std::optional<QByteArray> &records)
{
    if (!records)
        return;
    // The listener's own bound per batch would let a 20-byte zstd frame allocate 100 MiB here;
    // a smaller one finds the same bugs faster.
    const DecodeOutcome outcome = decodeBatches(records->constData(), records->size(), 1 << 20);
    for (const DecodedBatch &b : outcome.batches)
        if (b.wireBytes <= 0 || b.wireBytes > records->size())
            fail("a batch claims more bytes than the records field has", ProduceRequest::kApiKey, 0);
}

void checkProduce(const ProduceRequest &request)
{
    for (const auto &topic : request.topicData)
        for (const auto &partition : topic.partitionData)
            checkBatches(partition.records);
}
template <typename T>
void checkContents(const T &)
{}
template <>
void checkContents<ProduceRequest>(const ProduceRequest &r)
{
    checkProduce(r);
}

// Decodes a T at `version`; if it decodes, re-encodes and decodes again: the same value.
template <typename T>
void roundTrip(const char *body, qint64 size, qint16 version)
{
    if (version < T::kMinVersion || version > T::kMaxVersion)
        return;
    WireReader reader(body, size);
    T request;
    request.read(reader, version);
    if (!reader.ok())
        return;
    checkContents(request);
    WireWriter writer;
    request.write(writer, version);
    const QByteArray encoded = writer.take();
    WireReader again(encoded);
    T decoded;
    decoded.read(again, version);
    if (!again.ok())
        fail("a decoded request does not decode after re-encoding", T::kApiKey, version);
    if (again.remaining() != 0)
        fail("re-encoding wrote bytes the decoder does not read", T::kApiKey, version);
    if (!(decoded == request))
        fail("a decoded request changes through re-encoding", T::kApiKey, version);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    RequestContext ctx;
    QString error;
    const qint64 bodyOffset = parseRequestHeader(frame, ctx, error);
    if (bodyOffset < 0) {
        if (error.isEmpty())
            fail("a refused header without a reason", ctx.apiKey, ctx.apiVersion);
        return 0;
    }
    if (bodyOffset > qint64(size))
        fail("the header ends beyond the frame", ctx.apiKey, ctx.apiVersion);
    const char *body = frame.constData() + bodyOffset;
    const qint64 bodySize = qint64(size) - bodyOffset;
    const qint16 v = ctx.apiVersion;
    switch (ctx.apiKey) {
    case ProduceRequest::kApiKey: roundTrip<ProduceRequest>(body, bodySize, v); break;
    case FetchRequest::kApiKey: roundTrip<FetchRequest>(body, bodySize, v); break;
    case ListOffsetsRequest::kApiKey: roundTrip<ListOffsetsRequest>(body, bodySize, v); break;
    case MetadataRequest::kApiKey: roundTrip<MetadataRequest>(body, bodySize, v); break;
    case OffsetCommitRequest::kApiKey: roundTrip<OffsetCommitRequest>(body, bodySize, v); break;
    case OffsetFetchRequest::kApiKey: roundTrip<OffsetFetchRequest>(body, bodySize, v); break;
    case FindCoordinatorRequest::kApiKey: roundTrip<FindCoordinatorRequest>(body, bodySize, v); break;
    case JoinGroupRequest::kApiKey: roundTrip<JoinGroupRequest>(body, bodySize, v); break;
    case HeartbeatRequest::kApiKey: roundTrip<HeartbeatRequest>(body, bodySize, v); break;
    case LeaveGroupRequest::kApiKey: roundTrip<LeaveGroupRequest>(body, bodySize, v); break;
    case SyncGroupRequest::kApiKey: roundTrip<SyncGroupRequest>(body, bodySize, v); break;
    case DescribeGroupsRequest::kApiKey: roundTrip<DescribeGroupsRequest>(body, bodySize, v); break;
    case ListGroupsRequest::kApiKey: roundTrip<ListGroupsRequest>(body, bodySize, v); break;
    case SaslHandshakeRequest::kApiKey: roundTrip<SaslHandshakeRequest>(body, bodySize, v); break;
    case ApiVersionsRequest::kApiKey: roundTrip<ApiVersionsRequest>(body, bodySize, v); break;
    case CreateTopicsRequest::kApiKey: roundTrip<CreateTopicsRequest>(body, bodySize, v); break;
    case DeleteTopicsRequest::kApiKey: roundTrip<DeleteTopicsRequest>(body, bodySize, v); break;
    case InitProducerIdRequest::kApiKey: roundTrip<InitProducerIdRequest>(body, bodySize, v); break;
    case DescribeConfigsRequest::kApiKey: roundTrip<DescribeConfigsRequest>(body, bodySize, v); break;
    case CreatePartitionsRequest::kApiKey: roundTrip<CreatePartitionsRequest>(body, bodySize, v); break;
    case DeleteGroupsRequest::kApiKey: roundTrip<DeleteGroupsRequest>(body, bodySize, v); break;
    case OffsetDeleteRequest::kApiKey: roundTrip<OffsetDeleteRequest>(body, bodySize, v); break;
    case DescribeClusterRequest::kApiKey: roundTrip<DescribeClusterRequest>(body, bodySize, v); break;
    default:
        // No codec: the listener answers from the spec's default response (RequestRouter);
        // writing it must work for every version the spec has.
        if (const ApiInfo *info = apiInfo(ctx.apiKey); info && v >= info->minVersion && v <= info->maxVersion) {
            WireWriter w;
            if (!writeDefaultResponse(w, ctx.apiKey, v, 35))
                fail("no default response for an API the spec has", ctx.apiKey, v);
        }
        break;
    }
    return 0;
}
