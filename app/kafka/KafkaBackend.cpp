#include "kafka/KafkaBackend.h"

#include "kafka/KafkaCommon.h"
#include "kafka/KafkaConsumer.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace tidemark {

namespace kafka {

Q_LOGGING_CATEGORY(lcKafka, "tidemark.kafka")

namespace {

using Clock = std::chrono::steady_clock;

int msLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<qint64>(0, left));
}

// Kafka's internal topics, hidden from listings like the built-in broker has none.
bool isInternalTopic(const QString &name)
{
    return name == QLatin1String("__consumer_offsets") || name == QLatin1String("__transaction_state");
}

const QSet<QString> &alwaysShownConfigs()
{
    static const QSet<QString> names = {QStringLiteral("cleanup.policy"), QStringLiteral("retention.ms"),
                                        QStringLiteral("retention.bytes"), QStringLiteral("segment.bytes"),
                                        QStringLiteral("min.insync.replicas")};
    return names;
}

// One record's delivery state. The producing call owns the batch until it returns; each
// record in flight holds a reference too, so a call that gives up waiting (its timeout)
// leaves the batch alive for delivery reports that come later.
struct ProduceBatch;
struct ProduceSlot {
    ProduceBatch *batch = nullptr;
    DeliveryReport report;         // written once by the poll thread, before `done`
    std::atomic<bool> done{false}; // release/acquire publishes `report`
};

struct ProduceBatch {
    explicit ProduceBatch(size_t n) : entries(n), remaining(n), refs(n + 1)
    {
        for (auto &s : entries)
            s.batch = this;
    }
    std::vector<ProduceSlot> entries;
    std::atomic<size_t> remaining;
    std::atomic<size_t> refs;
    std::mutex mutex;
    std::condition_variable finished;

    void release()
    {
        if (refs.fetch_sub(1) == 1)
            delete this;
    }
    // Called once per slot: by the delivery report, or by the producer when enqueueing failed.
    void complete(ProduceSlot &slot)
    {
        slot.done.store(true, std::memory_order_release);
        if (remaining.fetch_sub(1) == 1) {
            std::lock_guard lock(mutex);
            finished.notify_all();
        }
        release();
    }
};

} // namespace

// Thread-safe, see KafkaBackend.h. Shared state: m_producer (librdkafka handles are
// thread-safe), m_errors (own mutex), m_fetchers (m_fetchersMutex), m_healthy and m_stop
// (atomics).
class KafkaBackend final : public Backend {
public:
    explicit KafkaBackend(const KafkaProfile &profile)
        : m_profile(profile), m_errors(std::make_shared<BrokerErrorLog>())
    {}
    ~KafkaBackend() override;
    KafkaBackend(const KafkaBackend &) = delete;
    KafkaBackend &operator=(const KafkaBackend &) = delete;

    Status init();

    QString kind() const override { return QStringLiteral("kafka"); }
    QString displayName() const override { return QStringLiteral("Kafka: ") + m_profile.bootstrapServers; }

    Result<ClusterInfo> clusterInfo() override;
    Result<std::vector<TopicInfo>> listTopics() override;
    Result<TopicInfo> describeTopic(const QString &topic) override;
    Status createTopic(const TopicSpec &spec) override;
    Status deleteTopic(const QString &topic) override;
    Result<Watermarks> watermarks(const TopicPartition &tp) override;
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override;
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override;
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override;
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override;
    Result<std::vector<GroupInfo>> listGroups() override;
    Result<GroupInfo> describeGroup(const QString &groupId) override;
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override;

private:
    static void deliveryCallback(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque);
    static void errorCallback(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    static void logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message);
    static void fetcherErrorCallback(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    static void fetcherLogCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message);

    QString clusterName() const { return m_profile.bootstrapServers; }
    int metadataTimeout() const
    {
        return m_healthy.load() ? m_profile.requestTimeoutMs
                                : std::min(m_profile.connectTimeoutMs, m_profile.requestTimeoutMs);
    }
    // "<what>: the Kafka cluster at <servers> did not answer within N ms: <broker errors>"
    Error unreachable(rd_kafka_resp_err_t err, int timeoutMs, const QString &what, quint64 errorsSince = 0) const;
    Error topicMissing(const QString &topic) const;

    // Metadata of one topic (`topic` non-null) or of all topics.
    Result<MetadataPtr> metadata(const QString *topic, const QString &what);
    // The metadata entry of `topic`, or NotFound.
    Result<const rd_kafka_metadata_topic_t *> findTopic(const rd_kafka_metadata_t *md, const QString &topic) const;
    Result<const rd_kafka_metadata_topic_t *> checkPartition(const rd_kafka_metadata_t *md,
                                                             const TopicPartition &tp) const;
    // Low and high watermarks of many partitions in two ListOffsets rounds (one request
    // per leader each). Partitions whose query failed are missing from the map.
    std::map<TopicPartition, Watermarks> watermarksOf(const std::vector<TopicPartition> &tps, int timeoutMs);

    using AdminStart = std::function<void(rd_kafka_t *, const rd_kafka_AdminOptions_t *, rd_kafka_queue_t *)>;
    Result<EventPtr> runAdmin(rd_kafka_admin_op_t op, const QString &what, const AdminStart &start);
    Result<QMap<QString, QString>> topicConfigs(const QString &topic);
    // Polls metadata until `done(topic entry or nullptr)` is true or the request timeout.
    bool waitForTopic(const QString &topic, const std::function<bool(const rd_kafka_metadata_topic_t *)> &done);

    Result<HandlePtr> takeFetcher();
    void returnFetcher(HandlePtr fetcher);

    Result<std::vector<GroupInfo>> describeGroups(const std::vector<QByteArray> &ids, const QString &what);

    KafkaProfile m_profile;
    std::shared_ptr<BrokerErrorLog> m_errors;
    HandlePtr m_producer;
    std::thread m_poller;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_healthy{false}; // the cluster answered and not all brokers are down since
    std::atomic<quint64> m_seedCounter{0};
    bool m_debugLog = false; // the profile sets librdkafka's "debug": forward its log lines

    std::mutex m_fetchersMutex;
    std::vector<HandlePtr> m_fetchers; // idle group-less consumers for fetch()
};

