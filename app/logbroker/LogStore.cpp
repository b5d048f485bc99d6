#include "logbroker/LogStore.h"

#include "logbroker/FileIo.h"
#include "logbroker/TopicCatalog.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace tidemark::logbroker {

namespace {

using namespace std::chrono;

QString uuid() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

} // namespace

Topic::Topic(TopicMetadata metadata, QString directory, std::shared_ptr<Diagnostics> diagnostics,
             std::weak_ptr<HeadLockReleaser> lockReleaser, std::shared_ptr<FdCache> fdCache,
             std::atomic<qint64> *openCounter)
    : m_metadata(std::move(metadata)),
      m_directory(std::move(directory)),
      m_diagnostics(std::move(diagnostics)),
      m_lockReleaser(std::move(lockReleaser)),
      m_fdCache(std::move(fdCache)),
      m_partitions(static_cast<size_t>(std::max(0, m_metadata.partitions))),
      m_openCounter(openCounter)
{}

Result<std::shared_ptr<PartitionLog>> Topic::partition(int partition)
{
    if (partition < 0 || partition >= m_metadata.partitions)
        return Error(ErrorCode::NotFound, QStringLiteral("partition %1 of topic '%2' does not exist (it has %3)")
                                              .arg(partition)
                                              .arg(m_metadata.name)
                                              .arg(m_metadata.partitions));
    std::lock_guard lock(m_mutex);
    auto &slot = m_partitions[static_cast<size_t>(partition)];
    if (slot)
        return slot;
    PartitionLog::Options options;
    options.topic = m_metadata.name;
    options.partition = partition;
    options.directory =
        m_directory + QLatin1Char('/') + m_metadata.name + QLatin1Char('-') + QString::number(partition);
    options.config = m_metadata.config;
    options.groupsDirectory = QDir::cleanPath(m_directory + QStringLiteral("/../../groups"));
    options.topicCreatedAtMs = m_metadata.createdAtMs;
    options.diagnostics = m_diagnostics;
    options.lockReleaser = m_lockReleaser;
    options.fdCache = m_fdCache;
    if (m_openCounter)
        ++*m_openCounter;
    auto log = PartitionLog::open(options);
    if (!log)
        return log.error();
    slot = *log;
    return slot;
}

std::shared_ptr<PartitionLog> Topic::openedPartition(int partition) const
{
    if (partition < 0 || partition >= m_metadata.partitions)
        return nullptr;
    std::lock_guard lock(m_mutex);
    return m_partitions[static_cast<size_t>(partition)];
}

bool Topic::deleted() const
{
    std::lock_guard lock(m_mutex);
    for (const auto &p : m_partitions) {
        if (p && p->isDeleted())
            return true;
    }
    return false;
}

LogStore::LogStore(QString dataDirectory)
    : m_dataDirectory(std::move(dataDirectory)),
      m_diagnostics(std::make_shared<Diagnostics>()),
      m_lockReleaser(std::make_shared<HeadLockReleaser>()),
      m_fdCache(std::make_shared<FdCache>()),
      m_catalog(std::make_unique<TopicCatalog>(*this))
{}

LogStore::~LogStore() = default;

Result<std::shared_ptr<LogStore>> LogStore::open(const QString &dataDirectory)
{
    if (dataDirectory.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no data directory given"));
    const QString dir = QDir::cleanPath(QFileInfo(dataDirectory).absoluteFilePath());
    if (auto s = makeDirectories(dir + QStringLiteral("/topics")); !s)
        return s.error();
    if (auto s = makeDirectories(dir + QStringLiteral("/groups")); !s)
        return s.error();
    if (!QFileInfo(dir).isWritable())
        return Error(ErrorCode::Io, QStringLiteral("data directory '%1' is not writable").arg(dir));
    return std::shared_ptr<LogStore>(new LogStore(dir));
}

QString LogStore::topicsDirectory() const { return m_dataDirectory + QStringLiteral("/topics"); }
QString LogStore::groupsDirectory() const { return m_dataDirectory + QStringLiteral("/groups"); }
QString LogStore::topicDirectory(const QString &topic) const { return topicsDirectory() + QLatin1Char('/') + topic; }
QString LogStore::partitionDirectory(const QString &topic, int partition) const
{
    return topicDirectory(topic) + QLatin1Char('/') + topic + QLatin1Char('-') + QString::number(partition);
}

Status LogStore::validateTopicName(const QString &name)
{
    // \A and \z: '$' would also match before a final newline ("orders\n").
    static const QRegularExpression valid(QStringLiteral("\\A[A-Za-z0-9._-]{1,249}\\z"));
    if (name == QLatin1String(".") || name == QLatin1String("..") || !valid.match(name).hasMatch())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("invalid topic name '%1': use 1 to 249 of the characters A-Z a-z 0-9 . _ - "
                                    "(not '.' or '..')")
                         .arg(name));
    return {};
}

