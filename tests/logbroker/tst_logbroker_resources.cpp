// The built-in broker at the edge of its resources: a nearly full disk (a small tmpfs,
// mounted when the test runs as root, as CI does on a fresh VM; skipped otherwise) and
// scratch directories left by processes that died. Every failure is a clear error and leaves
// nothing behind; nothing dies of SIGBUS. Real processes (logbroker_test_helper) on real
// files.

#include "LogbrokerTestSupport.h"

#include "logbroker/FileIo.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace tidemark;
using namespace tidemark::test;

namespace {

struct HelperRun {
    bool crashed = false;
    int exitCode = -1;
    QString stderrText;
};

HelperRun runHelper(const QStringList &args)
{
    QProcess p;
    p.setProgram(QStringLiteral(LOGBROKER_HELPER_PATH));
    p.setArguments(args);
    p.start();
    HelperRun out;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        out.crashed = true;
        return out;
    }
    out.crashed = p.exitStatus() != QProcess::NormalExit;
    out.exitCode = p.exitCode();
    out.stderrText = QString::fromLocal8Bit(p.readAllStandardError());
    return out;
}

// A tmpfs of `bytes` mounted on a temp directory for the life of the object.
class SmallDisk {
public:
    explicit SmallDisk(qint64 bytes)
    {
        if (::geteuid() != 0) {
            m_why = QStringLiteral("needs root to mount a small tmpfs");
            return;
        }
        const QByteArray options = "size=" + QByteArray::number(bytes);
        if (::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", 0, options.constData()) != 0) {
            m_why = QStringLiteral("cannot mount a tmpfs: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        m_mounted = true;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }
    QString why() const { return m_why; }
    QString path() const { return m_dir.path(); }

    // Fills the disk with one file, then frees `leaveBytes` of it again.
    bool fill(qint64 leaveBytes)
    {
        const QString filler = m_dir.filePath(QStringLiteral("filler"));
        const int fd = ::open(QFile::encodeName(filler).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return false;
        const QByteArray block(4096, 'x');
        qint64 written = 0;
        for (;;) {
            const ssize_t n = ::write(fd, block.constData(), size_t(block.size()));
            if (n <= 0)
                break;
            written += n;
        }
        const bool full = errno == ENOSPC;
        const bool ok = full && ::ftruncate(fd, std::max<qint64>(0, written - leaveBytes)) == 0;
        ::close(fd);
        return ok;
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_why;
};

QStringList scratchDirectories(const QString &data)
{
    return QDir(data + QStringLiteral("/topics"))
        .entryList({QStringLiteral("~*")}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

class TestLogbrokerResources final : public QObject {
    Q_OBJECT

private slots:
    // `topic create` on a nearly full disk: a clear error naming the disk, exit status 1, no
    // ~creating-* directory left (the bug: the sparse partition.head, written through mmap,
    // killed the process with SIGBUS and left the scratch directory behind).
    void topicCreateOnAFullDiskFailsCleanly_data()
    {
        QTest::addColumn<qint64>("free");
        QTest::newRow("room for topic.json, not for the head") << qint64(4096);
        QTest::newRow("no room at all") << qint64(0);
    }
    void topicCreateOnAFullDiskFailsCleanly()
    {
        QFETCH(qint64, free);
        SmallDisk disk(256 * 1024);
        if (!disk.mounted())
            QSKIP(qPrintable(disk.why()));
        const QString data = disk.path() + QStringLiteral("/data");
        QVERIFY(openLocal(data)); // topics/ and groups/ exist
        QVERIFY(disk.fill(free));

        const HelperRun run =
            runHelper({QStringLiteral("create-topic"), QStringLiteral("--data"), data, QStringLiteral("--topic"),
                       QStringLiteral("t"), QStringLiteral("--partitions"), QStringLiteral("3")});
        QVERIFY2(!run.crashed, "the process died (SIGBUS writing the partition head?)");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stderrText.contains(QStringLiteral("No space left on device")), qPrintable(run.stderrText));
        QCOMPARE(scratchDirectories(data), QStringList());
        QVERIFY(!QFileInfo::exists(data + QStringLiteral("/topics/t")));

        QVERIFY(QFile::remove(disk.path() + QStringLiteral("/filler"))); // room again: it works
        QCOMPARE(runHelper({QStringLiteral("create-topic"), QStringLiteral("--data"), data, QStringLiteral("--topic"),
                            QStringLiteral("t")})
                     .exitCode,
                 0);
        auto b = openLocal(data);
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "v", 0)}));
    }

    // A ~creating-* or ~deleted-* directory whose process died (its lock is free) is removed
    // by the next topic creation; one that a live process works in (locked) is kept.
    void abandonedScratchDirectoriesAreRemoved()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        const QString topics = dir.filePath(QStringLiteral("topics"));
        for (const QString &name :
             {QStringLiteral("~creating-dead"), QStringLiteral("~deleted-dead"), QStringLiteral("~creating-alive")}) {
            QVERIFY(QDir().mkpath(topics + QLatin1Char('/') + name + QStringLiteral("/t-0")));
            QFile f(topics + QLatin1Char('/') + name + QStringLiteral("/t-0/partition.head"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const int alive = ::open(QFile::encodeName(topics + QStringLiteral("/~creating-alive")).constData(), O_RDONLY);
        QVERIFY(alive >= 0);
        QCOMPARE(::flock(alive, LOCK_EX | LOCK_NB), 0);

        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        QCOMPARE(scratchDirectories(dir.path()), QStringList{QStringLiteral("~creating-alive")});
        bool reported = false;
        for (const QString &m : b->diagnostics())
            reported = reported || (m.contains(QStringLiteral("~creating-dead")) && m.contains(QStringLiteral("died")));
        QVERIFY2(reported, qPrintable(b->diagnostics().join(u'\n')));
        ::close(alive);
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerResources)
#include "tst_logbroker_resources.moc"
