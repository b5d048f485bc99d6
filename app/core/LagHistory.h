#pragma once

// Lag over time, kept (issue 15): per connection, a small on-disk time series of every
// consumer group's committed offset and the log-end offset (high watermark) of each partition
// it has committed on, sampled by the LagRecorder (core/LagRecorder.h) and shown by the lag
// history chart.
//
// Three parts:
//   LagData     the time series in memory (a value; one thread at a time): ticks (the times a
//               sample was taken) and, per series (group x topic x partition), the points where
//               its committed offset or log end changed. A value holds until the next point, so
//               a quiet group costs no bytes per tick. It compacts itself (older data kept at
//               coarser resolution, then dropped) and encodes itself as the file's bytes.
//   LagFile     the file: "TMLAGv1\n", then records [u32 payload length][u32 CRC-32][payload],
//               little endian. Payloads: 'S' declares a series (id = the number of series
//               before it, group, topic, partition), 'T' a tick (time ms, then the series that
//               changed with their committed offset and log end). Samples are appended; a
//               compaction rewrites the whole file atomically (QSaveFile: write, fsync,
//               rename). A record whose length, checksum or content does not hold ends the
//               file: that torn tail is dropped and said in the load report, never misread.
//   LagHistory  a QObject on the GUI thread that owns the LagData and does every file
//               operation in order on one worker thread (load, appends, rewrites): the GUI
//               thread never waits on the disk.
//
// Bounds (LagLimits): ticks of the last hour are kept at the sampling rate (10 s), the last
// day at one per minute, the last 7 days at one per 10 minutes, nothing older; and the file
// is kept under maxBytes by dropping the oldest ticks at compaction. Compaction runs after
// loading, every compactEveryMs of clock time, and when the appends since the last rewrite
// pass maxBytes / 8; so the file stays under maxBytes * 9 / 8 plus one tick.
//
// Time lag: the age of the oldest unconsumed record is estimated from the kept log ends: the
// record at the committed offset was written by the first tick whose log end passed that
// offset, so its age is now minus that tick (to the sampling resolution). When the history
// starts after it was written, the age is at least the history's length (ageIsLowerBound).
//
// Time: every time comes from the injected wall clock (core/Clock.h), so tests of "the
// previous hour" step a manual clock instead of waiting.

#include "core/Backend.h"
#include "core/Clock.h"
#include "core/ConnectionProfile.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QIODevice;
class QThreadPool;

namespace tidemark {

struct LagLimits {
    qint64 rawMs = 3600'000;             // kept at the sampling rate
    qint64 minuteMs = 24 * 3600'000LL;   // then one tick per minute
    qint64 keepMs = 7 * 24 * 3600'000LL; // then one tick per 10 minutes; older: dropped
    qint64 maxBytes = 16 * 1024 * 1024;  // the file, after compaction
    qint64 compactEveryMs = 10 * 60'000; // of clock time
};

struct LagSeriesKey {
    QString group;
    TopicPartition tp;
    friend bool operator==(const LagSeriesKey &, const LagSeriesKey &) = default;
    friend bool operator<(const LagSeriesKey &a, const LagSeriesKey &b)
    {
        const int c = QString::compare(a.group, b.group);
        return c < 0 || (c == 0 && a.tp < b.tp);
    }
};

// One sampled value of a series; -1: unknown (nothing committed, or the group is gone).
struct LagValue {
    qint64 committed = -1;
    qint64 logEnd = -1;
    friend bool operator==(const LagValue &, const LagValue &) = default;
};

// A group's lag at one tick, summed over its partitions.
struct LagRow {
    qint64 timeMs = 0;
    qint64 lag = 0;   // records: sum of max(0, log end - committed) over known partitions
    qint64 ageMs = 0; // the oldest unconsumed record's estimated age (max over partitions)
    bool ageIsLowerBound = false;
    int partitions = 0; // partitions with a known committed offset and log end
};

// Least squares over the rows of the last window: lag change per second, and when the lag
// reaches zero at that rate (only when it falls).
struct LagTrend {
    bool known = false;                // at least two rows in the window
    double recordsPerSecond = 0;       // negative: the group catches up
    qint64 lag = 0;                    // at the last row
    std::optional<qint64> catchUpAtMs; // wall-clock time the lag reaches 0, if falling
};
LagTrend lagTrend(const std::vector<LagRow> &rows, qint64 windowMs);

class LagData {
public:
    // Adds a sample at timeMs: every series in `values` has that value now; known series that
    // are absent become unknown. A time not after the last tick is refused (empty result).
    // Returns the bytes to append to the file for it.
    QByteArray add(qint64 timeMs, const std::map<LagSeriesKey, LagValue> &values);
    // Keeps the tiers of `limits` relative to nowMs, then drops the oldest ticks until
    // encode() fits in limits.maxBytes. Returns the number of ticks dropped.
    int compact(qint64 nowMs, const LagLimits &limits);
    // The whole file.
    QByteArray encode() const;

