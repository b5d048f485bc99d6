#include "logbroker/GroupDirectory.h"

#include "logbroker/LogStore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <set>

namespace tidemark::logbroker {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString tpFileName(const TopicPartition &tp) { return tp.topic + QLatin1Char('-') + QString::number(tp.partition); }

QByteArray claimHolderJson(const QString &memberId, int generation)
{
    QJsonObject o;
    o.insert(QStringLiteral("memberId"), memberId);
    o.insert(QStringLiteral("generation"), generation);
    o.insert(QStringLiteral("claimedAtMs"), static_cast<double>(nowMs()));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

QByteArray MemberLease::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("memberId"), memberId);
    o.insert(QStringLiteral("clientId"), clientId);
    o.insert(QStringLiteral("host"), host);
    o.insert(QStringLiteral("pid"), static_cast<double>(pid));
    o.insert(QStringLiteral("topics"), QJsonArray::fromStringList(topics));
    o.insert(QStringLiteral("strategy"), strategy);
    o.insert(QStringLiteral("sessionTimeoutMs"), sessionTimeoutMs);
    o.insert(QStringLiteral("joinedAtMs"), static_cast<double>(joinedAtMs));
    if (!coordinator.isEmpty())
        o.insert(QStringLiteral("coordinator"), coordinator);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<MemberLease> MemberLease::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    MemberLease m;
    m.memberId = o.value(QStringLiteral("memberId")).toString();
    if (m.memberId.isEmpty())
        return std::nullopt;
    m.clientId = o.value(QStringLiteral("clientId")).toString();
    m.host = o.value(QStringLiteral("host")).toString();
    m.pid = static_cast<qint64>(o.value(QStringLiteral("pid")).toDouble());
    for (const QJsonValue &t : o.value(QStringLiteral("topics")).toArray())
        m.topics.append(t.toString());
    m.strategy = o.value(QStringLiteral("strategy")).toString();
    m.sessionTimeoutMs = o.value(QStringLiteral("sessionTimeoutMs")).toInt(10000);
    m.joinedAtMs = static_cast<qint64>(o.value(QStringLiteral("joinedAtMs")).toDouble());
    m.coordinator = o.value(QStringLiteral("coordinator")).toString();
    return m;
}

QStringList GroupState::memberIds() const
{
    QStringList ids;
    for (const MemberLease &m : members)
        ids.append(m.memberId);
    return ids;
}

QByteArray GroupState::toJson(const QString &groupId) const
{
    QJsonObject o;
    o.insert(QStringLiteral("group"), groupId);
    o.insert(QStringLiteral("generation"), generation);
    o.insert(QStringLiteral("protocol"), protocol);
    o.insert(QStringLiteral("updatedAtMs"), static_cast<double>(updatedAtMs));
    QJsonArray members;
    for (const MemberLease &m : this->members)
        members.append(QJsonDocument::fromJson(m.toJson()).object());
    o.insert(QStringLiteral("members"), members);
    QJsonObject topics;
    for (const auto &[topic, count] : topicPartitions)
        topics.insert(topic, count);
    o.insert(QStringLiteral("topics"), topics);
    QJsonObject assignment;
    for (const auto &[member, tps] : this->assignment) {
        std::map<QString, QJsonArray> byTopic;
        for (const TopicPartition &tp : tps)
            byTopic[tp.topic].append(tp.partition);
        QJsonArray list;
        for (const auto &[topic, partitions] : byTopic) {
            QJsonObject e;
            e.insert(QStringLiteral("topic"), topic);
            e.insert(QStringLiteral("partitions"), partitions);
            list.append(e);
        }
        assignment.insert(member, list);
    }
    o.insert(QStringLiteral("assignment"), assignment);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<GroupState> GroupState::fromJson(const QByteArray &json, const QString &path)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::Corrupt, QStringLiteral("%1 is not valid JSON at byte %2: %3")
                                             .arg(path)
                                             .arg(parseError.offset)
                                             .arg(parseError.errorString()));
    const QJsonObject o = doc.object();
    GroupState s;
    s.generation = o.value(QStringLiteral("generation")).toInt();
    s.protocol = o.value(QStringLiteral("protocol")).toString();
    s.updatedAtMs = static_cast<qint64>(o.value(QStringLiteral("updatedAtMs")).toDouble());
    for (const QJsonValue &v : o.value(QStringLiteral("members")).toArray()) {
        if (auto m = MemberLease::fromJson(QJsonDocument(v.toObject()).toJson()))
            s.members.push_back(*m);
    }
    const QJsonObject topics = o.value(QStringLiteral("topics")).toObject();
    for (auto it = topics.begin(); it != topics.end(); ++it)
        s.topicPartitions[it.key()] = it.value().toInt();
    const QJsonObject assignment = o.value(QStringLiteral("assignment")).toObject();
    for (auto it = assignment.begin(); it != assignment.end(); ++it) {
        std::vector<TopicPartition> tps;
        for (const QJsonValue &e : it.value().toArray()) {
            const QString topic = e.toObject().value(QStringLiteral("topic")).toString();
            for (const QJsonValue &p : e.toObject().value(QStringLiteral("partitions")).toArray())
                tps.push_back({topic, p.toInt()});
        }
        s.assignment[it.key()] = tps;
    }
    return s;
}

