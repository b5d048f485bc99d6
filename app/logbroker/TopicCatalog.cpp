#include "logbroker/TopicCatalog.h"

#include "logbroker/FileIo.h"

#include <QDateTime>

#include <set>

#include <sys/stat.h>

namespace tidemark::logbroker {

namespace {

qint64 nanoseconds(const timespec &t) { return qint64(t.tv_sec) * 1000000000 + t.tv_nsec; }

bool isNotFound(const Error &e) { return e.code == ErrorCode::NotFound; }

} // namespace

bool TopicCatalog::Stamp::racy() const
{
    // Every change of a directory's entries sets its mtime (and ctime) to the file system's
    // clock. In the future (a clock that moved back) is racy too: nothing can be concluded.
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    return mtimeNs > nowNs - kRacyStampMs * 1000000;
}

std::optional<TopicCatalog::Stamp> TopicCatalog::stampOf(const QString &path)
{
    struct stat st;
    if (::stat(encodePath(path).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return std::nullopt;
    Stamp s;
    s.device = static_cast<qint64>(st.st_dev);
    s.inode = static_cast<qint64>(st.st_ino);
    s.mtimeNs = nanoseconds(st.st_mtim);
    s.ctimeNs = nanoseconds(st.st_ctim);
    s.links = static_cast<qint64>(st.st_nlink);
    s.size = static_cast<qint64>(st.st_size);
    return s;
}

TopicCatalog::Counters TopicCatalog::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

void TopicCatalog::forget(const QString &name)
{
    std::lock_guard lock(m_mutex);
    m_topics.erase(name);
    m_topicsStamp.reset();
}

void TopicCatalog::refreshMetadata(const QString &name, Cached &cached, const Stamp &stamp)
{
    ++m_counters.metadataReads;
    auto meta = m_store.readMetadata(name);
    const bool samePartitions =
        cached.metadata && meta && cached.metadata->id == meta->id && cached.metadata->partitions == meta->partitions;
    if (!samePartitions) {
        cached.heads.clear();
        cached.headMapped.clear();
    }
    cached.metadata = std::move(meta);
    cached.stamp = stamp;
}

Status TopicCatalog::rescan(const Stamp &topicsStamp)
{
    ++m_counters.directoryScans;
    auto names = m_store.topicNames();
    if (!names)
        return names.error();
    std::map<QString, Cached> next;
    for (const QString &name : *names) {
        const auto stamp = stampOf(m_store.topicDirectory(name));
        if (!stamp)
            continue; // deleted meanwhile
        auto old = m_topics.find(name);
        Cached cached = old != m_topics.end() ? std::move(old->second) : Cached{};
        const bool known = old != m_topics.end() && cached.stamp == *stamp && !stamp->racy();
        if (!known)
            refreshMetadata(name, cached, *stamp);
        next.emplace(name, std::move(cached));
    }
    m_topics = std::move(next);
    m_topicsStamp = topicsStamp;
    return {};
}

Result<Watermarks> TopicCatalog::watermarks(const QString &name, int partition, Cached &cached, bool &markedDeleted)
{
    // A partition this process has open: its own head (the same shared page).
    if (auto open = m_store.openedPartition({name, partition})) {
        auto wm = open->watermarks();
        markedDeleted = open->isDeleted();
        if (wm || markedDeleted)
            return wm;
    }
    const auto p = static_cast<size_t>(partition);
    if (cached.heads.size() <= p) {
        cached.heads.resize(p + 1);
        cached.headMapped.resize(p + 1, false);
    }
    if (!cached.headMapped[p]) {
        ++m_counters.headsMapped;
        auto view = HeadView::open(m_store.partitionDirectory(name, partition) + QStringLiteral("/partition.head"));
        if (view) {
            cached.heads[p] = std::move(*view);
            cached.headMapped[p] = true;
        }
    }
    if (cached.headMapped[p]) {
        HeadState h;
        if (cached.heads[p].load(h) == HeadLoad::Ok && h.consistent()) {
            if (h.deleted()) {
                markedDeleted = true;
                return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(name));
            }
            return Watermarks{h.logStartOffset, h.visibleNext};
        }
        // Not loadable as it is: forget the mapping (the file may be replaced by the repair).
        cached.heads[p] = HeadView{};
        cached.headMapped[p] = false;
    }
    // Missing, short or damaged head: open the partition, which recovers it, as a read would.
    ++m_counters.partitionsOpened;
    auto log = m_store.partition({name, partition});
    if (!log)
        return log.error();
    markedDeleted = (*log)->isDeleted();
    return (*log)->watermarks();
}

Result<std::vector<TopicCatalog::Listed>> TopicCatalog::list()
{
    std::lock_guard lock(m_mutex);
    ++m_counters.listings;
    const auto stamp = stampOf(m_store.topicsDirectory());
    if (!stamp)
        return Error(ErrorCode::NotFound, QStringLiteral("'%1' does not exist").arg(m_store.topicsDirectory()));
    if (!m_topicsStamp || !(*m_topicsStamp == *stamp) || stamp->racy()) {
        if (auto s = rescan(*stamp); !s)
            return s.error();
    }
    std::vector<Listed> out;
    out.reserve(m_topics.size());
    bool sawDeleted = false;
    for (auto &[name, cached] : m_topics) {
        // Unreadable metadata is read again every time: a repair shows at once.
        if (!cached.metadata || !cached.metadata->metadataError.isEmpty())
            refreshMetadata(name, cached, cached.stamp);
        if (!cached.metadata && isNotFound(cached.metadata.error())) {
            sawDeleted = true;
            continue;
        }
        Listed listed;
        listed.name = name;
        if (!cached.metadata) {
            out.push_back(std::move(listed));
            continue;
        }
        listed.metadata = *cached.metadata;
        qint64 records = 0;
        bool deleted = false;
        for (int p = 0; p < cached.metadata->partitions && !deleted; ++p) {
            bool markedDeleted = false;
            auto wm = watermarks(name, p, cached, markedDeleted);
            if (!wm && isNotFound(wm.error())) {
                // Marked deleted, or the topic's directory went: deleted meanwhile. A partition
                // directory missing from a topic still there: listed, its count unknown.
                deleted = markedDeleted || !stampOf(m_store.topicDirectory(name));
                records = -1;
                break;
            }
            if (!wm) // never a listing with a made-up count (out of descriptors is not "-1 records")
                return Error(wm.error().code,
                             QStringLiteral("topic '%1' partition %2: %3").arg(name).arg(p).arg(wm.error().message));
            records += wm->high - wm->low;
        }
        if (deleted) { // being deleted (or deleted and made again): look at the directory next time
            sawDeleted = true;
            cached.heads.clear();
            cached.headMapped.clear();
            continue;
        }
        listed.recordCount = records;
        out.push_back(std::move(listed));
    }
    if (sawDeleted)
        m_topicsStamp.reset();
    return out;
}

} // namespace tidemark::logbroker
