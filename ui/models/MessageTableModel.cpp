#include "ui/models/MessageTableModel.h"

#include "core/RecordFormat.h"
#include "ui/Style.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <climits>

namespace tidemark {

namespace {

constexpr int kWatchIntervalMs = 500; // live counts twice a second

// Works out the row ranges of `topic` under the filter's offsets and times. Runs on a
// worker thread.
Result<std::vector<PartitionRange>> computeRanges(Backend &backend, const QString &topic, int onlyPartition,
                                                  const MessageFilter &filter)
{
    auto info = backend.describeTopic(topic);
    if (!info)
        return info.error();
    std::vector<PartitionRange> ranges;
    for (const PartitionInfo &p : info->partitions) {
        if (onlyPartition >= 0 && p.partition != onlyPartition)
            continue;
        PartitionRange r{p.partition, p.logStartOffset, p.highWatermark};
        if (filter.fromOffset)
            r.begin = std::max(r.begin, *filter.fromOffset);
        if (filter.toOffset)
            r.end = std::min(r.end, *filter.toOffset + 1);
        const TopicPartition tp{topic, p.partition};
        if (filter.fromTimeMs && r.begin < r.end) {
            auto o = backend.offsetForTimestamp(tp, *filter.fromTimeMs);
            if (!o)
                return o.error();
            r.begin = std::max(r.begin, *o);
        }
        if (filter.toTimeMs && r.begin < r.end) {
            auto o = backend.offsetForTimestamp(tp, *filter.toTimeMs + 1);
            if (!o)
                return o.error();
            r.end = std::min(r.end, *o);
        }
        r.end = std::max(r.end, r.begin);
        ranges.push_back(r);
    }
    if (onlyPartition >= 0 && ranges.empty())
        return Error(ErrorCode::NotFound,
                     MessageTableModel::tr("topic '%1' has no partition %2").arg(topic).arg(onlyPartition));
    std::sort(ranges.begin(), ranges.end(), [](const auto &a, const auto &b) { return a.partition < b.partition; });
    return ranges;
}

// What one search step hands back to the GUI thread.
struct SearchStep {
    std::vector<Record> matches;
    RecordScan::Progress progress;
    bool more = false;
};

} // namespace

MessageTableModel::MessageTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_status = tr("No topic selected");
}

void MessageTableModel::setBackend(AsyncBackend *backend)
{
    m_backend = backend;
    watch();
    rebuild();
}

void MessageTableModel::watch()
{
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        m_state->unwatch(m_watch);
        m_watch = 0;
    }
    m_state = m_backend ? BrokerState::of(m_backend) : nullptr;
    if (!m_state || m_topic.isEmpty())
        return;
    connect(m_state, &BrokerState::topicChanged, this, [this](const QString &topic) {
        if (topic == m_topic)
            applyState();
    });
    m_watch = m_state->watchTopic(m_topic, kWatchIntervalMs);
}

void MessageTableModel::setTopic(const QString &topic)
{
    if (topic == m_topic)
        return;
    m_topic = topic;
    m_partition = -1;
    watch();
    rebuild();
}

void MessageTableModel::setPartition(int partition)
{
    if (partition == m_partition)
        return;
    m_partition = partition;
    rebuild();
}

void MessageTableModel::setFilter(const MessageFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    rebuild();
}

void MessageTableModel::setSearchOrder(RecordScan::Order order)
{
    if (order == m_order)
        return;
    m_order = order;
    if (m_searchMode)
        rebuild();
}

void MessageTableModel::setSearchState(SearchState state)
{
    if (state == m_searchState)
        return;
    m_searchState = state;
    setLoading(m_loadingRanges, state == SearchState::Running);
    emit searchStateChanged(state);
}

void MessageTableModel::setSearchLimits(int keptMatches, int batch)
{
    m_keptMatches = std::max(0, keptMatches);
    m_searchBatch = std::max(1, batch);
}

