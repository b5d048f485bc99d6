#include "kafka/KafkaProducer.h"

#include "kafka/KafkaConnection.h"

#include <QDateTime>

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace tidemark::kafka {

namespace {

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

// The delivery report callback, on the connection's poll thread (and on the thread that
// destroys the connection, for records it purges).
void deliveryCallback(rd_kafka_t *, const rd_kafka_message_t *m, void *)
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

} // namespace

Status KafkaProducer::configureHandle(rd_kafka_conf_t *conf, const KafkaProfile &profile)
{
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
        if (profile.extraConfig.contains(QString::fromUtf8(name)))
            continue;
        if (auto s = setConf(conf, name, QByteArray(value)); !s)
            return s;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, &deliveryCallback);
    return {};
}

Result<std::vector<DeliveryReport>>
KafkaProducer::produce(const QString &topic, const std::vector<OutgoingRecord> &records, const ProduceOptions &options)
{
    const QString what = QStringLiteral("producing to topic '%1'").arg(topic);
    auto md = m_connection.metadata(&topic, what);
    if (!md)
        return md.error();
    auto t = m_connection.findTopic(md->get(), topic);
    if (!t)
        return t.error();
    const int partitions = (*t)->partition_cnt;
    if (auto bad = checkExplicitPartitions(topic, records, partitions); !bad)
        return bad.error();
    if (records.empty())
        return std::vector<DeliveryReport>{};

    rd_kafka_t *rk = m_connection.handle();
    TopicPtr rkt(rd_kafka_topic_new(rk, utf8(topic).constData(), nullptr));
    if (!rkt)
        return makeKafkaError(rd_kafka_last_error(), what);
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(std::max(1, options.timeoutMs));
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
        // librdkafka hands header keys to consumers as C strings (rd_kafka_header_get_all has
        // no name length), so a key with a NUL would come back cut at it: refuse the record
        // rather than let its bytes change (issue 10).
        if (const auto nul =
                std::find_if(r.headers.begin(), r.headers.end(), [](const Header &h) { return h.key.contains('\0'); });
            nul != r.headers.end()) {
            slot.report.partition = partition >= 0 ? partition : -1;
            slot.report.error =
                Error(ErrorCode::InvalidArgument,
                      QStringLiteral("record %1 for %2 was not sent: header key %3 contains a NUL byte, "
                                     "which Kafka clients built on librdkafka cannot read back")
                          .arg(i)
                          .arg(topic, QString::fromLatin1(nul->key.toHex())));
            batch->complete(slot);
            continue;
        }
        rd_kafka_headers_t *headers = nullptr;
        if (!r.headers.empty()) {
            headers = rd_kafka_headers_new(r.headers.size());
            for (const Header &h : r.headers)
                rd_kafka_header_add(headers, h.key.constData(), h.key.size(), h.value ? h.value->constData() : nullptr,
                                    h.value ? h.value->size() : 0);
        }
        // A null payload is a tombstone; an empty value is a non-null pointer of length 0.
        void *valuePtr = r.value ? const_cast<char *>(r.value->constData()) : nullptr;
        const size_t valueLen = static_cast<size_t>(payloadSize(r.value));
        const void *keyPtr = r.key ? r.key->constData() : nullptr;
        const size_t keyLen = r.key ? static_cast<size_t>(r.key->size()) : 0;
        rd_kafka_resp_err_t err;
        for (;;) {
            err = rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt.get()), RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(valuePtr, valueLen),
                                    RD_KAFKA_V_KEY(keyPtr, keyLen), RD_KAFKA_V_HEADERS(headers),
                                    RD_KAFKA_V_TIMESTAMP(r.timestampMs), RD_KAFKA_V_OPAQUE(&slot), RD_KAFKA_V_END);
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || SteadyClock::now() >= deadline)
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

} // namespace tidemark::kafka