Result<std::vector<QString>> LogStore::topicNames() const
{
    QDir dir(topicsDirectory());
    if (!dir.exists())
        return Error(ErrorCode::NotFound, QStringLiteral("'%1' does not exist").arg(topicsDirectory()));
    std::vector<QString> names;
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (name.startsWith(QLatin1Char('~')) || !validateTopicName(name))
            continue;
        names.push_back(name);
    }
    return names;
}

Result<TopicMetadata> LogStore::readMetadata(const QString &topic) const
{
    if (auto s = validateTopicName(topic); !s)
        return s.error();
    const QString dir = topicDirectory(topic);
    if (!QFileInfo(dir).isDir())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("topic '%1' does not exist in %2").arg(topic, m_dataDirectory));
    const QString path = dir + QStringLiteral("/topic.json");
    TopicMetadata meta;
    meta.name = topic;
    QString problem;
    auto bytes = readWholeFile(path, 1 << 20);
    if (!bytes) {
        problem = bytes.error().message;
    } else {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            problem = QStringLiteral("%1 is not valid JSON at byte %2: %3")
                          .arg(path)
                          .arg(parseError.offset)
                          .arg(parseError.errorString());
        } else if (!doc.isObject()) {
            problem = QStringLiteral("%1 is not a JSON object (at byte 0)").arg(path);
        } else {
            const QJsonObject o = doc.object();
            const int partitions = o.value(QStringLiteral("partitions")).toInt(-1);
            QMap<QString, QString> configs;
            const QJsonObject c = o.value(QStringLiteral("configs")).toObject();
            for (auto it = c.begin(); it != c.end(); ++it)
                configs.insert(it.key(), it.value().toString());
            auto config = TopicConfig::fromMap(configs);
            if (o.value(QStringLiteral("name")).toString() != topic)
                problem = QStringLiteral("%1: field 'name' is '%2', not '%3'")
                              .arg(path, o.value(QStringLiteral("name")).toString(), topic);
            else if (partitions < 1)
                problem = QStringLiteral("%1: field 'partitions' is missing or not a positive integer").arg(path);
            else if (!config)
                problem = QStringLiteral("%1: %2").arg(path, config.error().message);
            else {
                meta.id = o.value(QStringLiteral("id")).toString();
                meta.partitions = partitions;
                meta.config = *config;
                meta.createdAtMs = static_cast<qint64>(o.value(QStringLiteral("createdAtMs")).toDouble());
                return meta;
            }
        }
    }
    // Unreadable metadata: count the partition directories so the data stays readable.
    int count = 0;
    while (QFileInfo(partitionDirectory(topic, count)).isDir())
        ++count;
    if (count == 0)
        return Error(ErrorCode::Corrupt, problem);
    meta.partitions = count;
    meta.metadataError = problem;
    return meta;
}

Result<UniqueFd> LogStore::lockScratch(const QString &directory)
{
    auto fd = openFile(directory, ReadOnly);
    if (!fd)
        return fd.error();
    auto attempt = tryLockExclusive(fd->get(), directory);
    if (!attempt)
        return attempt.error();
    if (*attempt != LockAttempt::Acquired)
        return Error(ErrorCode::Unavailable, QStringLiteral("'%1' is in use by another process").arg(directory));
    return fd;
}

