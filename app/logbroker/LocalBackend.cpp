#include "logbroker/LocalBackend.h"

#include "core/Lag.h"

#include "logbroker/GroupDirectory.h"
#include "logbroker/LocalConsumer.h"
#include "logbroker/LogStore.h"
#include "logbroker/TopicCatalog.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>
#include <iterator>
#include <limits>
#include <set>
#include <span>

namespace tidemark {

using namespace logbroker;

namespace {

using namespace std::chrono;

constexpr qint64 kMaxAppendBytes = 4 << 20; // one append call writes at most this much
constexpr qint64 kMaxFetchBytes = 32 << 20;

bool isDeletedError(const Error &e) { return e.code == ErrorCode::NotFound; }

// Working buffers of produce(), reused by each thread from call to call (their capacity
// stays; nothing is shared between threads).
struct ProduceScratch {
    std::vector<int> partitionOf;
    std::vector<qint64> timestamps;
    std::vector<qint64> frameSizes;
    std::vector<size_t> perPartition;
    std::vector<size_t> fill;
    std::vector<size_t> order; // input index of each record, grouped by partition
    std::vector<const OutgoingRecord *> sortedRecords;
    std::vector<qint64> sortedTimestamps;
    std::vector<qint64> sortedSizes;
};

constexpr size_t kKeptScratchRecords = 1 << 16;

ProduceScratch &produceScratch()
{
    thread_local ProduceScratch scratch;
    return scratch;
}

} // namespace

Result<std::shared_ptr<Backend>> openLocalBackend(const QString &dataDirectory)
{
    auto store = LogStore::open(dataDirectory);
    if (!store)
        return store.error();
    return std::shared_ptr<Backend>(std::make_shared<LocalBackend>(*store));
}

LocalBackend::LocalBackend(std::shared_ptr<LogStore> store)
    : m_store(std::move(store)),
      m_chooserSeed(static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()) * 0x2545F4914F6CDD1DULL)
{}

LocalBackend::~LocalBackend() = default;

QString LocalBackend::displayName() const { return QStringLiteral("Local: ") + m_store->dataDirectory(); }
QString LocalBackend::dataDirectory() const { return m_store->dataDirectory(); }
QStringList LocalBackend::diagnostics() const { return m_store->diagnostics()->messages(); }

Result<ClusterInfo> LocalBackend::clusterInfo()
{
    if (!QDir(m_store->topicsDirectory()).exists())
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("data directory '%1' is gone").arg(m_store->dataDirectory()));
    ClusterInfo info;
    info.kind = QStringLiteral("local");
    info.clusterId = m_store->dataDirectory();
    info.controllerId = 0;
    BrokerInfo broker;
    broker.id = 0;
    broker.host = QStringLiteral("localhost");
    broker.port = 0;
    broker.isController = true;
    info.brokers.push_back(broker);
    return info;
}

Result<std::vector<TopicInfo>> LocalBackend::listTopics()
{
    // Opens no partition: names, metadata and the heads' watermarks (TopicCatalog.h).
    auto listed = m_store->catalog().list();
    if (!listed)
        return listed.error();
    std::vector<TopicInfo> out;
    out.reserve(listed->size());
    for (const TopicCatalog::Listed &l : *listed) {
        TopicInfo info;
        info.name = l.name;
        if (l.metadata) // else unreadable and no partitions: listed so it can be deleted
            info.partitionCount = l.metadata->partitions;
        info.recordCount = l.metadata ? l.recordCount : -1;
        out.push_back(info);
    }
    return out;
}

