#include "kafkaserver/ProducerStates.h"

#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Wire.h"
#include "logbroker/Crc32c.h"
#include "logbroker/FileIo.h"

#include <chrono>

namespace tidemark::kafkaserver {

using namespace protocol;
using namespace logbroker;

namespace {

constexpr qint64 kEntrySize = 48;
constexpr qint64 kCompactAfterBytes = 64 * 1024;

QByteArray encodeEntry(qint64 producerId, qint16 epoch, qint32 firstSeq, qint32 lastSeq, qint64 baseOffset,
                       qint64 lastOffset)
{
    QByteArray e(kEntrySize, '\0');
    char *p = e.data();
    putInt64(p, producerId);
    putInt16(p + 8, epoch);
    putInt32(p + 12, firstSeq);
    putInt32(p + 16, lastSeq);
    putInt64(p + 24, baseOffset);
    putInt64(p + 32, lastOffset);
    putInt32(p + 40, static_cast<qint32>(crc32c(p, 40)));
    return e;
}

qint32 nextSequence(qint32 seq) { return seq == std::numeric_limits<qint32>::max() ? 0 : seq + 1; }

} // namespace

ProducerStates::ProducerStates(QString dataDirectory) : m_directory(std::move(dataDirectory) + QStringLiteral("/kafka"))
{}

Result<std::pair<qint64, qint16>> ProducerStates::initProducerId(qint64 producerId, qint16 producerEpoch)
{
    if (producerId >= 0 && producerEpoch >= 0 && producerEpoch < std::numeric_limits<qint16>::max())
        return std::pair<qint64, qint16>(producerId, static_cast<qint16>(producerEpoch + 1));
    if (auto s = makeDirectories(m_directory); !s)
        return s.error();
    const QString path = m_directory + QStringLiteral("/producer-ids");
    auto fd = openFile(path, ReadWriteCreate);
    if (!fd)
        return fd.error();
    if (auto s = lockExclusive(fd->get(), path, std::chrono::seconds(10)); !s)
        return s.error();
    QByteArray text(32, '\0');
    auto n = readAt(fd->get(), text.data(), text.size(), 0, path);
    if (!n) {
        unlock(fd->get());
        return n.error();
    }
    text.truncate(*n);
    const qint64 id = text.trimmed().isEmpty() ? 0 : text.trimmed().toLongLong();
    const QByteArray next = QByteArray::number(id + 1).leftJustified(20, ' ') + '\n';
    Status written = writeAt(fd->get(), next.constData(), next.size(), 0, path);
    if (written)
        written = syncData(fd->get(), path);
    unlock(fd->get());
    if (!written)
        return written.error();
    return std::pair<qint64, qint16>(id, 0);
}

Status ProducerStates::load(Partition &p, qint64 highWatermark)
{
    auto bytes = readWholeFile(p.path, 64LL << 20);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound || !pathExists(p.path))
            return {};
        return bytes.error();
    }
    qint64 pos = 0;
    bool dropped = false;
    for (; pos + kEntrySize <= bytes->size(); pos += kEntrySize) {
        const char *e = bytes->constData() + pos;
        if (static_cast<quint32>(getInt32(e + 40)) != crc32c(e, 40))
            break; // a torn last entry: the batch was not acknowledged
        const qint64 pid = getInt64(e);
        BatchEntry entry{getInt32(e + 12), getInt32(e + 16), getInt64(e + 24), getInt64(e + 32)};
        if (entry.lastOffset >= highWatermark) {
            dropped = true; // the log lost this batch
            continue;
        }
        Producer &producer = p.producers[pid];
        const qint16 epoch = getInt16(e + 8);
        if (epoch != producer.epoch)
            producer.batches.clear();
        producer.epoch = epoch;
        producer.batches.push_back(entry);
        while (producer.batches.size() > kRememberedBatches)
            producer.batches.pop_front();
    }
    p.journalBytes = pos;
    if (dropped || pos != bytes->size())
        return compact(p);
    return {};
}

Status ProducerStates::compact(Partition &p)
{
    QByteArray out;
    for (const auto &[pid, producer] : p.producers) {
        for (const BatchEntry &b : producer.batches)
            out.append(encodeEntry(pid, producer.epoch, b.firstSeq, b.lastSeq, b.baseOffset, b.lastOffset));
    }
    if (auto s = writeFileAtomically(p.path, out, false); !s)
        return s;
    p.journalBytes = out.size();
    return {};
}

