#pragma once

// Small helpers shared by the logbroker tests: a backend on a temp dir, keyed records,
// produce-and-check, and whole-partition reads.

#include "core/Backend.h"
#include "logbroker/LocalBackend.h"
#include "logbroker/LogStore.h"

#include <QTest>

#include <memory>

namespace tidemark::test {

inline std::shared_ptr<LocalBackend> openLocal(const QString &dir)
{
    auto backend = openLocalBackend(dir);
    if (!backend) {
        qWarning("openLocalBackend(%s): %s", qPrintable(dir), qPrintable(backend.error().toString()));
        return nullptr;
    }
    return std::static_pointer_cast<LocalBackend>(*backend);
}

inline OutgoingRecord keyed(const QByteArray &key, const QByteArray &value, int partition = -1, qint64 ts = 0)
{
    OutgoingRecord r;
    r.key = key;
    r.value = value;
    r.partition = partition;
    r.timestampMs = ts;
    return r;
}

// Produces and fails the test (returns false) on any error; fills the reports.
inline bool produceAll(Backend &backend, const QString &topic, const std::vector<OutgoingRecord> &records,
                       std::vector<DeliveryReport> *reports = nullptr)
{
    auto r = backend.produce(topic, records, ProduceOptions{});
    if (!r) {
        qWarning("produce: %s", qPrintable(r.error().toString()));
        return false;
    }
    for (const DeliveryReport &d : *r) {
        if (d.error) {
            qWarning("delivery: %s", qPrintable(d.error->toString()));
            return false;
        }
    }
    if (reports)
        *reports = *r;
    return true;
}

// Every record of a partition from the log start, in fetch batches.
inline std::vector<Record> readAll(Backend &backend, const TopicPartition &tp, int batch = 1000)
{
    std::vector<Record> out;
    auto wm = backend.watermarks(tp);
    if (!wm)
        return out;
    qint64 offset = wm->low;
    while (offset < wm->high) {
        auto got = backend.fetch(tp, offset, batch);
        if (!got || got->empty())
            break;
        out.insert(out.end(), got->begin(), got->end());
        offset = got->back().offset + 1;
    }
    return out;
}

} // namespace tidemark::test
