#include "kafka/KafkaConsumer.h"

#include <QDateTime>

#include <chrono>
#include <cstring>

namespace tidemark::kafka {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

std::vector<TopicPartition> toPartitions(const rd_kafka_topic_partition_list_t *list)
{
    std::vector<TopicPartition> out;
    if (!list)
        return out;
    out.reserve(static_cast<size_t>(list->cnt));
    for (int i = 0; i < list->cnt; ++i)
        out.push_back({fromUtf8(list->elems[i].topic), static_cast<int>(list->elems[i].partition)});
    return out;
}

QString joinPartitions(const std::vector<TopicPartition> &tps)
{
    QStringList parts;
    for (const auto &tp : tps)
        parts << tp.toString();
    return parts.join(QStringLiteral(", "));
}

} // namespace

int groupGeneration(rd_kafka_t *rk)
{
    // Layout of librdkafka's serialized consumer group metadata (rdkafka_cgrp.c): the magic
    // "CGMDv2:", then the generation id as a native int32, then the member id and group id.
    static constexpr char magic[] = "CGMDv2:";
    static constexpr size_t magicSize = sizeof magic - 1;
    rd_kafka_consumer_group_metadata_t *cgmd = rd_kafka_consumer_group_metadata(rk);
    if (!cgmd)
        return -1;
    void *buffer = nullptr;
    size_t size = 0;
    int generation = -1;
    if (rd_kafka_error_t *error = rd_kafka_consumer_group_metadata_write(cgmd, &buffer, &size)) {
        rd_kafka_error_destroy(error);
    } else {
        if (size >= magicSize + sizeof(int32_t) && std::memcmp(buffer, magic, magicSize) == 0) {
            int32_t g = -1;
            std::memcpy(&g, static_cast<const char *>(buffer) + magicSize, sizeof g);
            generation = g;
        }
        rd_kafka_mem_free(rk, buffer);
    }
    rd_kafka_consumer_group_metadata_destroy(cgmd);
    return generation;
}

KafkaConsumer::KafkaConsumer(const KafkaProfile &profile, const ConsumerConfig &config,
                             std::shared_ptr<BrokerErrorLog> errors)
    : m_profile(profile), m_config(config), m_errors(std::move(errors))
{
    if (m_config.maxPollRecords <= 0)
        m_config.maxPollRecords = 500;
}

