#pragma once

// The screenshot-test harness every UI test uses.
//
// Deterministic rendering: offscreen platform, device pixel ratio 1, Fusion style, a fixed
// light palette and the bundled DejaVu fonts, so a golden PNG means the same on every
// machine. Comparison: per-pixel tolerance on each channel and a maximum ratio of
// differing pixels. On failure the actual image and a diff image are written under
// <build>/test-output/ui/ and the message says where. TIDEMARK_UPDATE_GOLDEN=1 rewrites the
// goldens in tests/ui/golden/ instead of comparing (look at them before committing).

#include <QImage>
#include <QList>
#include <QModelIndex>
#include <QString>
#include <QTest>

class QTreeView;

#include <atomic>
#include <functional>
#include <memory>

class QApplication;
class QWidget;

namespace tidemark::test {

// Call once, after QApplication exists and before any widget is created. Also fixes the
// time zone (UTC) and the locale (en_US), so timestamps and numbers render the same
// everywhere.
void setupDeterministicUi();

// Delivers everything already queued (posted events, deferred layouts and deletions) without
// waiting for time to pass: before a screenshot or a check of what the UI shows.
void flushEvents();

// Runs the event loop until `widget` has painted once more (what a widget applies on its next
// frame, e.g. TimelineCanvas::fit(), has then taken effect), at most timeoutMs. False if it
// did not paint in that time (hidden, or updates disabled).
bool waitForNextPaint(QWidget *widget, int timeoutMs = 5000);

// A clock the test sets by hand (thread-safe: producer jobs read it on their threads).
// Inject clock() wherever the UI shows or stamps times.
class ManualClock {
public:
    explicit ManualClock(qint64 startMs = storyStartMs()) : m_now(std::make_shared<std::atomic<qint64>>(startMs)) {}
    std::function<qint64()> clock() const
    {
        auto now = m_now;
        return [now] { return now->load(); };
    }
    qint64 now() const { return m_now->load(); }
    void set(qint64 ms) { m_now->store(ms); }
    void advance(qint64 ms) { m_now->fetch_add(ms); }
    // 2024-05-01 12:00:00 UTC, the fixed "now" of the screenshot tests.
    static qint64 storyStartMs() { return 1714564800000; }

private:
    std::shared_ptr<std::atomic<qint64>> m_now;
};

// The child of `root` named `name`, or nullptr (tests QVERIFY it).
template <typename T>
T *child(const QObject *root, const QString &name)
{
    return root ? root->findChild<T *>(name) : nullptr;
}

struct ScreenshotTolerance {
    int perChannel = 40;              // a pixel differs if any channel differs by more than this
    double maxDifferingRatio = 0.003; // fail if more than this fraction of pixels differ
};

// Grabs `widget` (rendered offscreen at its current size) as an ARGB32 image.
QImage grab(QWidget *widget);

// Compares with tests/ui/golden/<name>.png. Returns an empty string on success, else a
// message naming the actual and diff files written.
QString compareWithGolden(const QImage &actual, const QString &name, ScreenshotTolerance tolerance = {});

// Grabs `widget` with the areas of `masked` (descendants whose content is legitimately
// timing-dependent, e.g. per-consumer counts on a real broker) painted over in flat grey,
// so the rest of the picture can be compared exactly. Use sparingly, and assert the masked
// values behaviourally.
QImage grabMasked(QWidget *widget, const QList<QWidget *> &masked);
// The same with rectangles in `widget`'s coordinates; rectIn() maps a descendant's local
// rectangle (all of it by default) there.
QImage grabMasked(QWidget *widget, const QList<QRect> &masked);
QRect rectIn(const QWidget *root, const QWidget *descendant, QRect local = {});
// Every cell of `column` in `view` (and below `parent`, recursively) whose text does not fit
// its visual rectangle, measured in the cell's own font (bold names): "'text' (needs N px,
// has M px)". A hidden column has none.
QStringList cutCells(QTreeView *view, int column, const QModelIndex &parent = {});

// Where failing tests write their images: <build>/test-output/ui.
QString outputDirectory();

} // namespace tidemark::test

#define TIDEMARK_COMPARE_SCREENSHOT(widget, name)                                                                      \
    do {                                                                                                               \
        const QString tidemarkShotMessage = ::tidemark::test::compareWithGolden(::tidemark::test::grab(widget), name); \
        if (!tidemarkShotMessage.isEmpty())                                                                            \
            QFAIL(qPrintable(tidemarkShotMessage));                                                                    \
    } while (false)

#define TIDEMARK_COMPARE_MASKED(widget, masked, name)                                                                  \
    TIDEMARK_COMPARE_IMAGE(::tidemark::test::grabMasked(widget, masked), name)

#define TIDEMARK_COMPARE_IMAGE(image, name)                                                                            \
    do {                                                                                                               \
        const QString tidemarkShotMessage = ::tidemark::test::compareWithGolden(image, name);                          \
        if (!tidemarkShotMessage.isEmpty())                                                                            \
            QFAIL(qPrintable(tidemarkShotMessage));                                                                    \
    } while (false)
