#include "kafka/KafkaSummaryReader.h"

#include "core/Partitioner.h"
#include "kafka/KafkaConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

namespace tidemark::kafka {

namespace {

RecordSummary summaryOf(const rd_kafka_message_t *m)
{
    RecordSummary s;
    s.offset = m->offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    const int64_t ts = rd_kafka_message_timestamp(m, &type);
    s.timestampMs = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? 0 : ts;
    s.keyIsNull = m->key == nullptr;
    s.keyHash = m->key ? murmur2(m->key, m->key_len) : 0u;
    s.valueIsNull = m->payload == nullptr;
    s.size = static_cast<quint32>((m->key ? m->key_len : 0) + (m->payload ? m->len : 0));
    return s;
}

} // namespace

KafkaSummaryReader::~KafkaSummaryReader()
{
    m_stop = true;
    for (Handle &h : m_handles) {
        if (h.stats.joinable())
            h.stats.join();
        if (!h.rk)
            continue;
        // librdkafka 2.0.x can hang for ever destroying a consumer that assigned partitions
        // many times (a partition reference leaked by its fetch version barriers, librdkafka
        // issues #4486 and #4674; seen here in about half the runs of tst_timeline_cost_kafka).
        // The handle is closed and destroyed on a thread of its own so that a backend going
        // away never freezes its caller; the error log its callbacks write to is kept alive
        // with it.
        std::thread([rk = h.rk.release(), errors = m_connection.sharedErrors()] {
            rd_kafka_consumer_close(rk);
            rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
            (void)errors;
        }).detach();
    }
}

Result<rd_kafka_t *> KafkaSummaryReader::handle(HandleKind kind)
{
    Handle &h = m_handles[kind];
    if (h.rk)
        return h.rk.get();
    auto confResult = makeConf(m_connection.profile());
    if (!confResult)
        return confResult.error();
    ConfPtr conf = std::move(confResult.value());
    // Probes: one batch per fetch, nothing fetched ahead. Range reads: one batch per fetch,
    // the next one fetched while a batch is consumed (see the header).
    const QByteArray minMessages = kind == ProbeHandle ? QByteArray("1") : QByteArray("10000000");
    const QByteArray maxKBytes = kind == ProbeHandle ? QByteArray("1") : QByteArray::number(kRangeQueueKBytes);
    const std::pair<const char *, QByteArray> settings[] = {
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"enable.partition.eof", "true"},
        {"auto.offset.reset", "error"},
        {"fetch.wait.max.ms", "100"},
        {"queued.min.messages", minMessages},
        {"queued.max.messages.kbytes", maxKBytes},
        {"max.partition.fetch.bytes", QByteArray::number(kFetchBytes)},
        {"message.max.bytes", QByteArray::number(kFetchBytes)},
        {"fetch.max.bytes", QByteArray::number(kFetchBytes)},
        {"statistics.interval.ms", QByteArray::number(kStatsIntervalMs)},
        // assign() needs a group id; this reader never joins the group nor commits.
        {"group.id", "tidemark-reader"},
    };
    for (const auto &[name, value] : settings) {
        if (auto s = setConf(conf.get(), name, value); !s)
            return s.error();
    }
    m_connection.forwardErrors(conf.get());
    // Statistics come as events on the main queue, which the statistics thread polls (the
    // handle's opaque is the connection's error log, so no stats callback can find us).
    rd_kafka_conf_set_events(conf.get(), RD_KAFKA_EVENT_STATS);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr);
    if (!rk)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("cannot set up a Kafka reader for %1: %2")
                                                     .arg(m_connection.clusterName(), QString::fromUtf8(errstr)));
    (void)conf.release();
    h.rk.reset(rk);
    m_started[kind] = true;
    h.stats = std::thread([this, kind] { serveStatistics(kind); });
    return rk;
}

void KafkaSummaryReader::serveStatistics(HandleKind kind)
{
    QueuePtr main(rd_kafka_queue_get_main(m_handles[kind].rk.get()));
    while (!m_stop) {
        EventPtr event(rd_kafka_queue_poll(main.get(), 100));
        if (!event)
            continue;
        if (rd_kafka_event_type(event.get()) == RD_KAFKA_EVENT_STATS) {
            const char *json = rd_kafka_event_stats(event.get());
            noteStatistics(kind, json, json ? strlen(json) : 0);
        } else if (rd_kafka_event_type(event.get()) == RD_KAFKA_EVENT_ERROR) {
            m_connection.errors().add(fromUtf8(rd_kafka_event_error_string(event.get())));
        }
    }
}

