// Issue 13's story as a test: while 5,000 orders are generated at 5,000 per second into the
// built-in broker, every panel that shows how many records the topic holds shows the same
// number. The numbers are read from what the widgets display, not from any model:
//   Topics     the topic's row (Records column) and the list's status line
//   Messages   the status line under the table ("Records: N"), without Live tail
//   Timeline   the legend's record total
//   Status bar "orders: N records"
//   Producer   the job's "Sent N of 5,000"
// "The same moment" is one turn of the GUI thread's event loop: a sample is taken by a timer
// on the GUI thread, between two events, and every panel must agree then. The producer
// reports the deliveries it has been told of (coalesced); the panels may already know more,
// never less. When the job has finished, in the very turn it reports so, all of them show
// 5,000, the producer included. Nothing is timed; samples are counted (there must be some
// taken while producing, or the test proves nothing).

#include "LocalAppFixture.h"
#include "ui/models/TopicListModel.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"

#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

// The numbers in a displayed text, in order ("Sent 1,234 of 5,000" -> 1234, 5000).
std::vector<qint64> numbersIn(const QString &text)
{
    std::vector<qint64> out;
    static const QRegularExpression number(QStringLiteral("\\d[\\d,]*"));
    for (auto it = number.globalMatch(text); it.hasNext();)
        out.push_back(it.next().captured().remove(QLatin1Char(',')).toLongLong());
    return out;
}

// What each panel displays as the topic's record count (-1: it shows none).
struct Shown {
    QMap<QString, qint64> panels; // every panel but the producer
    qint64 producer = -1;

    QString describe() const
    {
        QStringList parts;
        for (auto it = panels.begin(); it != panels.end(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
        parts << QStringLiteral("producer %1").arg(producer);
        return parts.join(QStringLiteral(", "));
    }
    bool panelsAgree() const
    {
        const qint64 first = panels.first();
        return first >= 0 && std::all_of(panels.begin(), panels.end(), [&](qint64 n) { return n == first; });
    }
};

Shown shown(MainWindow &w)
{
    Shown s;
    const auto lastNumber = [](const QString &text) {
        const auto n = numbersIn(text);
        return n.empty() ? qint64(-1) : n.back();
    };
    QTreeView *topics = test::child<QTreeView>(w.topicBrowser(), QStringLiteral("topicView"));
    qint64 row = -1;
    for (int r = 0; r < topics->model()->rowCount(); ++r) {
        if (topics->model()->index(r, TopicListModel::NameColumn).data().toString() == kTopic)
            row = lastNumber(topics->model()->index(r, TopicListModel::RecordsColumn).data().toString());
    }
    s.panels[QStringLiteral("topics row")] = row;
    s.panels[QStringLiteral("topics status")] =
        lastNumber(test::child<QLabel>(w.topicBrowser(), QStringLiteral("topicStatus"))->text());
    s.panels[QStringLiteral("messages")] =
        lastNumber(test::child<QLabel>(w.messagesPanel(), QStringLiteral("messageStatus"))->text());
    s.panels[QStringLiteral("timeline")] = w.timeline()->canvas()->displayedRecordCount();
    QLabel *bar = w.statusBar()->findChild<QLabel *>(QStringLiteral("recordCountStatus"));
    s.panels[QStringLiteral("status bar")] = bar ? lastNumber(bar->text()) : -1;
    const auto sent = numbersIn(test::child<QLabel>(w.producerPanel(), QStringLiteral("jobStatus"))->text());
    s.producer = sent.size() >= 2 ? sent.front() : -1; // "Sent N of T" (then per partition, at the end)
    return s;
}

} // namespace

class TestOneCount final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void everyPanelShowsTheSameCountWhileProducing()
    {
        test::LocalApp app;
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QVERIFY(!w.messagesPanel()->liveTail());
        // Every panel has read the (empty) topic once: the table its rows, the timeline its lanes.
        QTRY_VERIFY(shown(w).panels.value(QStringLiteral("messages")) == 0 && w.timeline()->model()->laneCount() == 3);

        const int total = 5000;
        ProducerPanel *producer = w.producerPanel();
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(total);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(5000);

        int samples = 0, producingSamples = 0;
        QStringList disagreements;
        bool running = false;
        const auto sample = [&] {
            ++samples;
            const Shown s = shown(w);
            if (running && s.producer > 0)
                ++producingSamples;
            if (!s.panelsAgree() || (s.producer >= 0 && s.producer > s.panels.first()))
                disagreements << s.describe();
        };
        QTimer sampler;
        sampler.setInterval(5);
        connect(&sampler, &QTimer::timeout, this, sample);
        Shown atFinish;
        connect(producer, &ProducerPanel::jobFinished, this, [&] {
            running = false;
            atFinish = shown(w); // the same turn: no event ran since the job said it is done
        });
        running = true;
        sampler.start();
        QSignalSpy finished(producer, &ProducerPanel::jobFinished);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        sampler.stop();
        QCOMPARE(finished.at(0).at(0).value<ProducerJobResult>().sent, qint64(total));

        qInfo("%d samples, %d while the producer reported progress, %lld disagreed", samples, producingSamples,
              qint64(disagreements.size()));
        QVERIFY2(producingSamples > 0, "no sample was taken while producing");
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.mid(0, 5).join(QLatin1Char('\n'))));
        QVERIFY2(atFinish.panelsAgree() && atFinish.panels.first() == total && atFinish.producer == total,
                 qPrintable(atFinish.describe()));
    }
};

QTEST_MAIN(TestOneCount)
#include "tst_onecount.moc"
