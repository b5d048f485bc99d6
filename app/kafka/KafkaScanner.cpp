#include "kafka/KafkaScanner.h"

#include "kafka/KafkaConnection.h"
#include "kafka/KafkaReader.h"

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <thread>

namespace tidemark::kafka {

// One partition's consumer, kept assigned between windows. Members are destroyed in reverse:
// the messages and the queue before the handle (librdkafka wants them gone first).
struct KafkaScanner::Stream {
    explicit Stream(std::atomic<int> &count) : handles(count) { ++handles; }
    ~Stream()
    {
        pending.clear();
        queue.reset();
        if (handle)
            rd_kafka_assign(handle.get(), nullptr);
        handle.reset();
        --handles;
    }
    Stream(const Stream &) = delete;
    Stream &operator=(const Stream &) = delete;

    std::atomic<int> &handles;
    TopicPartition tp;
    QByteArray topicName;
    HandlePtr handle;
    QueuePtr queue;                 // the handle's consumer queue
    qint64 position = -1;           // the offset the next window must start at to go on from here
    std::deque<MessagePtr> pending; // received, at or past `position`, not tested yet
    bool mayBeHeld = false;         // the queue was seen near librdkafka's limits (see wakeFetcher)
    double meanBytes = 256;         // of a message's key and value, for the queue's size in bytes
    Clock::time_point lastUsed;
};

KafkaScanner::KafkaScanner(KafkaConnection &connection) : m_connection(connection) {}

KafkaScanner::~KafkaScanner()
{
    std::map<TopicPartition, std::unique_ptr<Stream>> idle;
    std::vector<std::unique_ptr<Stream>> closing;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        idle.swap(m_idle);
        closing.swap(m_closing);
    }
    m_wake.notify_all();
    if (m_reaper.joinable())
        m_reaper.join();
}

void KafkaScanner::setIdleTimeout(std::chrono::milliseconds timeout)
{
    {
        std::lock_guard lock(m_mutex);
        m_idleTimeout = timeout;
    }
    m_wake.notify_all();
}

Result<std::unique_ptr<KafkaScanner::Stream>> KafkaScanner::openStream(const TopicPartition &tp)
{
    auto handle = newReaderHandle(m_connection, {{"queued.max.messages.kbytes", QByteArray::number(kQueuedKBytes)},
                                                 {"queued.min.messages", QByteArray::number(kQueuedMessages)}});
    if (!handle)
        return handle.error();
    auto stream = std::make_unique<Stream>(m_handles);
    stream->tp = tp;
    stream->topicName = utf8(tp.topic);
    stream->handle = std::move(handle.value());
    stream->queue.reset(rd_kafka_queue_get_consumer(stream->handle.get()));
    return stream;
}

std::unique_ptr<KafkaScanner::Stream> KafkaScanner::takeStream(const TopicPartition &tp)
{
    std::lock_guard lock(m_mutex);
    auto it = m_idle.find(tp);
    if (it == m_idle.end())
        return nullptr;
    std::unique_ptr<Stream> stream = std::move(it->second);
    m_idle.erase(it);
    return stream;
}

void KafkaScanner::keepStream(std::unique_ptr<Stream> stream, bool finished)
{
    {
        std::lock_guard lock(m_mutex);
        stream->lastUsed = Clock::now();
        if (finished || m_stop || m_idle.count(stream->tp)) {
            m_closing.push_back(std::move(stream));
        } else {
            const TopicPartition tp = stream->tp;
            m_idle[tp] = std::move(stream);
            while (m_idle.size() > size_t(kMaxStreams)) {
                auto oldest = std::min_element(m_idle.begin(), m_idle.end(), [](const auto &a, const auto &b) {
                    return a.second->lastUsed < b.second->lastUsed;
                });
                m_closing.push_back(std::move(oldest->second));
                m_idle.erase(oldest);
            }
        }
        if (!m_reaper.joinable() && !m_stop)
            m_reaper = std::thread([this] { reap(); });
    }
    m_wake.notify_all();
}

void KafkaScanner::reap()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        std::vector<std::unique_ptr<Stream>> close;
        close.swap(m_closing);
        const auto now = Clock::now();
        std::optional<Clock::time_point> nextExpiry;
        for (auto it = m_idle.begin(); it != m_idle.end();) {
            const auto expiry = it->second->lastUsed + m_idleTimeout;
            if (expiry <= now) {
                close.push_back(std::move(it->second));
                it = m_idle.erase(it);
            } else {
                nextExpiry = nextExpiry ? std::min(*nextExpiry, expiry) : expiry;
                ++it;
            }
        }
        if (!close.empty()) {
            // rd_kafka_destroy() joins librdkafka's threads: never under the lock.
            lock.unlock();
            close.clear();
            lock.lock();
            continue;
        }
        if (nextExpiry)
            m_wake.wait_until(lock, *nextExpiry);
        else
            m_wake.wait(lock);
    }
}