Result<TopicInfo> LocalBackend::describeTopic(const QString &topic)
{
    auto meta = m_store->readMetadata(topic);
    if (!meta)
        return meta.error();
    TopicInfo info;
    info.name = topic;
    info.partitionCount = meta->partitions;
    info.configs = meta->metadataError.isEmpty() ? meta->config.toMap() : QMap<QString, QString>{};
    if (!meta->id.isEmpty())
        info.configs.insert(QStringLiteral("topic.id"), meta->id);
    if (meta->createdAtMs > 0)
        info.configs.insert(QStringLiteral("created.at"),
                            QDateTime::fromMSecsSinceEpoch(meta->createdAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    qint64 records = 0;
    for (int p = 0; p < meta->partitions; ++p) {
        PartitionInfo pi;
        pi.partition = p;
        pi.leader = 0;
        pi.replicas = {0};
        pi.isr = {0};
        auto log = m_store->partition({topic, p});
        auto wm = log ? (*log)->watermarks() : Result<Watermarks>(log.error());
        if (wm) {
            pi.logStartOffset = wm->low;
            pi.highWatermark = wm->high;
            if (records >= 0)
                records += wm->high - wm->low;
        } else {
            pi.error = wm.error().message;
            records = -1;
        }
        if (!meta->metadataError.isEmpty())
            pi.error = pi.error.isEmpty() ? meta->metadataError : meta->metadataError + QStringLiteral("; ") + pi.error;
        info.partitions.push_back(pi);
    }
    info.recordCount = records;
    return info;
}

Status LocalBackend::createTopic(const TopicSpec &spec) { return m_store->createTopic(spec); }

Status LocalBackend::deleteTopic(const QString &topic) { return m_store->deleteTopic(topic); }

Result<Watermarks> LocalBackend::watermarks(const TopicPartition &tp)
{
    for (int attempt = 0;; ++attempt) {
        auto log = m_store->partition(tp);
        if (!log)
            return log.error();
        auto wm = (*log)->watermarks();
        if (wm || attempt > 0 || !isDeletedError(wm.error()))
            return wm;
        m_store->evict(tp.topic); // deleted, perhaps recreated: look again
    }
}

Result<std::vector<DeliveryReport>>
LocalBackend::produce(const QString &topic, const std::vector<OutgoingRecord> &records, const ProduceOptions &options)
{
    auto t = m_store->topic(topic);
    if (!t)
        return t.error();
    if (!(*t)->metadata().metadataError.isEmpty())
        return Error(
            ErrorCode::Corrupt,
            QStringLiteral("refusing to produce to topic '%1': %2").arg(topic, (*t)->metadata().metadataError));
    const int partitions = (*t)->metadata().partitions;
    const milliseconds timeout(std::max(1, options.timeoutMs));
    std::vector<DeliveryReport> reports(records.size());
    // Partition, timestamp and frame size of every record, then the records grouped by
    // partition (a counting sort that keeps input order within a partition), in buffers this
    // thread reuses from call to call: a produce of one record allocates only its report.
    ProduceScratch &scratch = produceScratch();
    const size_t n = records.size();
    struct Trim { // a huge call does not keep its buffers for the thread's lifetime
        ProduceScratch &scratch;
        size_t n;
        ~Trim()
        {
            if (n > kKeptScratchRecords)
                scratch = ProduceScratch{};
        }
    } trim{scratch, n};
    scratch.partitionOf.assign(n, -1);
    scratch.timestamps.resize(n);
    scratch.frameSizes.resize(n);
    scratch.perPartition.assign(static_cast<size_t>(partitions) + 1, 0);
    // A different stream of "random" partitions per call, without a global generator.
    PartitionChooser chooser(options.partitioner,
                             m_chooserSeed.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (size_t i = 0; i < n; ++i) {
        const OutgoingRecord &r = records[i];
        DeliveryReport &report = reports[i];
        scratch.timestamps[i] = r.timestampMs > 0 ? r.timestampMs : now;
        report.timestampMs = scratch.timestamps[i];
        const int p = r.partition >= 0 ? r.partition : partitions == 1 ? 0 : chooser.choose(r.key, partitions);
        report.partition = p;
        // A record for a partition that does not exist fails the whole call before anything
        // is written (this loop only plans), as on Kafka: the caller's mistake, not a
        // delivery failure.
        if (p >= partitions || r.partition < -1)
            return noSuchPartition(topic, r.partition, partitions);
        scratch.frameSizes[i] = encodedFrameSize(r);
        if (scratch.frameSizes[i] - kFramePrefixSize > kFrameMaxLength) {
            report.error = Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("record of %1 bytes is larger than the limit of %2 bytes")
                                     .arg(scratch.frameSizes[i])
                                     .arg(kFrameMaxLength));
            continue;
        }
        scratch.partitionOf[i] = p;
        ++scratch.perPartition[static_cast<size_t>(p) + 1];
    }
    std::vector<size_t> &perPartition = scratch.perPartition;
    // Every record to one partition (one partition, or a key-less producer pinning one): the
    // input order is already the partition's order.
    const bool onePartition =
        n > 0 && scratch.partitionOf[0] >= 0 && perPartition[static_cast<size_t>(scratch.partitionOf[0]) + 1] == n;
    for (size_t p = 1; p < perPartition.size(); ++p)
        perPartition[p] += perPartition[p - 1];
    const size_t accepted = perPartition.back();
    scratch.sortedRecords.resize(accepted);
    if (onePartition) {
        for (size_t i = 0; i < n; ++i)
            scratch.sortedRecords[i] = &records[i];
    } else {
        scratch.order.resize(accepted);
        scratch.sortedTimestamps.resize(accepted);
        scratch.sortedSizes.resize(accepted);
        scratch.fill.assign(perPartition.begin(), perPartition.end() - 1);
        for (size_t i = 0; i < n; ++i) {
            if (scratch.partitionOf[i] < 0)
                continue;
            const size_t at = scratch.fill[static_cast<size_t>(scratch.partitionOf[i])]++;
            scratch.order[at] = i;
            scratch.sortedRecords[at] = &records[i];
            scratch.sortedTimestamps[at] = scratch.timestamps[i];
            scratch.sortedSizes[at] = scratch.frameSizes[i];
        }
    }
    const std::vector<qint64> &sortedTimestamps = onePartition ? scratch.timestamps : scratch.sortedTimestamps;
    const std::vector<qint64> &sortedSizes = onePartition ? scratch.frameSizes : scratch.sortedSizes;
    auto inputIndex = [&](size_t k) { return onePartition ? k : scratch.order[k]; };
    // Chunks no larger than a segment, so segments roll near segment.bytes.
    const qint64 chunkBytes = std::min(kMaxAppendBytes, (*t)->metadata().config.segmentBytes);
    for (int p = 0; p < partitions; ++p) {
        size_t begin = perPartition[static_cast<size_t>(p)];
        const size_t stop = perPartition[static_cast<size_t>(p) + 1];
        if (begin == stop)
            continue;
        auto log = (*t)->partition(p);
        while (begin < stop) {
            size_t end = begin;
            qint64 bytes = 0;
            while (end < stop && (end == begin || bytes + sortedSizes[end] <= chunkBytes))
                bytes += sortedSizes[end++];
            const size_t count = end - begin;
            Result<PartitionLog::AppendResult> appended =
                log ? (*log)->append(std::span(scratch.sortedRecords.data() + begin, count),
                                     std::span(sortedTimestamps.data() + begin, count),
                                     std::span(sortedSizes.data() + begin, count), timeout)
                    : Result<PartitionLog::AppendResult>(log.error());
            for (size_t k = begin; k < end; ++k) {
                DeliveryReport &report = reports[inputIndex(k)];
                if (appended)
                    report.offset = appended->baseOffset + static_cast<qint64>(k - begin);
                else
                    report.error = appended.error();
            }
            if (!appended && isDeletedError(appended.error()))
                m_store->evict(topic);
            begin = end;
        }
    }
    return reports;
}

Result<std::vector<Record>> LocalBackend::fetch(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    if (maxRecords <= 0)
        return std::vector<Record>{};
    auto log = m_store->partition(tp);
    if (!log)
        return log.error();
    std::optional<Corruption> corruption;
    auto records = (*log)->read(offset, maxRecords, kMaxFetchBytes, nullptr, &corruption);
    if (!records) {
        if (isDeletedError(records.error()))
            m_store->evict(tp.topic);
        return records.error();
    }
    if (records->empty() && corruption)
        return Error(ErrorCode::Corrupt, corruption->message());
    return records;
}

Result<std::vector<RecordSummary>> LocalBackend::fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    if (maxRecords <= 0)
        return std::vector<RecordSummary>{};
    auto log = m_store->partition(tp);
    if (!log)
        return log.error();
    std::vector<RecordSummary> out;
    out.reserve(static_cast<size_t>(std::min(maxRecords, 1 << 16)));
    auto outcome = (*log)->scan(offset, maxRecords, kMaxFetchBytes, nullptr, [&](const FrameView &f) {
        RecordSummary s;
        s.offset = f.offset;
        s.timestampMs = f.timestampMs;
        s.keyIsNull = f.key == nullptr;
        s.keyHash = f.key ? murmur2(f.key, static_cast<size_t>(f.keyLength)) : 0u;
        s.valueIsNull = f.value == nullptr;
        s.size = static_cast<quint32>(std::max(0, f.keyLength) + std::max(0, f.valueLength));
        out.push_back(s);
        return true;
    });
    if (!outcome)
        return outcome.error();
    if (out.empty() && outcome->corruption)
        return Error(ErrorCode::Corrupt, outcome->corruption->message());
    return out;
}

Result<FilteredRead> LocalBackend::scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                                const ScanPredicate &predicate, std::vector<Record> &matches)
{
    auto log = m_store->partition(tp);
    if (!log)
        return log.error();
    const bool decodeHeaderBytes = predicate.filter.needsHeaders();
    // Matches go straight to `matches`; an error takes back what this call appended (all or
    // nothing, without moving every match a second time).
    const size_t firstMatch = matches.size();
    auto takeBack = [&matches, firstMatch] { matches.erase(matches.begin() + qsizetype(firstMatch), matches.end()); };
    std::vector<Header> headers;
    FilteredRead read;
    qint64 at = from;
    while (at < until) {
        // As fetch() (kMaxFetchBytes a call), but nothing is copied before the test.
        auto outcome = (*log)->scan(at, int(std::min<qint64>(until - at, std::numeric_limits<int>::max())),
                                    kMaxFetchBytes, nullptr, [&](const FrameView &f) {
                                        if (f.offset >= until)
                                            return false;
                                        RecordView view;
                                        view.partition = tp.partition;
                                        view.offset = f.offset;
                                        view.timestampMs = f.timestampMs;
                                        view.keyIsNull = f.key == nullptr;
                                        if (f.key)
                                            view.key = QByteArrayView(f.key, f.keyLength);
                                        view.valueIsNull = f.value == nullptr;
                                        if (f.value)
                                            view.value = QByteArrayView(f.value, f.valueLength);
                                        if (decodeHeaderBytes) {
                                            headers = decodeHeaders(f);
                                            view.headers = &headers;
                                        }
                                        at = f.offset + 1;
                                        ++read.scanned;
                                        if (predicate.matches(view))
                                            matches.push_back(toRecord(f, tp.topic, tp.partition));
                                        return at < until;
                                    });
        if (!outcome) {
            takeBack();
            if (isDeletedError(outcome.error()))
                m_store->evict(tp.topic);
            return outcome.error();
        }
        // Bad data in the window is an error, as the fetch() that reaches it reports it.
        if (outcome->corruption) {
            takeBack();
            return Error(ErrorCode::Corrupt, outcome->corruption->message());
        }
        if (outcome->frames == 0) {
            at = until; // nothing more below `until`
            break;
        }
    }
    read.next = at;
    return read;
}

