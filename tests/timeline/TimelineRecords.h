#pragma once

// The timeline tests' records, in the tests' one fake backend (tests/common/FakeBackend.h):
// keyed "user-<offset % keys>", stamped 100 ms apart from 1,700,000,000,000 ms, with values
// of 100 to 149 bytes, so lanes, colours and screenshots are the same in every run.

#include "FakeBackend.h"

#include <QtGlobal>

#include <vector>

namespace tidemark::test {

// Appends `count` records to topic[partition], creating the topic or the partition if needed.
inline void appendRecords(FakeBackend &backend, const QString &topic, int partition, int count, int keys = 5)
{
    backend.ensurePartitions(topic, partition + 1);
    const auto end = backend.watermarks(TopicPartition{topic, partition});
    if (!end)
        qFatal("appendRecords: %s", qPrintable(end.error().message));
    std::vector<OutgoingRecord> batch;
    batch.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const qint64 offset = end->high + i;
        OutgoingRecord r;
        r.partition = partition;
        r.timestampMs = 1'700'000'000'000 + offset * 100;
        r.key = QByteArray("user-") + QByteArray::number(offset % keys);
        r.value = QByteArray(int(100 + offset % 50), 'x');
        batch.push_back(std::move(r));
    }
    if (count > 0) {
        const auto produced = backend.produce(topic, batch, {});
        if (!produced)
            qFatal("appendRecords: %s", qPrintable(produced.error().message));
    }
}

} // namespace tidemark::test
