#include "kafka/KafkaReader.h"

#include "kafka/KafkaConnection.h"

#include <algorithm>
#include <optional>
#include <thread>

namespace tidemark::kafka {

namespace {

constexpr int kOutOfRangeRetries = 5;

bool outOfRange(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE || err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET;
}

} // namespace

Result<Watermarks> KafkaReader::watermarks(const TopicPartition &tp)
{
    auto md = m_connection.metadata(&tp.topic, QStringLiteral("reading the offsets of %1").arg(tp.toString()));
    if (!md)
        return md.error();
    if (auto t = m_connection.checkPartition(md->get(), tp); !t)
        return t.error();
    int64_t low = 0, high = 0;
    const int timeout = m_connection.profile().requestTimeoutMs;
    const quint64 before = m_connection.errors().sequence();
    if (const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
            m_connection.handle(), utf8(tp.topic).constData(), tp.partition, &low, &high, timeout))
        return m_connection.unreachable(err, timeout, QStringLiteral("reading the offsets of %1").arg(tp.toString()),
                                        before);
    return Watermarks{low, high};
}

std::map<TopicPartition, Watermarks> KafkaReader::watermarksOf(const std::vector<TopicPartition> &tps, int timeoutMs)
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
        rd_kafka_offsets_for_times(m_connection.handle(), list.get(), timeoutMs);
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

Result<HandlePtr> KafkaReader::takeFetcher()
{
    {
        std::lock_guard lock(m_fetchersMutex);
        if (!m_fetchers.empty()) {
            HandlePtr h = std::move(m_fetchers.back());
            m_fetchers.pop_back();
            return h;
        }
    }
    return newReaderHandle(m_connection, {{"queued.max.messages.kbytes", "8192"}});
}

Result<HandlePtr> newReaderHandle(const KafkaConnection &connection,
                                  const std::vector<std::pair<const char *, QByteArray>> &more)
{
    auto confResult = makeConf(connection.profile());
    if (!confResult)
        return confResult.error();
    ConfPtr conf = std::move(confResult.value());
    const std::pair<const char *, QByteArray> settings[] = {
        {"enable.auto.commit", "false"},
        {"enable.partition.eof", "true"},
        {"auto.offset.reset", "error"},
        {"fetch.wait.max.ms", "100"},
        // librdkafka's assign() API needs a group id; this reader never joins the group nor
        // commits, so the group never appears on the cluster.
        {"group.id", "tidemark-reader"},
    };
    for (const auto &[name, value] : settings) {
        if (auto s = setConf(conf.get(), name, value); !s)
            return s.error();
    }
    for (const auto &[name, value] : more) {
        if (auto s = setConf(conf.get(), name, value); !s)
            return s.error();
    }
    connection.forwardErrors(conf.get());
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr);
    if (!rk)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("cannot set up a Kafka reader for %1: %2")
                                                     .arg(connection.clusterName(), QString::fromUtf8(errstr)));
    (void)conf.release();
    rd_kafka_poll_set_consumer(rk);
    return HandlePtr(rk);
}

void KafkaReader::returnFetcher(HandlePtr fetcher)
{
    rd_kafka_assign(fetcher.get(), nullptr);
    std::lock_guard lock(m_fetchersMutex);
    if (m_fetchers.size() < 2)
        m_fetchers.push_back(std::move(fetcher));
}

