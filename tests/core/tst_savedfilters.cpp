// Named filters per topic (core/SavedFilters): saved, replaced by name, deleted, kept across
// a restart (a new QSettings on the same file), refused with a reason when the name is blank,
// the filter does not parse or the topic's limit is reached; topics never see each other's.

#include "core/SavedFilters.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

class TestSavedFilters final : public QObject {
    Q_OBJECT

private slots:
    void savesReplacesDeletesAndSurvivesARestart()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tidemark.conf"));
        {
            QSettings settings(file, QSettings::IniFormat);
            SavedFilters filters(settings);
            QVERIFY(filters.list(QStringLiteral("orders")).empty());
            QVERIFY(
                filters
                    .save(QStringLiteral("orders"), QStringLiteral(" big "), QStringLiteral("value.total_price > 1000"))
                    .ok());
            QVERIFY(filters
                        .save(QStringLiteral("orders"), QStringLiteral("user 42"),
                              QStringLiteral("value.user_id == \"00042\""))
                        .ok());
            QVERIFY(
                filters.save(QStringLiteral("payments"), QStringLiteral("big"), QStringLiteral("size > 1024")).ok());
            // The same name again replaces the text in place (the order stays).
            QVERIFY(
                filters
                    .save(QStringLiteral("orders"), QStringLiteral("big"), QStringLiteral("value.total_price > 5000 "))
                    .ok());
        }
        QSettings settings(file, QSettings::IniFormat);
        SavedFilters filters(settings);
        const std::vector<SavedFilter> expected{
            {QStringLiteral("big"), QStringLiteral("value.total_price > 5000")},
            {QStringLiteral("user 42"), QStringLiteral("value.user_id == \"00042\"")}};
        QCOMPARE(filters.list(QStringLiteral("orders")), expected);
        QCOMPARE(filters.list(QStringLiteral("payments")),
                 (std::vector<SavedFilter>{{QStringLiteral("big"), QStringLiteral("size > 1024")}}));
        QVERIFY(filters.remove(QStringLiteral("orders"), QStringLiteral("big")));
        QVERIFY(!filters.remove(QStringLiteral("orders"), QStringLiteral("big")));
        QCOMPARE(filters.list(QStringLiteral("orders")),
                 (std::vector<SavedFilter>{{QStringLiteral("user 42"), QStringLiteral("value.user_id == \"00042\"")}}));
        QCOMPARE(filters.list(QStringLiteral("payments")).size(), size_t(1));
        QVERIFY(filters.remove(QStringLiteral("orders"), QStringLiteral("user 42")));
        QVERIFY(filters.list(QStringLiteral("orders")).empty());
    }

    void refusesWithAReason()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("tidemark.conf")), QSettings::IniFormat);
        SavedFilters filters(settings);
        const Status blank = filters.save(QStringLiteral("orders"), QStringLiteral("  "), QStringLiteral("size > 1"));
        QVERIFY(!blank.ok());
        QVERIFY(blank.error().message.contains(QStringLiteral("name")));
        const Status broken =
            filters.save(QStringLiteral("orders"), QStringLiteral("x"), QStringLiteral("value.total_price >"));
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(QStringLiteral("does not parse")), qPrintable(broken.error().message));
        QVERIFY(filters.list(QStringLiteral("orders")).empty());
        for (int i = 0; i < SavedFilters::kMaxPerTopic; ++i)
            QVERIFY(
                filters.save(QStringLiteral("orders"), QString::number(i), QStringLiteral("offset >= %1").arg(i)).ok());
        const Status full =
            filters.save(QStringLiteral("orders"), QStringLiteral("one more"), QStringLiteral("size > 1"));
        QVERIFY(!full.ok());
        QVERIFY(full.error().message.contains(QStringLiteral("delete one first")));
        // Replacing one that exists is still allowed at the limit.
        QVERIFY(filters.save(QStringLiteral("orders"), QStringLiteral("7"), QStringLiteral("offset >= 70")).ok());
        QCOMPARE(int(filters.list(QStringLiteral("orders")).size()), SavedFilters::kMaxPerTopic);
    }

    void topicNamesCannotReachIntoEachOther()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("tidemark.conf")), QSettings::IniFormat);
        SavedFilters filters(settings);
        // "a/filters" would be the group of topic "a" if the name were used as it is.
        QVERIFY(filters.save(QStringLiteral("a"), QStringLiteral("mine"), QStringLiteral("size > 1")).ok());
        QVERIFY(filters.save(QStringLiteral("a/filters"), QStringLiteral("other"), QStringLiteral("size > 2")).ok());
        QVERIFY(filters.save(QStringLiteral("заказы"), QStringLiteral("крупные"), QStringLiteral("size > 3")).ok());
        QCOMPARE(filters.list(QStringLiteral("a")),
                 (std::vector<SavedFilter>{{QStringLiteral("mine"), QStringLiteral("size > 1")}}));
        QCOMPARE(filters.list(QStringLiteral("a/filters")),
                 (std::vector<SavedFilter>{{QStringLiteral("other"), QStringLiteral("size > 2")}}));
        QCOMPARE(filters.list(QStringLiteral("заказы")),
                 (std::vector<SavedFilter>{{QStringLiteral("крупные"), QStringLiteral("size > 3")}}));
    }
};

QTEST_GUILESS_MAIN(TestSavedFilters)
#include "tst_savedfilters.moc"