void LogStore::removeAbandonedScratch()
{
    const QString topics = topicsDirectory();
    for (const QString &name :
         QDir(topics).entryList({QStringLiteral("~creating-*"), QStringLiteral("~deleted-*")},
                                QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        const QString path = topics + QLatin1Char('/') + name;
        auto lock = lockScratch(path);
        if (!lock)
            continue; // its creator or deleter is still at work (or it is gone already)
        if (auto s = removeTree(path); !s)
            m_diagnostics->report(
                QStringLiteral("could not remove %1, left by a process that died: %2").arg(path, s.error().message));
        else
            m_diagnostics->report(
                QStringLiteral("removed %1, left by a process that died creating or deleting a topic").arg(path));
    }
}

Status LogStore::createTopic(const TopicSpec &spec)
{
    if (auto s = validateTopicName(spec.name); !s)
        return s;
    if (spec.name.size() > kMaxTopicNameLength)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic name '%1' is %2 characters; the built-in broker's file names fit at most "
                                    "%3 (Kafka allows 249)")
                         .arg(spec.name)
                         .arg(spec.name.size())
                         .arg(kMaxTopicNameLength));
    if (spec.partitions < 1 || spec.partitions > 10000)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic '%1': partition count must be 1 to 10000, not %2")
                         .arg(spec.name)
                         .arg(spec.partitions));
    auto config = TopicConfig::fromMap(spec.configs);
    if (!config)
        return Error(config.error().code, QStringLiteral("topic '%1': %2").arg(spec.name, config.error().message));
    const QString final = topicDirectory(spec.name);
    if (pathExists(final))
        return Error(ErrorCode::AlreadyExists, QStringLiteral("topic '%1' already exists").arg(spec.name));
    removeAbandonedScratch();
    const QString scratch = topicsDirectory() + QStringLiteral("/~creating-") + uuid();
    if (auto s = makeDirectories(scratch); !s)
        return s;
    // Locked while this process works in it: a scratch directory whose lock is free was left
    // by a process that died (removeAbandonedScratch).
    auto scratchLock = lockScratch(scratch);
    auto fail = [&](const Status &s) {
        bestEffort(removeTree(scratch));
        return s;
    };
    if (!scratchLock)
        return fail(scratchLock.error());
    QJsonObject configs;
    const auto map = config->toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        configs.insert(it.key(), it.value());
    QJsonObject o;
    o.insert(QStringLiteral("name"), spec.name);
    o.insert(QStringLiteral("id"), uuid());
    o.insert(QStringLiteral("partitions"), spec.partitions);
    o.insert(QStringLiteral("configs"), configs);
    o.insert(QStringLiteral("createdAtMs"), static_cast<double>(QDateTime::currentMSecsSinceEpoch()));
    o.insert(QStringLiteral("createdAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("format"), 1);
    if (auto s = writeFileAtomically(scratch + QStringLiteral("/topic.json"),
                                     QJsonDocument(o).toJson(QJsonDocument::Indented), true);
        !s)
        return fail(s);
    for (int p = 0; p < spec.partitions; ++p) {
        const QString dir = scratch + QLatin1Char('/') + spec.name + QLatin1Char('-') + QString::number(p);
        if (auto s = PartitionLog::initialize(dir); !s)
            return fail(s);
        if (config->fsync) {
            if (auto s = syncDirectory(dir); !s)
                return fail(s);
        }
    }
    if (auto s = syncDirectory(scratch); !s)
        return fail(s);
    // rename(2) of a directory fails if the target exists and is not empty: another process
    // that created the same topic a moment ago wins.
    if (auto s = renamePath(scratch, final); !s) {
        bestEffort(removeTree(scratch));
        if (s.error().code == ErrorCode::AlreadyExists || pathExists(final))
            return Error(ErrorCode::AlreadyExists, QStringLiteral("topic '%1' already exists").arg(spec.name));
        return s;
    }
    if (auto s = syncDirectory(topicsDirectory()); !s)
        m_diagnostics->report(QStringLiteral("topic '%1' was created but %2").arg(spec.name, s.error().message));
    return {};
}

Status LogStore::checkOwnDirectory(const QString &path, const QString &parent) const
{
    const QFileInfo info(path);
    const QString real = info.canonicalFilePath();
    const QString realParent = QFileInfo(parent).canonicalFilePath();
    if (info.isSymLink() || real.isEmpty() || realParent.isEmpty() || !real.startsWith(realParent + QLatin1Char('/')) ||
        real.mid(realParent.size() + 1).contains(QLatin1Char('/')))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("'%1' is a symbolic link or leads out of the data directory %2 (to '%3'); "
                                    "refusing to touch what it points at: remove the link yourself")
                         .arg(path, m_dataDirectory, real.isEmpty() ? info.symLinkTarget() : real));
    return {};
}

Status LogStore::deleteTopic(const QString &topic)
{
    auto meta = readMetadata(topic);
    if (!meta)
        return meta.error();
    // Deleting marks every partition head and removes the whole tree: all of it must be the
    // topic's own, inside the data directory. Through a symbolic link (the topic's directory,
    // a partition's, or a head file) it would empty or write whatever the link points at.
    if (auto s = checkOwnDirectory(topicDirectory(topic), topicsDirectory()); !s)
        return s;
    for (int p = 0; p < meta->partitions; ++p) {
        const QString dir = partitionDirectory(topic, p);
        if (!pathExists(dir))
            continue;
        if (auto s = checkOwnDirectory(dir, topicDirectory(topic)); !s)
            return s;
        const QString head = dir + QStringLiteral("/partition.head");
        if (QFileInfo(head).isSymLink())
            return checkOwnDirectory(head, dir);
    }
    for (int p = 0; p < meta->partitions; ++p) {
        const QString dir = partitionDirectory(topic, p);
        if (!QFileInfo(dir).isDir())
            continue;
        auto head = PartitionHead::open(dir + QStringLiteral("/partition.head"));
        if (!head)
            return head.error();
        if (auto s = head->lockForWrite(seconds(10)); !s) // an appender keeping it lets go
            return s;
        HeadState h;
        if (head->load(h) != HeadLoad::Ok)
            h = HeadState{};
        h.flags |= HeadState::kDeleted;
        head->store(h);
        head->unlockWrite();
        head->touch(); // wakes consumers watching the partition
    }
    evict(topic);
    m_catalog->forget(topic);
    const QString grave = topicsDirectory() + QStringLiteral("/~deleted-") + uuid();
    auto graveLock = lockScratch(topicDirectory(topic)); // the lock follows the directory
    if (!graveLock)
        return graveLock.error();
    if (auto s = renamePath(topicDirectory(topic), grave); !s)
        return s;
    bestEffort(syncDirectory(topicsDirectory())); // the rename is done; durability of it is not needed
    return removeTree(grave);
}