void KafkaSummaryReader::noteStatistics(HandleKind kind, const char *json, size_t size)
{
    const QJsonObject stats =
        QJsonDocument::fromJson(QByteArray::fromRawData(json, static_cast<qsizetype>(size))).object();
    const QJsonObject brokers = stats.value(QLatin1String("brokers")).toObject();
    const QString tag = QString::number(int(kind)) + QLatin1Char(':');
    std::lock_guard lock(m_statsMutex);
    // Brokers come and go from the statistics (the bootstrap entries, a decommissioned node):
    // the total is the sum of every increase seen, so it never goes down.
    for (auto it = brokers.begin(); it != brokers.end(); ++it) {
        const qint64 rx = it.value().toObject().value(QLatin1String("rxbytes")).toInteger();
        qint64 &seen = m_brokerRx[tag + it.key()];
        if (rx > seen)
            m_rxBytes += rx - seen;
        seen = rx;
    }
    const QJsonObject topics = stats.value(QLatin1String("topics")).toObject();
    for (auto t = topics.begin(); t != topics.end(); ++t) {
        const QJsonObject partitions = t.value().toObject().value(QLatin1String("partitions")).toObject();
        for (auto p = partitions.begin(); p != partitions.end(); ++p) {
            const QJsonObject tp = p.value().toObject();
            if (tp.value(QLatin1String("partition")).toInteger() < 0)
                continue; // the topic's unassigned-partition placeholder
            const qint64 msgs = tp.value(QLatin1String("rxmsgs")).toInteger();
            const qint64 drops = tp.value(QLatin1String("rx_ver_drops")).toInteger();
            auto &[seenMsgs, seenDrops] = m_partitionRx[tag + t.key() + QLatin1Char('/') + p.key()];
            m_rxRecords += std::max<qint64>(0, msgs - seenMsgs);
            m_droppedResponses += std::max<qint64>(0, drops - seenDrops);
            seenMsgs = msgs;
            seenDrops = drops;
        }
    }
    ++m_handles[kind].emissions;
    m_statsChanged.notify_all();
}

bool KafkaSummaryReader::everyHandleEmittedSince(const quint64 (&seen)[HandleKinds]) const
{
    // Two emissions of each handle: the first may have been put together before the call.
    for (int k = 0; k < HandleKinds; ++k) {
        if (m_started[k] && m_handles[k].emissions <= seen[k] + 1)
            return false;
    }
    return true;
}

qint64 KafkaSummaryReader::bytesReceived(int waitMs)
{
    std::unique_lock lock(m_statsMutex);
    const quint64 seen[HandleKinds] = {m_handles[ProbeHandle].emissions, m_handles[RangeHandle].emissions};
    if (waitMs > 0)
        m_statsChanged.wait_for(lock, std::chrono::milliseconds(waitMs), [&] { return everyHandleEmittedSince(seen); });
    return m_rxBytes;
}

KafkaSummaryReader::Counters KafkaSummaryReader::counters(int waitMs)
{
    const qint64 bytes = bytesReceived(waitMs);
    std::lock_guard lock(m_statsMutex);
    return Counters{bytes, m_rxRecords, m_droppedResponses, m_kicks.load(), m_wakes.load()};
}