Result<qint64> LocalBackend::offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs)
{
    auto log = m_store->partition(tp);
    if (!log)
        return log.error();
    return (*log)->offsetForTimestamp(timestampMs);
}

Result<std::unique_ptr<Consumer>> LocalBackend::createConsumer(const ConsumerConfig &config)
{
    // As on Kafka: a missing topic or partition fails now, clearly, instead of a consumer
    // that waits for it. (A topic deleted later is reported by the consumer, which waits
    // for it to come back.)
    for (const QString &topic : config.topics) {
        if (auto t = m_store->topic(topic); !t)
            return t.error();
    }
    for (const auto &[tp, offset] : config.assignment) {
        auto t = m_store->topic(tp.topic);
        if (!t)
            return t.error();
        const int partitions = (*t)->metadata().partitions;
        if (tp.partition < 0 || tp.partition >= partitions)
            return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                                  .arg(tp.topic)
                                                  .arg(tp.partition)
                                                  .arg(partitions));
    }
    return LocalConsumer::create(m_store, config);
}

namespace {

// `vanished`: the ids of the members among `live` whose process is gone (GroupDirectory::liveMembers).
GroupInfo summarize(const GroupDirectory &group, const GroupState &state, const std::vector<MemberLease> &live,
                    const QStringList &vanished)
{
    GroupInfo info;
    info.groupId = group.groupId();
    info.generation = state.generation;
    info.protocol = state.protocol.isEmpty() ? QStringLiteral("range") : state.protocol;
    std::set<QString> liveIds;
    for (const MemberLease &m : live) {
        liveIds.insert(m.memberId);
        GroupMember member;
        member.memberId = m.memberId;
        member.clientId = m.clientId;
        member.host = m.host;
        member.vanished = vanished.contains(m.memberId);
        if (member.vanished)
            member.sessionExpiresAtMs = GroupDirectory::sessionExpiresAtMs(m);
        if (auto it = state.assignment.find(m.memberId); it != state.assignment.end())
            member.assignment = it->second;
        info.members.push_back(member);
    }
    std::set<QString> stateIds;
    for (const MemberLease &m : state.members)
        stateIds.insert(m.memberId);
    if (live.empty())
        info.state = QStringLiteral("Empty");
    else if (liveIds == stateIds)
        info.state = QStringLiteral("Stable");
    else
        info.state = QStringLiteral("PreparingRebalance");
    return info;
}

} // namespace

