// The GUI-thread contract: AsyncBackend runs Backend calls elsewhere, keeps the event loop
// answering while they block, and delivers results on the owner's thread, only to live
// receivers.

#include "../common/SlowBackend.h"
#include "core/AsyncBackend.h"
#include "core/RequestScope.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace tidemark;

class TestAsyncBackend final : public QObject {
    Q_OBJECT

private slots:
    void eventLoopKeepsAnsweringWhileCallsBlock()
    {
        auto backend = std::make_shared<test::SlowBackend>(300);
        AsyncBackend async(backend);
        int delivered = 0;
        QThread *deliveryThread = nullptr;
        for (int i = 0; i < 8; ++i) {
            async.run(
                this, [](Backend &b) { return b.listTopics(); },
                [&](Result<std::vector<TopicInfo>> r) {
                    QVERIFY(r.ok());
                    QCOMPARE(r->front().name, QStringLiteral("orders"));
                    deliveryThread = QThread::currentThread();
                    ++delivered;
                });
        }
        // A 10 ms timer must keep firing on time while 8 x 300 ms of "network" run.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worstGap = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worstGap = std::max(worstGap, now - last);
            last = now;
        });
        ticker.start();
        QTRY_COMPARE_WITH_TIMEOUT(delivered, 8, 10000);
        ticker.stop();
        QVERIFY2(worstGap < 150, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(worstGap)));
        QCOMPARE(deliveryThread, QThread::currentThread());
        QVERIFY(backend->lastThread.load() != QThread::currentThread());
        QCOMPARE(backend->calls.load(), 8);
        QCOMPARE(async.pending(), 0);
    }

    void deadReceiverGetsNothing()
    {
        auto backend = std::make_shared<test::SlowBackend>(100);
        AsyncBackend async(backend);
        QSignalSpy pending(&async, &AsyncBackend::pendingChanged);
        bool called = false;
        auto *receiver = new QObject;
        async.run(
            receiver, [](Backend &b) { return b.clusterInfo(); }, [&](Result<ClusterInfo>) { called = true; });
        delete receiver;
        QTRY_COMPARE(async.pending(), 0);
        QVERIFY(!called);
        QVERIFY(pending.count() >= 2);
    }

    void errorsArriveAsValues()
    {
        auto backend = std::make_shared<test::SlowBackend>(0);
        AsyncBackend async(backend);
        std::optional<Error> error;
        async.run(
            this, [](Backend &b) { return b.createTopic(TopicSpec{}); },
            [&](Status s) {
                QVERIFY(!s.ok());
                error = s.error();
            });
        QTRY_VERIFY(error.has_value());
        QCOMPARE(error->code, ErrorCode::Unsupported);
    }
    // A RequestScope: answers of requests made before renew() never arrive, later ones do, and
    // renewing inside an answer's callback drops the rest of that old batch.
    void renewedScopeDropsEarlierAnswers()
    {
        auto backend = std::make_shared<test::SlowBackend>(50);
        AsyncBackend async(backend);
        RequestScope scope;
        QStringList answers;
        auto ask = [&](const QString &name) {
            async.run(
                scope.context(), [](Backend &b) { return b.clusterInfo(); },
                [&answers, name](Result<ClusterInfo>) { answers << name; });
        };
        ask(QStringLiteral("old-1"));
        ask(QStringLiteral("old-2"));
        scope.renew();
        ask(QStringLiteral("new"));
        QTRY_COMPARE(async.pending(), 0);
        QCOMPARE(answers, QStringList{QStringLiteral("new")});

        // Renewing inside the first answer: the second of the same batch is dropped.
        answers.clear();
        for (int i = 0; i < 2; ++i)
            async.run(
                scope.context(), [](Backend &b) { return b.clusterInfo(); },
                [&answers, &scope, i](Result<ClusterInfo>) {
                    answers << QString::number(i);
                    scope.renew();
                });
        QTRY_COMPARE(async.pending(), 0);
        QCOMPARE(answers.size(), 1);

        // guard(): the same for answers that come back another way.
        int guarded = 0;
        auto before = scope.guard([&guarded](int n) { guarded += n; });
        auto after = [&] {
            scope.renew();
            return scope.guard([&guarded](int n) { guarded += 10 * n; });
        }();
        before(1);
        after(1);
        QCOMPARE(guarded, 10);
    }
};

QTEST_GUILESS_MAIN(TestAsyncBackend)
#include "tst_asyncbackend.moc"