Result<std::unique_ptr<Consumer>> KafkaConsumer::create(const KafkaProfile &profile, const ConsumerConfig &config,
                                                        std::shared_ptr<BrokerErrorLog> errors)
{
    if (config.topics.isEmpty() && config.assignment.empty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a consumer needs topics to subscribe to or partitions "
                                                                "to assign"));
    if (!config.topics.isEmpty() && !config.assignment.empty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("a consumer either subscribes to topics or is assigned partitions, not both"));
    if (!config.topics.isEmpty() && config.groupId.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("subscribing to topics needs a consumer group id"));

    std::unique_ptr<KafkaConsumer> consumer(new KafkaConsumer(profile, config, std::move(errors)));
    const ConsumerConfig &c = consumer->m_config;

    auto confResult = makeConf(profile);
    if (!confResult)
        return confResult.error();
    ConfPtr conf = std::move(confResult.value());
    const int session = std::max(1000, c.sessionTimeoutMs);
    const int heartbeat = std::clamp(c.heartbeatIntervalMs, 100, std::max(100, session / 3));
    std::vector<std::pair<const char *, QString>> settings = {
        {"enable.auto.commit", QStringLiteral("false")},
        // End-of-partition events tell poll() the position of a partition it has nothing to
        // read from (a committed offset already at the log end), see poll().
        {"enable.partition.eof", QStringLiteral("true")},
        {"auto.offset.reset", c.reset == OffsetReset::Earliest ? QStringLiteral("earliest") : QStringLiteral("latest")},
        {"session.timeout.ms", QString::number(session)},
        {"heartbeat.interval.ms", QString::number(heartbeat)},
        {"max.poll.interval.ms", QString::number(std::max(300000, session))},
        // librdkafka 2.0.x stops fetching for a whole second whenever a partition's prefetch
        // queue holds queued.min.messages (default 100000) records; a consumer that keeps up
        // then sits idle most of that second. Count-bound higher, so the byte bound
        // (queued.max.messages.kbytes, 64 MB by default) is what normally limits prefetch.
        {"queued.min.messages", QStringLiteral("1000000")},
        {"partition.assignment.strategy",
         c.assignmentStrategy.isEmpty() ? QStringLiteral("range") : c.assignmentStrategy.toLower()},
    };
    if (!c.clientId.isEmpty())
        settings.emplace_back("client.id", c.clientId);
    if (!c.groupId.isEmpty())
        settings.emplace_back("group.id", c.groupId);
    else // librdkafka's assign() API needs one; without our group id nothing is ever committed
        settings.emplace_back("group.id", QStringLiteral("tidemark-assign"));
    for (const auto &[name, value] : settings) {
        // Profile extras win over our defaults, except the ones our semantics rest on.
        if (profile.extraConfig.contains(QString::fromUtf8(name)) && std::strcmp(name, "enable.auto.commit") != 0 &&
            std::strcmp(name, "enable.partition.eof") != 0 && std::strcmp(name, "group.id") != 0)
            continue;
        if (auto s = setConf(conf.get(), name, utf8(value)); !s)
            return s.error();
    }
    rd_kafka_conf_set_opaque(conf.get(), consumer.get());
    if (!c.topics.isEmpty())
        rd_kafka_conf_set_rebalance_cb(conf.get(), &KafkaConsumer::rebalanceCallback);
    rd_kafka_conf_set_error_cb(conf.get(), &KafkaConsumer::errorCallback);
    rd_kafka_conf_set_log_cb(conf.get(), &KafkaConsumer::logCallback);

    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr);
    if (!rk)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot create a Kafka consumer: %1").arg(QString::fromUtf8(errstr)));
    (void)conf.release(); // owned by rk now
    consumer->m_rk = rk;
    rd_kafka_poll_set_consumer(rk);
    {
        std::lock_guard lock(consumer->m_queueMutex);
        consumer->m_queue = rd_kafka_queue_get_consumer(rk);
    }

    if (!c.topics.isEmpty()) {
        ListPtr list = newList(static_cast<int>(c.topics.size()));
        for (const QString &topic : c.topics)
            rd_kafka_topic_partition_list_add(list.get(), utf8(topic).constData(), RD_KAFKA_PARTITION_UA);
        if (const rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, list.get()))
            return makeKafkaError(err,
                                  QStringLiteral("cannot subscribe to %1").arg(c.topics.join(QStringLiteral(", "))));
    } else {
        ListPtr list = newList(static_cast<int>(c.assignment.size()));
        for (const auto &[tp, offset] : c.assignment) {
            qint64 start = offset;
            if (start < 0) {
                start = !c.groupId.isEmpty()               ? RD_KAFKA_OFFSET_STORED
                        : c.reset == OffsetReset::Earliest ? RD_KAFKA_OFFSET_BEGINNING
                                                           : RD_KAFKA_OFFSET_END;
            }
            addOffset(list.get(), tp, start);
            consumer->m_assignment.push_back(tp);
            if (offset >= 0)
                consumer->m_positions[tp] = offset;
        }
        if (const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list.get()))
            return makeKafkaError(err, QStringLiteral("cannot assign %1").arg(joinPartitions(consumer->m_assignment)));
        consumer->addEvent(ConsumerEvent::Kind::Assigned, consumer->m_assignment, QString(),
                           ConsumerEvent::Reason::Manual);
    }
    return std::unique_ptr<Consumer>(std::move(consumer));
}

KafkaConsumer::~KafkaConsumer()
{
    if (m_rk)
        destroy(/*leaveGroup=*/true);
}

