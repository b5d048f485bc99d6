#include "kafkaserver/TopicApis.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Messages.h"

#include <QUuid>

#include <cstring>

namespace tidemark::kafkaserver {

using namespace protocol;
using logbroker::TopicConfig;
using logbroker::TopicMetadata;

Uuid topicIdBytes(const QString &id)
{
    Uuid u{};
    const QByteArray raw = QUuid::fromString(id).toRfc4122();
    if (raw.size() == 16)
        std::memcpy(u.data(), raw.constData(), 16);
    return u;
}

qint16 kafkaErrorFor(const Error &error)
{
    switch (error.code) {
    case ErrorCode::NotFound: return code(KafkaError::UnknownTopicOrPartition);
    case ErrorCode::AlreadyExists: return code(KafkaError::TopicAlreadyExists);
    case ErrorCode::InvalidArgument: return code(KafkaError::InvalidRequest);
    case ErrorCode::Corrupt: return code(KafkaError::CorruptMessage);
    case ErrorCode::Timeout: return code(KafkaError::RequestTimedOut);
    default: return code(KafkaError::KafkaStorageError);
    }
}

namespace {

std::optional<QString> findTopicById(BrokerContext &ctx, const Uuid &id)
{
    auto names = ctx.store().topicNames();
    if (!names)
        return std::nullopt;
    for (const QString &name : *names) {
        auto meta = ctx.store().readMetadata(name);
        if (meta && topicIdBytes(meta->id) == id)
            return name;
    }
    return std::nullopt;
}

MetadataResponse::MetadataResponseTopic describeForMetadata(const TopicMetadata &meta)
{
    MetadataResponse::MetadataResponseTopic t;
    t.name = meta.name;
    t.topicId = topicIdBytes(meta.id);
    for (int p = 0; p < meta.partitions; ++p) {
        MetadataResponse::MetadataResponsePartition part;
        part.partitionIndex = p;
        part.leaderId = BrokerContext::kNodeId;
        part.leaderEpoch = 0;
        part.replicaNodes = {BrokerContext::kNodeId};
        part.isrNodes = {BrokerContext::kNodeId};
        t.partitions.push_back(part);
    }
    return t;
}

void handleMetadata(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    MetadataRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    MetadataResponse response;
    MetadataResponse::MetadataResponseBroker broker;
    broker.nodeId = BrokerContext::kNodeId;
    broker.host = ctx.advertisedHost();
    broker.port = ctx.advertisedPort();
    response.brokers.push_back(broker);
    response.clusterId = ctx.clusterId();
    response.controllerId = BrokerContext::kNodeId;
    const bool all = !request.topics || (rc.apiVersion == 0 && request.topics->empty());
    if (all) {
        auto names = ctx.store().topicNames();
        if (names) {
            for (const QString &name : *names) {
                auto meta = ctx.store().readMetadata(name);
                if (meta)
                    response.topics.push_back(describeForMetadata(*meta));
            }
        }
        reply(Reply::withBody(encodeResponse(rc, response)));
        return;
    }
    const bool autoCreate = ctx.options().autoCreateTopics && (rc.apiVersion < 4 || request.allowAutoTopicCreation);
    for (const auto &wanted : *request.topics) {
        std::optional<QString> name = wanted.name;
        if (!name && wanted.topicId != Uuid{})
            name = findTopicById(ctx, wanted.topicId);
        if (!name) {
            MetadataResponse::MetadataResponseTopic t;
            t.errorCode = code(KafkaError::UnknownTopicId);
            t.topicId = wanted.topicId;
            t.name = std::nullopt;
            response.topics.push_back(t);
            continue;
        }
        auto meta = ctx.store().readMetadata(*name);
        if (!meta && meta.error().code == ErrorCode::NotFound && autoCreate &&
            logbroker::LogStore::validateTopicName(*name)) {
            TopicSpec spec;
            spec.name = *name;
            spec.partitions = std::max(1, ctx.options().defaultPartitions);
            const Status created = ctx.store().createTopic(spec);
            if (created) {
                qCInfo(lcKafkaServer).noquote() << "auto-created topic" << *name << "for" << rc.describe();
                ctx.emitEvent(ListenerEvent::Kind::Info, rc.peer,
                              QStringLiteral("topic '%1' created automatically (%2 partition(s))")
                                  .arg(*name)
                                  .arg(spec.partitions));
            }
            meta = ctx.store().readMetadata(*name);
        }
        if (!meta) {
            MetadataResponse::MetadataResponseTopic t;
            t.name = *name;
            t.errorCode = logbroker::LogStore::validateTopicName(*name) ? kafkaErrorFor(meta.error())
                                                                        : code(KafkaError::InvalidTopic);
            response.topics.push_back(t);
            continue;
        }
        response.topics.push_back(describeForMetadata(*meta));
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

// The built-in broker's settings as Kafka configs, with their Kafka types.
struct ConfigEntry {
    QString name;
    QString value;
    bool isDefault = false;
    qint8 type = 2; // STRING
};

std::vector<ConfigEntry> topicConfigEntries(const TopicConfig &config)
{
    const TopicConfig defaults;
    const QMap<QString, QString> values = config.toMap();
    const QMap<QString, QString> defaultValues = defaults.toMap();
    std::vector<ConfigEntry> out;
    for (auto it = values.begin(); it != values.end(); ++it) {
        ConfigEntry e;
        e.name = it.key();
        e.value = it.value();
        e.isDefault = defaultValues.value(it.key()) == it.value();
        e.type = e.name == QLatin1String("segment.bytes") ? 3 : e.name.startsWith(QLatin1String("retention.")) ? 5 : 2;
        out.push_back(e);
    }
    out.push_back({QStringLiteral("flush.messages"),
                   config.fsync ? QStringLiteral("1") : QStringLiteral("9223372036854775807"), !config.fsync, 5});
    out.push_back({QStringLiteral("cleanup.policy"), QStringLiteral("delete"), true, 7});
    return out;
}

// Kafka's names for what the built-in broker has: flush.messages=1 is durability=fsync (what
// Tidemark's own Kafka mode sends for it); cleanup.policy=delete is what it does anyway.
QMap<QString, QString> fromKafkaConfigs(const std::vector<CreateTopicsRequest::CreateableTopicConfig> &configs)
{
    QMap<QString, QString> out;
    for (const auto &c : configs) {
        const QString value = c.value.value_or(QString());
        if (c.name == QLatin1String("flush.messages"))
            out.insert(QStringLiteral("durability"), value == QLatin1String("1") ? QStringLiteral("fsync") : QStringLiteral("os"));
        else if (c.name == QLatin1String("cleanup.policy") && value == QLatin1String("delete"))
            continue;
        else
            out.insert(c.name, value);
    }
    return out;
}

std::optional<QString> errorText(const Status &s)
{
    return s ? std::nullopt : std::optional<QString>(s.error().message);
}

void handleCreateTopics(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    CreateTopicsRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    CreateTopicsResponse response;
    for (const auto &t : request.topics) {
        CreateTopicsResponse::CreatableTopicResult result;
        result.name = t.name;
        TopicSpec spec;
        spec.name = t.name;
        spec.partitions = t.numPartitions < 0 ? std::max(1, ctx.options().defaultPartitions) : t.numPartitions;
        spec.configs = fromKafkaConfigs(t.configs);
        Status status;
        qint16 error = 0;
        if (t.replicationFactor > 1) {
            error = code(KafkaError::InvalidReplicationFactor);
            status = Error(ErrorCode::InvalidArgument,
                           QStringLiteral("replication factor %1: the built-in broker is a single node (use 1 or -1)")
                               .arg(t.replicationFactor));
        } else if (!t.assignments.empty()) {
            error = code(KafkaError::InvalidRequest);
            status = Error(ErrorCode::InvalidArgument, QStringLiteral("manual replica assignments are not supported"));
        } else if (auto valid = logbroker::LogStore::validateTopicName(t.name); !valid) {
            error = code(KafkaError::InvalidTopic);
            status = valid;
        } else if (auto config = TopicConfig::fromMap(spec.configs); !config) {
            error = code(KafkaError::InvalidConfig);
            status = config.error();
        } else if (spec.partitions < 1 || spec.partitions > 10000) {
            error = code(KafkaError::InvalidPartitions);
            status = Error(ErrorCode::InvalidArgument,
                           QStringLiteral("partition count must be 1 to 10000, not %1").arg(spec.partitions));
        } else if (request.validateOnly) {
            if (ctx.store().readMetadata(t.name)) {
                error = code(KafkaError::TopicAlreadyExists);
                status = Error(ErrorCode::AlreadyExists, QStringLiteral("topic '%1' already exists").arg(t.name));
            }
        } else {
            status = ctx.store().createTopic(spec);
            if (!status)
                error = status.error().code == ErrorCode::AlreadyExists ? code(KafkaError::TopicAlreadyExists)
                                                                        : kafkaErrorFor(status.error());
            else
                ctx.emitEvent(ListenerEvent::Kind::Info, rc.peer,
                              QStringLiteral("topic '%1' created (%2 partition(s))").arg(t.name).arg(spec.partitions));
        }
        result.errorCode = error;
        result.errorMessage = errorText(status);
        if (error == 0) {
            auto meta = ctx.store().readMetadata(t.name);
            result.numPartitions = meta ? meta->partitions : spec.partitions;
            result.replicationFactor = 1;
            if (meta) {
                result.topicId = topicIdBytes(meta->id);
                result.configs.emplace();
                for (const ConfigEntry &e : topicConfigEntries(meta->config)) {
                    CreateTopicsResponse::CreatableTopicConfigs c;
                    c.name = e.name;
                    c.value = e.value;
                    c.configSource = e.isDefault ? 5 : 1;
                    result.configs->push_back(c);
                }
            }
        }
        response.topics.push_back(result);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void handleDeleteTopics(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    DeleteTopicsRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    std::vector<std::pair<std::optional<QString>, Uuid>> wanted;
    for (const QString &name : request.topicNames)
        wanted.emplace_back(name, Uuid{});
    for (const auto &t : request.topics)
        wanted.emplace_back(t.name ? t.name : findTopicById(ctx, t.topicId), t.topicId);
    DeleteTopicsResponse response;
    for (const auto &[name, id] : wanted) {
        DeleteTopicsResponse::DeletableTopicResult result;
        result.name = name ? name : std::optional<QString>(QString());
        result.topicId = id;
        if (!name) {
            result.errorCode = code(KafkaError::UnknownTopicId);
        } else {
            auto meta = ctx.store().readMetadata(*name);
            if (meta)
                result.topicId = topicIdBytes(meta->id);
            const Status s = ctx.store().deleteTopic(*name);
            if (!s) {
                result.errorCode = kafkaErrorFor(s.error());
                result.errorMessage = s.error().message;
            } else {
                ctx.emitEvent(ListenerEvent::Kind::Info, rc.peer, QStringLiteral("topic '%1' deleted").arg(*name));
            }
        }
        response.responses.push_back(result);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void handleCreatePartitions(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    CreatePartitionsRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    CreatePartitionsResponse response;
    for (const auto &t : request.topics) {
        CreatePartitionsResponse::CreatePartitionsTopicResult result;
        result.name = t.name;
        auto meta = ctx.store().readMetadata(t.name);
        Status s;
        if (!meta) {
            s = meta.error();
            result.errorCode = kafkaErrorFor(meta.error());
        } else if (t.count <= meta->partitions) {
            result.errorCode = code(KafkaError::InvalidPartitions);
            s = Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("topic '%1' has %2 partitions; it can only grow").arg(t.name).arg(meta->partitions));
        } else if (!request.validateOnly) {
            s = ctx.store().addPartitions(t.name, t.count);
            if (!s)
                result.errorCode = s.error().code == ErrorCode::InvalidArgument ? code(KafkaError::InvalidPartitions)
                                                                                : kafkaErrorFor(s.error());
            else
                ctx.emitEvent(ListenerEvent::Kind::Info, rc.peer,
                              QStringLiteral("topic '%1' grown to %2 partitions").arg(t.name).arg(t.count));
        }
        result.errorMessage = errorText(s);
        response.results.push_back(result);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void handleDescribeConfigs(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    DescribeConfigsRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    constexpr qint8 kTopic = 2;
    constexpr qint8 kBroker = 4;
    DescribeConfigsResponse response;
    for (const auto &r : request.resources) {
        DescribeConfigsResponse::DescribeConfigsResult result;
        result.resourceType = r.resourceType;
        result.resourceName = r.resourceName;
        result.errorMessage = std::nullopt;
        std::vector<ConfigEntry> entries;
        if (r.resourceType == kTopic) {
            auto meta = ctx.store().readMetadata(r.resourceName);
            if (!meta) {
                result.errorCode = kafkaErrorFor(meta.error());
                result.errorMessage = meta.error().message;
            } else {
                entries = topicConfigEntries(meta->config);
            }
        } else if (r.resourceType == kBroker) {
            entries.push_back({QStringLiteral("log.dirs"), ctx.store().dataDirectory(), false, 7});
            entries.push_back({QStringLiteral("auto.create.topics.enable"),
                               ctx.options().autoCreateTopics ? QStringLiteral("true") : QStringLiteral("false"), false,
                               1});
            entries.push_back(
                {QStringLiteral("num.partitions"), QString::number(ctx.options().defaultPartitions), false, 3});
        } else {
            result.errorCode = code(KafkaError::InvalidRequest);
            result.errorMessage =
                QStringLiteral("resource type %1 has no configs on the built-in broker").arg(r.resourceType);
        }
        for (const ConfigEntry &e : entries) {
            if (r.configurationKeys && std::find(r.configurationKeys->begin(), r.configurationKeys->end(), e.name) ==
                                           r.configurationKeys->end())
                continue;
            DescribeConfigsResponse::DescribeConfigsResourceResult c;
            c.name = e.name;
            c.value = e.value;
            c.readOnly = r.resourceType == kBroker;
            c.isDefault = e.isDefault;
            c.configSource = r.resourceType == kBroker ? 4 /* STATIC_BROKER_CONFIG */ : e.isDefault ? 5 : 1;
            c.configType = e.type;
            c.documentation = std::nullopt;
            result.configs.push_back(c);
        }
        response.results.push_back(result);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void handleDescribeCluster(BrokerContext &ctx, const RequestContext &rc, WireReader &body, const ReplyFn &reply)
{
    DescribeClusterRequest request;
    if (!decodeRequest(rc, body, request, reply))
        return;
    DescribeClusterResponse response;
    response.clusterId = ctx.clusterId();
    response.controllerId = BrokerContext::kNodeId;
    DescribeClusterResponse::DescribeClusterBroker broker;
    broker.brokerId = BrokerContext::kNodeId;
    broker.host = ctx.advertisedHost();
    broker.port = ctx.advertisedPort();
    response.brokers.push_back(broker);
    reply(Reply::withBody(encodeResponse(rc, response)));
}

template <typename F>
RequestRouter::Handler bind(const std::shared_ptr<BrokerContext> &context, F f)
{
    return [context, f](const RequestContext &rc, WireReader &body, ReplyFn reply) { f(*context, rc, body, reply); };
}

} // namespace

void registerTopicApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context)
{
    router.add({MetadataRequest::kApiKey, 0, 12, 0, bind(context, handleMetadata)});
    router.add({CreateTopicsRequest::kApiKey, 2, 7, 2, bind(context, handleCreateTopics)});
    router.add({DeleteTopicsRequest::kApiKey, 1, 6, 1, bind(context, handleDeleteTopics)});
    router.add({CreatePartitionsRequest::kApiKey, 0, 3, 0, bind(context, handleCreatePartitions)});
    router.add({DescribeConfigsRequest::kApiKey, 1, 4, 1, bind(context, handleDescribeConfigs)});
    router.add({DescribeClusterRequest::kApiKey, 0, 1, 0, bind(context, handleDescribeCluster)});
}

} // namespace tidemark::kafkaserver
