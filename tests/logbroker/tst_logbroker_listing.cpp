// Listing topics on the built-in broker counts, not times (issue 13's scale goals): the first
// listing of N topics opens (recovers) no partition and reads each topic.json once; listing
// again while nothing changed reads nothing at all (no directory scan, no topic.json, no new
// head mapping; on Linux not one read system call); changes made by another process (a
// second store on the same directory) are still seen; a damaged head is repaired by opening
// just that partition.

#include "LogbrokerTestSupport.h"

#include "logbroker/TopicCatalog.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <QDirIterator>

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tidemark;
using namespace tidemark::test;
using logbroker::TopicCatalog;

namespace {

QString topicName(int i) { return QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0')); }

// Sets the modification time of topics/ and of every topic directory an hour back: what a
// directory last changed well before the listing looks like (TopicCatalog trusts only stamps
// older than kRacyStampMs).
bool ageDirectories(const QString &dataDir)
{
    const QString topics = dataDir + QStringLiteral("/topics");
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = time(nullptr) - 3600;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    QStringList paths{topics};
    for (const QString &name : QDir(topics).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        paths.append(topics + QLatin1Char('/') + name);
    for (const QString &p : paths)
        if (::utimensat(AT_FDCWD, QFile::encodeName(p).constData(), times, 0) != 0)
            return false;
    return true;
}

// Read system calls of this process so far (Linux: /proc/self/io); -1 where unknown.
qint64 readSyscalls()
{
    QFile f(QStringLiteral("/proc/self/io"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("syscr:"))
            return line.mid(6).trimmed().toLongLong();
    return -1;
}

qint64 countOf(const std::vector<TopicInfo> &topics, const QString &name)
{
    for (const TopicInfo &t : topics)
        if (t.name == name)
            return t.recordCount;
    return -2;
}

} // namespace

class TestLogbrokerListing : public QObject {
    Q_OBJECT

private slots:
    void listingOpensNoPartition_data()
    {
        QTest::addColumn<int>("topics");
        QTest::newRow("10 topics") << 10;
        QTest::newRow("100 topics") << 100;
    }
    void listingOpensNoPartition()
    {
        QFETCH(int, topics);
        QTemporaryDir dir;
        {
            auto writer = openLocal(dir.path());
            QVERIFY(writer);
            for (int i = 0; i < topics; ++i)
                QVERIFY(writer->createTopic({topicName(i), 3, 1, {}}));
            std::vector<OutgoingRecord> records;
            for (int r = 0; r < 7; ++r)
                records.push_back(keyed("k" + QByteArray::number(r), "v", r % 3));
            QVERIFY(produceAll(*writer, topicName(topics - 1), records));
        }
        QVERIFY(ageDirectories(dir.path()));

        auto b = openLocal(dir.path());
        QVERIFY(b);
        auto listed = b->listTopics();
        QVERIFY(listed);
        QCOMPARE(int(listed->size()), topics);
        QCOMPARE(countOf(*listed, topicName(0)), 0);
        QCOMPARE(countOf(*listed, topicName(topics - 1)), 7);
        QCOMPARE(listed->front().partitionCount, 3);
        TopicCatalog::Counters first = b->store()->catalog().counters();
        QCOMPARE(b->store()->partitionsOpened(), 0); // nothing recovered to be listed
        QCOMPARE(first.partitionsOpened, 0);
        QCOMPARE(first.directoryScans, 1);
        QCOMPARE(first.metadataReads, qint64(topics));
        QCOMPARE(first.headsMapped, qint64(3 * topics));

        // Nothing changed: listing again reads nothing, however many topics there are. (Reading
        // /proc/self/io costs reads of its own: counted with nothing in between first.)
        const qint64 calibration = readSyscalls();
        const qint64 ownReads = readSyscalls() - calibration;
        const qint64 readsBefore = readSyscalls();
        for (int again = 0; again < 5; ++again) {
            auto more = b->listTopics();
            QVERIFY(more);
            QCOMPARE(int(more->size()), topics);
            QCOMPARE(countOf(*more, topicName(topics - 1)), 7);
        }
        const qint64 readsAfter = readSyscalls();
        const TopicCatalog::Counters idle = b->store()->catalog().counters();
        QCOMPARE(idle.directoryScans, first.directoryScans);
        QCOMPARE(idle.metadataReads, first.metadataReads);
        QCOMPARE(idle.headsMapped, first.headsMapped);
        QCOMPARE(b->store()->partitionsOpened(), 0);
        if (readsBefore >= 0)
            QCOMPARE(readsAfter - readsBefore, ownReads);
    }

    // Another process (a second store on the same directory) appends, creates, grows and
    // deletes topics: the listing shows each change.
    void changesOfAnotherProcessAreListed()
    {
        QTemporaryDir dir;
        auto other = openLocal(dir.path());
        QVERIFY(other);
        for (int i = 0; i < 3; ++i)
            QVERIFY(other->createTopic({topicName(i), 2, 1, {}}));
        auto b = openLocal(dir.path());
        QVERIFY(b);
        QVERIFY(b->listTopics());
        QVERIFY(ageDirectories(dir.path()));
        QVERIFY(b->listTopics());
        const qint64 scans = b->store()->catalog().counters().directoryScans;

        // Appends show through the mapped heads, with no scan.
        QVERIFY(produceAll(*other, topicName(1), {keyed("a", "1"), keyed("b", "2"), keyed("c", "3")}));
        auto listed = b->listTopics();
        QVERIFY(listed);
        QCOMPARE(countOf(*listed, topicName(1)), 3);
        QCOMPARE(b->store()->catalog().counters().directoryScans, scans);

        QVERIFY(other->createTopic({QStringLiteral("fresh"), 1, 1, {}}));
        listed = b->listTopics();
        QVERIFY(listed);
        QCOMPARE(countOf(*listed, QStringLiteral("fresh")), 0);

        QVERIFY(ageDirectories(dir.path()));
        QVERIFY(b->listTopics());
        QVERIFY(other->store()->addPartitions(topicName(2), 5));
        listed = b->listTopics();
        QVERIFY(listed);
        auto grown =
            std::find_if(listed->begin(), listed->end(), [](const TopicInfo &t) { return t.name == topicName(2); });
        QVERIFY(grown != listed->end());
        QCOMPARE(grown->partitionCount, 5);

        QVERIFY(ageDirectories(dir.path()));
        QVERIFY(b->listTopics());
        QVERIFY(other->deleteTopic(topicName(1)));
        listed = b->listTopics();
        QVERIFY(listed);
        QCOMPARE(countOf(*listed, topicName(1)), -2);

        // Deleted and made again under the same name: the new one, not the old heads.
        QVERIFY(ageDirectories(dir.path()));
        QVERIFY(b->listTopics());
        QVERIFY(other->deleteTopic(topicName(0)));
        QVERIFY(other->createTopic({topicName(0), 1, 1, {}}));
        QVERIFY(produceAll(*other, topicName(0), {keyed("x", "1")}));
        listed = b->listTopics();
        QVERIFY(listed);
        QCOMPARE(countOf(*listed, topicName(0)), 1);
        QCOMPARE(int(listed->size()), 3);
    }

    // The group ids a poller lists (BrokerState's groups poll, every second or so) open no
    // group's files or directories: listGroupIds() lists the groups/ directory only, with 2
    // groups as with 40, where listGroups() (state and members) opens something in each group.
    // Counted by the kernel: inotify reports every open under each group's directory.
    void listingGroupIdsOpensNoGroup_data()
    {
        QTest::addColumn<int>("groups");
        QTest::newRow("2 groups") << 2;
        QTest::newRow("40 groups") << 40;
    }
    void listingGroupIdsOpensNoGroup()
    {
        QFETCH(int, groups);
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b);
        QVERIFY(b->createTopic({topicName(0), 1, 1, {}}));
        QVERIFY(produceAll(*b, topicName(0), {keyed("k", "v", 0)}));
        for (int g = 0; g < groups; ++g)
            QVERIFY(b->resetGroupOffsets(QStringLiteral("group-%1").arg(g), {{TopicPartition{topicName(0), 0}, 1}}));
        const int inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (inotify < 0)
            QSKIP("no inotify here");
        QDirIterator it(dir.filePath(QStringLiteral("groups")), QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        int watched = 0;
        while (it.hasNext())
            watched += inotify_add_watch(inotify, QFile::encodeName(it.next()).constData(), IN_OPEN) >= 0 ? 1 : 0;
        QVERIFY(watched >= groups);
        auto opens = [&] {
            int n = 0;
            alignas(inotify_event) char buffer[64 * 1024];
            for (;;) {
                const ssize_t got = ::read(inotify, buffer, sizeof buffer);
                if (got <= 0)
                    return n;
                for (ssize_t at = 0; at < got;) {
                    const auto *e = reinterpret_cast<const inotify_event *>(buffer + at);
                    n += (e->mask & IN_OPEN) ? 1 : 0;
                    at += ssize_t(sizeof(inotify_event) + e->len);
                }
            }
        };
        opens(); // nothing before
        const auto ids = b->listGroupIds();
        const int idOpens = opens();
        QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
        QCOMPARE(int(ids->size()), groups);
        const auto full = b->listGroups();
        const int fullOpens = opens();
        ::close(inotify);
        QVERIFY(full.ok());
        std::vector<QString> fullIds;
        for (const GroupInfo &g : *full)
            fullIds.push_back(g.groupId);
        QCOMPARE(*ids, fullIds); // the same groups, in the same order
        qInfo("%d groups: opens under the groups: listGroupIds %d, listGroups %d", groups, idOpens, fullOpens);
        QCOMPARE(idOpens, 0);
        QVERIFY(fullOpens >= groups); // the peer opens something in every group: the count sees it
    }

    // Deleting a topic in this process lets go of its head mappings at once (a deleted
    // file that stays mapped keeps its disk space): /proc/self/maps lists none afterwards.
    void deletingATopicUnmapsItsHeads()
    {
        QFile maps(QStringLiteral("/proc/self/maps"));
        if (!maps.exists())
            QSKIP("no /proc/self/maps here");
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b);
        QVERIFY(b->createTopic({QStringLiteral("doomed"), 4, 1, {}}));
        QVERIFY(b->listTopics());
        auto mappedHeads = [&](const QByteArray &suffix) {
            QFile f(QStringLiteral("/proc/self/maps"));
            if (!f.open(QIODevice::ReadOnly))
                return -1;
            int n = 0;
            for (const QByteArray &line : f.readAll().split('\n'))
                if (line.contains("partition.head") && line.endsWith(suffix))
                    ++n;
            return n;
        };
        QCOMPARE(mappedHeads("partition.head"), 4);
        QVERIFY(b->deleteTopic(QStringLiteral("doomed")));
        QCOMPARE(mappedHeads("(deleted)"), 0);
        QCOMPARE(mappedHeads("partition.head"), 0);
    }

    // A head that does not load (damaged here) is repaired by opening that partition, and
    // only that one: recovery still comes before anything reads it.
    void damagedHeadIsRecoveredByOpeningOnlyItsPartition()
    {
        QTemporaryDir dir;
        {
            auto writer = openLocal(dir.path());
            QVERIFY(writer);
            for (int i = 0; i < 10; ++i)
                QVERIFY(writer->createTopic({topicName(i), 3, 1, {}}));
            QVERIFY(produceAll(*writer, topicName(4), {keyed("k", "v", 1), keyed("k", "v", 1)}));
        }
        QFile head(dir.filePath(QStringLiteral("topics/%1/%1-1/partition.head").arg(topicName(4))));
        QVERIFY(head.open(QIODevice::ReadWrite));
        QVERIFY(head.seek(48)); // visibleNext: the CRC no longer matches
        QVERIFY(head.write(QByteArray(8, '\x7f')) == 8);
        head.close();

        auto b = openLocal(dir.path());
        QVERIFY(b);
        auto listed = b->listTopics();
        QVERIFY2(listed, qPrintable(listed ? QString() : listed.error().message));
        QCOMPARE(countOf(*listed, topicName(4)), 2);
        QCOMPARE(b->store()->partitionsOpened(), 1);
        QCOMPARE(b->store()->catalog().counters().partitionsOpened, 1);
        QCOMPARE(readAll(*b, {topicName(4), 1}).size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerListing)
#include "tst_logbroker_listing.moc"