KafkaBackend::~KafkaBackend()
{
    {
        std::lock_guard lock(m_fetchersMutex);
        m_fetchers.clear();
    }
    if (m_producer) {
        m_stop.store(true);
        if (m_poller.joinable())
            m_poller.join();
        // Records still queued belong to produce() calls that gave up waiting: fail them now
        // and serve their reports, which frees their batches.
        if (rd_kafka_outq_len(m_producer.get()) > 0) {
            rd_kafka_purge(m_producer.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
            rd_kafka_flush(m_producer.get(), 2000);
        }
        m_producer.reset();
    }
}

Status KafkaBackend::init()
{
    auto confResult = makeConf(m_profile);
    if (!confResult)
        return confResult.error();
    ConfPtr conf = std::move(confResult.value());
    // Producer defaults that favour throughput without hurting latency much; a profile's
    // extraConfig overrides them.
    const std::pair<const char *, const char *> defaults[] = {
        {"acks", "all"},
        {"linger.ms", "5"},
        {"batch.num.messages", "10000"},
        {"queue.buffering.max.messages", "500000"},
        {"message.timeout.ms", "30000"},
    };
    for (const auto &[name, value] : defaults) {
        if (m_profile.extraConfig.contains(QString::fromUtf8(name)))
            continue;
        if (auto s = setConf(conf.get(), name, QByteArray(value)); !s)
            return s;
    }
    m_debugLog = m_profile.extraConfig.contains(QStringLiteral("debug"));
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaBackend::deliveryCallback);
    rd_kafka_conf_set_error_cb(conf.get(), &KafkaBackend::errorCallback);
    rd_kafka_conf_set_log_cb(conf.get(), &KafkaBackend::logCallback);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
    if (!rk)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("cannot set up a Kafka client for %1: %2").arg(clusterName(), QString::fromUtf8(errstr)));
    (void)conf.release();
    m_producer.reset(rk);
    m_poller = std::thread([this] {
        while (!m_stop.load())
            rd_kafka_poll(m_producer.get(), 100);
    });
    return {};
}

// ---------------------------------------------------------------------------- callbacks

void KafkaBackend::deliveryCallback(rd_kafka_t *, const rd_kafka_message_t *m, void *)
{
    auto *slot = static_cast<ProduceSlot *>(m->_private);
    if (!slot)
        return;
    DeliveryReport &r = slot->report;
    r.partition = m->partition;
    r.offset = m->offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    const int64_t ts = rd_kafka_message_timestamp(m, &type);
    r.timestampMs = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? 0 : ts;
    if (m->err) {
        const int broker = rd_kafka_message_broker_id(m);
        QString where = QStringLiteral("%1[%2]").arg(fromUtf8(rd_kafka_topic_name(m->rkt))).arg(m->partition);
        if (broker >= 0)
            where += QStringLiteral(" on broker %1").arg(broker);
        r.error = Error(mapErrorCode(m->err), QStringLiteral("record not acknowledged by %1: %2")
                                                  .arg(where, QString::fromUtf8(rd_kafka_err2str(m->err))));
        r.offset = -1;
    }
    slot->batch->complete(*slot);
}

void KafkaBackend::errorCallback(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    auto *self = static_cast<KafkaBackend *>(opaque);
    self->m_errors->add(fromUtf8(reason));
    if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        self->m_healthy.store(false);
}

void KafkaBackend::logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    // librdkafka's internal threads. Level 4 = warning and worse; connection failures come
    // through the error callback already.
    auto *self = static_cast<KafkaBackend *>(rd_kafka_opaque(rk));
    if (self && self->m_debugLog)
        qCDebug(lcKafka, "%d %s %s", level, facility, message);
    if (level > 4 || std::strcmp(facility, "FAIL") == 0)
        return;
    if (self)
        self->m_errors->add(QStringLiteral("%1: %2").arg(fromUtf8(facility), fromUtf8(message)));
}

void KafkaBackend::fetcherErrorCallback(rd_kafka_t *, int, const char *reason, void *opaque)
{
    static_cast<BrokerErrorLog *>(opaque)->add(fromUtf8(reason));
}

void KafkaBackend::fetcherLogCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    if (level > 4 || std::strcmp(facility, "FAIL") == 0)
        return;
    if (auto *log = static_cast<BrokerErrorLog *>(rd_kafka_opaque(rk)))
        log->add(QStringLiteral("%1: %2").arg(fromUtf8(facility), fromUtf8(message)));
}

// ----------------------------------------------------------------------------- helpers

Error KafkaBackend::unreachable(rd_kafka_resp_err_t err, int timeoutMs, const QString &what, quint64 errorsSince) const
{
    const QStringList recent = m_errors->recent(errorsSince);
    ErrorCode code = mapErrorCode(err);
    QString message;
    if (code == ErrorCode::Timeout || code == ErrorCode::Unavailable) {
        message = QStringLiteral("%1: the Kafka cluster at %2 did not answer within %3 ms")
                      .arg(what, clusterName())
                      .arg(timeoutMs);
        if (code == ErrorCode::Timeout && !recent.isEmpty())
            code = ErrorCode::Unavailable; // the brokers said why: they are not reachable
    } else {
        message = QStringLiteral("%1 on the Kafka cluster at %2 failed: %3").arg(what, clusterName(), errorText(err));
        if (err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE)
            message +=
                QStringLiteral(" (is that a broker's client listener? a controller-only port answers like this)");
    }
    if (!recent.isEmpty())
        message += QStringLiteral(": ") + recent.join(QStringLiteral("; "));
    else if (code == ErrorCode::Timeout || code == ErrorCode::Unavailable)
        message += QStringLiteral(" (") + errorText(err) + QLatin1Char(')');
    if (code == ErrorCode::Unknown)
        code = ErrorCode::Unavailable;
    return Error(code, message);
}

Error KafkaBackend::topicMissing(const QString &topic) const
{
    return Error(ErrorCode::NotFound,
                 QStringLiteral("topic '%1' does not exist on the Kafka cluster at %2").arg(topic, clusterName()));
}

Result<MetadataPtr> KafkaBackend::metadata(const QString *topic, const QString &what)
{
    TopicPtr rkt;
    if (topic)
        rkt.reset(rd_kafka_topic_new(m_producer.get(), utf8(*topic).constData(), nullptr));
    const int timeout = metadataTimeout();
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout);
    // librdkafka sends the request to one broker it believes is up; if that broker has just
    // died, the request waits for it until the timeout. Shorter attempts let the next one go
    // to a broker that answers.
    const int attemptTimeout = std::max(1000, std::min(timeout, m_profile.connectTimeoutMs));
    int missing = 0;
    for (;;) {
        const rd_kafka_metadata_t *md = nullptr;
        const rd_kafka_resp_err_t err = rd_kafka_metadata(m_producer.get(), topic ? 0 : 1, rkt.get(), &md,
                                                          std::max(1, std::min(attemptTimeout, msLeft(deadline))));
        if (err) {
            const bool transient = err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT;
            if (transient && msLeft(deadline) > 0)
                continue;
            return unreachable(err, timeout, what);
        }
        m_healthy.store(true);
        MetadataPtr result(md);
        // Brokers learn about new topics from the controller one after the other: a topic
        // created a moment ago (by someone else) may still be unknown to the broker that
        // answered. Ask twice more (350 ms) before calling it missing.
        if (!topic || missing >= 2 || findTopic(md, *topic).ok())
            return result;
        std::this_thread::sleep_for(std::chrono::milliseconds(missing == 0 ? 100 : 250));
        ++missing;
    }
}

