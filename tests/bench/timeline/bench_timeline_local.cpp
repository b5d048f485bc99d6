// The timeline on a real-size built-in-broker partition (issue 16): a partition of 100M records
// with small values is made in a temporary data directory (a few GB: 8-byte keys in long runs,
// 16-byte values; 62 bytes a record on disk), and opened in a TimelineView (1600x900,
// offscreen) through the same level-of-detail loader as on Kafka. Peers in the same run:
//  - a partition of 1/100 of the records (1M), opened the same way: the cost of an open is
//    what the screen shows, so it should be about the same (flat) for 100x the records;
//  - reading the whole small partition, as the loader does for a topic it reads completely
//    (and, with --full, the whole big one too: minutes and a few hundred MB).
// For each: records and bytes the loader read (the built-in broker has no rxbytes: record
// bytes plus kRecordOverheadBytes each, as readSummaries estimates), the bytes the process
// really read from files (/proc/self/io rchar: pread calls; plus read_bytes, from the disk),
// the time to the first frame that shows every lane, to the first frame of the whole range
// (the coarse pass), until the overview is complete, the peak RSS, and a zoom to a
// 10,000-record window in the middle (records and bytes read, time). The data directory is
// deleted at the end unless --keep.
//
//   build/tests/bench/timeline/bench_timeline_local [--records 100000000] [--peer-records N]
//                                [--dir DIR] [--keep] [--full]
//
// Not a test: numbers depend on the machine and its disk (the page cache is not dropped: the
// partition was just written, so most of it may be cached; rchar counts what was read either way).

#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"
#include "core/timeline/TimelineModel.h"
#include "logbroker/LocalBackend.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineView.h"

#include "TimelinePhases.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdio>

#include <malloc.h>

using namespace tidemark;

