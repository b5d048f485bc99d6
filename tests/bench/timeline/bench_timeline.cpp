// The timeline's scale goals, measured against a peer in the same run:
//  - frame time (p50/p95) while panning and zooming 16 lanes x 10M records at 1600x900 on the
//    offscreen raster, against a Qt Charts QLineSeries of 1M points at the same size;
//  - memory per record shown: the RSS slope between 16 x 1M and 16 x 10M records.
// Prints the figures, the ratios and whether each goal is met. Not a test: exit code 0 unless
// something could not run.
//
//   bench_timeline            full run (about a minute)
//   bench_timeline --quick    2M records per lane, fewer frames (a smoke run)
//   bench_timeline --timeline-only   skip the Qt Charts peer (for profiling)

#include "core/timeline/TimelineModel.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QValueAxis>

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace tidemark;

namespace {

constexpr int kLanes = 16;
constexpr QSize kFrame(1600, 900);

qint64 residentBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

// Fills [from, to) of every lane with synthetic summaries: runs of a few keys, wandering sizes.
void fill(TimelineModel &model, qint64 from, qint64 to)
{
    std::vector<RecordSummary> batch;
    batch.reserve(65536);
    for (int p = 0; p < kLanes; ++p) {
        model.setWatermarks(p, 0, to);
        for (qint64 start = from; start < to; start += 65536) {
            batch.clear();
            const qint64 end = std::min(to, start + 65536);
            for (qint64 o = start; o < end; ++o) {
                RecordSummary r;
                r.offset = o;
                r.timestampMs = 1'700'000'000'000 + o;
                r.keyIsNull = false;
                r.keyHash = quint32(((o >> 14) + p) % 23) * 2654435761u + quint32(o % 7 == 0 ? o : 0);
                r.size = quint32(100 + ((o * 2654435761u) >> 7) % 400);
                batch.push_back(r);
            }
            model.addSummaries(p, batch);
        }
    }
}

// CPU time of this thread: frame cost without the time other processes take from us (the
// machine is shared; wall time is reported too).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Stats {
    double p50 = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size() - 1) + 0.5))]; };
    return Stats{at(0.5), at(0.95), ms.back()};
}

// Pan/zoom script shared by both peers: zoom in 40 steps, pan 40, zoom out 40, pan 40.
struct Step {
    double zoom; // factor (> 1 zooms in), 1: pan
    double pan;  // share of the width
};

