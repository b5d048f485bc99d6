// The timeline on a real-size Kafka topic (issue 16), before and after, in one run: a topic of
// seed orders in 3 partitions (produced with batch.size=16384, so batches are realistic) is
// opened in a TimelineView (1600x900, offscreen) over the Kafka backend, twice:
//  - after: the level-of-detail loader as the app runs it (probes of about one record batch
//    through the backend's summary reader, within the 50 MB budget);
//  - before: what the app did before issue 16, reading the whole topic (the loader with no
//    record limit, through Backend::fetchSummaries and the reader that prefetches 8 MB).
// For each: bytes fetched (after: librdkafka's rxbytes of the summary reader; before: the
// records' bytes as the loader counts them, which is less than what crossed the wire), bytes
// received on the loopback interface (/proc/net/dev, the whole machine: the cluster's own
// traffic and anyone else's is in it too), the time to the first frame that shows every lane
// (a record or a sample in each), the time to the first frame of the whole topic (the coarse
// pass over every lane is in: TimelineLoader::isCoarsePassDone), the time until the overview
// is complete, and the peak RSS of the phase. Then the ratios. After the overview, "after"
// zooms to a 10,000-record window in the middle of the topic and prints what that fetched:
// the bytes (rxbytes), the records librdkafka brought beyond the window per lane (its
// partitions' rxmsgs: exact, and the records of a batch before the offset asked for are not
// in it) and the fetch responses it dropped (rx_ver_drops: batches paid for nothing), against
// a peer in the same run: a fresh backend's summary reader reading exactly each lane's window
// in one range read.
//
//   tests/bench/timeline/bench_timeline_kafka.sh [BUILD_DIR] [RECORDS]   (takes the Kafka lock,
//                                           starts the test cluster if none runs)
//   build/tests/bench/timeline/bench_timeline_kafka [--records 3000000] [--topic NAME]
//                                           [--bootstrap 127.0.0.1:9094,...] [--keep]
//                                           [--no-before] (skip reading the whole topic)
//
// Not a test: numbers depend on the machine and the cluster.

#include "../common/KafkaBench.h"
#include "core/AsyncBackend.h"
#include "core/GroupsInBulk.h"
#include "core/Order.h"
#include "core/OrderGenerator.h"
#include "core/timeline/TimelineLoader.h"
#include "core/timeline/TimelineModel.h"
#include "kafka/KafkaBackend.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineView.h"

#include "../../common/ForwardingBackend.h"
#include "TimelinePhases.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>

#include <malloc.h>

using namespace tidemark;

namespace {

constexpr QSize kFrame(1600, 900);
constexpr int kPartitions = 3;
// KafkaSummaryReader::kKickMs: a read that waits this long for a batch assigns again.
constexpr int kKickMs = 50;

constexpr const char *kBench = "bench_timeline_kafka";
[[noreturn]] void die(const QString &message) { bench::die(kBench, message); }
std::shared_ptr<kafka::KafkaBackend> open(const KafkaProfile &profile) { return bench::openKafka(kBench, profile); }
qint64 statusField(const char *name)
{
    return bench::procField("/proc/self/status", name, 1024);
} // kB fields, in bytes

void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

qint64 loopbackReceived()
{
    QFile f(QStringLiteral("/proc/net/dev"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QByteArray t = line.trimmed();
        if (t.startsWith("lo:"))
            return t.mid(3).simplified().split(' ').value(0).toLongLong();
    }
    return -1;
}

// The Backend without its cheap summary reads: readSummaries() falls back to fetchSummaries()
// and the reader that prefetches, as every read went before issue 16.
class PlainReads final : public test::ForwardingBackend {
public:
    using ForwardingBackend::ForwardingBackend;
};

// The Kafka backend as the app uses it, with every call that opening a topic makes timed (from
// start(): the same instant as the phase's clock): describeTopic (partitions and watermarks),
// the groups, and each summary read (how, partition, offset, records, bytes), so that the time
// to the first frame can be split into its parts.
class TimedReads final : public test::ForwardingBackend, public CostedSummaryReader, public GroupsInBulk {
public:
    struct Call {
        QString what; // "describe", "groups", "probe", "range"
        int partition = -1;
        qint64 offset = -1;
        double startMs = 0, endMs = 0;
        qint64 records = 0, bytes = 0;
    };
    explicit TimedReads(std::shared_ptr<kafka::KafkaBackend> kafka) : ForwardingBackend(kafka), m_kafka(kafka) {}
    void start()
    {
        std::lock_guard lock(m_mutex);
        m_origin = std::chrono::steady_clock::now();
        m_calls.clear();
    }
    std::vector<Call> calls() const
    {
        std::lock_guard lock(m_mutex);
        return m_calls;
    }
    Result<TopicInfo> describeTopic(const QString &t) override
    {
        const double t0 = now();
        auto r = ForwardingBackend::describeTopic(t);
        note(Call{QStringLiteral("describe"), -1, -1, t0, now(), 0, 0});
        return r;
    }
    Result<std::vector<GroupInfo>> describeGroups() override
    {
        const double t0 = now();
        auto r = m_kafka->describeGroups();
        note(Call{QStringLiteral("groups"), -1, -1, t0, now(), 0, 0});
        return r;
    }
    Result<SummaryFetch> readSummaries(const TopicPartition &tp, qint64 offset, int maxRecords,
                                       SummaryRead how) override
    {
        const double t0 = now();
        auto r = m_kafka->readSummaries(tp, offset, maxRecords, how);
        note(Call{how == SummaryRead::Probe ? QStringLiteral("probe") : QStringLiteral("range"), tp.partition, offset,
                  t0, now(), r ? qint64(r->records.size()) : -1, r ? r->bytesFetched : 0});
        return r;
    }

private:
    double now() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_origin).count();
    }
    void note(const Call &c)
    {
        std::lock_guard lock(m_mutex);
        m_calls.push_back(c);
    }
    const std::shared_ptr<kafka::KafkaBackend> m_kafka;
    mutable std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_origin = std::chrono::steady_clock::now();
    std::vector<Call> m_calls;
};