void MessageTableModel::pauseSearch()
{
    if (m_searchState != SearchState::Running)
        return;
    m_activeMs += m_activeTimer.elapsed();
    setSearchState(SearchState::Paused); // the step in flight finishes; no next one starts
    setStatus(rowStatus());
}

void MessageTableModel::resumeSearch()
{
    if (m_searchState != SearchState::Paused)
        return;
    m_activeTimer.start();
    setSearchState(SearchState::Running);
    setStatus(rowStatus());
    scanNext();
}

void MessageTableModel::cancelSearch()
{
    if (m_searchState != SearchState::Running && m_searchState != SearchState::Paused)
        return;
    if (m_searchState == SearchState::Running)
        m_activeMs += m_activeTimer.elapsed();
    setSearchState(SearchState::Cancelled);
    setStatus(rowStatus());
}

void MessageTableModel::setLiveTail(bool on) { m_liveTail = on; }

void MessageTableModel::refresh()
{
    if (m_state)
        m_state->refresh();
}

void MessageTableModel::reload() { rebuild(); }

void MessageTableModel::rebuild()
{
    m_requests.renew();
    beginResetModel();
    m_pager.reset(m_topic, {});
    m_matches.clear();
    m_scanJob.reset();
    m_scanBackend.reset();
    m_progress = {};
    m_stepInFlight = false;
    m_searchError.clear();
    m_searchMode = false;
    m_where = RecordFilter::parse(m_filter.text, m_filterOptions);
    endResetModel();
    setSearchState(SearchState::Idle);
    if (!m_backend || m_topic.isEmpty()) {
        setLoading(false, false);
        setStatus(m_backend ? tr("No topic selected") : tr("Not connected"));
        return;
    }
    if (!m_where.isValid()) {
        setLoading(false, false);
        setStatus(tr("Filter: %1").arg(m_where.error()->toString()));
        return;
    }
    if (!m_where.isEmpty()) {
        startSearch();
        return;
    }
    setLoading(true, false);
    setStatus(tr("Loading %1…").arg(m_topic));
    m_backend->run(
        m_requests.context(),
        [topic = m_topic, partition = m_partition, filter = m_filter](Backend &b) {
            return computeRanges(b, topic, partition, filter);
        },
        [this](Result<std::vector<PartitionRange>> ranges) {
            if (!ranges) {
                setLoading(false, false);
                setStatus(tr("Cannot read %1: %2").arg(m_topic, ranges.error().message));
                return;
            }
            applyRanges(std::move(ranges.value()));
        });
}

void MessageTableModel::applyRanges(std::vector<PartitionRange> ranges)
{
    // The rows end where the broker state says the partitions end (the ranges were read a
    // moment ago, the other panels show the state): later records come with its changes.
    if (const auto info = m_state ? m_state->topic(m_topic) : std::nullopt; info && m_state->isTopicLoaded(m_topic)) {
        for (PartitionRange &r : ranges) {
            for (const PartitionInfo &p : info->partitions)
                if (p.partition == r.partition && p.highWatermark >= r.begin)
                    r.end = std::min(r.end, p.highWatermark);
        }
    }
    beginResetModel();
    m_pager.reset(m_topic, std::move(ranges));
    endResetModel();
    setLoading(false, false);
    setStatus(rowStatus());
    emit rowsReady();
    applyState(false); // the state may know more than the ranges (but a reload is not redone)
}