std::map<QString, std::vector<TopicPartition>> computeAssignment(const QString &strategy,
                                                                 const std::vector<MemberLease> &members,
                                                                 const std::map<QString, int> &topicPartitions,
                                                                 const std::set<TopicPartition> &taken)
{
    std::map<QString, std::vector<TopicPartition>> out;
    std::vector<const MemberLease *> sorted;
    for (const MemberLease &m : members) {
        sorted.push_back(&m);
        out[m.memberId];
    }
    std::sort(sorted.begin(), sorted.end(), [](auto *a, auto *b) { return a->memberId < b->memberId; });
    if (strategy == QLatin1String("roundrobin")) {
        size_t next = 0;
        for (const auto &[topic, count] : topicPartitions) {
            for (int p = 0; p < count; ++p) {
                if (taken.count({topic, p}))
                    continue;
                for (size_t tried = 0; tried < sorted.size(); ++tried) {
                    const MemberLease *m = sorted[(next + tried) % sorted.size()];
                    if (m->topics.contains(topic)) {
                        out[m->memberId].push_back({topic, p});
                        next = (next + tried + 1) % sorted.size();
                        break;
                    }
                }
            }
        }
        return out;
    }
    for (const auto &[topic, count] : topicPartitions) {
        std::vector<const MemberLease *> subscribed;
        for (const MemberLease *m : sorted) {
            if (m->topics.contains(topic))
                subscribed.push_back(m);
        }
        if (subscribed.empty())
            continue;
        std::vector<int> free;
        for (int p = 0; p < count; ++p) {
            if (!taken.count({topic, p}))
                free.push_back(p);
        }
        const int n = static_cast<int>(subscribed.size());
        const int per = static_cast<int>(free.size()) / n;
        const int extra = static_cast<int>(free.size()) % n;
        size_t next = 0;
        for (int i = 0; i < n; ++i) {
            const int take = per + (i < extra ? 1 : 0);
            for (int k = 0; k < take; ++k)
                out[subscribed[static_cast<size_t>(i)]->memberId].push_back({topic, free[next++]});
        }
    }
    return out;
}

GroupDirectory::GroupDirectory(const QString &groupsRoot, const QString &groupId)
    : m_groupsRoot(groupsRoot), m_groupId(groupId), m_path(groupsRoot + QLatin1Char('/') + encodeName(groupId))
{}

QString GroupDirectory::encodeName(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    QString out;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                           c == '-' || (c == '.' && i > 0);
        if (plain)
            out += QLatin1Char(c);
        else
            out += QStringLiteral("%%1").arg(static_cast<unsigned char>(c), 2, 16, QLatin1Char('0')).toUpper();
    }
    return out;
}

QString GroupDirectory::decodeName(const QString &fileName)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(fileName.toLatin1()));
}

Status GroupDirectory::validateGroupId(const QString &groupId)
{
    if (groupId.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a consumer group id is required"));
    if (groupId.toUtf8().size() > 200)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("group id '%1' is longer than 200 bytes").arg(groupId));
    if (const qsizetype encoded = encodeName(groupId).size(); encoded > kMaxFileNameBytes)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("group id '%1' is too long for the built-in broker: its directory name would be "
                                    "%2 bytes, at most %3 fit (characters other than A-Z a-z 0-9 . _ - take 3 bytes "
                                    "each)")
                         .arg(groupId)
                         .arg(encoded)
                         .arg(kMaxFileNameBytes));
    return {};
}

