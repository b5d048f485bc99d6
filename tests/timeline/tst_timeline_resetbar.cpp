// The offset-reset bar above the timeline (the proposal and the refusal) in a timeline as large
// as the lesson's at 1024x700 (640x269 beside the docks), in English and Russian: its wording,
// and what it costs the lanes under it (their height, the marker labels drawn on them).

#include "FakeBackend.h"
#include "TimelineRecords.h"
#include "TimelineTestData.h"
#include "UiTestSupport.h"

#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/Language.h"
#include "ui/timeline/TimelineView.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace tidemark;
using State = ConsumerStatus::State;

static void initTranslationResources() { Q_INIT_RESOURCE(tidemark_resources_translations); }

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");

// The lesson's moment: 3 partitions of a few hundred records, the group "billing" committed
// near the head of each, its consumers running in this app (the broker refuses a reset).
struct Lesson {
    std::shared_ptr<test::FakeBackend> backend = std::make_shared<test::FakeBackend>();
    AsyncBackend async{backend};
    qint64 now = 1'000'000;
    TimelineView view;

    explicit Lesson(int members)
    {
        const qint64 heads[] = {368, 274, 359};
        for (int p = 0; p < 3; ++p) {
            test::appendRecords(*backend, kTopic, p, int(heads[p]));
            backend->setCommitted(kGroup, TopicPartition{kTopic, p}, heads[p]);
        }
        backend->setGroupActive(kGroup, true);
        view.setClock([this] { return now; });
        view.resize(640, 269);
        view.setBackend(&async);
        view.setTopic(kTopic);
        std::vector<ConsumerStatus> consumers{test::consumer(QStringLiteral("billing #1"), kGroup, State::Running,
                                                             kTopic, {{0, 368}, {1, 274}}, {{0, 368}, {1, 274}})};
        if (members > 1)
            consumers.push_back(
                test::consumer(QStringLiteral("billing #2"), kGroup, State::Running, kTopic, {{2, 359}}, {{2, 359}}));
        else
            consumers[0].positions[TopicPartition{kTopic, 2}] = 359;
        view.setConsumers(consumers);
    }
    // (void: the QTRY macros return; the caller checks QTest::currentTestFailed())
    void start()
    {
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.loader()->isIdle() && view.model()->committed(kGroup, 2).has_value(), 10000);
        now += 10'000;
    }
    QLabel *message() const { return view.findChild<QLabel *>(QStringLiteral("offsetResetMessage")); }
    // Proposes a reset of partition 0 and confirms it: refused (the group's members run).
    void refuse()
    {
        QSignalSpy finished(&view, &TimelineView::offsetResetFinished);
        view.proposeReset(kGroup, 0, 104);
        QVERIFY(view.isResetPending());
        view.confirmReset();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!finished.at(0).at(3).toString().isEmpty());
    }
};

} // namespace

class TestTimelineResetBar final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::setupDeterministicUi();
        initTranslationResources();
    }

    // Issue 14 (reviewer's walk): the refusal named the members in broken English ("Could not
    // reset: billing #1, billing #2 still run."). A sentence now, the verb agreeing with one
    // member or several, in both languages; the whole reason (where each runs) in its tooltip.
    void refusalSaysWhoIsStillRunning_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("members");
        QTest::addColumn<QString>("says");
        QTest::newRow("en 1") << QStringLiteral("en") << 1
                              << QStringLiteral("Could not reset: billing #1 is still running.");
        QTest::newRow("en 2") << QStringLiteral("en") << 2
                              << QStringLiteral("Could not reset: billing #1 and billing #2 are still running.");
        QTest::newRow("ru 1") << QStringLiteral("ru") << 1
                              << QStringLiteral("Не удалось сбросить: billing #1 ещё работает.");
        QTest::newRow("ru 2") << QStringLiteral("ru") << 2
                              << QStringLiteral("Не удалось сбросить: billing #1 и billing #2 ещё работают.");
    }
    void refusalSaysWhoIsStillRunning()
    {
        QFETCH(QString, language);
        QFETCH(int, members);
        QFETCH(QString, says);
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        Lesson lesson(members);
        lesson.start();
        if (QTest::currentTestFailed())
            return;
        lesson.refuse();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(lesson.message()->text(), says);
        QVERIFY2(lesson.message()->toolTip().contains(QStringLiteral("billing #%1").arg(members)),
                 qPrintable(lesson.message()->toolTip()));
        // Three or more: "a, b and c".
        QCOMPARE(TimelineView::stillRunningText({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}),
                 language == QLatin1String("ru") ? QStringLiteral("Не удалось сбросить: a, b и c ещё работают.")
                                                 : QStringLiteral("Could not reset: a, b and c are still running."));
    }
};

QTEST_MAIN(TestTimelineResetBar)
#include "tst_timeline_resetbar.moc"
