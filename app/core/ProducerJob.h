#pragma once

// Bulk production off the GUI thread: "generate N orders at R per second" and "import a
// JSON-lines file", with progress, pause and cancel.
//
// Threads: a ProducerJob (a QThread) is created and deleted on the GUI thread; run() works
// on its own thread and touches only the Backend (thread-safe by contract), its spec and
// its clock. setPaused() and cancel() may be called from any thread (atomics).
// progress() and finished() are emitted on the job thread; receivers on the GUI thread get
// them queued. progress() is coalesced to about ten per second.
//
// Imports are validated completely before anything is sent: a file with a bad line sends
// nothing and the result names every bad line (up to 20), so nothing is half-imported.

#include "core/Backend.h"
#include "core/Clock.h"
#include "core/ProduceLogic.h"

#include <QMetaType>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

namespace tidemark {

struct ProducerJobSpec {
    enum class Source { Generate, JsonLines };
    QString topic;
    PartitionerKind partitioner = PartitionerKind::Murmur2;
    KeyChoice key;
    Source source = Source::Generate;
    qint64 count = 1000;      // Generate: how many orders
    quint64 seed = 1;         // Generate: same seed, same orders
    qint64 firstOrderId = 1;  // Generate: order_id of the first order
    int userCount = 0;        // Generate: 0 any of 100,000 user ids, N one of the first N (OrderGenerator)
    QString filePath;         // JsonLines
    double ratePerSecond = 0; // 0: as fast as the broker acknowledges
    int maxBatch = 500;
};

struct ProducerJobProgress {
    qint64 sent = 0;   // acknowledged
    qint64 failed = 0; // refused or not acknowledged
    qint64 total = 0;
    bool paused = false;
    // Per partition, one past the highest acknowledged offset so far (for the broker state).
    std::map<int, qint64> nextOffsets;
};

struct ProducerJobResult {
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 total = 0;
    bool cancelled = false;
    std::optional<Error> error; // the job stopped early (or did not start) because of this
    QStringList problems;       // per-line or per-record problems, at most 20
    std::map<int, qint64> perPartition;
    std::map<int, qint64> nextOffsets; // as in ProducerJobProgress, at the end
    qint64 nextOrderId = 1;            // Generate: where a following job should continue
};

class ProducerJob final : public QThread {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProducerJob)

public:
    ProducerJob(std::shared_ptr<Backend> backend, ProducerJobSpec spec, Clock clock, QObject *parent = nullptr);
    ~ProducerJob() override; // cancels and waits

    const ProducerJobSpec &spec() const { return m_spec; }
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused.load(); }
    void cancel() { m_cancelled = true; }

signals:
    void progress(const tidemark::ProducerJobProgress &progress);
    void jobFinished(const tidemark::ProducerJobResult &result);

protected:
    void run() override;

private:
    ProducerJobResult execute();

    std::shared_ptr<Backend> m_backend; // released at the end of run(), on the job's thread
    const ProducerJobSpec m_spec;
    const Clock m_clock;
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_cancelled{false};
};

// Reads and validates a JSON-lines file (one JSON object per non-blank line) and works out
// each record's key under `key`. An Error (InvalidArgument or Io) lists the bad lines.
Result<std::vector<OutgoingRecord>> readJsonLines(const QString &path, const KeyChoice &key,
                                                  QStringList *problems = nullptr);

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::ProducerJobProgress)
Q_DECLARE_METATYPE(tidemark::ProducerJobResult)