Status GroupDirectory::validateClientId(const QString &clientId)
{
    // A member's lease is members/<encoded client id>-<uuid>.lease.
    constexpr qsizetype kLeaseSuffix = 1 + 36 + 6;
    if (const qsizetype encoded = encodeName(clientId).size(); encoded + kLeaseSuffix > kMaxFileNameBytes)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("client id '%1' is too long for the built-in broker: its member file name would "
                                    "be %2 bytes, at most %3 fit (characters other than A-Z a-z 0-9 . _ - take 3 "
                                    "bytes each)")
                         .arg(clientId)
                         .arg(encoded + kLeaseSuffix)
                         .arg(kMaxFileNameBytes));
    return {};
}

Status GroupDirectory::checkFileNamesFit(const TopicPartition &tp) const
{
    // The longest: <topic>-<p>.offset.tmp-<12 characters> (writeFileAtomically's temp name).
    constexpr qsizetype kLongestSuffix = 7 + 5 + 12;
    const qsizetype longest = tpFileName(tp).toUtf8().size() + kLongestSuffix;
    if (longest <= kMaxFileNameBytes)
        return {};
    return Error(ErrorCode::InvalidArgument,
                 QStringLiteral("topic '%1' (%2 characters, made by an older version) cannot be consumed in group "
                                "'%3': the group's file names for its partitions would be %4 bytes, at most %5 fit; "
                                "its partitions are skipped. Copy its records to a topic with a shorter name "
                                "(or consume it without a group, by partition)")
                     .arg(tp.topic)
                     .arg(tp.topic.size())
                     .arg(m_groupId)
                     .arg(longest)
                     .arg(kMaxFileNameBytes));
}

QString GroupDirectory::claimPath(const TopicPartition &tp) const
{
    return claimsPath() + QLatin1Char('/') + tpFileName(tp) + QStringLiteral(".claim");
}

QString GroupDirectory::offsetPath(const TopicPartition &tp) const
{
    return offsetsPath() + QLatin1Char('/') + tpFileName(tp) + QStringLiteral(".offset");
}

bool GroupDirectory::exists() const { return QFileInfo(m_path).isDir(); }

Status GroupDirectory::ensureExists() const
{
    for (const QString &dir : {membersPath(), claimsPath(), offsetsPath()}) {
        if (auto s = makeDirectories(dir); !s)
            return s;
    }
    return {};
}

Result<UniqueFd> GroupDirectory::lock(std::chrono::milliseconds timeout) const
{
    auto fd = openFile(lockPath(), ReadWriteCreate);
    if (!fd)
        return fd.error();
    if (auto s = lockExclusive(fd->get(), lockPath(), timeout); !s)
        return s.error();
    return std::move(*fd);
}

Result<GroupState> GroupDirectory::readState() const
{
    auto bytes = readWholeFile(statePath(), 16 << 20);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound)
            return GroupState{};
        return bytes.error();
    }
    return GroupState::fromJson(*bytes, statePath());
}

Status GroupDirectory::writeState(const GroupState &state) const
{
    return writeFileAtomically(statePath(), state.toJson(m_groupId), false);
}

QStringList GroupDirectory::leaseFiles() const
{
    return QDir(membersPath()).entryList({QStringLiteral("*.lease")}, QDir::Files, QDir::Name);
}

Result<GroupDirectory::HeldLease> GroupDirectory::createLease(const MemberLease &lease) const
{
    const QString temp = membersPath() + QStringLiteral("/.") + QUuid::createUuid().toString(QUuid::WithoutBraces) +
                         QStringLiteral(".joining");
    auto fd = openFile(temp, ReadWriteCreate);
    if (!fd)
        return fd.error();
    auto locked = tryLockExclusive(fd->get(), temp);
    if (!locked || *locked != LockAttempt::Acquired) {
        bestEffort(removeFile(temp));
        return Error(ErrorCode::Io, QStringLiteral("cannot lock the new lease file '%1'").arg(temp));
    }
    const QByteArray json = lease.toJson();
    if (auto s = writeAt(fd->get(), json.constData(), json.size(), 0, temp); !s) {
        bestEffort(removeFile(temp));
        return s.error();
    }
    const QString path = membersPath() + QLatin1Char('/') + encodeName(lease.memberId) + QStringLiteral(".lease");
    if (auto s = renamePath(temp, path); !s) {
        bestEffort(removeFile(temp));
        return s.error();
    }
    return HeldLease{std::move(*fd), path};
}