Result<const rd_kafka_metadata_topic_t *> KafkaBackend::findTopic(const rd_kafka_metadata_t *md,
                                                                  const QString &topic) const
{
    const QByteArray name = utf8(topic);
    for (int i = 0; i < md->topic_cnt; ++i) {
        const rd_kafka_metadata_topic_t &t = md->topics[i];
        if (name != t.topic)
            continue;
        if (t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || t.err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
            return topicMissing(topic);
        if (t.err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
            return makeKafkaError(t.err, QStringLiteral("topic '%1' on %2").arg(topic, clusterName()));
        if (t.partition_cnt == 0)
            return topicMissing(topic);
        return &t;
    }
    return topicMissing(topic);
}

Result<const rd_kafka_metadata_topic_t *> KafkaBackend::checkPartition(const rd_kafka_metadata_t *md,
                                                                       const TopicPartition &tp) const
{
    auto t = findTopic(md, tp.topic);
    if (!t)
        return t.error();
    if (tp.partition < 0 || tp.partition >= (*t)->partition_cnt)
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                              .arg(tp.topic)
                                              .arg(tp.partition)
                                              .arg((*t)->partition_cnt));
    return t;
}

std::map<TopicPartition, Watermarks> KafkaBackend::watermarksOf(const std::vector<TopicPartition> &tps, int timeoutMs)
{
    std::map<TopicPartition, Watermarks> out;
    if (tps.empty())
        return out;
    // ListOffsets with the special timestamps -2 (earliest) and -1 (latest).
    auto query = [&](qint64 which) {
        std::map<TopicPartition, qint64> result;
        ListPtr list = newList(static_cast<int>(tps.size()));
        for (const auto &tp : tps)
            addOffset(list.get(), tp, which);
        rd_kafka_offsets_for_times(m_producer.get(), list.get(), timeoutMs);
        for (int i = 0; i < list->cnt; ++i) {
            const auto &e = list->elems[i];
            if (!e.err && e.offset >= 0)
                result[{fromUtf8(e.topic), static_cast<int>(e.partition)}] = e.offset;
        }
        return result;
    };
    const auto low = query(RD_KAFKA_OFFSET_BEGINNING);
    const auto high = query(RD_KAFKA_OFFSET_END);
    for (const auto &[tp, h] : high) {
        const auto l = low.find(tp);
        if (l != low.end())
            out[tp] = Watermarks{l->second, h};
    }
    return out;
}

Result<EventPtr> KafkaBackend::runAdmin(rd_kafka_admin_op_t op, const QString &what, const AdminStart &start)
{
    // Admin requests wait the full request timeout on a dead cluster: check it answers first.
    if (auto md = metadata(nullptr, what); !md)
        return md.error();
    const int timeout = m_profile.requestTimeoutMs;
    QueuePtr queue(rd_kafka_queue_new(m_producer.get()));
    AdminOptionsPtr options(rd_kafka_AdminOptions_new(m_producer.get(), op));
    char errstr[256];
    rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout, errstr, sizeof errstr);
    if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS)
        rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout, errstr, sizeof errstr);
    const quint64 errorsBefore = m_errors->sequence();
    start(m_producer.get(), options.get(), queue.get());
    EventPtr event(rd_kafka_queue_poll(queue.get(), timeout + 5000));
    if (!event)
        return unreachable(RD_KAFKA_RESP_ERR__TIMED_OUT, timeout + 5000, what, errorsBefore);
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
        const QString detail = fromUtf8(rd_kafka_event_error_string(event.get()));
        const ErrorCode code = mapErrorCode(err);
        if (code == ErrorCode::Timeout || code == ErrorCode::Unavailable)
            return unreachable(err, timeout, what, errorsBefore);
        return Error(code, QStringLiteral("%1 on %2: %3").arg(what, clusterName(), detail));
    }
    return event;
}