Result<std::vector<Record>> KafkaReader::fetch(const TopicPartition &tp, qint64 offset, int maxRecords)
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
    const quint64 errorsBefore = m_connection.errors().sequence();
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list.get()))
        return makeKafkaError(err, QStringLiteral("reading %1").arg(tp.toString()));

    const QByteArray topic = utf8(tp.topic);
    std::vector<Record> records;
    records.reserve(static_cast<size_t>(last - offset + 1));
    std::optional<Error> error;
    qint64 next = offset;
    // The read ended without error short of `last`: the partition's end (EOF), or a record
    // past `last` (offsets without records in between: transaction markers, aborted or
    // compacted records). Either way nothing more is in [offset, last].
    bool readToEnd = false;
    int retries = 0;
    const int timeout = m_connection.profile().requestTimeoutMs;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout);
    while (next <= last) {
        const int wait = msLeft(deadline);
        MessagePtr m(rd_kafka_consumer_poll(rk, wait));
        if (!m) {
            if (wait == 0)
                break;
            continue;
        }
        const bool ours = m->rkt && m->partition == tp.partition && topic == rd_kafka_topic_name(m->rkt);
        if (m->rkt && !ours)
            continue; // left over from this reader's previous use, as records below
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            // Also when the last offsets are markers: librdkafka skips them (and, reading
            // read_committed, aborted records) and reports the end past them.
            readToEnd = true;
            break;
        }
        if (outOfRange(m->err) && retries < kOutOfRangeRetries && msLeft(deadline) > 0) {
            // An offset below the high watermark just read, refused as out of range: a
            // partition's new leader whose high watermark has not caught up yet (a leader
            // change right after a topic was created; KAFKA-16452). Kafka's own clients retry
            // such a fetch; read the watermarks again and, if the offset is still inside them,
            // ask again from the same offset after a short pause.
            auto again = watermarks(tp);
            if (again && next >= again->low && next < again->high) {
                ++retries;
                std::this_thread::sleep_for(
                    std::min(std::chrono::milliseconds(50 * retries), std::chrono::milliseconds(msLeft(deadline))));
                ListPtr retry = newList(1);
                addOffset(retry.get(), tp, next);
                if (rd_kafka_assign(rk, retry.get()) == RD_KAFKA_RESP_ERR_NO_ERROR)
                    continue;
            }
        }
        if (m->err) {
            error = Error(mapErrorCode(m->err), QStringLiteral("reading %1 at offset %2 failed: %3")
                                                    .arg(tp.toString())
                                                    .arg(next)
                                                    .arg(fromUtf8(rd_kafka_message_errstr(m.get()))));
            break;
        }
        // Skip anything left over from this reader's previous use (or a retry's first read).
        if (!ours || m->offset < next)
            continue;
        if (m->offset > last) {
            // Past the window: [next, last] held no records. The window is read (a record
            // beyond it is the next call's, as if the offsets were dense).
            readToEnd = true;
            break;
        }
        records.push_back(toRecord(m.get(), tp.topic));
        next = m->offset + 1;
    }
    returnFetcher(std::move(fetcher.value()));
    if (records.empty()) {
        if (error)
            return *error;
        if (next <= last && !readToEnd)
            return m_connection.unreachable(RD_KAFKA_RESP_ERR__TIMED_OUT, timeout,
                                            QStringLiteral("reading %1 from offset %2").arg(tp.toString()).arg(offset),
                                            errorsBefore);
    }
    return records;
}

Result<qint64> KafkaReader::offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs)
{
    const QString what = QStringLiteral("looking up timestamp %1 in %2").arg(timestampMs).arg(tp.toString());
    auto md = m_connection.metadata(&tp.topic, what);
    if (!md)
        return md.error();
    if (auto t = m_connection.checkPartition(md->get(), tp); !t)
        return t.error();
    ListPtr list = newList(1);
    addOffset(list.get(), tp, std::max<qint64>(0, timestampMs));
    const int timeout = m_connection.profile().requestTimeoutMs;
    const quint64 before = m_connection.errors().sequence();
    rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_connection.handle(), list.get(), timeout);
    if (!err)
        err = list->elems[0].err;
    if (err)
        return m_connection.unreachable(err, timeout, what, before);
    if (list->elems[0].offset >= 0)
        return static_cast<qint64>(list->elems[0].offset);
    auto marks = watermarks(tp);
    if (!marks)
        return marks.error();
    return marks->high;
}

} // namespace tidemark::kafka