void KafkaConsumer::destroy(bool leaveGroup)
{
    if (!m_rk)
        return;
    {
        std::lock_guard lock(m_queueMutex);
        if (m_queue) {
            rd_kafka_queue_destroy(m_queue);
            m_queue = nullptr;
        }
    }
    if (leaveGroup) {
        // Leaves the group (LeaveGroup) so the others rebalance at once. No commit: auto
        // commit is off.
        rd_kafka_consumer_close(m_rk);
        rd_kafka_destroy(m_rk);
    } else {
        // As if the process died: no LeaveGroup; the coordinator drops this member when its
        // session times out.
        rd_kafka_destroy_flags(m_rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    }
    m_rk = nullptr;
    m_closed = true;
    m_assignment.clear();
}

void KafkaConsumer::close() { destroy(true); }
void KafkaConsumer::abandon() { destroy(false); }

void KafkaConsumer::wakeup()
{
    m_wakeup.store(true);
    std::lock_guard lock(m_queueMutex);
    if (m_queue)
        rd_kafka_queue_yield(m_queue);
}

Status KafkaConsumer::usable() const
{
    if (!m_rk)
        return Error(ErrorCode::Cancelled, QStringLiteral("the consumer of %1 is closed").arg(describe()));
    return {};
}

QString KafkaConsumer::describe() const
{
    QString what =
        m_config.topics.isEmpty() ? joinPartitions(m_assignment) : m_config.topics.join(QStringLiteral(", "));
    if (!m_config.groupId.isEmpty())
        what += QStringLiteral(" (group '%1')").arg(m_config.groupId);
    return what;
}

void KafkaConsumer::addEvent(ConsumerEvent::Kind kind, std::vector<TopicPartition> partitions, const QString &message,
                             ConsumerEvent::Reason reason)
{
    ConsumerEvent e;
    e.kind = kind;
    e.reason = reason;
    e.partitions = std::move(partitions);
    e.groupId = m_config.groupId;
    e.memberId = memberId();
    e.message = message;
    e.timestampMs = nowMs();
    e.generation = m_rk && !m_config.groupId.isEmpty() && !m_config.topics.isEmpty() ? groupGeneration(m_rk) : -1;
    m_pendingEvents.push_back(std::move(e));
}

void KafkaConsumer::rebalanceCallback(rd_kafka_t *, rd_kafka_resp_err_t err,
                                      rd_kafka_topic_partition_list_t *partitions, void *opaque)
{
    static_cast<KafkaConsumer *>(opaque)->onRebalance(err, partitions);
}

void KafkaConsumer::onRebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions)
{
    const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(m_rk), "COOPERATIVE") == 0;
    std::vector<TopicPartition> tps = toPartitions(partitions);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        if (cooperative) {
            if (rd_kafka_error_t *e = rd_kafka_incremental_assign(m_rk, partitions)) {
                addEvent(ConsumerEvent::Kind::Error, tps,
                         QStringLiteral("assigning %1 failed: %2")
                             .arg(joinPartitions(tps), QString::fromUtf8(rd_kafka_error_string(e))));
                rd_kafka_error_destroy(e);
            }
            for (const auto &tp : tps)
                m_assignment.push_back(tp);
        } else {
            rd_kafka_assign(m_rk, partitions);
            m_assignment = tps;
        }
        addEvent(ConsumerEvent::Kind::Assigned, tps, QString(), ConsumerEvent::Reason::Rebalance);
        return;
    }
    // Revoked, or lost (session expired, fenced): either way the partitions are gone.
    const bool lost = rd_kafka_assignment_lost(m_rk);
    if (err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS)
        addEvent(ConsumerEvent::Kind::Error, tps,
                 QStringLiteral("rebalance error: %1").arg(errorText(err))); // then treated as revoked
    if (cooperative) {
        if (rd_kafka_error_t *e = rd_kafka_incremental_unassign(m_rk, partitions))
            rd_kafka_error_destroy(e);
    } else {
        rd_kafka_assign(m_rk, nullptr);
    }
    for (const auto &tp : tps) {
        std::erase(m_assignment, tp);
        m_positions.erase(tp);
        m_lastCommitted.erase(tp);
    }
    if (!cooperative)
        m_assignment.clear();
    addEvent(lost ? ConsumerEvent::Kind::Lost : ConsumerEvent::Kind::Revoked, tps, QString(),
             ConsumerEvent::Reason::Rebalance);
}