QString MessageTableModel::rowStatus() const
{
    const QLocale locale;
    if (m_searchMode) {
        QStringList partitions;
        for (int p : m_progress.partitions)
            partitions << QString::number(p);
        const qint64 ms = m_activeMs + (m_searchState == SearchState::Running ? m_activeTimer.elapsed() : 0);
        const qint64 rate = ms > 0 ? m_progress.scanned * 1000 / ms : 0;
        // %Ln: the matches in the language's plural form ("1 match", "2 matches"; Russian has three).
        QString text = tr("Scanned %1 of %2 records in partitions %3, %Ln matches, %4 records/s", nullptr,
                          int(std::min<qint64>(m_progress.matches, INT_MAX)))
                           .arg(locale.toString(m_progress.scanned), locale.toString(m_progress.total),
                                partitions.join(QStringLiteral(", ")), locale.toString(rate));
        if (m_progress.matches > qint64(m_matches.size()))
            text += tr(" (the first %1 are listed; export the matches for all)").arg(locale.toString(m_keptMatches));
        switch (m_searchState) {
        case SearchState::Paused: return tr("Paused: %1").arg(text);
        case SearchState::Cancelled: return tr("Cancelled: %1").arg(text);
        case SearchState::Failed: return tr("Search stopped: %1. %2").arg(m_searchError, text);
        case SearchState::Done: return tr("Done: %1").arg(text);
        default: return text;
        }
    }
    const qint64 rows = m_pager.rowCount();
    if (rows > INT_MAX)
        return tr("%1 records (showing the first %2)").arg(locale.toString(rows), locale.toString(INT_MAX));
    return tr("Records: %1").arg(locale.toString(rows));
}

RecordScan::Options MessageTableModel::scanOptions() const
{
    RecordScan::Options options;
    options.topic = m_topic;
    if (m_partition >= 0)
        options.partitions = {m_partition};
    options.fromOffset = m_filter.fromOffset;
    options.toOffset = m_filter.toOffset;
    options.fromTimeMs = m_filter.fromTimeMs;
    options.toTimeMs = m_filter.toTimeMs;
    options.filter = m_where;
    options.order = m_order;
    options.batchSize = m_searchBatch;
    return options;
}

void MessageTableModel::startSearch()
{
    const RecordScan::Options options = scanOptions();
    m_scanBackend = m_backend->backend();
    m_scanJob = std::make_shared<RecordScan>(*m_scanBackend, options);
    m_searchMode = true;
    m_activeMs = 0;
    m_activeTimer.start();
    setSearchState(SearchState::Running);
    setStatus(tr("Searching %1…").arg(m_topic));
    m_stepInFlight = true;
    m_backend->run(
        m_requests.context(),
        [scan = m_scanJob](Backend &) -> Result<RecordScan::Progress> {
            const Status planned = scan->plan();
            if (!planned)
                return planned.error();
            return scan->progress();
        },
        [this](Result<RecordScan::Progress> planned) {
            m_stepInFlight = false;
            if (!planned) {
                m_searchError = planned.error().message;
                setSearchState(SearchState::Failed);
                setStatus(rowStatus());
                return;
            }
            m_progress = *planned;
            emit rowsReady();
            setStatus(rowStatus());
            scanNext();
        });
}

void MessageTableModel::scanNext()
{
    if (!m_backend || !m_scanJob || m_stepInFlight || m_searchState != SearchState::Running)
        return;
    if (m_progress.done) {
        m_activeMs += m_activeTimer.elapsed();
        setSearchState(SearchState::Done);
        setStatus(rowStatus());
        return;
    }
    m_stepInFlight = true;
    m_backend->run(
        m_requests.context(),
        [scan = m_scanJob](Backend &) -> Result<SearchStep> {
            SearchStep step;
            const auto more = scan->step(step.matches);
            if (!more)
                return more.error();
            step.more = *more;
            step.progress = scan->progress();
            return step;
        },
        [this](Result<SearchStep> step) {
            m_stepInFlight = false;
            if (!step) {
                if (m_searchState == SearchState::Running)
                    m_activeMs += m_activeTimer.elapsed();
                m_searchError = step.error().message;
                setSearchState(SearchState::Failed);
                setStatus(rowStatus());
                return;
            }
            m_progress = step->progress;
            const qint64 room = m_keptMatches - qint64(m_matches.size());
            const qint64 take = std::min<qint64>(room, qint64(step->matches.size()));
            if (take > 0) {
                const int first = int(m_matches.size());
                beginInsertRows({}, first, first + int(take) - 1);
                for (qint64 i = 0; i < take; ++i)
                    m_matches.push_back(std::move(step->matches[size_t(i)]));
                endInsertRows();
            }
            setStatus(rowStatus());
            scanNext();
        });
}

