#include "core/Replay.h"

#include "core/Partitioner.h"
#include "core/PluralCount.h"

#include <QCoreApplication>
#include <QLocale>

namespace tidemark {

namespace {

// lupdate files these messages under the namespace's context ("tidemark"): look them up there,
// or the Russian translations are never found.
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("tidemark", text, disambiguation, n);
}

qint64 payloadBytes(const Record &r) { return (r.key ? r.key->size() : 0) + (r.value ? r.value->size() : 0); }

} // namespace

Result<ReplayReport> replayScan(Backend &backend, const ReplayOptions &options, ReplayState &state)
{
    if (options.targetTopic.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, tr("choose a topic to produce the records to"));
    const auto target = backend.describeTopic(options.targetTopic);
    if (!target)
        return target.error();
    RecordScan scan(backend, options.source);
    if (const Status planned = scan.plan(); !planned)
        return planned.error();
    ReplayReport report;
    report.dryRun = options.dryRun;
    report.targetPartitions = target->partitionCount;
    if (report.targetPartitions <= 0)
        return Error(ErrorCode::Unavailable, tr("topic '%1' has no partitions yet").arg(options.targetTopic));
    // Same partition: every source partition the scan reads must exist in the target, checked
    // before anything is produced.
    if (options.placement == ReplayOptions::Placement::SamePartition)
        for (const RecordScan::Range &range : scan.ranges())
            if (range.size() > 0 && range.partition >= report.targetPartitions)
                return Error(ErrorCode::InvalidArgument,
                             tr("'%1' has %2 partitions, so records of partition %3 cannot keep their partition; "
                                "place them by key instead",
                                nullptr, report.targetPartitions)
                                 .arg(options.targetTopic)
                                 .arg(report.targetPartitions)
                                 .arg(range.partition));
    state.total = scan.progress().total;
    PartitionChooser chooser(options.partitioner);
    ProduceOptions produceOptions;
    produceOptions.partitioner = options.partitioner;

    std::vector<Record> matches;
    std::vector<OutgoingRecord> batch;
    std::vector<const Record *> batchSources;
    auto flush = [&]() -> Status {
        if (batch.empty())
            return {};
        const auto delivered = backend.produce(options.targetTopic, batch, produceOptions);
        if (!delivered)
            return delivered.error();
        for (size_t i = 0; i < delivered->size(); ++i) {
            const DeliveryReport &d = (*delivered)[i];
            if (d.error) {
                ++report.failed;
                if (report.firstFailure.isEmpty())
                    report.firstFailure = d.error->message;
                continue;
            }
            ++report.produced;
            for (ReplayReport::Sample &s : report.samples)
                if (s.sourcePartition == batchSources[i]->partition && s.sourceOffset == batchSources[i]->offset)
                    s.targetOffset = d.offset;
        }
        state.produced = report.produced;
        batch.clear();
        batchSources.clear();
        return {};
    };

    bool more = !scan.progress().done;
    while (more) {
        if (state.cancel.load())
            return Error(ErrorCode::Cancelled,
                         options.dryRun ? tr("cancelled")
                                        : tr("cancelled after %1 records were produced to %2")
                                              .arg(QLocale().toString(report.produced), options.targetTopic));
        matches.clear();
        const auto stepped = scan.step(matches);
        if (!stepped)
            return stepped.error();
        more = *stepped;
        report.scanned = scan.progress().scanned;
        state.total = scan.progress().total; // less the offsets without records found so far
        state.scanned = report.scanned;
        for (const Record &r : matches) {
            const int partition = options.placement == ReplayOptions::Placement::SamePartition
                                      ? r.partition
                                      : chooser.choose(r.key, report.targetPartitions);
            ReplayReport::Route &route = report.routes[{r.partition, partition}];
            ++route.records;
            route.bytes += payloadBytes(r);
            ++report.selected;
            report.bytes += payloadBytes(r);
            if (report.samples.size() < ReplayReport::kSamples)
                report.samples.push_back({r.partition, r.offset, partition, -1});
            if (options.dryRun)
                continue;
            OutgoingRecord out;
            out.key = r.key;
            out.value = r.value;
            out.headers = r.headers;
            out.partition = partition;
            out.timestampMs = options.keepTimestamps ? r.timestampMs : 0;
            batch.push_back(std::move(out));
            batchSources.push_back(&r);
            if (int(batch.size()) >= std::max(1, options.batchRecords))
                if (const Status sent = flush(); !sent)
                    return sent.error();
        }
        // `batchSources` points into `matches`: send before the next step clears it.
        if (const Status sent = flush(); !sent)
            return sent.error();
    }
    return report;
}

} // namespace tidemark