void KafkaConsumer::errorCallback(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    static_cast<KafkaConsumer *>(opaque)->onError(err, reason);
}

void KafkaConsumer::onError(int err, const char *reason)
{
    const QString message = fromUtf8(reason);
    m_errors->add(message);
    addEvent(ConsumerEvent::Kind::Error, {},
             QStringLiteral("%1 (%2)").arg(message, errorText(static_cast<rd_kafka_resp_err_t>(err))));
}

void KafkaConsumer::logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    // Internal threads: only the thread-safe error log. Level 4 = warning and worse.
    if (level > 4)
        return;
    auto *self = static_cast<KafkaConsumer *>(rd_kafka_opaque(rk));
    if (self)
        self->m_errors->add(QStringLiteral("%1: %2").arg(fromUtf8(facility), fromUtf8(message)));
}

const QString &KafkaConsumer::topicName(rd_kafka_topic_t *rkt)
{
    for (const auto &entry : m_topicNames) {
        if (entry.first == rkt)
            return entry.second;
    }
    m_topicNames.emplace_back(rkt, fromUtf8(rd_kafka_topic_name(rkt)));
    return m_topicNames.back().second;
}

Result<PollResult> KafkaConsumer::poll(int timeoutMs)
{
    if (auto s = usable(); !s)
        return s.error();
    PollResult result;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeoutMs));
    int wait = std::max(0, timeoutMs);
    const size_t max = static_cast<size_t>(m_config.maxPollRecords);
    result.records.reserve(std::min<size_t>(max, 4096));
    // Positions advance per partition, not per record: a map update per record costs more
    // than the rest of the bookkeeping. Written back when the poll ends.
    struct Advance {
        rd_kafka_topic_t *rkt;
        int32_t partition;
        qint64 next;
    };
    std::vector<Advance> advanced;
    auto flushPositions = [&] {
        for (const Advance &a : advanced) {
            const TopicPartition tp{topicName(a.rkt), a.partition};
            // Not if a rebalance during this poll took the partition away.
            if (std::find(m_assignment.begin(), m_assignment.end(), tp) != m_assignment.end())
                m_positions[tp] = a.next;
        }
    };
    while (result.records.size() < max) {
        if (m_wakeup.exchange(false))
            break;
        rd_kafka_message_t *raw = rd_kafka_consumer_poll(m_rk, wait);
        MessagePtr m(raw);
        if (!m_pendingEvents.empty()) {
            for (auto &e : m_pendingEvents)
                result.events.push_back(std::move(e));
            m_pendingEvents.clear();
        }
        char fatal[512];
        if (const rd_kafka_resp_err_t ferr = rd_kafka_fatal_error(m_rk, fatal, sizeof fatal)) {
            flushPositions();
            return Error(
                mapErrorCode(ferr),
                QStringLiteral("the consumer of %1 failed for good: %2").arg(describe(), QString::fromUtf8(fatal)));
        }
        if (!m) {
            if (!result.records.empty() || !result.events.empty())
                break;
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                    .count();
            if (left <= 0)
                break;
            wait = static_cast<int>(left);
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            // The fetcher reached the end of the partition at m->offset. Until a record comes,
            // librdkafka knows no position (rd_kafka_position() is invalid), so a partition whose
            // committed offset is already at the log end would have none and a reader waiting
            // to catch up would wait forever; this is its position.
            if (m->rkt) {
                const TopicPartition tp{topicName(m->rkt), static_cast<int>(m->partition)};
                if (m->offset >= 0 && !m_positions.count(tp) &&
                    std::find(m_assignment.begin(), m_assignment.end(), tp) != m_assignment.end())
                    m_positions[tp] = m->offset;
            }
            continue;
        }
        if (m->err) {
            QString where;
            if (m->rkt)
                where =
                    TopicPartition{topicName(m->rkt), static_cast<int>(m->partition)}.toString() + QStringLiteral(": ");
            const int broker = rd_kafka_message_broker_id(m.get());
            QString message = where + fromUtf8(rd_kafka_message_errstr(m.get()));
            if (broker >= 0)
                message += QStringLiteral(" (broker %1)").arg(broker);
            ConsumerEvent e;
            e.kind = ConsumerEvent::Kind::Error;
            if (m->rkt)
                e.partitions.push_back({topicName(m->rkt), static_cast<int>(m->partition)});
            e.message = message;
            e.timestampMs = nowMs();
            result.events.push_back(std::move(e));
            wait = 0;
            continue;
        }
        result.records.push_back(toRecord(m.get(), topicName(m->rkt)));
        const auto a = std::find_if(advanced.begin(), advanced.end(),
                                    [&](const Advance &x) { return x.rkt == m->rkt && x.partition == m->partition; });
        if (a != advanced.end())
            a->next = m->offset + 1;
        else
            advanced.push_back({m->rkt, m->partition, m->offset + 1});
        wait = 0; // drain what is already here, then return
    }
    flushPositions();
    return result;
}