Status LogStore::addPartitions(const QString &topic, int partitions)
{
    auto meta = readMetadata(topic);
    if (!meta)
        return meta.error();
    if (!meta->metadataError.isEmpty())
        return Error(ErrorCode::Corrupt, meta->metadataError);
    if (partitions <= meta->partitions)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic '%1' has %2 partitions; it can only grow, not to %3")
                         .arg(topic)
                         .arg(meta->partitions)
                         .arg(partitions));
    if (partitions > 10000)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("topic '%1': partition count must be at most 10000, not %2").arg(topic).arg(partitions));
    const QString path = topicDirectory(topic) + QStringLiteral("/topic.json");
    auto bytes = readWholeFile(path, 1 << 20);
    if (!bytes)
        return bytes.error();
    QJsonObject o = QJsonDocument::fromJson(*bytes).object();
    for (int p = meta->partitions; p < partitions; ++p) {
        const QString final = partitionDirectory(topic, p);
        if (QFileInfo(final).isDir())
            continue; // left by an earlier attempt that did not get to topic.json
        const QString scratch = topicDirectory(topic) + QStringLiteral("/~adding-") + uuid();
        if (auto s = PartitionLog::initialize(scratch); !s) {
            bestEffort(removeTree(scratch));
            return s;
        }
        if (auto s = renamePath(scratch, final); !s) {
            bestEffort(removeTree(scratch));
            if (!QFileInfo(final).isDir())
                return s;
        }
    }
    o.insert(QStringLiteral("partitions"), partitions);
    if (auto s = writeFileAtomically(path, QJsonDocument(o).toJson(QJsonDocument::Indented), true); !s)
        return s;
    evict(topic);
    // Every process's TopicCatalog looks at topic.json again only when topics/ changed.
    if (auto s = touchPath(topicsDirectory()); !s)
        m_diagnostics->report(QStringLiteral("topic '%1' grew to %2 partitions, but other processes may list the old "
                                             "count until the next topic is created or deleted: %3")
                                  .arg(topic)
                                  .arg(partitions)
                                  .arg(s.error().message));
    return {};
}

Result<std::shared_ptr<Topic>> LogStore::topic(const QString &name)
{
    {
        std::lock_guard lock(m_mutex);
        auto it = m_topics.find(name);
        if (it != m_topics.end()) {
            if (!it->second->deleted())
                return it->second;
            m_topics.erase(it);
        }
    }
    auto meta = readMetadata(name);
    if (!meta)
        return meta.error();
    auto topic = std::make_shared<Topic>(*meta, topicDirectory(name), m_diagnostics, m_lockReleaser, m_fdCache,
                                         &m_partitionsOpened);
    std::lock_guard lock(m_mutex);
    auto [it, inserted] = m_topics.emplace(name, topic);
    if (!inserted && it->second->metadata().id != meta->id)
        it->second = topic;
    return it->second;
}

Result<std::shared_ptr<PartitionLog>> LogStore::partition(const TopicPartition &tp)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto t = topic(tp.topic);
        if (!t)
            return t.error();
        auto p = (*t)->partition(tp.partition);
        if (p && !(*p)->isDeleted())
            return p;
        if (!p && p.error().code != ErrorCode::NotFound)
            return p.error();
        evict(tp.topic);
        if (!p && attempt == 1)
            return p.error();
    }
    return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(tp.topic));
}

std::shared_ptr<PartitionLog> LogStore::openedPartition(const TopicPartition &tp) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_topics.find(tp.topic);
    return it == m_topics.end() ? nullptr : it->second->openedPartition(tp.partition);
}

void LogStore::evict(const QString &name)
{
    std::lock_guard lock(m_mutex);
    m_topics.erase(name);
}

} // namespace tidemark::logbroker