namespace {

constexpr QSize kFrame(1600, 900);
constexpr qint64 kZoomWindow = 10'000;

constexpr const char *kBench = "bench_timeline_local";
[[noreturn]] void die(const QString &message) { bench::die(kBench, message); }
using bench::procField;

qint64 peakRss() { return procField("/proc/self/status", "VmHWM:", 1024); }
qint64 readChars() { return procField("/proc/self/io", "rchar:", 1); }
qint64 diskReadBytes() { return procField("/proc/self/io", "read_bytes:", 1); }

void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

qint64 bytesUnder(const QString &dir)
{
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}

// `records` records with 8-byte keys (runs of 100,000 records per key, 16 keys) and 16-byte
// values, appended in chunks of 100,000.
void makePartition(Backend &backend, const QString &topic, qint64 records)
{
    if (auto s = backend.createTopic(TopicSpec{topic, 1, 1, {}}); !s.ok())
        die(s.error().toString());
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 kChunk = 100'000;
    std::vector<OutgoingRecord> chunk;
    for (qint64 done = 0; done < records; done += kChunk) {
        chunk.clear();
        const qint64 n = std::min(kChunk, records - done);
        chunk.reserve(size_t(n));
        for (qint64 i = done; i < done + n; ++i) {
            OutgoingRecord r;
            r.key = QByteArray("key-") + QByteArray::number((i / 100'000) % 16).rightJustified(4, '0');
            r.value = QByteArray::number(i).rightJustified(16, '0');
            r.partition = 0;
            chunk.push_back(std::move(r));
        }
        auto reports = backend.produce(topic, chunk, ProduceOptions{PartitionerKind::Murmur2, 600000});
        if (!reports)
            die(reports.error().toString());
        if (!reports->empty() && reports->back().error)
            die(reports->back().error->toString());
        if ((done / kChunk) % 100 == 99)
            std::printf("  %s: %lld records, %.0f s\n", qPrintable(topic), qlonglong(done + n),
                        double(clock.elapsed()) / 1000.0);
    }
    std::printf("made %s: %lld records in %.1f s (%.2f M records/s)\n", qPrintable(topic), qlonglong(records),
                double(clock.elapsed()) / 1000.0, double(records) / 1e3 / double(std::max<qint64>(1, clock.elapsed())));
}

struct Phase {
    qint64 records = 0; // of the partition
    qint64 loaderRecords = 0, loaderBytes = 0, reads = 0, probes = 0;
    qint64 rchar = 0, diskBytes = 0;
    double firstFrameMs = 0, coarseMs = 0, overviewMs = 0;
    qint64 peakRss = 0;
    qint64 zoomRecords = -1, zoomBytes = 0, zoomRchar = 0;
    double zoomMs = 0;
};

Phase openTopic(const std::shared_ptr<Backend> &backend, const QString &topic, bool everything)
{
    Phase out;
    malloc_trim(0);
    resetPeakRss();
    const qint64 rchar0 = readChars(), disk0 = diskReadBytes();
    AsyncBackend async(backend);
    TimelineView view;
    view.resize(kFrame.width(), kFrame.height() + 120);
    view.show();
    QApplication::processEvents();
    if (everything)
        view.loader()->setCompleteLoadLimit(std::numeric_limits<qint64>::max());
    TimelineModel &model = *view.model();
    QImage target(view.canvas()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer clock;
    clock.start();
    view.setBackend(&async);
    view.setTopic(topic);
    const bench::OpenTimes times = bench::timeOpening(kBench, view, 1, everything, target, clock, 3'600'000);
    out.firstFrameMs = times.firstFrameMs;
    out.coarseMs = times.coarseMs;
    out.overviewMs = times.overviewMs;
    out.records = model.laneCount() > 0 ? model.highWatermark(0) - model.summary(0).logStart() : 0;
    out.loaderRecords = view.loader()->recordsFetched();
    out.loaderBytes = view.loader()->bytesFetched();
    out.reads = view.loader()->readCount();
    out.probes = view.loader()->probeCount();
    out.rchar = readChars() - rchar0;
    out.diskBytes = diskReadBytes() - disk0;
    if (!everything) {
        const LaneSummary &s = model.summary(0);
        const qint64 mid = (s.logStart() + s.highWatermark()) / 2;
        const qint64 records0 = view.loader()->recordsFetched(), bytes0 = view.loader()->bytesFetched();
        const qint64 zoomRchar0 = readChars();
        out.zoomMs = bench::timeZoom(kBench, view, target, mid, kZoomWindow);
        out.zoomRecords = view.loader()->recordsFetched() - records0;
        out.zoomBytes = view.loader()->bytesFetched() - bytes0;
        out.zoomRchar = readChars() - zoomRchar0;
        if (const qint64 loaded = s.loadedCountIn(mid, mid + kZoomWindow); loaded != kZoomWindow)
            std::printf("zoom: %lld of the window's %lld records loaded\n", qlonglong(loaded), qlonglong(kZoomWindow));
    }
    out.peakRss = peakRss();
    view.setBackend(nullptr);
    return out;
}

void print(const char *name, const Phase &p)
{
    std::printf("%-10s %11lld records: loader read %10lld records, %9.2f MB (%lld reads, %lld probes); files read "
                "(rchar) %9.2f MB, from disk %8.2f MB; first frame %7.0f ms, whole range (coarse pass) %7.0f ms, "
                "overview %8.0f ms; peak RSS %6.1f MB\n",
                name, qlonglong(p.records), qlonglong(p.loaderRecords), double(p.loaderBytes) / 1e6, qlonglong(p.reads),
                qlonglong(p.probes), double(p.rchar) / 1e6, double(p.diskBytes) / 1e6, p.firstFrameMs, p.coarseMs,
                p.overviewMs, double(p.peakRss) / 1e6);
    if (p.zoomRecords >= 0)
        std::printf("%-10s zoom to %lld records: loader read %lld records, %.2f MB; files read (rchar) %.2f MB; "
                    "%.0f ms\n",
                    name, qlonglong(kZoomWindow), qlonglong(p.zoomRecords), double(p.zoomBytes) / 1e6,
                    double(p.zoomRchar) / 1e6, p.zoomMs);
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
    parser.addOption({QStringLiteral("records"), QStringLiteral("Records of the big partition."), QStringLiteral("n"),
                      QStringLiteral("100000000")});
    parser.addOption({QStringLiteral("peer-records"), QStringLiteral("Records of the peer (default: records/100)."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Data directory (kept if it exists; default: a temp dir)."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("Keep the data directory.")});
    parser.addOption({QStringLiteral("full"), QStringLiteral("Also read the whole big partition.")});
    parser.process(app);
    const qint64 records = parser.value(QStringLiteral("records")).toLongLong();
    const qint64 peerRecords = parser.isSet(QStringLiteral("peer-records"))
                                   ? parser.value(QStringLiteral("peer-records")).toLongLong()
                                   : std::max<qint64>(1, records / 100);

    QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/bench-timeline-local-XXXXXX"));
    const QString dir = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    temp.setAutoRemove(!parser.isSet(QStringLiteral("keep")) && !parser.isSet(QStringLiteral("dir")));
    auto opened = openLocalBackend(dir);
    if (!opened)
        die(opened.error().toString());
    std::shared_ptr<Backend> backend = opened.value();
    const QString big = QStringLiteral("big"), peer = QStringLiteral("peer");
    auto existing = backend->watermarks(TopicPartition{big, 0});
    if (!existing || existing->high != records) {
        if (existing)
            (void)backend->deleteTopic(big);
        makePartition(*backend, big, records);
    }
    existing = backend->watermarks(TopicPartition{peer, 0});
    if (!existing || existing->high != peerRecords) {
        if (existing)
            (void)backend->deleteTopic(peer);
        makePartition(*backend, peer, peerRecords);
    }
    malloc_trim(0);
    std::printf("data directory %s: %.2f GB on disk; canvas %dx%d\n", qPrintable(dir), double(bytesUnder(dir)) / 1e9,
                kFrame.width(), kFrame.height());

    const Phase lodBig = openTopic(backend, big, false);
    print("lod big", lodBig);
    const Phase lodPeer = openTopic(backend, peer, false);
    print("lod peer", lodPeer);
    const Phase fullPeer = openTopic(backend, peer, true);
    print("full peer", fullPeer);
    Phase fullBig;
    if (parser.isSet(QStringLiteral("full"))) {
        fullBig = openTopic(backend, big, true);
        print("full big", fullBig);
    }

    // The big partition's bytes: its files on disk (frames of 62 bytes, indexes).
    double bigBytes = 0;
    for (QDirIterator it(dir, {QStringLiteral("big-0")}, QDir::Dirs, QDirIterator::Subdirectories); it.hasNext();)
        bigBytes = double(bytesUnder(it.next()));
    std::printf("the big partition: %.2f GB on disk\n", bigBytes / 1e9);
    std::printf("\nbig / peer (%lldx the records, same level-of-detail path): loader bytes %.2f, files read %.2f, "
                "first frame %.2f, whole range %.2f, overview %.2f, peak RSS %.2f\n",
                qlonglong(records / std::max<qint64>(1, peerRecords)),
                double(lodBig.loaderBytes) / double(std::max<qint64>(1, lodPeer.loaderBytes)),
                double(lodBig.rchar) / double(std::max<qint64>(1, lodPeer.rchar)),
                lodBig.firstFrameMs / lodPeer.firstFrameMs, lodBig.coarseMs / lodPeer.coarseMs,
                lodBig.overviewMs / lodPeer.overviewMs, double(lodBig.peakRss) / double(lodPeer.peakRss));
    std::printf("lod big against reading the whole peer (1/%lld of its records): files read %.3f, overview %.3f\n",
                qlonglong(records / std::max<qint64>(1, peerRecords)),
                double(lodBig.rchar) / double(std::max<qint64>(1, fullPeer.rchar)),
                lodBig.overviewMs / fullPeer.overviewMs);
    if (parser.isSet(QStringLiteral("full")))
        std::printf("lod big against reading the whole big partition: files read %.4f, overview %.4f, peak RSS %.3f\n",
                    double(lodBig.rchar) / double(std::max<qint64>(1, fullBig.rchar)),
                    lodBig.overviewMs / fullBig.overviewMs, double(lodBig.peakRss) / double(fullBig.peakRss));
    std::printf("open of %lld records: loader read %.3f%% of its bytes on disk, files read %.3f%% (goal <= 1%%): %s; "
                "whole range drawn in %.0f ms (goal <= 1000 ms): %s; peak RSS %.1f MB (goal < 200 MB): %s\n",
                qlonglong(records), 100.0 * double(lodBig.loaderBytes) / bigBytes,
                100.0 * double(lodBig.rchar) / bigBytes, double(lodBig.rchar) <= 0.01 * bigBytes ? "met" : "NOT met",
                lodBig.coarseMs, lodBig.coarseMs <= 1000 ? "met" : "NOT met", double(lodBig.peakRss) / 1e6,
                lodBig.peakRss < 200'000'000 ? "met" : "NOT met");
    std::printf("zoom to %lld records: loader read %lld records (%.2f MB), files %.2f MB\n", qlonglong(kZoomWindow),
                qlonglong(lodBig.zoomRecords), double(lodBig.zoomBytes) / 1e6, double(lodBig.zoomRchar) / 1e6);
    return 0;
}