std::vector<Step> script(int perPhase)
{
    std::vector<Step> s;
    for (int i = 0; i < perPhase; ++i)
        s.push_back({1.18, 0});
    for (int i = 0; i < perPhase; ++i)
        s.push_back({1, -0.02});
    for (int i = 0; i < perPhase; ++i)
        s.push_back({1 / 1.18, 0});
    for (int i = 0; i < perPhase; ++i)
        s.push_back({1, 0.03});
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const bool timelineOnly = app.arguments().contains(QStringLiteral("--timeline-only")); // for profiling
    const qint64 small = 1'000'000;
    const qint64 large = quick ? 2'000'000 : 10'000'000;
    const int perPhase = quick ? 10 : 40;

    std::printf("bench_timeline: %d lanes, canvas %dx%d, offscreen raster%s\n", kLanes, kFrame.width(), kFrame.height(),
                quick ? " (quick)" : "");

    // --- memory: RSS slope between 16 x 1M and 16 x large records -----------------------
    TimelineView view;
    qint64 fakeNow = 1'000'000;
    view.setClock([&fakeNow] { return fakeNow; });
    view.setTopic(QStringLiteral("bench"));
    TimelineModel &model = *view.model();
    std::vector<PartitionInfo> parts;
    for (int p = 0; p < kLanes; ++p) {
        PartitionInfo info;
        info.partition = p;
        parts.push_back(info);
    }
    model.setPartitions(parts);
    QElapsedTimer clock;
    clock.start();
    fill(model, 0, small);
    const qint64 rssSmall = residentBytes();
    const qint64 modelSmall = qint64(model.memoryBytes());
    fill(model, small, large);
    const qint64 rssLarge = residentBytes();
    const qint64 modelLarge = qint64(model.memoryBytes());
    const double loadSeconds = double(clock.elapsed()) / 1000.0;
    const double recordsAdded = double(kLanes) * double(large - small);
    const double rssSlope = double(rssLarge - rssSmall) / recordsAdded;
    const double modelSlope = double(modelLarge - modelSmall) / recordsAdded;
    std::printf("memory: RSS %.1f MiB at %lldx%lld records, %.1f MiB at %lldx%lld (loaded in %.1f s)\n",
                double(rssSmall) / 1048576.0, qlonglong(kLanes), qlonglong(small), double(rssLarge) / 1048576.0,
                qlonglong(kLanes), qlonglong(large), loadSeconds);
    std::printf("memory per record shown: %.2f bytes (RSS slope), %.2f bytes (model's own count)\n", rssSlope,
                modelSlope);

    // A group and consumers, so markers and lag are drawn too.
    GroupInfo g;
    g.groupId = QStringLiteral("billing");
    for (int p = 0; p < kLanes; ++p) {
        GroupPartitionState s;
        s.tp = TopicPartition{QStringLiteral("bench"), p};
        s.committed = large * (50 + p) / 100;
        g.partitions.push_back(s);
    }
    model.setGroups({g});
    std::vector<ConsumerStatus> consumers;
    for (int c = 0; c < 4; ++c) {
        ConsumerStatus st;
        st.consumerId = QStringLiteral("billing #%1").arg(c + 1);
        st.groupId = QStringLiteral("billing");
        st.state = ConsumerStatus::State::Running;
        for (int p = c; p < kLanes; p += 4) {
            const TopicPartition tp{QStringLiteral("bench"), p};
            st.assignment.push_back(tp);
            st.positions[tp] = large * (55 + p) / 100;
        }
        consumers.push_back(st);
    }
    model.setConsumers(consumers);
    fakeNow += 10'000;

    // --- timeline frames --------------------------------------------------------------
    const int header = view.sizeHint().height() - view.canvas()->sizeHint().height();
    view.resize(kFrame.width(), kFrame.height() + std::max(0, header));
    view.show();
    QApplication::processEvents();
    TimelineCanvas *canvas = view.canvas();
    canvas->resize(kFrame); // measure exactly the 1600x900 canvas
    QImage target(kFrame, QImage::Format_ARGB32_Premultiplied);
    canvas->render(&target); // warm-up; fits the view to all records
    std::vector<double> timelineMs, timelineCpu;
    for (const Step &step : script(perPhase)) {
        if (step.zoom != 1)
            canvas->viewport().zoomAt(kFrame.width() * 0.6, step.zoom);
        else
            canvas->viewport().panByPixels(step.pan * kFrame.width());
        fakeNow += 16;
        QElapsedTimer t;
        const double cpu0 = threadCpuMs();
        t.start();
        canvas->render(&target);
        timelineMs.push_back(double(t.nsecsElapsed()) / 1e6);
        timelineCpu.push_back(threadCpuMs() - cpu0);
    }
    const Stats timeline = stats(timelineMs);
    const Stats timelineCpuStats = stats(timelineCpu);
    std::printf("timeline, %d lanes x %lld records: %zu frames, wall p50 %.2f ms, p95 %.2f ms, max %.2f ms; "
                "cpu p50 %.2f ms, p95 %.2f ms\n",
                kLanes, qlonglong(large), timelineMs.size(), timeline.p50, timeline.p95, timeline.max,
                timelineCpuStats.p50, timelineCpuStats.p95);
    for (int phase = 0; phase < 4; ++phase) {
        const auto from = timelineMs.begin() + phase * perPhase;
        const Stats s = stats(std::vector<double>(from, from + perPhase));
        static const char *names[] = {"zoom in", "pan", "zoom out", "pan"};
        std::printf("  %-8s wall p50 %.2f ms, p95 %.2f ms\n", names[phase], s.p50, s.p95);
    }
    target.save(QStringLiteral("bench_timeline_last_frame.png"));
    view.hide();
    if (timelineOnly)
        return 0;

    // --- the peer: Qt Charts, one QLineSeries of 1M points ------------------------------
    const int points = 1'000'000;
    auto *series = new QLineSeries;
    QList<QPointF> data;
    data.reserve(points);
    for (int i = 0; i < points; ++i)
        data.append(QPointF(i, 200 + 150 * std::sin(i / 5000.0) + ((i * 2654435761u) >> 24) % 40));
    series->replace(data);
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->addSeries(series);
    auto *x = new QValueAxis;
    auto *y = new QValueAxis;
    x->setRange(0, points);
    y->setRange(0, 450);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QChartView chartView(chart);
    chartView.resize(kFrame);
    chartView.show();
    QApplication::processEvents();
    static_cast<QWidget &>(chartView).render(&target); // warm-up
    std::vector<double> chartMs, chartCpu;
    double lo = 0, hi = points;
    // Charts frames are slow: a quarter of the script's steps, same shape.
    for (const Step &step : script(std::max(3, perPhase / 4))) {
        const double span = hi - lo;
        if (step.zoom != 1) {
            const double anchor = lo + 0.6 * span;
            const double next = span / std::pow(step.zoom, 4);
            lo = anchor - 0.6 * next;
            hi = lo + next;
        } else {
            lo += step.pan * 4 * span;
            hi += step.pan * 4 * span;
        }
        x->setRange(lo, hi);
        QElapsedTimer t;
        const double cpu0 = threadCpuMs();
        t.start();
        static_cast<QWidget &>(chartView).render(&target);
        chartMs.push_back(double(t.nsecsElapsed()) / 1e6);
        chartCpu.push_back(threadCpuMs() - cpu0);
    }
    const Stats charts = stats(chartMs);
    const Stats chartsCpu = stats(chartCpu);
    std::printf("Qt Charts QLineSeries, %d points: %zu frames, wall p50 %.2f ms, p95 %.2f ms, max %.2f ms; "
                "cpu p50 %.2f ms, p95 %.2f ms\n",
                points, chartMs.size(), charts.p50, charts.p95, charts.max, chartsCpu.p50, chartsCpu.p95);

    // --- ratios and goals ---------------------------------------------------------------
    const double records = double(kLanes) * double(large);
    std::printf("ratio (Qt Charts / timeline): p50 %.1fx, p95 %.1fx, while the timeline shows %.0fx the points\n",
                charts.p50 / timeline.p50, charts.p95 / timeline.p95, records / points);
    std::printf("ratio by cpu time: p50 %.1fx, p95 %.1fx\n", chartsCpu.p50 / timelineCpuStats.p50,
                chartsCpu.p95 / timelineCpuStats.p95);
    std::printf("goal p95 < 16 ms: %s (wall %.2f ms, cpu %.2f ms)\n", timeline.p95 < 16 ? "met" : "NOT met",
                timeline.p95, timelineCpuStats.p95);
    std::printf("goal >= 10x faster than Qt Charts (p95): %s (%.1fx)\n",
                charts.p95 / timeline.p95 >= 10 ? "met" : "NOT met", charts.p95 / timeline.p95);
    std::printf("goal < 50 bytes per record: %s (%.2f bytes)\n", rssSlope < 50 ? "met" : "NOT met", rssSlope);
    return 0;
}