qint64 produceTopic(const QString &bootstrap, const QString &topic, qint64 records)
{
    KafkaProfile profile = bench::kafkaProfile(bootstrap);
    profile.extraConfig.insert(QStringLiteral("batch.size"), QStringLiteral("16384"));
    profile.extraConfig.insert(QStringLiteral("linger.ms"), QStringLiteral("20"));
    profile.extraConfig.insert(QStringLiteral("acks"), QStringLiteral("1"));
    auto backend = open(profile);
    if (auto s = backend->createTopic(TopicSpec{topic, kPartitions, 1, {}}); !s.ok())
        die(s.error().toString());
    OrderGenerator generator(2016);
    qint64 bytes = 0;
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 kChunk = 200'000;
    for (qint64 done = 0; done < records; done += kChunk) {
        std::vector<OutgoingRecord> chunk;
        chunk.reserve(size_t(std::min(kChunk, records - done)));
        for (qint64 i = done; i < std::min(records, done + kChunk); ++i) {
            const Order o = generator.next();
            OutgoingRecord r;
            r.key = o.userId.toUtf8();
            r.value = orderToJson(o);
            r.partition = int(i % kPartitions);
            bytes += r.key->size() + r.value->size();
            chunk.push_back(std::move(r));
        }
        auto reports = backend->produce(topic, chunk, ProduceOptions{PartitionerKind::Murmur2, 600000});
        if (!reports)
            die(reports.error().toString());
        for (const DeliveryReport &d : *reports) {
            if (d.error)
                die(d.error->toString());
        }
    }
    std::printf("produced %lld seed orders (%.1f MB of keys and values) in %.1f s, batch.size=16384\n",
                qlonglong(records), double(bytes) / 1e6, double(clock.elapsed()) / 1000.0);
    return bytes;
}

struct Phase {
    qint64 bytesFetched = 0;   // what the loader counted
    qint64 bytesMeasured = -1; // rxbytes of the summary reader (after only)
    qint64 dropsMeasured = 0;  // fetch responses the summary reader dropped (after only)
    qint64 loopback = 0;
    double firstFrameMs = 0;
    double coarseMs = 0; // the coarse pass over every lane is in
    double lanesMs = 0, firstReadMs = 0;
    double overviewMs = 0;
    qint64 peakRss = 0;
    qint64 reads = 0, records = 0;
    qint64 probes = 0, probeBytes = 0;
    // The zoom to a 10,000-record window (after only).
    qint64 zoomWindow = 0; // records per lane
    qint64 zoomFrom = 0;
    qint64 zoomBytes = -1, zoomRecords = 0;
    qint64 zoomRxRecords = 0, zoomDrops = 0; // librdkafka's rxmsgs and rx_ver_drops
    double zoomMs = 0;
    qint64 zoomPeakRss = 0;
    std::vector<TimedReads::Call> calls; // until the whole topic is drawn (after only)
    qint64 kicks = 0;                    // reads that waited and assigned again, opening (after only)
    qint64 wakes = 0;                    // probes that woke the leader's broker thread, opening (after only)
};

