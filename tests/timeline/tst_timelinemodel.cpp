#include <QTest>
class T final : public QObject {
    Q_OBJECT private slots : void todo() { QSKIP("todo"); }
};
QTEST_MAIN(T)
#include "tst_timelinemodel.moc"