bool KafkaBackend::waitForTopic(const QString &topic,
                                const std::function<bool(const rd_kafka_metadata_topic_t *)> &done)
{
    // Brokers apply the controller's metadata one after the other (a KRaft broker can lag
    // the controller by half a second), and a client asks whichever broker it likes. So ask
    // every broker itself: a fresh handle whose only bootstrap server is that broker sends
    // its first request there.
    const auto deadline = Clock::now() + std::chrono::milliseconds(m_profile.requestTimeoutMs);
    const rd_kafka_metadata_t *raw = nullptr;
    if (rd_kafka_metadata(m_producer.get(), 0, nullptr, &raw, m_profile.requestTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return false;
    std::vector<QString> brokers;
    {
        MetadataPtr md(raw);
        for (int i = 0; i < md->broker_cnt; ++i)
            brokers.push_back(QStringLiteral("%1:%2").arg(fromUtf8(md->brokers[i].host)).arg(md->brokers[i].port));
    }
    const QByteArray name = utf8(topic);
    for (const QString &broker : brokers) {
        KafkaProfile single = m_profile;
        single.bootstrapServers = broker;
        for (;;) {
            if (Clock::now() >= deadline)
                return false;
            auto conf = makeConf(single);
            if (!conf)
                return false;
            rd_kafka_conf_set_log_cb(conf->get(), [](const rd_kafka_t *, int, const char *, const char *) {});
            char errstr[256];
            HandlePtr probe(rd_kafka_new(RD_KAFKA_PRODUCER, conf->get(), errstr, sizeof errstr));
            if (!probe)
                return false;
            (void)conf->release();
            bool agreed = false;
            if (rd_kafka_metadata(probe.get(), 1, nullptr, &raw, std::max(1, msLeft(deadline))) ==
                RD_KAFKA_RESP_ERR_NO_ERROR) {
                MetadataPtr md(raw);
                const rd_kafka_metadata_topic_t *found = nullptr;
                for (int i = 0; i < md->topic_cnt; ++i) {
                    if (name == md->topics[i].topic && md->topics[i].err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                        found = &md->topics[i];
                }
                agreed = done(found);
            }
            if (agreed)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    return true;
}

// ----------------------------------------------------------------------------- cluster

Result<ClusterInfo> KafkaBackend::clusterInfo()
{
    auto md = metadata(nullptr, QStringLiteral("reading the cluster metadata"));
    if (!md)
        return md.error();
    ClusterInfo info;
    info.kind = QStringLiteral("kafka");
    const int timeout = metadataTimeout();
    if (char *id = rd_kafka_clusterid(m_producer.get(), timeout)) {
        info.clusterId = QString::fromUtf8(id);
        rd_kafka_mem_free(m_producer.get(), id);
    }
    info.controllerId = rd_kafka_controllerid(m_producer.get(), timeout);
    for (int i = 0; i < (*md)->broker_cnt; ++i) {
        const auto &b = (*md)->brokers[i];
        info.brokers.push_back({b.id, fromUtf8(b.host), b.port, b.id == info.controllerId});
    }
    std::sort(info.brokers.begin(), info.brokers.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return info;
}

namespace {
PartitionInfo partitionInfo(const rd_kafka_metadata_partition_t &p)
{
    PartitionInfo info;
    info.partition = p.id;
    info.leader = p.leader;
    info.replicas.assign(p.replicas, p.replicas + p.replica_cnt);
    info.isr.assign(p.isrs, p.isrs + p.isr_cnt);
    if (p.err)
        info.error = errorText(p.err);
    else if (p.leader < 0)
        info.error = QStringLiteral("no leader");
    return info;
}

TopicInfo topicInfo(const rd_kafka_metadata_topic_t &t)
{
    TopicInfo info;
    info.name = fromUtf8(t.topic);
    info.partitionCount = t.partition_cnt;
    for (int i = 0; i < t.partition_cnt; ++i)
        info.partitions.push_back(partitionInfo(t.partitions[i]));
    std::sort(info.partitions.begin(), info.partitions.end(),
              [](const auto &a, const auto &b) { return a.partition < b.partition; });
    info.replicationFactor = info.partitions.empty() ? 0 : static_cast<int>(info.partitions.front().replicas.size());
    return info;
}
} // namespace

Result<std::vector<TopicInfo>> KafkaBackend::listTopics()
{
    auto md = metadata(nullptr, QStringLiteral("listing topics"));
    if (!md)
        return md.error();
    std::vector<TopicInfo> topics;
    std::vector<TopicPartition> tps;
    for (int i = 0; i < (*md)->topic_cnt; ++i) {
        const auto &t = (*md)->topics[i];
        if (t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || isInternalTopic(fromUtf8(t.topic)))
            continue;
        topics.push_back(topicInfo(t));
        for (const auto &p : topics.back().partitions)
            tps.push_back({topics.back().name, p.partition});
    }
    std::sort(topics.begin(), topics.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    const auto marks = watermarksOf(tps, m_profile.requestTimeoutMs);
    for (auto &t : topics) {
        qint64 count = 0;
        for (auto &p : t.partitions) {
            const auto it = marks.find({t.name, p.partition});
            if (it == marks.end()) {
                count = -1;
                continue;
            }
            p.logStartOffset = it->second.low;
            p.highWatermark = it->second.high;
            if (count >= 0)
                count += it->second.high - it->second.low;
        }
        t.recordCount = count;
    }
    return topics;
}

Result<QMap<QString, QString>> KafkaBackend::topicConfigs(const QString &topic)
{
    const QByteArray name = utf8(topic);
    auto event = runAdmin(
        RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, QStringLiteral("reading the configuration of topic '%1'").arg(topic),
        [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
            rd_kafka_ConfigResource_t *res = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.constData());
            rd_kafka_DescribeConfigs(rk, &res, 1, o, q);
            rd_kafka_ConfigResource_destroy(res);
        });
    if (!event)
        return event.error();
    QMap<QString, QString> configs;
    size_t count = 0;
    const rd_kafka_ConfigResource_t **resources =
        rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(resources[i]))
            return Error(mapErrorCode(err),
                         QStringLiteral("reading the configuration of topic '%1': %2")
                             .arg(topic, fromUtf8(rd_kafka_ConfigResource_error_string(resources[i]))));
        size_t n = 0;
        const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(resources[i], &n);
        for (size_t j = 0; j < n; ++j) {
            const QString key = fromUtf8(rd_kafka_ConfigEntry_name(entries[j]));
            if (rd_kafka_ConfigEntry_is_default(entries[j]) && !alwaysShownConfigs().contains(key))
                continue;
            if (rd_kafka_ConfigEntry_is_sensitive(entries[j]))
                continue;
            configs.insert(key, fromUtf8(rd_kafka_ConfigEntry_value(entries[j])));
        }
    }
    return configs;
}

Result<TopicInfo> KafkaBackend::describeTopic(const QString &topic)
{
    auto md = metadata(&topic, QStringLiteral("describing topic '%1'").arg(topic));
    if (!md)
        return md.error();
    auto t = findTopic(md->get(), topic);
    if (!t)
        return t.error();
    TopicInfo info = topicInfo(**t);
    std::vector<TopicPartition> tps;
    for (const auto &p : info.partitions)
        tps.push_back({topic, p.partition});
    const auto marks = watermarksOf(tps, m_profile.requestTimeoutMs);
    qint64 count = 0;
    for (auto &p : info.partitions) {
        const auto it = marks.find({topic, p.partition});
        if (it == marks.end()) {
            count = -1;
            if (p.error.isEmpty())
                p.error = QStringLiteral("offsets unavailable");
            continue;
        }
        p.logStartOffset = it->second.low;
        p.highWatermark = it->second.high;
        if (count >= 0)
            count += it->second.high - it->second.low;
    }
    info.recordCount = count;
    auto configs = topicConfigs(topic);
    if (!configs)
        return configs.error();
    info.configs = *configs;
    return info;
}

Status KafkaBackend::createTopic(const TopicSpec &spec)
{
    static const QRegularExpression legal(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
    if (!legal.match(spec.name).hasMatch() || spec.name == QLatin1String(".") || spec.name == QLatin1String(".."))
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' is not a valid Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)").arg(spec.name));
    if (spec.partitions < 1)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("topic '%1' needs at least one partition, not %2").arg(spec.name).arg(spec.partitions));
    if (spec.replicationFactor < 1)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic '%1' needs a replication factor of at least 1, not %2")
                         .arg(spec.name)
                         .arg(spec.replicationFactor));
    char errstr[512];
    const QByteArray name = utf8(spec.name);
    rd_kafka_NewTopic_t *newTopic =
        rd_kafka_NewTopic_new(name.constData(), spec.partitions, spec.replicationFactor, errstr, sizeof errstr);
    if (!newTopic)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic '%1': %2").arg(spec.name, QString::fromUtf8(errstr)));
    std::unique_ptr<rd_kafka_NewTopic_t, void (*)(rd_kafka_NewTopic_t *)> owner(newTopic, rd_kafka_NewTopic_destroy);
    for (auto it = spec.configs.cbegin(); it != spec.configs.cend(); ++it) {
        QString key = it.key();
        QString value = it.value();
        if (key == QLatin1String("durability")) {
            // The built-in broker's durability setting, in Kafka's terms: fsync every record.
            if (value == QLatin1String("os"))
                continue;
            if (value != QLatin1String("fsync"))
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("durability must be 'fsync' or 'os', not '%1'").arg(value));
            key = QStringLiteral("flush.messages");
            value = QStringLiteral("1");
        }
        if (const rd_kafka_resp_err_t err =
                rd_kafka_NewTopic_set_config(newTopic, utf8(key).constData(), utf8(value).constData()))
            return makeKafkaError(err, QStringLiteral("topic '%1': config %2=%3").arg(spec.name, key, value));
    }
    const QString what = QStringLiteral("creating topic '%1'").arg(spec.name);
    auto event = runAdmin(RD_KAFKA_ADMIN_OP_CREATETOPICS, what,
                          [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                              rd_kafka_CreateTopics(rk, &newTopic, 1, o, q);
                          });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            return Error(ErrorCode::AlreadyExists,
                         QStringLiteral("topic '%1' already exists on %2").arg(spec.name, clusterName()));
        if (err) {
            const QString detail = fromUtf8(rd_kafka_topic_result_error_string(results[i]));
            return Error(mapErrorCode(err), QStringLiteral("%1 on %2 failed: %3")
                                                .arg(what, clusterName(), detail.isEmpty() ? errorText(err) : detail));
        }
    }
    // The controller has it; wait until the brokers serve it with a leader everywhere, so
    // a produce right after this call finds it.
    const int partitions = spec.partitions;
    if (!waitForTopic(spec.name, [partitions](const rd_kafka_metadata_topic_t *t) {
            if (!t || t->partition_cnt != partitions)
                return false;
            for (int i = 0; i < t->partition_cnt; ++i) {
                if (t->partitions[i].leader < 0)
                    return false;
            }
            return true;
        }))
        return Error(ErrorCode::Timeout,
                     QStringLiteral("topic '%1' was created but its partitions got no leader within "
                                    "%2 ms")
                         .arg(spec.name)
                         .arg(m_profile.requestTimeoutMs));
    return {};
}

Status KafkaBackend::deleteTopic(const QString &topic)
{
    const QByteArray name = utf8(topic);
    const QString what = QStringLiteral("deleting topic '%1'").arg(topic);
    auto event = runAdmin(RD_KAFKA_ADMIN_OP_DELETETOPICS, what,
                          [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                              rd_kafka_DeleteTopic_t *del = rd_kafka_DeleteTopic_new(name.constData());
                              rd_kafka_DeleteTopics(rk, &del, 1, o, q);
                              rd_kafka_DeleteTopic_destroy(del);
                          });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
            return topicMissing(topic);
        if (err) {
            const QString detail = fromUtf8(rd_kafka_topic_result_error_string(results[i]));
            return Error(mapErrorCode(err), QStringLiteral("%1 on %2 failed: %3")
                                                .arg(what, clusterName(), detail.isEmpty() ? errorText(err) : detail));
        }
    }
    if (!waitForTopic(topic, [](const rd_kafka_metadata_topic_t *t) { return t == nullptr; }))
        return Error(ErrorCode::Timeout,
                     QStringLiteral("topic '%1' was deleted but the brokers still list it after %2 ms")
                         .arg(topic)
                         .arg(m_profile.requestTimeoutMs));
    return {};
}

