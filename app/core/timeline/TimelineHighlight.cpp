#include "core/timeline/TimelineHighlight.h"

#include <algorithm>

namespace tidemark {

namespace {

// One scan step's result, handed to the GUI thread.
struct HighlightStep {
    std::vector<std::pair<int, qint64>> matches;
    RecordScan::Progress progress;
};

} // namespace

TimelineHighlight::TimelineHighlight(QObject *parent) : QObject(parent) {}

TimelineHighlight::~TimelineHighlight() = default;

void TimelineHighlight::setBackend(AsyncBackend *backend)
{
    if (backend == m_backend)
        return;
    m_backend = backend;
    clear();
}

void TimelineHighlight::setTopic(const QString &topic)
{
    if (topic == m_topic)
        return;
    m_topic = topic;
    clear();
}

QString TimelineHighlight::keyFilter(const std::optional<QByteArray> &key)
{
    if (!key)
        return QStringLiteral("key is null");
    // Text stays readable; quotes, backslashes, control characters and bytes that are not
    // valid UTF-8 are escaped, so the literal's bytes are exactly the key's.
    QString text = QStringLiteral("key == \"");
    const QString decoded = QString::fromUtf8(*key);
    if (decoded.toUtf8() == *key) {
        for (const QChar c : decoded) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                text += QLatin1Char('\\') + c;
            else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                text += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                text += c;
        }
    } else {
        for (const char byte : *key) {
            const auto b = static_cast<unsigned char>(byte);
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
                text += QLatin1Char(char(b));
            else
                text += QStringLiteral("\\x%1").arg(uint(b), 2, 16, QLatin1Char('0'));
        }
    }
    return text + QLatin1Char('"');
}

bool TimelineHighlight::setFilter(const QString &filterText)
{
    const QString text = filterText.trimmed();
    if (text == m_filterText && !text.isEmpty())
        return true;
    const RecordFilter filter = RecordFilter::parse(text);
    if (!filter.isValid() || filter.isEmpty()) {
        clear();
        return false;
    }
    m_filterText = text;
    restart();
    return true;
}

void TimelineHighlight::clear()
{
    const bool wasActive = isActive();
    m_filterText.clear();
    dropScan();
    if (wasActive)
        emit changed();
}

void TimelineHighlight::dropScan()
{
    m_requests.renew();
    m_scan.reset();
    m_scanBackend.reset();
    m_progress = {};
    m_offsets.clear();
    m_kept = 0;
    m_complete = false;
    m_error.clear();
}

void TimelineHighlight::restart()
{
    dropScan();
    if (!m_backend || m_topic.isEmpty()) {
        m_error = tr("no topic to search");
        emit changed();
        return;
    }
    RecordScan::Options options;
    options.topic = m_topic;
    options.filter = RecordFilter::parse(m_filterText);
    options.batchSize = m_batchSize;
    m_scanBackend = m_backend->backend();
    m_scan = std::make_shared<RecordScan>(*m_scanBackend, options);
    emit changed();
    m_backend->run(
        m_requests.context(),
        [scan = m_scan](Backend &) -> Result<RecordScan::Progress> {
            const Status planned = scan->plan();
            if (!planned)
                return planned.error();
            return scan->progress();
        },
        [this](Result<RecordScan::Progress> planned) {
            if (!planned) {
                m_error = planned.error().message;
                emit changed();
                return;
            }
            m_progress = *planned;
            step();
        });
}

void TimelineHighlight::step()
{
    if (!m_backend || !m_scan)
        return;
    if (m_progress.done) {
        m_complete = true;
        emit changed();
        return;
    }
    m_backend->run(
        m_requests.context(),
        [scan = m_scan](Backend &) -> Result<HighlightStep> {
            std::vector<Record> records;
            const auto more = scan->step(records);
            if (!more)
                return more.error();
            HighlightStep out;
            out.matches.reserve(records.size());
            for (const Record &r : records)
                out.matches.emplace_back(r.partition, r.offset);
            out.progress = scan->progress();
            return out;
        },
        [this](Result<HighlightStep> result) {
            if (!result) {
                m_error = result.error().message;
                emit changed();
                return;
            }
            m_progress = result->progress;
            for (const auto &[partition, offset] : result->matches) {
                if (m_kept >= kMaxKeptMatches)
                    break;
                std::vector<qint64> &offsets = m_offsets[partition];
                offsets.insert(std::upper_bound(offsets.begin(), offsets.end(), offset), offset);
                ++m_kept;
            }
            emit changed();
            step();
        });
}

std::vector<qint64> TimelineHighlight::offsetsIn(int partition, qint64 from, qint64 to) const
{
    const auto it = m_offsets.find(partition);
    if (it == m_offsets.end())
        return {};
    const std::vector<qint64> &offsets = it->second;
    return {std::lower_bound(offsets.begin(), offsets.end(), from),
            std::lower_bound(offsets.begin(), offsets.end(), to)};
}

std::vector<std::pair<int, qint64>> TimelineHighlight::matches() const
{
    std::vector<std::pair<int, qint64>> out;
    out.reserve(size_t(m_kept));
    for (const auto &[partition, offsets] : m_offsets)
        for (const qint64 offset : offsets)
            out.emplace_back(partition, offset);
    return out;
}

} // namespace tidemark