void KafkaScanner::wakeFetcher(Stream &stream)
{
    // librdkafka stops fetching a partition whose queue has reached queued.min.messages or
    // queued.max.messages.kbytes, and looks again only when its broker thread wakes up: at
    // the latest after a second, or when it has a request to send. A partition read faster
    // than that would wait for most of the second; so once a queue that was full has been
    // half drained, a ListOffsets request (the watermarks, ~1 round trip) wakes the thread.
    const size_t queued = rd_kafka_queue_length(stream.queue.get());
    const double bytes = double(queued) * stream.meanBytes;
    const double maxMessages = kQueuedMessages, maxBytes = kQueuedKBytes * 1024.0;
    if (double(queued) >= 0.8 * maxMessages || bytes >= 0.8 * maxBytes) {
        stream.mayBeHeld = true;
    } else if (stream.mayBeHeld && double(queued) < 0.5 * maxMessages && bytes < 0.5 * maxBytes) {
        stream.mayBeHeld = false;
        int64_t low = -1, high = -1;
        rd_kafka_query_watermark_offsets(stream.handle.get(), stream.topicName.constData(), stream.tp.partition, &low,
                                         &high, m_connection.profile().requestTimeoutMs);
    }
}

Result<FilteredRead> KafkaScanner::scan(const TopicPartition &tp, qint64 from, qint64 until,
                                        const ScanPredicate &predicate, std::vector<Record> &matches)
{
    if (from < 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot read %1 from offset %2: offsets are >= 0").arg(tp.toString()).arg(from));
    if (until <= from)
        return FilteredRead{from, 0};

    std::unique_ptr<Stream> stream = takeStream(tp);
    if (!stream) {
        auto opened = openStream(tp);
        if (!opened)
            return opened.error();
        stream = std::move(opened.value());
    }
    const quint64 errorsBefore = m_connection.errors().sequence();
    if (stream->position != from) {
        // Not where the last window ended: start over at `from` (librdkafka drops what it
        // fetched for the old assignment; leftovers below `from` are skipped below too).
        stream->pending.clear();
        ListPtr list = newList(1);
        addOffset(list.get(), tp, from);
        if (const rd_kafka_resp_err_t err = rd_kafka_assign(stream->handle.get(), list.get())) {
            keepStream(std::move(stream), true);
            return makeKafkaError(err, QStringLiteral("reading %1").arg(tp.toString()));
        }
        stream->position = from;
    }

    const bool wantHeaders = predicate.filter.needsHeaders();
    std::vector<Header> headers;
    std::vector<Record> found;
    qint64 scanned = 0;
    qint64 next = from;
    bool done = false;
    bool atEnd = false; // the partition's end was reached in this window
    std::optional<Error> error;

    // Tests one message. One that belongs after the window is left in `m` (and `done` set):
    // the caller keeps it for the next window, in offset order.
    int retries = 0;
    const int timeout = m_connection.profile().requestTimeoutMs;
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout);
    auto isLater = [&](const MessagePtr &m) {
        return m && !m->err && m->rkt && m->partition == tp.partition && m->offset >= until &&
               stream->topicName == rd_kafka_topic_name(m->rkt);
    };
    auto consider = [&](MessagePtr &m) {
        const bool ours = m->rkt && m->partition == tp.partition && stream->topicName == rd_kafka_topic_name(m->rkt);
        if (m->rkt && !ours)
            return; // not this partition's (none should come)
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (m->offset >= next) {
                done = true; // nothing more in the partition now: the window is read
                atEnd = true;
            }
            return;
        }
        if ((m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE || m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET) &&
            retries < kOutOfRangeRetries && msLeft(deadline) > 0) {
            // As KafkaReader::fetch: an offset inside the watermarks refused as out of range
            // is a new leader whose high watermark has not caught up yet (KAFKA-16452); ask
            // again from the same offset after a short pause.
            int64_t low = -1, high = -1;
            if (rd_kafka_query_watermark_offsets(stream->handle.get(), stream->topicName.constData(), tp.partition,
                                                 &low, &high, msLeft(deadline)) == RD_KAFKA_RESP_ERR_NO_ERROR &&
                next >= low && next < high) {
                ++retries;
                std::this_thread::sleep_for(
                    std::min(std::chrono::milliseconds(50 * retries), std::chrono::milliseconds(msLeft(deadline))));
                stream->pending.clear();
                ListPtr list = newList(1);
                addOffset(list.get(), tp, next);
                if (rd_kafka_assign(stream->handle.get(), list.get()) == RD_KAFKA_RESP_ERR_NO_ERROR)
                    return;
            }
        }
        if (m->err) {
            error = Error(mapErrorCode(m->err), QStringLiteral("reading %1 at offset %2 failed: %3")
                                                    .arg(tp.toString())
                                                    .arg(next)
                                                    .arg(fromUtf8(rd_kafka_message_errstr(m.get()))));
            done = true;
            return;
        }
        if (!ours || m->offset < next)
            return; // left over from before a re-assign
        if (m->offset >= until) {
            done = true;
            return;
        }
        RecordView view;
        view.partition = m->partition;
        view.offset = m->offset;
        rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
        const int64_t ts = rd_kafka_message_timestamp(m.get(), &type);
        view.timestampMs = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? 0 : ts;
        view.keyIsNull = m->key == nullptr;
        if (m->key)
            view.key = QByteArrayView(static_cast<const char *>(m->key), qsizetype(m->key_len));
        view.valueIsNull = m->payload == nullptr; // a tombstone (an empty value has a payload)
        if (m->payload)
            view.value = QByteArrayView(static_cast<const char *>(m->payload), qsizetype(m->len));
        if (wantHeaders) {
            headers.clear();
            rd_kafka_headers_t *hdrs = nullptr;
            if (rd_kafka_message_headers(m.get(), &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
                const char *name = nullptr;
                const void *value = nullptr;
                size_t size = 0;
                for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
                     ++i) {
                    Header h;
                    h.key = QByteArray(name);
                    if (value)
                        h.value = QByteArray(static_cast<const char *>(value), qsizetype(size));
                    headers.push_back(std::move(h));
                }
            }
            view.headers = &headers;
        }
        ++scanned;
        next = m->offset + 1;
        stream->meanBytes += (double(m->len + m->key_len) - stream->meanBytes) / 64;
        if (predicate.matches(view))
            found.push_back(toRecord(m.get(), tp.topic));
        if (next >= until)
            done = true;
    };

    // First what an earlier window received past its end. A message past this window too
    // goes back to the front: the rest of `pending` comes after it (a window that ends on
    // markers or aborted records is read without taking any of it).
    while (!done && !stream->pending.empty()) {
        MessagePtr m = std::move(stream->pending.front());
        stream->pending.pop_front();
        consider(m);
        if (done && isLater(m))
            stream->pending.push_front(std::move(m));
    }

    std::array<rd_kafka_message_t *, 1024> batch;
    while (!done) {
        // What librdkafka has already fetched, without waiting; then wait for one message.
        const ssize_t want = ssize_t(std::min<qint64>(qint64(batch.size()), std::max<qint64>(1, until - next)));
        wakeFetcher(*stream);
        ssize_t got = rd_kafka_consume_batch_queue(stream->queue.get(), 0, batch.data(), size_t(want));
        if (got <= 0) {
            const int wait = msLeft(deadline);
            rd_kafka_message_t *one = rd_kafka_consume_queue(stream->queue.get(), std::min(wait, 100));
            if (!one) {
                if (wait == 0)
                    break;
                continue;
            }
            batch[0] = one;
            got = 1;
        }
        deadline = Clock::now() + std::chrono::milliseconds(timeout);
        ssize_t i = 0;
        for (; i < got && !done; ++i) {
            MessagePtr m(batch[size_t(i)]);
            consider(m);
            if (done && isLater(m))
                stream->pending.push_back(std::move(m)); // `pending` is empty here: the first of the next window's
        }
        for (; i < got; ++i) // received past the window: the next window's
            stream->pending.emplace_back(batch[size_t(i)]);
    }

    if (error || !done) {
        // The stream's state is unknown: close it, so a retry starts over at `from`.
        keepStream(std::move(stream), true);
        if (error)
            return *error;
        return m_connection.unreachable(RD_KAFKA_RESP_ERR__TIMED_OUT, timeout,
                                        QStringLiteral("reading %1 from offset %2").arg(tp.toString()).arg(next),
                                        errorsBefore);
    }
    if (!atEnd && stream->pending.empty()) {
        // A window that ended on its last offset: if that is the partition's end (the high
        // watermark the last fetch response brought, no request), the stream is done: closed
        // now rather than after the idle timeout.
        int64_t low = -1, high = -1;
        if (rd_kafka_get_watermark_offsets(stream->handle.get(), stream->topicName.constData(), tp.partition, &low,
                                           &high) == RD_KAFKA_RESP_ERR_NO_ERROR &&
            high >= 0 && until >= high)
            atEnd = true;
    }
    stream->position = until;
    keepStream(std::move(stream), atEnd);
    matches.insert(matches.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return FilteredRead{until, scanned};
}

} // namespace tidemark::kafka