Result<Watermarks> KafkaBackend::watermarks(const TopicPartition &tp)
{
    auto md = metadata(&tp.topic, QStringLiteral("reading the offsets of %1").arg(tp.toString()));
    if (!md)
        return md.error();
    if (auto t = checkPartition(md->get(), tp); !t)
        return t.error();
    int64_t low = 0, high = 0;
    const int timeout = m_profile.requestTimeoutMs;
    const quint64 before = m_errors->sequence();
    if (const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(m_producer.get(), utf8(tp.topic).constData(),
                                                                         tp.partition, &low, &high, timeout))
        return unreachable(err, timeout, QStringLiteral("reading the offsets of %1").arg(tp.toString()), before);
    return Watermarks{low, high};
}

// ----------------------------------------------------------------------------- produce

Result<std::vector<DeliveryReport>>
KafkaBackend::produce(const QString &topic, const std::vector<OutgoingRecord> &records, const ProduceOptions &options)
{
    const QString what = QStringLiteral("producing to topic '%1'").arg(topic);
    auto md = metadata(&topic, what);
    if (!md)
        return md.error();
    auto t = findTopic(md->get(), topic);
    if (!t)
        return t.error();
    const int partitions = (*t)->partition_cnt;
    if (auto bad = checkExplicitPartitions(topic, records, partitions); !bad)
        return bad.error();
    if (records.empty())
        return std::vector<DeliveryReport>{};

    rd_kafka_t *rk = m_producer.get();
    TopicPtr rkt(rd_kafka_topic_new(rk, utf8(topic).constData(), nullptr));
    if (!rkt)
        return makeKafkaError(rd_kafka_last_error(), what);
    const auto deadline = Clock::now() + std::chrono::milliseconds(std::max(1, options.timeoutMs));
    PartitionChooser chooser(options.partitioner, 0x9e37'79b9'7f4a'7c15ULL * (++m_seedCounter) ^
                                                      static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    auto *batch = new ProduceBatch(records.size());

    for (size_t i = 0; i < records.size(); ++i) {
        const OutgoingRecord &r = records[i];
        ProduceSlot &slot = batch->entries[i];
        // Keyed records: our partitioner, identical to the Java client's and librdkafka's.
        // Null keys: librdkafka's sticky random choice, as the real clients do.
        int32_t partition = r.partition >= 0 ? r.partition
                            : (r.key || options.partitioner == PartitionerKind::Random)
                                ? chooser.choose(r.key, partitions)
                                : RD_KAFKA_PARTITION_UA;
        rd_kafka_headers_t *headers = nullptr;
        if (!r.headers.empty()) {
            headers = rd_kafka_headers_new(r.headers.size());
            for (const Header &h : r.headers)
                rd_kafka_header_add(headers, h.key.constData(), h.key.size(), h.value ? h.value->constData() : nullptr,
                                    h.value ? h.value->size() : 0);
        }
        void *valuePtr = const_cast<char *>(r.value.constData());
        const size_t valueLen = static_cast<size_t>(r.value.size());
        const void *keyPtr = r.key ? r.key->constData() : nullptr;
        const size_t keyLen = r.key ? static_cast<size_t>(r.key->size()) : 0;
        rd_kafka_resp_err_t err;
        for (;;) {
            err = rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt.get()), RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(valuePtr, valueLen),
                                    RD_KAFKA_V_KEY(keyPtr, keyLen), RD_KAFKA_V_HEADERS(headers),
                                    RD_KAFKA_V_TIMESTAMP(r.timestampMs), RD_KAFKA_V_OPAQUE(&slot), RD_KAFKA_V_END);
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || Clock::now() >= deadline)
                break;
            // The local queue is full: let delivery reports drain it.
            rd_kafka_poll(rk, 10);
        }
        if (err) {
            if (headers)
                rd_kafka_headers_destroy(headers);
            slot.report.partition = partition >= 0 ? partition : -1;
            slot.report.error =
                Error(mapErrorCode(err),
                      QStringLiteral("record %1 for %2 was not sent: %3").arg(i).arg(topic, errorText(err)));
            batch->complete(slot);
        }
    }

    // This call's last records would wait linger.ms for company that is not coming: a short
    // flush makes librdkafka send what is queued now. (A full flush would also wait for other
    // threads' records, so it only nudges; the wait below is for this call's records.)
    if (batch->remaining.load() > 0)
        rd_kafka_flush(rk, 1);
    {
        std::unique_lock lock(batch->mutex);
        batch->finished.wait_until(lock, deadline, [&] { return batch->remaining.load() == 0; });
    }
    std::vector<DeliveryReport> reports;
    reports.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
        ProduceSlot &slot = batch->entries[i];
        if (slot.done.load(std::memory_order_acquire)) {
            reports.push_back(slot.report);
        } else {
            DeliveryReport timedOut;
            timedOut.error = Error(ErrorCode::Timeout, QStringLiteral("record %1 for topic '%2' was not acknowledged "
                                                                      "within %3 ms (it may still be delivered)")
                                                           .arg(i)
                                                           .arg(topic)
                                                           .arg(options.timeoutMs));
            reports.push_back(std::move(timedOut));
        }
    }
    batch->release();
    return reports;
}