void MessageTableModel::applyState(bool mayReload)
{
    if (!m_state || m_topic.isEmpty() || m_loadingRanges || !m_state->isTopicLoaded(m_topic))
        return;
    if (const auto error = m_state->topicError(m_topic)) {
        setStatus(tr("Cannot read %1: %2").arg(m_topic, error->message));
        return;
    }
    const auto info = m_state->topic(m_topic);
    if (!info)
        return;
    if (m_searchMode)
        return; // a search scans the records there were when it started
    const std::vector<PartitionRange> ranges = m_pager.ranges();
    const size_t expected = m_partition >= 0 ? 1 : info->partitions.size();
    if (ranges.size() != expected) {
        if (mayReload)
            rebuild(); // partitions were added (or the topic was recreated)
        return;
    }
    bool appended = false;
    for (const PartitionInfo &p : info->partitions) {
        auto r = std::find_if(ranges.begin(), ranges.end(),
                              [&](const PartitionRange &x) { return x.partition == p.partition; });
        if (r == ranges.end())
            continue;
        if (p.highWatermark < r->end || p.logStartOffset > r->begin) {
            if (mayReload)
                rebuild(); // truncated, deleted or recreated under us
            return;
        }
        if (m_filter.toTimeMs)
            continue; // the range's end is fixed by time
        qint64 newEnd = p.highWatermark;
        if (m_filter.toOffset)
            newEnd = std::min(newEnd, *m_filter.toOffset + 1);
        if (newEnd <= r->end)
            continue;
        if (auto rows = m_pager.rowsForExtension(p.partition, newEnd); rows && rows->first <= INT_MAX - 1) {
            beginInsertRows({}, int(rows->first), int(std::min<qint64>(rows->second, INT_MAX - 1)));
            m_pager.extend(p.partition, newEnd);
            endInsertRows();
            appended = true;
        }
    }
    if (!appended)
        return;
    setStatus(rowStatus());
    emit tailAppended();
}

void MessageTableModel::setStatus(const QString &text)
{
    if (text == m_status)
        return;
    m_status = text;
    emit statusChanged(text);
}

void MessageTableModel::setLoading(bool ranges, bool scanning)
{
    const bool before = isLoading();
    m_loadingRanges = ranges;
    m_scanning = scanning;
    if (before != isLoading())
        emit loadingChanged(isLoading());
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    if (m_searchMode)
        return int(m_matches.size());
    return int(std::min<qint64>(m_pager.rowCount(), INT_MAX));
}

int MessageTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

const Record *MessageTableModel::recordPtr(int row) const
{
    if (row < 0)
        return nullptr;
    if (m_searchMode)
        return row < int(m_matches.size()) ? &m_matches[size_t(row)] : nullptr;
    const Record *r = m_pager.record(row);
    if (!r) {
        if (auto loc = m_pager.locate(row))
            requestPage(m_pager.pageOf(*loc));
    }
    return r;
}

