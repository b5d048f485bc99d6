#pragma once

// What the timeline highlights: every record of the topic that a filter in the filter language
// (core/RecordFilter.h) matches, typically one key (`key == "00042"`: all on one lane, which is
// the lesson of keyed partitioning), or the Messages panel's filter. Exact, never from the
// timeline's samples: the matches come from a complete RecordScan through AsyncBackend, one
// batch per call (never on the GUI thread), the same scan the Messages panel's search runs.
// Matches are kept as offsets per partition (sorted, 8 bytes each; at most kMaxKeptMatches,
// the rest counted), so the canvas can draw the ones in view as ticks on the lanes.
//
// A new filter, a new topic or clear() drops the scan in flight (its results are ignored).
//
// Thread: GUI thread only (results arrive through AsyncBackend's queued callbacks).

#include "core/AsyncBackend.h"
#include "core/RecordScan.h"
#include "core/RequestScope.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace tidemark {

class TimelineHighlight final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineHighlight)

public:
    static constexpr qint64 kMaxKeptMatches = 2'000'000;

    explicit TimelineHighlight(QObject *parent = nullptr);
    ~TimelineHighlight() override;

    void setBackend(AsyncBackend *backend); // drops the highlight
    void setTopic(const QString &topic);    // drops the highlight

    // The filter text that matches exactly the records whose key is `key` (bytes that are
    // not printable text are written as \xHH). A null key: `key is null`.
    static QString keyFilter(const std::optional<QByteArray> &key);

    // Highlights the matches of `filterText` (scanned from the topic's log start to its high
    // watermark as they are now). Returns false (and highlights nothing) if the text does not
    // parse or is blank; a filter equal to the current one keeps the scan and its matches.
    bool setFilter(const QString &filterText);
    void clear();

    bool isActive() const { return !m_filterText.isEmpty(); }
    QString filterText() const { return m_filterText; }
    // True once the scan read every planned record (false while scanning or after an error).
    bool isComplete() const { return m_complete; }
    bool isScanning() const { return isActive() && !m_complete && m_error.isEmpty(); }
    QString error() const { return m_error; }
    qint64 matchCount() const { return m_progress.matches; }
    const RecordScan::Progress &progress() const { return m_progress; }
    // Matching offsets per partition, ascending.
    const std::map<int, std::vector<qint64>> &offsets() const { return m_offsets; }
    // The matches in [from, to) of `partition`, ascending.
    std::vector<qint64> offsetsIn(int partition, qint64 from, qint64 to) const;
    // Every kept match as (partition, offset), by partition then offset.
    std::vector<std::pair<int, qint64>> matches() const;

    // Records per scan step (tests use small ones, to see a scan in progress).
    void setBatchSize(int records) { m_batchSize = records; }

signals:
    // The filter, the matches or the scan's state changed.
    void changed();

private:
    void restart();
    void dropScan(); // and every answer still on its way
    void step();

    QPointer<AsyncBackend> m_backend;
    QString m_topic;
    QString m_filterText;    // empty: no highlight
    RequestScope m_requests; // renewed with every new scan
    std::shared_ptr<RecordScan> m_scan;
    std::shared_ptr<Backend> m_scanBackend; // keeps the scan's Backend alive
    RecordScan::Progress m_progress;
    std::map<int, std::vector<qint64>> m_offsets;
    qint64 m_kept = 0;
    bool m_complete = false;
    QString m_error;
    int m_batchSize = 5000;
};

} // namespace tidemark