// ------------------------------------------------------------------------------- fetch

Result<HandlePtr> KafkaBackend::takeFetcher()
{
    {
        std::lock_guard lock(m_fetchersMutex);
        if (!m_fetchers.empty()) {
            HandlePtr h = std::move(m_fetchers.back());
            m_fetchers.pop_back();
            return h;
        }
    }
    auto confResult = makeConf(m_profile);
    if (!confResult)
        return confResult.error();
    ConfPtr conf = std::move(confResult.value());
    const std::pair<const char *, const char *> settings[] = {
        {"enable.auto.commit", "false"},
        {"enable.partition.eof", "true"},
        {"auto.offset.reset", "error"},
        {"fetch.wait.max.ms", "100"},
        {"queued.max.messages.kbytes", "8192"},
        // librdkafka's assign() API needs a group id; this reader never joins the group nor
        // commits, so the group never appears on the cluster.
        {"group.id", "tidemark-reader"},
    };
    for (const auto &[name, value] : settings) {
        if (auto s = setConf(conf.get(), name, QByteArray(value)); !s)
            return s.error();
    }
    rd_kafka_conf_set_opaque(conf.get(), m_errors.get());
    rd_kafka_conf_set_error_cb(conf.get(), &KafkaBackend::fetcherErrorCallback);
    rd_kafka_conf_set_log_cb(conf.get(), &KafkaBackend::fetcherLogCallback);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr);
    if (!rk)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("cannot set up a Kafka reader for %1: %2").arg(clusterName(), QString::fromUtf8(errstr)));
    (void)conf.release();
    rd_kafka_poll_set_consumer(rk);
    return HandlePtr(rk);
}

void KafkaBackend::returnFetcher(HandlePtr fetcher)
{
    rd_kafka_assign(fetcher.get(), nullptr);
    std::lock_guard lock(m_fetchersMutex);
    if (m_fetchers.size() < 2)
        m_fetchers.push_back(std::move(fetcher));
}

Result<std::vector<Record>> KafkaBackend::fetch(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    if (offset < 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot read %1 from offset %2: offsets are >= 0").arg(tp.toString()).arg(offset));
    if (maxRecords <= 0)
        return std::vector<Record>{};
    auto marks = watermarks(tp);
    if (!marks)
        return marks.error();
    if (offset < marks->low)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is below its log start offset %3")
                                                     .arg(offset)
                                                     .arg(tp.toString())
                                                     .arg(marks->low));
    if (offset > marks->high) // what Kafka answers with OFFSET_OUT_OF_RANGE, and the built-in broker too
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is beyond the high watermark %3")
                                                     .arg(offset)
                                                     .arg(tp.toString())
                                                     .arg(marks->high));
    if (offset == marks->high)
        return std::vector<Record>{};
    const qint64 last = std::min(marks->high, offset + maxRecords) - 1;

    auto fetcher = takeFetcher();
    if (!fetcher)
        return fetcher.error();
    rd_kafka_t *rk = fetcher->get();
    ListPtr list = newList(1);
    addOffset(list.get(), tp, offset);
    const quint64 errorsBefore = m_errors->sequence();
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list.get()))
        return makeKafkaError(err, QStringLiteral("reading %1").arg(tp.toString()));

    const QByteArray topic = utf8(tp.topic);
    std::vector<Record> records;
    records.reserve(static_cast<size_t>(last - offset + 1));
    std::optional<Error> error;
    qint64 next = offset;
    const int timeout = m_profile.requestTimeoutMs;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout);
    while (next <= last) {
        const int wait = msLeft(deadline);
        MessagePtr m(rd_kafka_consumer_poll(rk, wait));
        if (!m) {
            if (wait == 0)
                break;
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
            break;
        if (m->err) {
            error = Error(mapErrorCode(m->err), QStringLiteral("reading %1 at offset %2 failed: %3")
                                                    .arg(tp.toString())
                                                    .arg(next)
                                                    .arg(fromUtf8(rd_kafka_message_errstr(m.get()))));
            break;
        }
        // Skip anything left over from this reader's previous use.
        if (m->partition != tp.partition || m->offset < next || topic != rd_kafka_topic_name(m->rkt))
            continue;
        records.push_back(toRecord(m.get(), tp.topic));
        next = m->offset + 1;
    }
    returnFetcher(std::move(fetcher.value()));
    if (records.empty()) {
        if (error)
            return *error;
        if (next <= last)
            return unreachable(RD_KAFKA_RESP_ERR__TIMED_OUT, timeout,
                               QStringLiteral("reading %1 from offset %2").arg(tp.toString()).arg(offset),
                               errorsBefore);
    }
    return records;
}