qint64 GroupDirectory::sessionExpiresAtMs(const MemberLease &lease)
{
    if (lease.heartbeatMs <= 0)
        return 0;
    return lease.heartbeatMs + std::max(kMinSessionTimeoutMs, lease.sessionTimeoutMs);
}

GroupDirectory::Liveness GroupDirectory::probe(const QString &leaseFile, bool evict, MemberLease *lease) const
{
    const QString path = membersPath() + QLatin1Char('/') + leaseFile;
    auto fd = openFile(path, ReadOnly);
    if (!fd)
        return Liveness::Gone;
    MemberLease info;
    QByteArray bytes(4096, Qt::Uninitialized);
    if (auto n = readAt(fd->get(), bytes.data(), bytes.size(), 0, path)) {
        bytes.truncate(static_cast<qsizetype>(*n));
        if (auto m = MemberLease::fromJson(bytes))
            info = *m;
    }
    info.fileName = leaseFile;
    info.heartbeatMs = modifiedTimeMs(fd->get(), path).valueOr(0);
    if (lease)
        *lease = info;
    auto attempt = tryLockExclusive(fd->get(), path);
    if (!attempt)
        return Liveness::Alive; // cannot tell: assume alive, never evict on doubt
    const bool expired = nowMs() > sessionExpiresAtMs(info);
    if (*attempt == LockAttempt::Acquired) {
        // Its process is gone (the kernel dropped the lock). Like Kafka's coordinator, which
        // cannot tell a dead client from a slow one, the group keeps it until its session
        // expires: its partitions stay assigned to it, unread.
        if (!expired)
            return Liveness::Vanished;
        if (evict) {
            // Nobody can be using its claims either: free them now, so the members the
            // rebalance gives them to take them at once (a claim whose holder has no lease
            // any more waits one more heartbeat interval, for an evicted member still polling).
            freeClaimsOf(info.memberId);
            bestEffort(removeFile(path)); // unlinked while we hold its lock: nobody can be using it
        }
        return Liveness::Dead;
    }
    if (expired) {
        if (evict)
            bestEffort(removeFile(path)); // if it stays, the next prober evicts it
        return Liveness::Hung;
    }
    return Liveness::Alive;
}

std::vector<MemberLease> GroupDirectory::liveMembers(bool evict, QStringList *vanished) const
{
    std::vector<MemberLease> live;
    for (const QString &file : leaseFiles()) {
        MemberLease lease;
        const Liveness l = probe(file, evict, &lease);
        if (isMember(l) && !lease.memberId.isEmpty()) {
            live.push_back(lease);
            if (vanished && l == Liveness::Vanished)
                vanished->append(lease.memberId);
        }
    }
    std::sort(live.begin(), live.end(), [](const auto &a, const auto &b) { return a.memberId < b.memberId; });
    return live;
}

