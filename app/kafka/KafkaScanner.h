#pragma once

// The Kafka backend's FilteredScanner (core/FilteredScan.h): what a complete search
// (core/RecordScan) reads on Kafka. Instead of one fetch() per window (a watermark query, an
// assign, a fetch round trip, every record copied into a Record), each partition being scanned
// has a stream: a group-less consumer handle kept assigned to it between calls, so librdkafka
// keeps fetching ahead while the caller tests the window it has (the streams of a scan's
// partitions fetch in parallel, each from its leader). Each rd_kafka_message_t is tested
// against the predicate through a RecordView, in librdkafka's buffer; only matches are copied.
//
// Streams are bounded: at most kMaxStreams are kept between calls (the least recently used
// are closed first), each prefetches at most kQueuedKBytes (librdkafka stops fetching a full
// queue and looks again up to a second later; a queue drained by half wakes its fetcher with a
// request, see wakeFetcher()), a stream that has read to the end
// of its partition is closed at once, and one left idle for the idle timeout is closed by the
// reaper thread (a scan paused or cancelled leaves nothing behind for long). Handles are
// destroyed on the reaper thread or in the destructor, never inside a caller's scan of
// another partition.
//
// Offsets without a record (transaction markers, aborted records: the readers read
// read_committed, see KafkaReader.h) are passed over: a window is read once a message past it
// or the partition's end comes, and the messages received past it are kept, in offset order,
// for the next window.
//
// A window is read where the stream stands (a window that starts elsewhere re-assigns the
// stream there: a newest-first scan pays an assign per window, as fetch() does).
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: thread-safe. A call takes its partition's stream out of m_idle for its duration,
// so no two threads use one stream (two calls on the same partition at once get a stream
// each; the extra one is closed when returned). m_mutex guards m_idle, m_closing and m_stop;
// m_reaper (started with the first stream) closes idle and finished streams; the destructor
// stops it and closes the rest. Handles send their errors to the connection's error log.

#include "core/FilteredScan.h"
#include "kafka/KafkaCommon.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tidemark::kafka {

class KafkaConnection;

class KafkaScanner final {
public:
    static constexpr int kMaxStreams = 8;
    static constexpr int kOutOfRangeRetries = 5; // as KafkaReader::fetch
    // Prefetched per stream, at most (librdkafka's queued.max.messages.kbytes and
    // queued.min.messages): small, since wakeFetcher() keeps the fetcher going.
    static constexpr int kQueuedKBytes = 8192;
    static constexpr int kQueuedMessages = 50000;

    explicit KafkaScanner(KafkaConnection &connection);
    ~KafkaScanner();
    KafkaScanner(const KafkaScanner &) = delete;
    KafkaScanner &operator=(const KafkaScanner &) = delete;

    // FilteredScanner::scanFiltered.
    Result<FilteredRead> scan(const TopicPartition &tp, qint64 from, qint64 until, const ScanPredicate &predicate,
                              std::vector<Record> &matches);

    // Consumer handles alive now (in use, kept, or waiting to be closed). For tests.
    int openHandles() const { return m_handles.load(); }
    // How long a kept stream may stay unused before it is closed (default 10 s). For tests.
    void setIdleTimeout(std::chrono::milliseconds timeout);

private:
    struct Stream;
    using Clock = std::chrono::steady_clock;

    Result<std::unique_ptr<Stream>> openStream(const TopicPartition &tp);
    std::unique_ptr<Stream> takeStream(const TopicPartition &tp);
    // Keeps `stream` for the next window of its partition, or closes it (finished, a
    // duplicate, or beyond kMaxStreams).
    void keepStream(std::unique_ptr<Stream> stream, bool finished);
    void reap();
    // Called before each read of the stream's queue: wakes librdkafka's fetcher once a queue
    // seen near its limits has been half drained (1 round trip), so it never idles for long.
    void wakeFetcher(Stream &stream);

    KafkaConnection &m_connection;
    std::atomic<int> m_handles{0};

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<TopicPartition, std::unique_ptr<Stream>> m_idle; // kept between calls; m_mutex
    std::vector<std::unique_ptr<Stream>> m_closing;           // the reaper destroys these; m_mutex
    std::chrono::milliseconds m_idleTimeout{10000};           // m_mutex
    bool m_stop = false;                                      // m_mutex
    std::thread m_reaper;                                     // started under m_mutex, joined in the destructor
};

} // namespace tidemark::kafka