// The peer of the zoom: what reading exactly [from, from + window) of each lane costs through
// the same kind of reader, on a fresh backend (one range read per lane, as the loader asks).
struct WindowRead {
    qint64 bytes = 0, records = 0, rxRecords = 0, drops = 0;
    double ms = 0;
};

constexpr qint64 kZoomWindow = 10'000;

// Opens `topic` in a TimelineView over `backend` and waits until the overview is complete
// (the loader is idle): `everything` reads the whole topic, as before issue 16.
Phase openTopic(const std::shared_ptr<Backend> &backend, const QString &topic, bool everything,
                kafka::KafkaBackend *measured, TimedReads *timed = nullptr)
{
    Phase out;
    resetPeakRss();
    const qint64 lo0 = loopbackReceived();
    const kafka::KafkaBackend::SummaryCounters c0 =
        measured ? measured->summaryCounters(0) : kafka::KafkaBackend::SummaryCounters{};
    AsyncBackend async(backend);
    TimelineView view;
    view.resize(kFrame.width(), kFrame.height() + 120);
    view.show();
    QApplication::processEvents();
    if (everything)
        view.loader()->setCompleteLoadLimit(std::numeric_limits<qint64>::max());
    view.loader()->setFetchBudget(everything ? std::numeric_limits<qint64>::max()
                                             : TimelineLoader::kDefaultFetchBudgetBytes);
    TimelineModel &model = *view.model();
    QImage target(view.canvas()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer clock;
    clock.start();
    if (timed)
        timed->start();
    view.setBackend(&async);
    view.setTopic(topic);
    const bench::OpenTimes times = bench::timeOpening(kBench, view, kPartitions, everything, target, clock, 1'800'000);
    out.firstFrameMs = times.firstFrameMs;
    out.coarseMs = times.coarseMs;
    out.lanesMs = times.lanesMs;
    out.firstReadMs = times.firstReadMs;
    out.overviewMs = times.overviewMs;
    out.bytesFetched = view.loader()->bytesFetched();
    out.reads = view.loader()->readCount();
    out.records = view.loader()->recordsFetched();
    out.probes = view.loader()->probeCount();
    out.probeBytes = view.loader()->probeBytes();
    if (measured) {
        const kafka::KafkaBackend::SummaryCounters c1 = measured->summaryCounters(500);
        out.bytesMeasured = c1.bytes - c0.bytes;
        out.dropsMeasured = c1.droppedResponses - c0.droppedResponses;
        out.kicks = c1.kicks - c0.kicks;
        out.wakes = c1.wakes - c0.wakes;
    }
    if (timed) {
        for (const TimedReads::Call &c : timed->calls()) {
            if (c.startMs <= out.coarseMs)
                out.calls.push_back(c);
        }
    }
    out.loopback = loopbackReceived() - lo0;
    out.peakRss = statusField("VmHWM:");
    if (measured) {
        // Zoom to a 10,000-record window in the middle of the first lane's range.
        const LaneSummary &s = model.summary(0);
        const qint64 mid = (s.logStart() + s.highWatermark()) / 2;
        const kafka::KafkaBackend::SummaryCounters z0 = measured->summaryCounters(500);
        const qint64 records0 = view.loader()->recordsFetched();
        out.zoomWindow = kZoomWindow;
        out.zoomFrom = mid;
        out.zoomMs = bench::timeZoom(kBench, view, target, mid, kZoomWindow);
        const kafka::KafkaBackend::SummaryCounters z1 = measured->summaryCounters(500);
        out.zoomBytes = z1.bytes - z0.bytes;
        out.zoomRxRecords = z1.records - z0.records;
        out.zoomDrops = z1.droppedResponses - z0.droppedResponses;
        out.zoomRecords = view.loader()->recordsFetched() - records0;
        for (int lane = 0; lane < model.laneCount(); ++lane) {
            const qint64 loaded = model.summary(lane).loadedCountIn(mid, mid + kZoomWindow);
            if (loaded != kZoomWindow)
                std::printf("zoom: lane %d has %lld of the window's %lld records loaded\n", lane, qlonglong(loaded),
                            qlonglong(kZoomWindow));
        }
        out.zoomPeakRss = statusField("VmHWM:");
    }
    view.setBackend(nullptr);
    return out;
}

// Where the time to the first frame of the whole topic went, from the timed calls: the
// partitions and watermarks (describeTopic), the summary reads (in flight: the network and
// librdkafka; a read that waited kKickMs and assigned again is a kick), and the time with no
// read in flight (the answer crossing to the GUI thread, the model taking it in, the loader
// picking the next read).
void printBreakdown(const Phase &p, bool trace)
{
    if (p.calls.empty())
        return;
    double describeStart = -1, describeEnd = -1, firstRead = -1, lastEnd = 0, inFlight = 0, longest = 0, idle = 0;
    int reads = 0, probes = 0, slow = 0;
    for (const TimedReads::Call &c : p.calls) {
        if (c.what == QLatin1String("describe") && describeStart < 0) {
            describeStart = c.startMs;
            describeEnd = c.endMs;
        }
        if (c.what != QLatin1String("probe") && c.what != QLatin1String("range"))
            continue;
        if (firstRead < 0)
            firstRead = c.startMs;
        else
            idle += std::max(0.0, c.startMs - lastEnd);
        lastEnd = std::max(lastEnd, c.endMs);
        ++reads;
        probes += c.what == QLatin1String("probe") ? 1 : 0;
        inFlight += c.endMs - c.startMs;
        longest = std::max(longest, c.endMs - c.startMs);
        slow += c.endMs - c.startMs >= kKickMs ? 1 : 0;
    }
    std::printf(
        "after   whole topic at %.0f ms = partitions and watermarks (describeTopic) %.0f..%.0f ms, first read "
        "at %.0f ms, %d reads (%d probes) in flight %.0f ms (longest %.0f ms, %d of %d ms or more; %lld "
        "kicks and %lld wake-ups while opening), no read in flight between them %.0f ms, last answer at %.0f ms\n",
        p.coarseMs, describeStart, describeEnd, firstRead, reads, probes, inFlight, longest, slow, kKickMs,
        qlonglong(p.kicks), qlonglong(p.wakes), idle, lastEnd);
    if (!trace)
        return;
    for (const TimedReads::Call &c : p.calls)
        std::printf("  %-8s p%-2d @%-9lld %7.1f..%7.1f ms (%5.1f ms) %5lld records %7lld bytes\n", qPrintable(c.what),
                    c.partition, qlonglong(c.offset), c.startMs, c.endMs, c.endMs - c.startMs, qlonglong(c.records),
                    qlonglong(c.bytes));
}

void print(const char *name, const Phase &p)
{
    std::printf("%-7s fetched %9.2f MB%s, loopback %9.2f MB, first frame %8.0f ms, whole topic (coarse pass) "
                "%8.0f ms, overview %9.0f ms, peak RSS %6.1f MB (%lld reads, %lld records, %lld probes, %lld fetches "
                "dropped)\n",
                name, double(p.bytesMeasured >= 0 ? p.bytesMeasured : p.bytesFetched) / 1e6,
                p.bytesMeasured >= 0 ? " (rxbytes)" : " (records)", double(p.loopback) / 1e6, p.firstFrameMs,
                p.coarseMs, p.overviewMs, double(p.peakRss) / 1e6, qlonglong(p.reads), qlonglong(p.records),
                qlonglong(p.probes), qlonglong(p.dropsMeasured));
    std::printf("%-7s partitions and watermarks known at %.0f ms, first read answered at %.0f ms\n", name, p.lanesMs,
                p.firstReadMs);
}

WindowRead readWindows(const KafkaProfile &profile, const QString &topic, qint64 from, qint64 window)
{
    auto kafka = open(profile);
    WindowRead out;
    const kafka::KafkaBackend::SummaryCounters c0 = kafka->summaryCounters(0);
    QElapsedTimer clock;
    clock.start();
    for (int p = 0; p < kPartitions; ++p) {
        auto read = kafka->readSummaries(TopicPartition{topic, p}, from, int(window), SummaryRead::Range);
        if (!read)
            die(read.error().toString());
        out.records += qint64(read->records.size());
    }
    out.ms = double(clock.nsecsElapsed()) / 1e6;
    const kafka::KafkaBackend::SummaryCounters c1 = kafka->summaryCounters(500);
    out.bytes = c1.bytes - c0.bytes;
    out.rxRecords = c1.records - c0.records;
    out.drops = c1.droppedResponses - c0.droppedResponses;
    return out;
}

// The zoom against its peer. Batches beyond the window per lane: the records librdkafka brought
// past the window (exact) in batches of the topic's size (16 KB over the bytes per record on
// the wire that the peer measured), plus one batch per dropped fetch response. The goal (one
// batch at each side) allows 2; the batch that holds the window's last record is already
// counted in it.
void printZoom(const Phase &p, const WindowRead &peer)
{
    if (p.zoomBytes < 0)
        return;
    const double window = double(p.zoomWindow) * kPartitions;
    const double wirePerRecord = double(peer.bytes) / double(std::max<qint64>(1, peer.rxRecords));
    const double recordsPerBatch = 16384.0 / wirePerRecord;
    auto beyond = [&](qint64 rxRecords, qint64 drops) {
        return ((double(rxRecords) - window) / recordsPerBatch + double(drops)) / kPartitions;
    };
    const double zoomBeyond = beyond(p.zoomRxRecords, p.zoomDrops);
    std::printf("zoom to %lld records per lane: fetched %.2f MB (rxbytes) for %lld records in %.0f ms, peak RSS %.1f "
                "MB; librdkafka brought %lld records (%.0f per lane beyond the window) and dropped %lld fetch "
                "responses\n",
                qlonglong(p.zoomWindow), double(p.zoomBytes) / 1e6, qlonglong(p.zoomRecords), p.zoomMs,
                double(p.zoomPeakRss) / 1e6, qlonglong(p.zoomRxRecords),
                (double(p.zoomRxRecords) - window) / kPartitions, qlonglong(p.zoomDrops));
    std::printf("peer (one range read of exactly the window per lane, fresh reader): fetched %.2f MB for %lld records "
                "in %.0f ms; librdkafka brought %lld records (%.0f per lane beyond), dropped %lld responses; "
                "%.1f bytes per record on the wire, ~%.0f records per 16 KB batch\n",
                double(peer.bytes) / 1e6, qlonglong(peer.records), peer.ms, qlonglong(peer.rxRecords),
                (double(peer.rxRecords) - window) / kPartitions, qlonglong(peer.drops), wirePerRecord, recordsPerBatch);
    std::printf("zoom / peer bytes %.3f; zoom fetched %.2f batches per lane beyond the window (goal <= 2, one at "
                "each side): %s; peer %.2f\n",
                double(p.zoomBytes) / double(std::max<qint64>(1, peer.bytes)), zoomBeyond,
                zoomBeyond <= 2.0 ? "met" : "NOT met", beyond(peer.rxRecords, peer.drops));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("records"), QStringLiteral("Seed orders to produce."), QStringLiteral("n"),
                      QStringLiteral("3000000")});
    parser.addOption(
        {QStringLiteral("topic"), QStringLiteral("Use this existing topic (no produce)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("bootstrap"), QStringLiteral("Bootstrap servers."), QStringLiteral("servers"),
                      QStringLiteral("127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("Keep the topic it produced.")});
    parser.addOption({QStringLiteral("no-before"), QStringLiteral("Skip reading the whole topic (needs --topic).")});
    parser.addOption({QStringLiteral("trace"), QStringLiteral("Print every call until the whole topic is drawn.")});
    parser.addOption(
        {QStringLiteral("repeat"),
         QStringLiteral("Open the topic this many times (fresh handles each time) and print the median and "
                        "worst time to the whole topic's first frame."),
         QStringLiteral("n"), QStringLiteral("1")});
    parser.process(app);
    const QString bootstrap = parser.value(QStringLiteral("bootstrap"));

    QString topic = parser.value(QStringLiteral("topic"));
    const bool produced = topic.isEmpty();
    qint64 topicBytes = 0;
    if (produced) {
        topic = QStringLiteral("bench-timeline-%1").arg(QDateTime::currentMSecsSinceEpoch());
        topicBytes = produceTopic(bootstrap, topic, parser.value(QStringLiteral("records")).toLongLong());
        malloc_trim(0); // the produced records are gone: give their pages back before measuring RSS
    }
    std::printf("topic %s, canvas %dx%d, budget %lld MB\n", qPrintable(topic), kFrame.width(), kFrame.height(),
                TimelineLoader::kDefaultFetchBudgetBytes / (1024 * 1024));

    // After first (its peak RSS is not the one of a process that read everything), each phase
    // with fresh client handles.
    Phase after, before;
    const bool trace = parser.isSet(QStringLiteral("trace"));
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());
    std::vector<double> wholeTopic;
    for (int run = 0; run < repeat; ++run) {
        auto kafka = open(bench::kafkaProfile(bootstrap));
        auto timed = std::make_shared<TimedReads>(kafka);
        after = openTopic(timed, topic, false, kafka.get(), timed.get());
        wholeTopic.push_back(after.coarseMs);
        if (repeat > 1)
            std::printf("run %d of %d:\n", run + 1, repeat);
        print("after", after);
        printBreakdown(after, trace);
    }
    if (repeat > 1) {
        std::sort(wholeTopic.begin(), wholeTopic.end());
        const auto within = std::count_if(wholeTopic.begin(), wholeTopic.end(), [](double ms) { return ms <= 1000; });
        std::printf("whole topic's first frame over %d opens: median %.0f ms, worst %.0f ms, best %.0f ms, %d of %d "
                    "within 1 s\n",
                    repeat, wholeTopic[wholeTopic.size() / 2], wholeTopic.back(), wholeTopic.front(), int(within),
                    repeat);
    }
    const qint64 topicRecords = [&] {
        auto kafka = open(bench::kafkaProfile(bootstrap));
        qint64 n = 0;
        for (int p = 0; p < kPartitions; ++p) {
            if (auto w = kafka->watermarks(TopicPartition{topic, p}))
                n += w->high - w->low;
        }
        return n;
    }();
    if (parser.isSet(QStringLiteral("no-before"))) {
        // Keys and values of the seed orders at the benchmark's usual size (measured: 223 bytes).
        const double perRecord = topicBytes > 0 ? double(topicBytes) / double(topicRecords) : 223.0;
        if (topicBytes == 0)
            topicBytes = qint64(perRecord * double(topicRecords));
        printZoom(after, readWindows(bench::kafkaProfile(bootstrap), topic, after.zoomFrom, after.zoomWindow));
        std::printf("open costs %.3f%% of the topic's ~%.1f MB of keys and values (%lld records; goal <= 1%%): %s\n",
                    100.0 * double(after.bytesMeasured) / double(topicBytes), double(topicBytes) / 1e6,
                    qlonglong(topicRecords),
                    double(after.bytesMeasured) <= 0.01 * double(topicBytes) ? "met" : "NOT met");
        std::printf("first frame %.0f ms, whole topic %.0f ms (goal <= 1000 ms): %s; peak RSS %.1f MB (goal < 200 MB): "
                    "%s\n",
                    after.firstFrameMs, after.coarseMs, after.coarseMs <= 1000 ? "met" : "NOT met",
                    double(after.peakRss) / 1e6, after.peakRss < 200'000'000 ? "met" : "NOT met");
        return 0;
    }
    {
        auto kafka = open(bench::kafkaProfile(bootstrap));
        before = openTopic(std::make_shared<PlainReads>(kafka), topic, true, nullptr);
    }
    print("before", before);
    if (topicBytes == 0)
        topicBytes = before.bytesFetched;
    printZoom(after, readWindows(bench::kafkaProfile(bootstrap), topic, after.zoomFrom, after.zoomWindow));
    const double afterBytes = double(after.bytesMeasured);
    std::printf("\nratios (after / before): bytes fetched %.4f, loopback %.4f, first frame %.3f, overview %.3f, "
                "peak RSS %.3f\n",
                afterBytes / double(before.bytesFetched), double(after.loopback) / double(before.loopback),
                after.firstFrameMs / before.firstFrameMs, after.overviewMs / before.overviewMs,
                double(after.peakRss) / double(before.peakRss));
    std::printf("open costs %.3f%% of the topic's %.1f MB of keys and values (goal <= 1%%): %s\n",
                100.0 * afterBytes / double(topicBytes), double(topicBytes) / 1e6,
                afterBytes <= 0.01 * double(topicBytes) ? "met" : "NOT met");
    std::printf("first frame %.0f ms, whole topic %.0f ms (goal <= 1000 ms): %s; peak RSS %.1f MB (goal < 200 MB): "
                "%s\n",
                after.firstFrameMs, after.coarseMs, after.coarseMs <= 1000 ? "met" : "NOT met",
                double(after.peakRss) / 1e6, after.peakRss < 200'000'000 ? "met" : "NOT met");
    if (produced && !parser.isSet(QStringLiteral("keep")))
        (void)open(bench::kafkaProfile(bootstrap))->deleteTopic(topic);
    return 0;
}