void GroupDirectory::freeClaimsOf(const QString &memberId) const
{
    if (memberId.isEmpty())
        return;
    for (const QString &name : QDir(claimsPath()).entryList({QStringLiteral("*.claim")}, QDir::Files, QDir::Name)) {
        const QString path = claimsPath() + QLatin1Char('/') + name;
        auto bytes = readWholeFile(path, 1 << 16);
        if (!bytes || QJsonDocument::fromJson(*bytes).object().value(QStringLiteral("memberId")).toString() != memberId)
            continue;
        // Free (no holder), saying whose it was, for the taker's takeover event. Rewritten whole
        // (temp + rename); inotify on claims/ wakes the new owner.
        QJsonObject o;
        o.insert(QStringLiteral("memberId"), QString());
        o.insert(QStringLiteral("freedFrom"), memberId);
        o.insert(QStringLiteral("freedAtMs"), static_cast<double>(nowMs()));
        bestEffort(writeFileAtomically(path, QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n', false));
    }
}

GroupDirectory::Claim GroupDirectory::readClaim(const TopicPartition &tp) const
{
    auto bytes = readWholeFile(claimPath(tp), 1 << 16);
    if (!bytes)
        return {}; // none (released), or unreadable
    const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
    return Claim{o.value(QStringLiteral("memberId")).toString(), o.value(QStringLiteral("freedFrom")).toString()};
}

QString GroupDirectory::claimHolder(const TopicPartition &tp) const { return readClaim(tp).holder; }

Result<std::vector<bool>> GroupDirectory::takeClaims(const std::vector<std::pair<TopicPartition, QString>> &claims,
                                                     const QString &memberId, int generation,
                                                     std::chrono::milliseconds timeout) const
{
    std::vector<bool> taken(claims.size(), false);
    if (claims.empty())
        return taken;
    auto held = lock(timeout); // one writer of claim records at a time
    if (!held)
        return held.error();
    for (size_t i = 0; i < claims.size(); ++i) {
        const auto &[tp, expected] = claims[i];
        const QString now = claimHolder(tp);
        if (now != expected && now != memberId)
            continue; // someone else got in since the caller looked
        // Written whole (temp + rename): a reader never sees half a record. Not fsynced: after
        // a power cut every lease is unlocked, so every claim is free anyway.
        if (auto s = writeFileAtomically(claimPath(tp), claimHolderJson(memberId, generation), false); !s)
            return s.error();
        taken[i] = true;
    }
    return taken;
}

Status GroupDirectory::releaseClaims(const std::vector<TopicPartition> &tps, const QString &memberId,
                                     std::chrono::milliseconds timeout) const
{
    if (tps.empty())
        return {};
    auto held = lock(timeout);
    if (!held)
        return held.error();
    for (const TopicPartition &tp : tps) {
        if (claimHolder(tp) == memberId)           // taken over meanwhile: it is not ours to remove
            bestEffort(removeFile(claimPath(tp))); // inotify on claims/ wakes the new owner
    }
    return {};
}

Result<std::optional<qint64>> GroupDirectory::readCommitted(const TopicPartition &tp) const
{
    const QString path = offsetPath(tp);
    auto bytes = readWholeFile(path, 1 << 16);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound)
            return std::optional<qint64>();
        return bytes.error();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    const QJsonValue offset = doc.object().value(QStringLiteral("offset"));
    if (parseError.error != QJsonParseError::NoError || !offset.isDouble() || offset.toDouble() < 0)
        return Error(ErrorCode::Corrupt, QStringLiteral("committed offset file %1 is corrupt (byte %2: %3)")
                                             .arg(path)
                                             .arg(parseError.offset)
                                             .arg(parseError.error != QJsonParseError::NoError
                                                      ? parseError.errorString()
                                                      : QStringLiteral("no non-negative 'offset' field")));
    return std::optional<qint64>(static_cast<qint64>(offset.toDouble()));
}

Result<std::vector<CommittedOffset>> GroupDirectory::readAllCommitted() const
{
    std::vector<CommittedOffset> out;
    for (const QString &name : QDir(offsetsPath()).entryList({QStringLiteral("*.offset")}, QDir::Files, QDir::Name)) {
        const QString path = offsetsPath() + QLatin1Char('/') + name;
        auto bytes = readWholeFile(path, 1 << 16);
        if (!bytes)
            continue; // deleted meanwhile
        const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
        CommittedOffset c;
        c.tp.topic = o.value(QStringLiteral("topic")).toString();
        c.tp.partition = o.value(QStringLiteral("partition")).toInt(-1);
        c.offset = static_cast<qint64>(o.value(QStringLiteral("offset")).toDouble(-1));
        c.memberId = o.value(QStringLiteral("memberId")).toString();
        c.generation = o.value(QStringLiteral("generation")).toInt(-1);
        c.committedAtMs = static_cast<qint64>(o.value(QStringLiteral("committedAtMs")).toDouble());
        if (c.tp.topic.isEmpty() || c.tp.partition < 0 || c.offset < 0)
            return Error(ErrorCode::Corrupt, QStringLiteral("committed offset file %1 is corrupt").arg(path));
        out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.tp < b.tp; });
    return out;
}

