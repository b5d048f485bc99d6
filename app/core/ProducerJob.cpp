#include "core/ProducerJob.h"

#include "core/Order.h"
#include "core/OrderGenerator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace tidemark {

namespace {
constexpr int kMaxProblems = 20;
}

Result<std::vector<OutgoingRecord>> readJsonLines(const QString &path, const KeyChoice &key, QStringList *problems)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, ProducerJob::tr("cannot open %1: %2").arg(path, file.errorString()));
    const QString name = QFileInfo(path).fileName();
    std::vector<OutgoingRecord> records;
    QStringList bad;
    qint64 badCount = 0;
    qint64 lineNumber = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++lineNumber;
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        QString problem;
        if (const qsizetype nul = line.indexOf('\0'); nul >= 0) {
            // Never JSON; nlohmann's lexer would take it for the end of the line.
            problem = ProducerJob::tr("malformed JSON at byte %1").arg(nul + 1);
        } else {
            try {
                const auto doc = nlohmann::json::parse(line.constBegin(), line.constEnd());
                if (!doc.is_object())
                    problem = ProducerJob::tr("not a JSON object");
            } catch (const nlohmann::json::parse_error &e) {
                problem = ProducerJob::tr("malformed JSON at byte %1").arg(e.byte);
            } catch (const nlohmann::json::exception &e) { // 1e400 was an uncaught exception
                problem = jsonNumberOutOfRange(e);
            }
        }
        std::optional<QByteArray> recordKey;
        if (problem.isEmpty()) {
            auto k = keyFor(key, line);
            if (!k)
                problem = k.error().message;
            else
                recordKey = *k;
        }
        if (!problem.isEmpty()) {
            if (++badCount <= kMaxProblems)
                bad << ProducerJob::tr("%1 line %2: %3").arg(name).arg(lineNumber).arg(problem);
            continue;
        }
        OutgoingRecord r;
        r.key = std::move(recordKey);
        r.value = std::move(line);
        records.push_back(std::move(r));
    }
    if (file.error() != QFileDevice::NoError)
        return Error(ErrorCode::Io, ProducerJob::tr("cannot read %1: %2").arg(path, file.errorString()));
    if (problems)
        *problems = bad;
    if (badCount > 0)
        return Error(ErrorCode::InvalidArgument, ProducerJob::tr("%1: %2 invalid line(s), nothing was sent; first: %3")
                                                     .arg(name)
                                                     .arg(badCount)
                                                     .arg(bad.value(0)));
    return records;
}

ProducerJob::ProducerJob(std::shared_ptr<Backend> backend, ProducerJobSpec spec, Clock clock, QObject *parent)
    : QThread(parent), m_backend(std::move(backend)), m_spec(std::move(spec)), m_clock(std::move(clock))
{
    setObjectName(QStringLiteral("producer job"));
}

ProducerJob::~ProducerJob()
{
    cancel();
    wait();
}

void ProducerJob::run()
{
    const ProducerJobResult result = execute();
    // If this is the last reference (the connection was switched meanwhile), the Backend's
    // destructor (joins, flushes) runs here and not on the GUI thread.
    m_backend.reset();
    emit jobFinished(result);
}

ProducerJobResult ProducerJob::execute()
{
    ProducerJobResult result;
    result.nextOrderId = m_spec.firstOrderId;

    std::vector<OutgoingRecord> lines; // JsonLines: everything, validated up front
    if (m_spec.source == ProducerJobSpec::Source::JsonLines) {
        auto read = readJsonLines(m_spec.filePath, m_spec.key, &result.problems);
        if (!read) {
            result.error = read.error();
            return result;
        }
        lines = std::move(read.value());
        result.total = qint64(lines.size());
    } else {
        result.total = std::max<qint64>(0, m_spec.count);
    }

    OrderGenerator generator(m_spec.seed, m_spec.firstOrderId, m_spec.userCount);
    ProduceOptions options;
    options.partitioner = m_spec.partitioner;
    QElapsedTimer clock;
    clock.start();
    qint64 pausedMs = 0;
    qint64 lastProgress = -1000;
    qint64 next = 0; // index of the next record to send
    auto report = [&](bool force) {
        const qint64 now = clock.elapsed();
        if (!force && now - lastProgress < 100)
            return;
        lastProgress = now;
        emit progress(
            ProducerJobProgress{result.sent, result.failed, result.total, m_paused.load(), result.nextOffsets});
    };
    report(true);

    while (next < result.total) {
        if (m_cancelled.load()) {
            result.cancelled = true;
            break;
        }
        if (m_paused.load()) {
            const qint64 before = clock.elapsed();
            report(false);
            QThread::msleep(20);
            pausedMs += clock.elapsed() - before;
            continue;
        }
        qint64 due = result.total - next;
        if (m_spec.ratePerSecond > 0) {
            const double activeMs = double(clock.elapsed() - pausedMs);
            const qint64 allowed =
                std::min<qint64>(result.total, qint64(std::floor(activeMs * m_spec.ratePerSecond / 1000.0)) + 1);
            due = allowed - next;
            if (due <= 0) {
                const double nextAtMs = double(next) * 1000.0 / m_spec.ratePerSecond;
                const qint64 wait = std::clamp<qint64>(qint64(std::ceil(nextAtMs - activeMs)), 1, 20);
                report(false);
                QThread::msleep(static_cast<unsigned long>(wait));
                continue;
            }
        }
        const qint64 batchSize = std::min<qint64>(due, std::max(1, m_spec.maxBatch));
        std::vector<OutgoingRecord> batch;
        batch.reserve(size_t(batchSize));
        const qint64 stamp = m_clock ? m_clock() : 0;
        for (qint64 i = 0; i < batchSize; ++i) {
            OutgoingRecord r;
            if (m_spec.source == ProducerJobSpec::Source::JsonLines) {
                r = std::move(lines[size_t(next + i)]);
            } else {
                r.value = orderToJson(generator.next());
                auto key = keyFor(m_spec.key, *r.value);
                if (!key) {
                    result.error = key.error();
                    return result;
                }
                r.key = *key;
            }
            r.timestampMs = stamp;
            batch.push_back(std::move(r));
        }
        auto reports = m_backend->produce(m_spec.topic, batch, options);
        next += batchSize;
        result.nextOrderId = generator.nextOrderId();
        if (!reports) {
            result.failed += batchSize;
            result.error = reports.error();
            break;
        }
        for (const DeliveryReport &d : *reports) {
            if (d.error) {
                ++result.failed;
                if (result.problems.size() < kMaxProblems)
                    result.problems << d.error->message;
            } else {
                ++result.sent;
                ++result.perPartition[d.partition];
                qint64 &nextOffset = result.nextOffsets[d.partition];
                nextOffset = std::max(nextOffset, d.offset + 1);
            }
        }
        report(false);
    }
    report(true);
    return result;
}

} // namespace tidemark