void MessageTableModel::requestPage(const MessagePager::PageKey &key) const
{
    if (!m_backend || !m_pager.claim(key))
        return;
    auto *self = const_cast<MessageTableModel *>(this);
    const TopicPartition tp{m_topic, key.partition};
    const auto [start, size] = m_pager.fetchWindow(key);
    m_backend->run(
        m_requests.context(), [tp, start = start, size = size](Backend &b) { return b.fetch(tp, start, size); },
        [self, key](Result<std::vector<Record>> records) {
            if (!records) {
                self->setStatus(tr("Cannot read %1: %2").arg(self->m_topic, records.error().message));
                // Store an empty page so the view does not ask again at every repaint; it is
                // fetched again once evicted or on reload.
                self->m_pager.store(key, {});
                return;
            }
            const auto span = self->m_pager.store(key, std::move(records.value()));
            if (span && span->first <= INT_MAX)
                emit self->dataChanged(self->index(int(span->first), 0),
                                       self->index(int(std::min<qint64>(span->second, INT_MAX - 1)), ColumnCount - 1));
        });
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Record *r = recordPtr(index.row());
    std::optional<MessagePager::Location> loc;
    if (r)
        loc = MessagePager::Location{r->partition, r->offset};
    else if (!m_searchMode)
        loc = m_pager.locate(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PartitionColumn: return loc ? QVariant(loc->partition) : QVariant();
        case OffsetColumn: return loc ? QVariant(loc->offset) : QVariant();
        case TimestampColumn:
            if (!r)
                return QStringLiteral("…");
            return QDateTime::fromMSecsSinceEpoch(r->timestampMs).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
        case KeyColumn:
            if (!r)
                return QString();
            return r->key ? previewBytes(*r->key, 40) : tr("(null)");
        case ValueColumn:
            if (!r)
                return QString();
            return r->value ? previewBytes(*r->value, 160) : tombstoneText();
        }
        break;
    case Qt::ToolTipRole:
        if (r && index.column() == ValueColumn)
            return r->value ? previewBytes(*r->value, 600)
                            : tr("A tombstone: the value is null (not empty). On a compacted topic it deletes "
                                 "the key's earlier records.");
        if (r && index.column() == TimestampColumn)
            return QDateTime::fromMSecsSinceEpoch(r->timestampMs).toString(Qt::ISODateWithMs);
        break;
    case Qt::ForegroundRole:
        if (!r || (index.column() == KeyColumn && !r->key) || (index.column() == ValueColumn && !r->value))
            return style::toneColor(style::Tone::Muted, QApplication::palette());
        break;
    case Qt::FontRole:
        if (r && index.column() == ValueColumn && !r->value) {
            QFont italic = style::monospaceFont();
            italic.setItalic(true); // a tombstone never looks like a value that reads "null"
            return italic;
        }
        if (index.column() == KeyColumn || index.column() == ValueColumn)
            return style::monospaceFont();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == PartitionColumn || index.column() == OffsetColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case RecordRole:
        if (r)
            return QVariant::fromValue(*r);
        break;
    case PartitionRole: return loc ? QVariant(loc->partition) : QVariant();
    case OffsetRole: return loc ? QVariant(loc->offset) : QVariant();
    case LoadedRole: return r != nullptr;
    default: break;
    }
    return {};
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case PartitionColumn: return tr("Partition");
        case OffsetColumn: return tr("Offset: the record's position in its partition");
        case TimestampColumn: return tr("Create time (local); the tooltip has milliseconds");
        case KeyColumn: return tr("Key: decides the partition");
        default: break;
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < 0 || section >= ColumnCount)
        return {};
    return headerText(section).second;
}

QPair<QString, QString> MessageTableModel::headerText(int column)
{
    static const char *const sources[] = {QT_TR_NOOP("Part."), QT_TR_NOOP("Offset"), QT_TR_NOOP("Timestamp"),
                                          QT_TR_NOOP("Key"), QT_TR_NOOP("Value")};
    static_assert(std::size(sources) == ColumnCount);
    if (column < 0 || column >= ColumnCount)
        return {};
    return {QString::fromLatin1(sources[column]), tr(sources[column])};
}

std::optional<Record> MessageTableModel::recordAt(int row) const
{
    const Record *r = recordPtr(row);
    if (!r)
        return std::nullopt;
    return *r;
}

std::optional<int> MessageTableModel::rowOf(int partition, qint64 offset) const
{
    if (m_searchMode) {
        for (size_t i = 0; i < m_matches.size(); ++i)
            if (m_matches[i].partition == partition && m_matches[i].offset == offset)
                return int(i);
        return std::nullopt;
    }
    const auto row = m_pager.rowOf(partition, offset);
    if (!row || *row > INT_MAX)
        return std::nullopt;
    return int(*row);
}

} // namespace tidemark
