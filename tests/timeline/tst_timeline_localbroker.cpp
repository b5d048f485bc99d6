// The timeline over the real built-in broker, opened through the backend factory as the app
// does (the steps: TimelineOverBroker.h).

#include "TimelineOverBroker.h"
#include "backends/BackendFactory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

class TestTimelineLocalBroker final : public QObject {
    Q_OBJECT

private slots:
    void showsTheLocalBrokerAndResetsOffsets()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir.path(), {}});
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        test::timelineOverBroker(*opened, QStringLiteral("orders"), QStringLiteral("billing"));
    }
};

QTEST_MAIN(TestTimelineLocalBroker)
#include "tst_timeline_localbroker.moc"