Status KafkaConsumer::commitList(rd_kafka_topic_partition_list_t *list, const std::map<TopicPartition, qint64> &offsets)
{
    if (m_config.groupId.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot commit offsets of %1: the consumer has no group id").arg(describe()));
    const rd_kafka_resp_err_t err = rd_kafka_commit(m_rk, list, /*async=*/0);
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET)
        return {};
    QStringList failures;
    for (int i = 0; i < list->cnt; ++i) {
        const auto &e = list->elems[i];
        if (e.err)
            failures << QStringLiteral("%1[%2]: %3").arg(fromUtf8(e.topic)).arg(e.partition).arg(errorText(e.err));
    }
    if (err || !failures.isEmpty()) {
        QString message = QStringLiteral("committing offsets of group '%1' failed").arg(m_config.groupId);
        if (!failures.isEmpty())
            message += QStringLiteral(": ") + failures.join(QStringLiteral("; "));
        else
            message += QStringLiteral(": ") + errorText(err);
        return Error(mapErrorCode(err ? err : list->elems[0].err), message);
    }
    std::vector<TopicPartition> tps;
    for (const auto &[tp, offset] : offsets) {
        m_lastCommitted[tp] = offset;
        tps.push_back(tp);
    }
    addEvent(ConsumerEvent::Kind::Committed, tps, QStringLiteral("committed %1").arg(joinPartitions(tps)));
    return {};
}

Status KafkaConsumer::commit()
{
    if (auto s = usable(); !s)
        return s;
    std::map<TopicPartition, qint64> offsets;
    for (const auto &tp : m_assignment) {
        const auto pos = m_positions.find(tp);
        if (pos == m_positions.end())
            continue;
        const auto last = m_lastCommitted.find(tp);
        if (last == m_lastCommitted.end() || last->second != pos->second)
            offsets[tp] = pos->second;
    }
    if (offsets.empty())
        return {};
    ListPtr list = newList(static_cast<int>(offsets.size()));
    for (const auto &[tp, offset] : offsets)
        addOffset(list.get(), tp, offset);
    return commitList(list.get(), offsets);
}

Status KafkaConsumer::commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    if (auto s = usable(); !s)
        return s;
    if (offsets.empty())
        return {};
    std::map<TopicPartition, qint64> map;
    ListPtr list = newList(static_cast<int>(offsets.size()));
    for (const auto &[tp, offset] : offsets) {
        if (offset < 0)
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("cannot commit offset %1 for %2: offsets are >= 0").arg(offset).arg(tp.toString()));
        addOffset(list.get(), tp, offset);
        map[tp] = offset;
    }
    return commitList(list.get(), map);
}