Result<SummaryFetch> KafkaSummaryReader::read(const TopicPartition &tp, qint64 offset, int maxRecords, SummaryRead how)
{
    if (offset < 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot read %1 from offset %2: offsets are >= 0").arg(tp.toString()).arg(offset));
    SummaryFetch out;
    out.measured = true;
    if (maxRecords <= 0)
        return out;
    std::lock_guard readLock(m_readMutex);
    auto h = handle(how == SummaryRead::Probe ? ProbeHandle : RangeHandle);
    if (!h)
        return h.error();
    rd_kafka_t *rk = h.value();
    ListPtr list = newList(1);
    addOffset(list.get(), tp, offset);
    const quint64 errorsBefore = m_connection.errors().sequence();
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list.get()))
        return makeKafkaError(err, QStringLiteral("reading %1").arg(tp.toString()));

    const QByteArray topic = utf8(tp.topic);
    out.records.reserve(static_cast<size_t>(std::min(maxRecords, 4096)));
    std::optional<Error> error;
    bool atEnd = false;
    qint64 next = offset;
    const int timeout = m_connection.profile().requestTimeoutMs;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout);
    int kickWait = kKickMs;
    QueuePtr queue(rd_kafka_queue_get_consumer(rk));
    // A range read's records so far: their keys and values, their values (what librdkafka's
    // queue limit counts), to tell how many records a batch holds.
    qint64 recordBytes = 0, valueBytes = 0;
    bool holding = true;                      // may hold records back near the end (until a hold times out)
    bool kickWhenDry = false;                 // a hold saw its batch come in: nothing more is under way
    bool mayWake = how == SummaryRead::Probe; // a probe that waits kWakeMs wakes the broker thread
    while (static_cast<int>(out.records.size()) < maxRecords) {
        // A range read near its end: when the batch under way should hold the last records it
        // needs, keep a few records of the current one queued until it comes in, so the queue
        // is over its limit then and librdkafka fetches nothing more (see the header).
        if (how == SummaryRead::Range && holding && !kickWhenDry && queue && !out.records.empty()) {
            const qint64 n = qint64(out.records.size());
            // A batch's records: 16 KB over the records' keys, values and framing in a v2 batch
            // (8 to 12 bytes); what to hold so that the queue (values only) is over its limit
            // once the batch is in, with a quarter more for a batch shorter than that.
            const double perRecord = double(recordBytes) / double(n) + 8.0;
            const double valuePerRecord = std::max(1.0, double(valueBytes) / double(n));
            const qint64 perBatch = std::max<qint64>(1, qint64(kFetchBytes / perRecord));
            const double missing = (kRangeQueueKBytes * 1024.0 - double(perBatch) * valuePerRecord) / valuePerRecord;
            const qint64 hold = std::clamp<qint64>(qint64(std::ceil(1.25 * missing)) + 1, 1, perBatch);
            const qint64 queued = rd_kafka_queue_length(queue.get());
            const qint64 remaining = maxRecords - n;
            // The batch under way should be the last one needed (if it is not, the queue runs
            // dry with nothing under way, and the read assigns again at once).
            if (queued > 0 && queued <= hold && remaining > queued && remaining - queued <= perBatch) {
                const auto holdUntil = SteadyClock::now() + std::chrono::milliseconds(kHoldMs);
                while (qint64(rd_kafka_queue_length(queue.get())) <= queued && SteadyClock::now() < holdUntil)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                if (qint64(rd_kafka_queue_length(queue.get())) <= queued)
                    holding = false; // nothing came: read on as usual (and assign again if need be)
                else
                    kickWhenDry = true;
            }
        }
        // A probe takes the records of the batch it got, but the last: a queue that runs dry
        // may let librdkafka fetch the next batch before the unassign (tst_timeline_cost_kafka
        // saw 25 KB a probe when probes took them all), and waiting would fetch it for sure.
        if (how == SummaryRead::Probe && !out.records.empty()) {
            if (!queue || rd_kafka_queue_length(queue.get()) <= 1)
                break;
            MessagePtr m(rd_kafka_consumer_poll(rk, 0));
            if (!m || m->err || m->partition != tp.partition || m->offset < next ||
                topic != rd_kafka_topic_name(m->rkt))
                break;
            out.records.push_back(summaryOf(m.get()));
            next = m->offset + 1;
            continue;
        }
        const int wait = kickWhenDry ? 0 : std::min(mayWake ? kWakeMs : kickWait, msLeft(deadline));
        MessagePtr m(rd_kafka_consumer_poll(rk, wait));
        if (!m) {
            if (msLeft(deadline) == 0)
                break;
            if (mayWake) {
                // The barriers the assign queued are consumed by now (the queue is empty): a
                // request to the leader wakes its broker thread, which fetches if it had not
                // (see the header). The answer is not needed, but the call waits for it (one
                // round trip; librdkafka 2.0 does not bound it by the timeout given).
                mayWake = false;
                if (queue && rd_kafka_queue_length(queue.get()) == 0) {
                    int64_t low = -1, high = -1;
                    rd_kafka_query_watermark_offsets(rk, topic.constData(), tp.partition, &low, &high,
                                                     std::min(kickWait, msLeft(deadline)));
                    ++m_wakes;
                }
                continue;
            }
            // librdkafka 2.0 fetches again only when its broker thread wakes up, which can
            // take a second once the queue ran dry (and, now and then, after an assign):
            // assigning again at the next offset wakes it. Waits grow, so a slow broker is
            // not asked twice in a row for the same batch.
            list->elems[0].offset = next;
            rd_kafka_assign(rk, list.get());
            ++m_kicks;
            if (!kickWhenDry)
                kickWait = std::min(kickWait * 2, 500);
            kickWhenDry = false;
            continue;
        }
        kickWait = kKickMs;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            atEnd = true;
            break;
        }
        if (m->err) {
            error = Error(mapErrorCode(m->err), QStringLiteral("reading %1 at offset %2 failed: %3")
                                                    .arg(tp.toString())
                                                    .arg(next)
                                                    .arg(fromUtf8(rd_kafka_message_errstr(m.get()))));
            break;
        }
        // Anything left over from a previous read of this handle is skipped.
        if (m->partition != tp.partition || m->offset < next || topic != rd_kafka_topic_name(m->rkt))
            continue;
        out.records.push_back(summaryOf(m.get()));
        recordBytes += qint64(out.records.back().size);
        valueBytes += m->payload ? qint64(m->len) : 0;
        next = m->offset + 1;
    }
    rd_kafka_assign(rk, nullptr);
    {
        // Drain what the unassign left (the rest of a probe's batch) so it is not kept.
        MessagePtr rest;
        while ((rest = MessagePtr(rd_kafka_consumer_poll(rk, 0))))
            ;
    }
    if (out.records.empty() && !atEnd) {
        // What this read cost is reported by the next one.
        if (error)
            return *error;
        return m_connection.unreachable(RD_KAFKA_RESP_ERR__TIMED_OUT, timeout,
                                        QStringLiteral("reading %1 from offset %2").arg(tp.toString()).arg(offset),
                                        errorsBefore);
    }
    const qint64 received = bytesReceived(0);
    out.bytesFetched = received - m_reportedBytes;
    m_reportedBytes = received;
    return out;
}

} // namespace tidemark::kafka