    const std::vector<qint64> &ticks() const { return m_ticks; }
    const std::vector<LagSeriesKey> &series() const { return m_keys; }
    std::vector<QString> groups() const; // sorted
    std::optional<LagValue> valueAt(const LagSeriesKey &key, qint64 timeMs) const;
    // The group's rows for the ticks in [fromMs, toMs] where it had a known partition.
    std::vector<LagRow> rows(const QString &group, qint64 fromMs, qint64 toMs) const;

    // Export: one line per tick and series with a known value, time-ordered.
    enum class Format { Csv, JsonLines };
    // Returns the lines written, or an error (the device's).
    Result<qint64> exportTo(QIODevice &out, Format format, const QString &group = {}) const;

    // Decoding (LagFile): applies one record's payload; false if it does not make sense.
    bool applyRecord(const QByteArray &payload);

private:
    struct Point {
        qint64 timeMs;
        LagValue value;
    };
    int idOf(const LagSeriesKey &key, QByteArray *declare);

    std::vector<qint64> m_ticks;
    std::vector<LagSeriesKey> m_keys; // by id
    std::map<LagSeriesKey, int> m_ids;
    std::vector<std::vector<Point>> m_points; // by id, change points in time order
};

struct LagLoad {
    LagData data;
    QString report;             // empty, or what was dropped ("torn tail: 37 bytes at byte 4096 dropped")
    std::optional<Error> error; // the file could not be read at all (then data is empty)
};

namespace LagFile {
QByteArray header();
QByteArray record(const QByteArray &payload);
LagLoad load(const QString &path);
Status append(const QString &path, const QByteArray &bytes);
Status rewrite(const QString &path, const QByteArray &bytes); // atomic
} // namespace LagFile

// The file of a connection under `directory`: "local-<hash>.lag" or "kafka-<hash>.lag", the
// hash of the data directory or of the bootstrap servers.
QString lagHistoryPath(const QString &directory, const ConnectionSpec &spec);

class LagHistory final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagHistory)

public:
    // Starts loading `path` on the worker at once.
    LagHistory(QString path, Clock clock, LagLimits limits = {}, QObject *parent = nullptr);
    ~LagHistory() override; // waits for the worker's queued writes (a few kB)

    // A sample of every group, at the clock's time (GUI thread). Before the file is loaded it
    // is kept and written after what was loaded.
    void record(const std::vector<GroupInfo> &groups);

    const LagData &data() const { return m_data; }
    bool isLoaded() const { return m_loaded; }
    QString path() const { return m_path; }
    qint64 now() const { return m_clock(); }
    // The load's report (a torn tail) and the last file error; empty when none.
    QString loadReport() const { return m_loadReport; }
    QString lastError() const { return m_lastError; }
    // For tests: waits until the worker has written everything queued.
    void flush();

signals:
    void loaded();
    void changed();                       // a sample was added or the history compacted
    void problem(const QString &message); // a torn tail dropped, or a write that failed

private:
    void onLoaded(LagLoad load);
    void addNow(qint64 timeMs, const std::map<LagSeriesKey, LagValue> &values);
    void compactAndRewrite();
    void write(std::function<Status()> op);

    QString m_path;
    Clock m_clock;
    LagLimits m_limits;
    std::unique_ptr<QThreadPool> m_worker; // one thread: file operations run in order
    LagData m_data;
    bool m_loaded = false;
    std::vector<std::pair<qint64, std::map<LagSeriesKey, LagValue>>> m_pending; // before loaded
    qint64 m_lastCompactMs = 0;
    qint64 m_appendedBytes = 0;
    QString m_loadReport;
    QString m_lastError;
};

// A group's partitions as the values of a sample.
std::map<LagSeriesKey, LagValue> lagValuesOf(const std::vector<GroupInfo> &groups);

} // namespace tidemark
