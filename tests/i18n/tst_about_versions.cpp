// The versions Tidemark reports are the ones it runs on: librdkafka's rd_kafka_version_str()
// and Qt's qVersion(), in the About box (as main.cpp passes them), the diagnostics, and
// `tidemark --version` / `tidemark-cli --version`.

#include "AppFixture.h"
#include "TestPaths.h"
#include "UiTestSupport.h"
#include "backends/RuntimeVersions.h"
#include "core/Version.h"

#include <QMessageBox>
#include <QProcess>
#include <QTest>

#include <librdkafka/rdkafka.h>

using namespace tidemark;

namespace {

QString runVersion(const QString &program)
{
    QProcess p;
    p.start(program, {QStringLiteral("--version")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return QStringLiteral("<failed: %1>").arg(QString::fromLocal8Bit(p.readAllStandardError()));
    return QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TestAboutVersions final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void runtimeVersions()
    {
        const QString rdkafka = QString::fromLatin1(rd_kafka_version_str());
        QCOMPARE(librdkafkaRuntimeVersion(), rdkafka);
        const QString banner = runtimeVersionBanner();
        QVERIFY2(banner.startsWith(QStringLiteral("Tidemark ") + tidemarkVersion() + QStringLiteral(" (Qt ") +
                                   QString::fromLatin1(qVersion())),
                 qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("librdkafka ") + rdkafka), qPrintable(banner));
        // Built and run with the same libraries here: the banner is the familiar one.
        if (QLatin1String(qVersion()) == QLatin1String(QT_VERSION_STR) && rd_kafka_version() == RD_KAFKA_VERSION)
            QCOMPARE(banner, versionBanner());
    }

    void aboutBoxAndDiagnostics()
    {
        const auto fake = std::make_shared<test::FakeBackend>();
        QTemporaryDir settings;
        // What main.cpp does.
        MainWindowOptions options;
        options.opener = test::fakeOpener(fake);
        options.settingsFile = settings.filePath(QStringLiteral("tidemark.ini"));
        options.versionBanner = runtimeVersionBanner();
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showAbout();
        QMessageBox *about = nullptr;
        QTRY_VERIFY((about = test::child<QMessageBox>(&window, QStringLiteral("aboutBox"))));
        QVERIFY2(about->text().contains(QString::fromLatin1(rd_kafka_version_str())), qPrintable(about->text()));
        QVERIFY2(about->text().contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())),
                 qPrintable(about->text()));
        QVERIFY(window.diagnostics().startsWith(runtimeVersionBanner()));
        about->close();
    }

    void versionFlags_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("tidemark") << tidemark::test::paths::gui();
        QTest::newRow("tidemark-cli") << tidemark::test::paths::cli();
    }
    void versionFlags()
    {
        QFETCH(QString, program);
        const QString out = runVersion(program);
        QVERIFY2(out.startsWith(QStringLiteral("Tidemark ") + tidemarkVersion()), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("librdkafka ") + QString::fromLatin1(rd_kafka_version_str())),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())), qPrintable(out));
    }
};

QTEST_MAIN(TestAboutVersions)
#include "tst_about_versions.moc"
