// The timeline over a real Kafka cluster (tests/kafka/cluster.sh), opened through the
// backend factory as the app does: the same steps as over the built-in broker
// (tests/timeline/TimelineOverBroker.h), so the view shows both brokers alike, offset reset
// by drag included.

#include "../timeline/TimelineOverBroker.h"
#include "KafkaTestSupport.h"
#include "backends/BackendFactory.h"

#include <QTest>

using namespace tidemark;

class TestTimelineKafka final : public QObject {
    Q_OBJECT

private slots:
    void showsKafkaAndResetsOffsets()
    {
        (void)test::openCluster(); // all three brokers up, whatever ran before
        ConnectionSpec spec{ConnectionSpec::Kind::Kafka, {}, test::clusterProfile()};
        auto opened = openBackend(spec);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        test::timelineOverBroker(*opened, test::uniqueName(QStringLiteral("timeline")),
                                 test::uniqueName(QStringLiteral("billing")));
    }
};

QTEST_MAIN(TestTimelineKafka)
#include "tst_timeline_kafka.moc"