Result<qint64> KafkaBackend::offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs)
{
    const QString what = QStringLiteral("looking up timestamp %1 in %2").arg(timestampMs).arg(tp.toString());
    auto md = metadata(&tp.topic, what);
    if (!md)
        return md.error();
    if (auto t = checkPartition(md->get(), tp); !t)
        return t.error();
    ListPtr list = newList(1);
    addOffset(list.get(), tp, std::max<qint64>(0, timestampMs));
    const int timeout = m_profile.requestTimeoutMs;
    const quint64 before = m_errors->sequence();
    rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_producer.get(), list.get(), timeout);
    if (!err)
        err = list->elems[0].err;
    if (err)
        return unreachable(err, timeout, what, before);
    if (list->elems[0].offset >= 0)
        return static_cast<qint64>(list->elems[0].offset);
    auto marks = watermarks(tp);
    if (!marks)
        return marks.error();
    return marks->high;
}

// ---------------------------------------------------------------------------- consumers

Result<std::unique_ptr<Consumer>> KafkaBackend::createConsumer(const ConsumerConfig &config)
{
    // Fail fast and clearly on a missing topic instead of a consumer that waits forever.
    if (!config.topics.isEmpty() || !config.assignment.empty()) {
        auto md = metadata(nullptr, QStringLiteral("starting a consumer"));
        if (!md)
            return md.error();
        for (const QString &topic : config.topics) {
            if (topic.startsWith(QLatin1Char('^'))) // a regex subscription
                continue;
            if (auto t = findTopic(md->get(), topic); !t)
                return t.error();
        }
        for (const auto &[tp, offset] : config.assignment) {
            if (auto t = checkPartition(md->get(), tp); !t)
                return t.error();
        }
    }
    return KafkaConsumer::create(m_profile, config, m_errors);
}

namespace {
QString groupState(rd_kafka_consumer_group_state_t state)
{
    return QString::fromUtf8(rd_kafka_consumer_group_state_name(state));
}
} // namespace

Result<std::vector<GroupInfo>> KafkaBackend::describeGroups(const std::vector<QByteArray> &ids, const QString &what)
{
    std::vector<GroupInfo> out;
    if (ids.empty())
        return out;
    std::vector<const char *> names;
    for (const auto &id : ids)
        names.push_back(id.constData());
    auto event = runAdmin(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, what,
                          [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                              rd_kafka_DescribeConsumerGroups(rk, names.data(), names.size(), o, q);
                          });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_ConsumerGroupDescription_t **groups = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const auto *g = groups[i];
        GroupInfo info;
        info.groupId = fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(g));
        if (const rd_kafka_error_t *e = rd_kafka_ConsumerGroupDescription_error(g)) {
            const rd_kafka_resp_err_t code = rd_kafka_error_code(e);
            if (code == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) {
                info.state = QStringLiteral("Dead");
                out.push_back(std::move(info));
                continue;
            }
            return Error(mapErrorCode(code),
                         QStringLiteral("%1 on %2: %3").arg(what, clusterName(), fromUtf8(rd_kafka_error_string(e))));
        }
        info.state = groupState(rd_kafka_ConsumerGroupDescription_state(g));
        info.protocol = fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(g));
        const size_t members = rd_kafka_ConsumerGroupDescription_member_count(g);
        for (size_t m = 0; m < members; ++m) {
            const auto *member = rd_kafka_ConsumerGroupDescription_member(g, m);
            GroupMember gm;
            gm.memberId = fromUtf8(rd_kafka_MemberDescription_consumer_id(member));
            gm.clientId = fromUtf8(rd_kafka_MemberDescription_client_id(member));
            gm.host = fromUtf8(rd_kafka_MemberDescription_host(member));
            if (gm.host.startsWith(QLatin1Char('/')))
                gm.host.remove(0, 1);
            if (const auto *assignment = rd_kafka_MemberDescription_assignment(member)) {
                const auto *parts = rd_kafka_MemberAssignment_partitions(assignment);
                for (int p = 0; parts && p < parts->cnt; ++p)
                    gm.assignment.push_back(
                        {fromUtf8(parts->elems[p].topic), static_cast<int>(parts->elems[p].partition)});
                std::sort(gm.assignment.begin(), gm.assignment.end());
            }
            info.members.push_back(std::move(gm));
        }
        std::sort(info.members.begin(), info.members.end(),
                  [](const auto &a, const auto &b) { return a.memberId < b.memberId; });
        out.push_back(std::move(info));
    }
    return out;
}

Result<std::vector<GroupInfo>> KafkaBackend::listGroups()
{
    const QString what = QStringLiteral("listing consumer groups");
    auto event = runAdmin(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, what,
                          [](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                              rd_kafka_ListConsumerGroups(rk, o, q);
                          });
    if (!event)
        return event.error();
    const auto *result = rd_kafka_event_ListConsumerGroups_result(event->get());
    size_t valid = 0, failed = 0;
    const rd_kafka_ConsumerGroupListing_t **listings = rd_kafka_ListConsumerGroups_result_valid(result, &valid);
    const rd_kafka_error_t **errors = rd_kafka_ListConsumerGroups_result_errors(result, &failed);
    if (valid == 0 && failed > 0)
        return Error(
            mapErrorCode(rd_kafka_error_code(errors[0])),
            QStringLiteral("%1 on %2: %3").arg(what, clusterName(), fromUtf8(rd_kafka_error_string(errors[0]))));
    std::vector<QByteArray> ids;
    for (size_t i = 0; i < valid; ++i)
        ids.push_back(QByteArray(rd_kafka_ConsumerGroupListing_group_id(listings[i])));
    std::sort(ids.begin(), ids.end());
    auto groups = describeGroups(ids, what);
    if (!groups)
        return groups.error();
    std::erase_if(*groups, [](const GroupInfo &g) { return g.state == QLatin1String("Dead"); });
    std::sort(groups->begin(), groups->end(), [](const auto &a, const auto &b) { return a.groupId < b.groupId; });
    return groups;
}