Status ProducerStates::journal(Partition &p, qint64 producerId, const Producer &producer, const BatchEntry &entry)
{
    if (p.journalBytes >= kCompactAfterBytes)
        return compact(p);
    if (auto s = makeDirectories(m_directory + QStringLiteral("/producers")); !s)
        return s;
    auto fd = openFile(p.path, ReadWriteCreate);
    if (!fd)
        return fd.error();
    const QByteArray e =
        encodeEntry(producerId, producer.epoch, entry.firstSeq, entry.lastSeq, entry.baseOffset, entry.lastOffset);
    if (auto s = writeAt(fd->get(), e.constData(), e.size(), p.journalBytes, p.path); !s)
        return s;
    p.journalBytes += e.size();
    return {};
}

ProducerStates::Outcome ProducerStates::append(const QString &topicId, int partition, qint64 highWatermark,
                                               const BatchHeader &batch, const std::function<Result<qint64>()> &append)
{
    std::shared_ptr<Partition> p;
    {
        std::lock_guard lock(m_mutex);
        auto &slot = m_partitions[{topicId, partition}];
        if (!slot) {
            slot = std::make_shared<Partition>();
            slot->path = m_directory + QStringLiteral("/producers/%1-%2.state").arg(topicId).arg(partition);
        }
        p = slot;
    }
    std::lock_guard lock(p->mutex);
    Outcome out;
    if (!p->loaded) {
        if (auto s = load(*p, highWatermark); !s) {
            out.errorCode = code(KafkaError::KafkaStorageError);
            out.message = s.error().message;
            return out;
        }
        p->loaded = true;
    }
    const qint32 firstSeq = batch.baseSequence;
    const qint32 lastSeq = static_cast<qint32>((static_cast<qint64>(firstSeq) + batch.lastOffsetDelta) %
                                               (static_cast<qint64>(std::numeric_limits<qint32>::max()) + 1));
    auto it = p->producers.find(batch.producerId);
    if (it != p->producers.end()) {
        Producer &producer = it->second;
        if (batch.producerEpoch < producer.epoch) {
            out.errorCode = code(KafkaError::InvalidProducerEpoch);
            out.message = QStringLiteral("producer %1 epoch %2 is older than the current epoch %3")
                              .arg(batch.producerId)
                              .arg(batch.producerEpoch)
                              .arg(producer.epoch);
            return out;
        }
        if (batch.producerEpoch == producer.epoch) {
            for (const BatchEntry &b : producer.batches) {
                if (b.firstSeq == firstSeq && b.lastSeq == lastSeq) {
                    out.duplicate = true;
                    out.baseOffset = b.baseOffset;
                    return out;
                }
            }
            if (!producer.batches.empty() && firstSeq != nextSequence(producer.batches.back().lastSeq)) {
                out.errorCode = code(KafkaError::OutOfOrderSequenceNumber);
                out.message = QStringLiteral("producer %1: sequence %2 does not follow %3")
                                  .arg(batch.producerId)
                                  .arg(firstSeq)
                                  .arg(producer.batches.back().lastSeq);
                return out;
            }
        } else if (firstSeq != 0) {
            out.errorCode = code(KafkaError::OutOfOrderSequenceNumber);
            out.message = QStringLiteral("producer %1: new epoch %2 must start at sequence 0, not %3")
                              .arg(batch.producerId)
                              .arg(batch.producerEpoch)
                              .arg(firstSeq);
            return out;
        }
    } else if (firstSeq != 0) {
        out.errorCode = code(KafkaError::OutOfOrderSequenceNumber);
        out.message =
            QStringLiteral("unknown producer %1 starts at sequence %2, not 0").arg(batch.producerId).arg(firstSeq);
        return out;
    }
    auto appended = append();
    if (!appended) {
        out.errorCode = code(KafkaError::KafkaStorageError);
        out.message = appended.error().message;
        return out;
    }
    Producer &producer = p->producers[batch.producerId];
    if (producer.epoch != batch.producerEpoch)
        producer.batches.clear();
    producer.epoch = batch.producerEpoch;
    const BatchEntry entry{firstSeq, lastSeq, *appended, *appended + batch.lastOffsetDelta};
    producer.batches.push_back(entry);
    while (producer.batches.size() > kRememberedBatches)
        producer.batches.pop_front();
    out.baseOffset = *appended;
    if (auto s = journal(*p, batch.producerId, producer, entry); !s) {
        // Written but not journalled: acknowledged all the same (the records are in the log);
        // only a retry of exactly this batch after a restart could be written twice.
        out.message = s.error().message;
    }
    return out;
}

} // namespace tidemark::kafkaserver