Result<std::vector<GroupInfo>> LocalBackend::listGroups()
{
    std::vector<GroupInfo> out;
    const QStringList dirs = QDir(m_store->groupsDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &dir : dirs) {
        GroupDirectory group(m_store->groupsDirectory(), GroupDirectory::decodeName(dir));
        auto state = group.readState();
        QStringList vanished;
        const std::vector<MemberLease> live = group.liveMembers(false, &vanished);
        GroupInfo info = summarize(group, state ? *state : GroupState{}, live, vanished);
        out.push_back(info);
    }
    return out;
}

Result<std::vector<QString>> LocalBackend::listGroupIds()
{
    std::vector<QString> out;
    const QStringList dirs = QDir(m_store->groupsDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    out.reserve(size_t(dirs.size()));
    for (const QString &dir : dirs)
        out.push_back(GroupDirectory::decodeName(dir));
    return out;
}

Result<std::vector<GroupInfo>> LocalBackend::describeGroups()
{
    std::vector<GroupInfo> out;
    const QStringList dirs = QDir(m_store->groupsDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    out.reserve(size_t(dirs.size()));
    for (const QString &dir : dirs) {
        auto info = describeGroup(GroupDirectory::decodeName(dir));
        if (info)
            out.push_back(std::move(*info));
        else if (info.error().code != ErrorCode::NotFound)
            return info.error();
    }
    return out;
}

Result<GroupInfo> LocalBackend::describeGroup(const QString &groupId)
{
    if (auto s = GroupDirectory::validateGroupId(groupId); !s)
        return s.error();
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    if (!group.exists())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("consumer group '%1' does not exist in %2").arg(groupId, m_store->dataDirectory()));
    auto state = group.readState();
    if (!state)
        return state.error();
    QStringList vanished;
    const std::vector<MemberLease> live = group.liveMembers(false, &vanished);
    GroupInfo info = summarize(group, *state, live, vanished);
    auto committed = group.readAllCommitted();
    if (!committed)
        return committed.error();
    std::map<TopicPartition, GroupPartitionState> partitions;
    for (const CommittedOffset &c : *committed) {
        GroupPartitionState &p = partitions[c.tp];
        p.tp = c.tp;
        p.committed = c.offset;
    }
    for (const GroupMember &m : info.members) {
        for (const TopicPartition &tp : m.assignment) {
            GroupPartitionState &p = partitions[tp];
            p.tp = tp;
            p.ownerMemberId = m.memberId;
        }
    }
    for (auto &[tp, p] : partitions) {
        auto log = m_store->partition(tp);
        if (!log)
            continue;
        auto wm = (*log)->watermarks();
        if (!wm)
            continue;
        p.logStartOffset = wm->low;
        p.highWatermark = wm->high;
        if (p.committed >= 0)
            p.lag = partitionLag(wm->high, p.committed);
    }
    for (auto &[tp, p] : partitions)
        info.partitions.push_back(p);
    return info;
}

Status LocalBackend::resetGroupOffsets(const QString &groupId,
                                       const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    if (auto s = GroupDirectory::validateGroupId(groupId); !s)
        return s;
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    // Check every offset before changing anything.
    for (const auto &[tp, offset] : offsets) {
        auto log = m_store->partition(tp);
        if (!log)
            return log.error();
        auto wm = (*log)->watermarks();
        if (!wm)
            return wm.error();
        if (offset < wm->low || offset > wm->high)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 is outside %2 (log start %3, high "
                                                                    "watermark %4)")
                                                         .arg(offset)
                                                         .arg(tp.toString())
                                                         .arg(wm->low)
                                                         .arg(wm->high));
    }
    if (auto s = group.ensureExists(); !s)
        return s;
    auto lock = group.lock(seconds(10));
    if (!lock)
        return lock.error();
    QStringList vanished;
    const std::vector<MemberLease> live = group.liveMembers(true, &vanished);
    if (!live.empty()) {
        QStringList ids;
        QString coordinator;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const MemberLease &m : live) {
            if (vanished.contains(m.memberId))
                ids.append(QStringLiteral("%1 (gone; still a member until its session expires in %2 s)")
                               .arg(m.memberId)
                               .arg(std::max<qint64>(0, GroupDirectory::sessionExpiresAtMs(m) - now + 999) / 1000));
            else
                ids.append(m.memberId);
            if (!m.coordinator.isEmpty())
                coordinator = m.coordinator;
        }
        const QString who = coordinator.isEmpty()
                                ? QString()
                                : QStringLiteral(", Kafka clients of the %1 (live protocol members)").arg(coordinator);
        return Error(ErrorCode::Conflict, QStringLiteral("consumer group '%1' has %2 active member(s) (%3%4); stop "
                                                         "them before resetting its offsets")
                                              .arg(groupId)
                                              .arg(live.size())
                                              .arg(ids.join(QStringLiteral(", ")), who));
    }
    for (const auto &[tp, offset] : offsets) {
        if (auto s = group.writeCommitted(tp, offset, QStringLiteral("reset"), -1); !s)
            return s;
    }
    return {};
}

Status LocalBackend::enforceRetention()
{
    auto names = m_store->topicNames();
    if (!names)
        return names.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &name : *names) {
        auto meta = m_store->readMetadata(name);
        if (!meta)
            continue;
        for (int p = 0; p < meta->partitions; ++p) {
            auto log = m_store->partition({name, p});
            if (!log)
                continue;
            if (auto s = (*log)->enforceRetention(now, seconds(10)); !s)
                return s;
        }
    }
    return {};
}

} // namespace tidemark