Result<GroupInfo> KafkaBackend::describeGroup(const QString &groupId)
{
    const QString what = QStringLiteral("describing consumer group '%1'").arg(groupId);
    const QByteArray id = utf8(groupId);
    auto groups = describeGroups({id}, what);
    if (!groups)
        return groups.error();
    if (groups->empty())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("consumer group '%1' does not exist on %2").arg(groupId, clusterName()));
    GroupInfo info = std::move(groups->front());

    auto event = runAdmin(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, what,
                          [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                              rd_kafka_ListConsumerGroupOffsets_t *req =
                                  rd_kafka_ListConsumerGroupOffsets_new(id.constData(), nullptr);
                              rd_kafka_ListConsumerGroupOffsets(rk, &req, 1, o, q);
                              rd_kafka_ListConsumerGroupOffsets_destroy(req);
                          });
    if (!event)
        return event.error();
    std::map<TopicPartition, qint64> committed;
    size_t count = 0;
    const rd_kafka_group_result_t **results = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_error_t *e = rd_kafka_group_result_error(results[i]))
            return Error(mapErrorCode(rd_kafka_error_code(e)),
                         QStringLiteral("%1 on %2: %3").arg(what, clusterName(), fromUtf8(rd_kafka_error_string(e))));
        const auto *parts = rd_kafka_group_result_partitions(results[i]);
        for (int p = 0; parts && p < parts->cnt; ++p) {
            const auto &e = parts->elems[p];
            if (!e.err && e.offset >= 0)
                committed[{fromUtf8(e.topic), static_cast<int>(e.partition)}] = e.offset;
        }
    }
    if (info.state == QLatin1String("Dead") ||
        (info.members.empty() && committed.empty() && info.state == QLatin1String("Empty") && info.protocol.isEmpty()))
        return Error(ErrorCode::NotFound,
                     QStringLiteral("consumer group '%1' does not exist on %2").arg(groupId, clusterName()));

    std::map<TopicPartition, QString> owners;
    for (const auto &m : info.members) {
        for (const auto &tp : m.assignment)
            owners[tp] = m.memberId;
    }
    std::set<TopicPartition> all;
    for (const auto &[tp, offset] : committed)
        all.insert(tp);
    for (const auto &[tp, owner] : owners)
        all.insert(tp);
    const std::vector<TopicPartition> tps(all.begin(), all.end());
    // Watermarks need the topics in this client's metadata cache.
    (void)metadata(nullptr, what);
    const auto marks = watermarksOf(tps, m_profile.requestTimeoutMs);
    for (const auto &tp : tps) {
        GroupPartitionState s;
        s.tp = tp;
        if (const auto c = committed.find(tp); c != committed.end())
            s.committed = c->second;
        if (const auto w = marks.find(tp); w != marks.end()) {
            s.logStartOffset = w->second.low;
            s.highWatermark = w->second.high;
            if (s.committed >= 0)
                s.lag = std::max<qint64>(0, s.highWatermark - s.committed);
        }
        if (const auto o = owners.find(tp); o != owners.end())
            s.ownerMemberId = o->second;
        info.partitions.push_back(std::move(s));
    }
    return info;
}

Status KafkaBackend::resetGroupOffsets(const QString &groupId,
                                       const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    const QString what = QStringLiteral("resetting the offsets of consumer group '%1'").arg(groupId);
    if (offsets.empty())
        return {};
    const QByteArray id = utf8(groupId);
    auto groups = describeGroups({id}, what);
    if (!groups)
        return groups.error();
    if (!groups->empty() && !groups->front().members.empty())
        return Error(ErrorCode::Conflict,
                     QStringLiteral("consumer group '%1' has %2 active member(s); Kafka only resets the offsets of an "
                                    "inactive group: stop its consumers first")
                         .arg(groupId)
                         .arg(groups->front().members.size()));
    for (const auto &[tp, offset] : offsets) {
        if (offset < 0)
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("cannot reset %1 to offset %2: offsets are >= 0").arg(tp.toString()).arg(offset));
    }
    ListPtr list = newList(static_cast<int>(offsets.size()));
    for (const auto &[tp, offset] : offsets)
        addOffset(list.get(), tp, offset);
    auto event = runAdmin(RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, what,
                          [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                              rd_kafka_AlterConsumerGroupOffsets_t *req =
                                  rd_kafka_AlterConsumerGroupOffsets_new(id.constData(), list.get());
                              rd_kafka_AlterConsumerGroupOffsets(rk, &req, 1, o, q);
                              rd_kafka_AlterConsumerGroupOffsets_destroy(req);
                          });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_group_result_t **results = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event->get()), &count);
    QStringList failures;
    rd_kafka_resp_err_t first = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_error_t *e = rd_kafka_group_result_error(results[i])) {
            failures << fromUtf8(rd_kafka_error_string(e));
            first = rd_kafka_error_code(e);
        }
        const auto *parts = rd_kafka_group_result_partitions(results[i]);
        for (int p = 0; parts && p < parts->cnt; ++p) {
            const auto &e = parts->elems[p];
            if (e.err) {
                failures << QStringLiteral("%1[%2]: %3").arg(fromUtf8(e.topic)).arg(e.partition).arg(errorText(e.err));
                if (!first)
                    first = e.err;
            }
        }
    }
    if (!failures.isEmpty())
        return Error(
            mapErrorCode(first),
            QStringLiteral("%1 on %2 failed: %3").arg(what, clusterName(), failures.join(QStringLiteral("; "))));
    return {};
}

} // namespace kafka

Result<std::shared_ptr<Backend>> openKafkaBackend(const KafkaProfile &profile)
{
    if (profile.connectTimeoutMs <= 0 || profile.requestTimeoutMs <= 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("Kafka timeouts must be positive (connect %1 ms, request "
                                    "%2 ms)")
                         .arg(profile.connectTimeoutMs)
                         .arg(profile.requestTimeoutMs));
    auto backend = std::make_shared<kafka::KafkaBackend>(profile);
    if (auto s = backend->init(); !s)
        return s.error();
    return std::shared_ptr<Backend>(std::move(backend));
}

} // namespace tidemark