Status GroupDirectory::writeCommitted(const TopicPartition &tp, qint64 offset, const QString &memberId,
                                      int generation) const
{
    QJsonObject o;
    o.insert(QStringLiteral("topic"), tp.topic);
    o.insert(QStringLiteral("partition"), tp.partition);
    o.insert(QStringLiteral("offset"), static_cast<double>(offset));
    o.insert(QStringLiteral("memberId"), memberId);
    o.insert(QStringLiteral("generation"), generation);
    o.insert(QStringLiteral("committedAtMs"), static_cast<double>(nowMs()));
    return writeFileAtomically(offsetPath(tp), QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n', true);
}

Result<GroupState> GroupDirectory::rebalance(const LogStore &store, std::chrono::milliseconds timeout,
                                             const QString &leavingMemberId) const
{
    if (auto s = ensureExists(); !s)
        return s.error();
    auto held = lock(timeout);
    if (!held)
        return held.error();
    auto current = readState();
    GroupState state = current ? *current : GroupState{};
    if (!current)
        state.generation = 0; // unreadable state: start over with a fresh generation number
    QStringList vanished;
    std::vector<MemberLease> live = liveMembers(true, &vanished);
    std::erase_if(live, [&](const MemberLease &m) { return m.memberId == leavingMemberId; });
    QStringList kafkaMembers;
    QString coordinator;
    for (const MemberLease &m : live) {
        if (!m.coordinator.isEmpty()) {
            kafkaMembers.append(QStringLiteral("%1 (client %2)").arg(m.memberId, m.clientId));
            coordinator = m.coordinator;
        }
    }
    if (!kafkaMembers.isEmpty())
        return Error(ErrorCode::Conflict,
                     QStringLiteral("consumer group '%1' is held by Kafka clients of the %2: %3. A group is managed "
                                    "either by the built-in broker's own consumers or by Kafka clients, never both: "
                                    "use another group id or stop those clients")
                         .arg(m_groupId, coordinator, kafkaMembers.join(QStringLiteral(", "))));
    std::map<QString, int> topics;
    for (const MemberLease &m : live) {
        for (const QString &t : m.topics) {
            if (topics.count(t))
                continue;
            auto meta = store.readMetadata(t);
            topics[t] = meta ? meta->partitions : 0;
        }
    }
    auto sameMembers = [&] {
        if (live.size() != state.members.size())
            return false;
        for (size_t i = 0; i < live.size(); ++i) {
            if (live[i].memberId != state.members[i].memberId || live[i].topics != state.members[i].topics)
                return false;
        }
        return true;
    };
    if (current && sameMembers() && topics == state.topicPartitions)
        return state;
    QString protocol = live.empty() ? QStringLiteral("range") : live.front().strategy;
    for (const MemberLease &m : live) {
        if (m.strategy != protocol)
            protocol = QStringLiteral("range"); // members disagree: the default
    }
    if (protocol != QLatin1String("roundrobin"))
        protocol = QStringLiteral("range");
    GroupState next;
    next.generation = state.generation + 1;
    next.protocol = protocol;
    next.members = live;
    next.topicPartitions = topics;
    // A vanished member (its process gone, its session still valid) does not rejoin: like
    // Kafka's coordinator, which never hands a member that did not join anything new, it keeps
    // what it held, unread until its session expires, and gets nothing more. The rest is
    // assigned over the members that are running.
    std::set<TopicPartition> kept;
    std::vector<MemberLease> running;
    for (const MemberLease &m : live) {
        if (!vanished.contains(m.memberId)) {
            running.push_back(m);
            continue;
        }
        auto before = current ? state.assignment.find(m.memberId) : state.assignment.end();
        if (before == state.assignment.end())
            continue;
        for (const TopicPartition &tp : before->second) {
            auto t = topics.find(tp.topic);
            if (t != topics.end() && tp.partition < t->second && m.topics.contains(tp.topic) && kept.insert(tp).second)
                next.assignment[m.memberId].push_back(tp);
        }
    }
    for (auto &[member, tps] : computeAssignment(protocol, running, topics, kept))
        next.assignment[member] = std::move(tps);
    for (const QString &id : vanished)
        next.assignment[id]; // listed, even with nothing
    next.updatedAtMs = nowMs();
    if (auto s = writeState(next); !s)
        return s.error();
    return next;
}

} // namespace tidemark::logbroker
