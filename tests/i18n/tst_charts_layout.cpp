// The Charts dock at its default place and size (tabbed under the timeline) in every supported
// window size (1024x700, 1280x800, 1600x1000), English and Russian, light and dark, with the
// numbers of a lesson (thousands of records, a lag past 10,000): every chart shows
// its title whole, in a colour that reads on its background; each axis keeps at least three
// labels, whole ("..." is how Qt Charts cuts a label that does not fit), in a font no smaller
// than the app's less a point, not overlapping; the legend under the chart (ChartLegend) is in
// sight and names every series whole. Checked through what the widgets expose (the chart's
// title, plot area and the text items of its scene; the legend's placed entries), not pixels
// (issue 14 item 4). TIDEMARK_CHART_SHOTS=1 writes each window to the test output.

#include "AppFixture.h"
#include "ReadableColours.h"
#include "TranslatedUi.h"
#include "TutorialApp.h"
#include "UiTestSupport.h"
#include "ui/Language.h"
#include "ui/Theme.h"
#include "ui/charts/ChartLegend.h"
#include "ui/charts/ThroughputCharts.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QGraphicsTextItem>
#include <QTabWidget>
#include <QTest>

#include <cmath>

using namespace tidemark;

namespace {

// The lesson's traffic as the sampler would record it, one sample every 2 s over 5 minutes:
// the generator at about 1,000 records/s, the group of 2 reading slower, so its lag climbs
// to 12,000 (five-digit labels on the lag axis).
void feedLesson(ThroughputCharts *charts)
{
    qint64 produced = 0, consumed = 0;
    for (qint64 t = 0; t <= 300'000; t += 2000) {
        produced += 2000;
        consumed += 1920;
        charts->history().addTopicSample(QStringLiteral("orders"), t, produced);
        charts->history().addGroupSample(QStringLiteral("billing"), t, consumed, produced - consumed);
    }
    charts->refresh();
}

struct ChartText {
    QString text;
    QRectF rect; // in the chart's scene
    QFont font;
};

QString rectText(const QRectF &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// What is wrong with `view` as a learner reads it (empty: nothing).
QStringList chartProblems(QChartView *view, const QFont &appFont)
{
    QStringList problems;
    QChart *chart = view->chart();
    const QString name = view->objectName() + QStringLiteral(": ");
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    const QRectF plot = chart->mapRectToScene(chart->plotArea());
    const QColor background = chart->backgroundBrush().color();
    if (plot.width() < 60 || plot.height() < 30)
        problems << name + QStringLiteral("the plot is %1").arg(rectText(plot));

    std::vector<ChartText> titles, xLabels, yLabels;
    for (QGraphicsItem *item : view->scene()->items()) {
        auto *text = dynamic_cast<QGraphicsTextItem *>(item);
        if (!text || !text->isVisible() || text->toPlainText().isEmpty())
            continue;
        const ChartText t{text->toPlainText(), text->sceneBoundingRect(), text->font()};
        // Qt Charts cuts a text that does not fit with "..." (ChartPresenter::truncatedText).
        if (t.text.contains(QChar(0x2026)) || t.text.contains(QStringLiteral("...")))
            problems << name + QStringLiteral("'%1' is cut").arg(t.text);
        if (!visible.contains(t.rect.adjusted(2, 2, -2, -2)))
            problems << name + QStringLiteral("'%1' at %2 is outside the view %3")
                                   .arg(t.text, rectText(t.rect), rectText(visible));
        const QPointF c = t.rect.center();
        if (c.y() < plot.top())
            titles.push_back(t);
        else if (c.x() < plot.left())
            yLabels.push_back(t);
        else if (c.y() > plot.bottom())
            xLabels.push_back(t);
        else
            problems << name + QStringLiteral("'%1' is drawn over the plot").arg(t.text);
    }

    // The title: whole, in a colour that reads.
    if (titles.size() != 1 || titles.front().text != chart->title())
        problems << name + QStringLiteral("the title '%1' is not shown whole (%2 texts above the plot)")
                               .arg(chart->title())
                               .arg(titles.size());
    const double titleContrast = test::contrast(chart->titleBrush().color(), background);
    if (titleContrast < 4.5)
        problems << name + QStringLiteral("the title's contrast is %1:1").arg(titleContrast, 0, 'f', 1);

    // The axes: at least three labels each, readable, apart.
    for (const auto &[axis, labels] :
         {std::pair{QStringLiteral("time"), &xLabels}, {QStringLiteral("value"), &yLabels}}) {
        if (labels->size() < 3)
            problems << name + QStringLiteral("the %1 axis shows %2 labels").arg(axis).arg(labels->size());
        for (size_t i = 0; i < labels->size(); ++i) {
            const ChartText &l = (*labels)[i];
            if (l.font.pointSizeF() < appFont.pointSizeF() - 1.01)
                problems << name + QStringLiteral("'%1' is in %2 pt").arg(l.text).arg(l.font.pointSizeF());
            for (size_t j = i + 1; j < labels->size(); ++j)
                if (l.rect.adjusted(2, 2, -2, -2).intersects((*labels)[j].rect.adjusted(2, 2, -2, -2)))
                    problems << name + QStringLiteral("'%1' overlaps '%2'").arg(l.text, (*labels)[j].text);
        }
    }
    for (QAbstractAxis *axis : chart->axes())
        if (test::contrast(axis->labelsColor(), background) < 4.5)
            problems << name + QStringLiteral("axis labels' contrast is %1:1")
                                   .arg(test::contrast(axis->labelsColor(), background), 0, 'f', 1);

    // The legend under the chart: shown whole in the dock, every series named whole, in a
    // colour that reads.
    const QString legendName = view->objectName().replace(QStringLiteral("Chart"), QStringLiteral("Legend"));
    auto *legendWidget = view->parentWidget()->findChild<ChartLegend *>(legendName);
    if (!legendWidget || !legendWidget->isVisible()) {
        problems << name + QStringLiteral("no legend");
    } else {
        QWidget *dock = view->window();
        const QRect shown = legendWidget->visibleRegion().boundingRect();
        const std::vector<ChartLegend::Placed> placed = legendWidget->placed();
        QStringList names;
        for (const ChartLegend::Placed &p : placed) {
            names << p.shown;
            if (p.shown != p.name)
                problems << name + QStringLiteral("the legend cuts '%1' to '%2'").arg(p.name, p.shown);
            if (!shown.contains(p.text) || !shown.contains(p.sample))
                problems << name + QStringLiteral("the legend's '%1' at %2 is not in sight (%3)")
                                       .arg(p.name, rectText(p.text), rectText(shown));
            if (legendWidget->fontMetrics().horizontalAdvance(p.shown) > p.text.width())
                problems
                    << name + QStringLiteral("the legend's '%1' needs more than %2 px").arg(p.name).arg(p.text.width());
            for (const ChartLegend::Placed &q : placed)
                if (&p != &q && (p.text.intersects(q.text) || p.text.intersects(q.sample)))
                    problems << name + QStringLiteral("the legend's '%1' overlaps '%2'").arg(p.name, q.name);
        }
        for (QAbstractSeries *series : chart->series())
            if (!names.contains(series->name()))
                problems << name + QStringLiteral("the legend does not name '%1' (it shows '%2')")
                                       .arg(series->name(), names.join(QStringLiteral("', '")));
        if (chart->series().isEmpty())
            problems << name + QStringLiteral("no series");
        const QRect inDock(legendWidget->mapTo(dock, QPoint()), legendWidget->size());
        if (inDock.bottom() >= dock->height() || inDock.right() >= dock->width())
            problems << name + QStringLiteral("the legend %1 is off the window").arg(rectText(inDock));
        const QColor text = legendWidget->palette().color(QPalette::Text);
        if (test::contrast(text, background) < 4.5)
            problems << name + QStringLiteral("the legend's contrast is %1:1")
                                   .arg(test::contrast(text, background), 0, 'f', 1);
    }
    if (!problems.isEmpty())
        problems << name + QStringLiteral("view %1, plot %2").arg(rectText(visible), rectText(plot));
    return problems;
}

} // namespace

class TestChartsLayout final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_ui.setUp(); }
    void cleanup() { m_ui.reset(); }

    void chartsReadAtDefaultSize_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("dark");
        for (const QSize size : {QSize(1024, 700), QSize(1280, 800), QSize(1600, 1000)})
            for (const QString &language : {QStringLiteral("en"), QStringLiteral("ru")})
                for (const bool dark : {false, true})
                    QTest::addRow("%s %dx%d %s", qPrintable(language), size.width(), size.height(),
                                  dark ? "dark" : "light")
                        << language << size << dark;
    }

    void chartsReadAtDefaultSize()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QFETCH(bool, dark);
        if (language == QLatin1String("ru"))
            QCOMPARE(m_ui.install(localeFor(LanguageChoice::Russian)), QStringLiteral("ru"));
        applyTheme(dark ? ThemeChoice::Dark : ThemeChoice::Light);
        test::TutorialApp app(size, language);
        QVERIFY(app.showAndConnect());
        MainWindow &w = *app.window;
        ThroughputCharts *charts = w.charts();
        charts->setBackend(nullptr); // the samples are the test's
        feedLesson(charts);
        QDockWidget *dock = w.dock(QStringLiteral("chartsDock"));
        dock->raise();
        QTRY_VERIFY(charts->isVisible());
        test::flushEvents();
        if (qEnvironmentVariableIsSet("TIDEMARK_CHART_SHOTS"))
            test::grab(&w).save(test::outputDirectory() +
                                QStringLiteral("/charts-%1-%2x%3-%4.png")
                                    .arg(language)
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(dark ? QStringLiteral("dark") : QStringLiteral("light")));
        const auto views = charts->findChildren<QChartView *>();
        QCOMPARE(views.size(), 2);
        QStringList problems;
        for (QChartView *view : views)
            problems << chartProblems(view, QApplication::font());
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n'))));
    }

    // The Russian titles fit the width the English default gives the Charts dock at 1024x700
    // (the narrowest default; a layout saved in English keeps it after the language switch,
    // and a user may narrow the dock to it): "Пропускная способность (записей/с)" was cut.
    void russianTitlesFitTheEnglishWidth()
    {
        int englishWidth = 0; // of each chart, as the English default layout makes it
        {
            test::TutorialApp app(QSize(1024, 700), QStringLiteral("en"));
            QVERIFY(app.showAndConnect());
            app.window->dock(QStringLiteral("chartsDock"))->raise();
            QTRY_VERIFY(app.window->charts()->isVisible());
            test::flushEvents();
            for (QChartView *view : app.window->charts()->findChildren<QChartView *>())
                englishWidth = std::max(englishWidth, view->width());
        }
        QVERIFY(englishWidth > 0);
        QCOMPARE(m_ui.install(localeFor(LanguageChoice::Russian)), QStringLiteral("ru"));
        test::TutorialApp app(QSize(1024, 700), QStringLiteral("ru"));
        QVERIFY(app.showAndConnect());
        MainWindow &w = *app.window;
        ThroughputCharts *charts = w.charts();
        charts->setBackend(nullptr);
        feedLesson(charts);
        w.dock(QStringLiteral("chartsDock"))->raise();
        QTRY_VERIFY(charts->isVisible());
        const auto views = charts->findChildren<QChartView *>();
        for (QChartView *view : views)
            view->setMaximumWidth(englishWidth);
        QTRY_VERIFY(std::all_of(views.begin(), views.end(), [&](QChartView *v) { return v->width() == englishWidth; }));
        test::flushEvents();
        QStringList problems;
        for (QChartView *view : views)
            problems << chartProblems(view, QApplication::font());
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("at %1 px:\n").arg(englishWidth) + problems.join(QLatin1Char('\n'))));
    }

private:
    test::TranslatedUi m_ui;
};

QTEST_MAIN(TestChartsLayout)
#include "tst_charts_layout.moc"