std::vector<TopicPartition> KafkaConsumer::assignment() const { return m_assignment; }

std::optional<qint64> KafkaConsumer::position(const TopicPartition &tp) const
{
    if (const auto it = m_positions.find(tp); it != m_positions.end())
        return it->second;
    if (!m_rk || std::find(m_assignment.begin(), m_assignment.end(), tp) == m_assignment.end())
        return std::nullopt;
    ListPtr list = newList(1);
    addOffset(list.get(), tp, RD_KAFKA_OFFSET_INVALID);
    if (rd_kafka_position(m_rk, list.get()) == RD_KAFKA_RESP_ERR_NO_ERROR && list->elems[0].offset >= 0)
        return list->elems[0].offset;
    return std::nullopt;
}

Result<std::map<TopicPartition, qint64>> KafkaConsumer::committed()
{
    if (auto s = usable(); !s)
        return s.error();
    std::map<TopicPartition, qint64> out;
    if (m_config.groupId.isEmpty() || m_assignment.empty())
        return out;
    ListPtr list = newList(static_cast<int>(m_assignment.size()));
    for (const auto &tp : m_assignment)
        addOffset(list.get(), tp, RD_KAFKA_OFFSET_INVALID);
    if (const rd_kafka_resp_err_t err = rd_kafka_committed(m_rk, list.get(), m_profile.requestTimeoutMs)) {
        QString message = QStringLiteral("cannot read the committed offsets of group '%1'").arg(m_config.groupId);
        const QStringList recent = m_errors->recent();
        if (!recent.isEmpty())
            message += QStringLiteral(" (") + recent.join(QStringLiteral("; ")) + QLatin1Char(')');
        return makeKafkaError(err, message);
    }
    for (int i = 0; i < list->cnt; ++i) {
        const auto &e = list->elems[i];
        if (!e.err && e.offset >= 0)
            out[{fromUtf8(e.topic), static_cast<int>(e.partition)}] = e.offset;
    }
    return out;
}

Status KafkaConsumer::seek(const TopicPartition &tp, qint64 offset)
{
    if (auto s = usable(); !s)
        return s;
    if (std::find(m_assignment.begin(), m_assignment.end(), tp) == m_assignment.end())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot seek %1: it is not assigned to this consumer").arg(tp.toString()));
    if (offset < 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot seek %1 to offset %2: offsets are >= 0").arg(tp.toString()).arg(offset));
    ListPtr list = newList(1);
    addOffset(list.get(), tp, offset);
    if (rd_kafka_error_t *e = rd_kafka_seek_partitions(m_rk, list.get(), m_profile.requestTimeoutMs)) {
        KErrorPtr error(e);
        return Error(mapErrorCode(rd_kafka_error_code(e)), QStringLiteral("cannot seek %1 to offset %2: %3")
                                                               .arg(tp.toString())
                                                               .arg(offset)
                                                               .arg(QString::fromUtf8(rd_kafka_error_string(e))));
    }
    if (list->elems[0].err)
        return makeKafkaError(list->elems[0].err,
                              QStringLiteral("cannot seek %1 to offset %2").arg(tp.toString()).arg(offset));
    m_positions[tp] = offset;
    return {};
}

QString KafkaConsumer::memberId() const
{
    if (!m_rk)
        return {};
    char *id = rd_kafka_memberid(m_rk);
    QString out = fromUtf8(id);
    if (id)
        rd_kafka_mem_free(m_rk, id);
    return out;
}

int KafkaConsumer::generation() const
{
    if (!m_rk || m_config.groupId.isEmpty() || m_config.topics.isEmpty())
        return -1;
    return groupGeneration(m_rk);
}

} // namespace tidemark::kafka
