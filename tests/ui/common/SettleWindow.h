#pragma once

// Waits until a main window shows the broker as it is now (before a screenshot): the
// timeline first asks the broker for fresh watermarks and group offsets (its own poll
// timer may not have fired yet on a loaded machine), then no broker call is in flight and
// every record up to the high watermark is loaded.

#include "UiTestSupport.h"
#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/MainWindow.h"
#include "ui/timeline/TimelineView.h"

#include <QTest>

namespace tidemark::test {

inline bool settleWindow(MainWindow &window)
{
    TimelineLoader *loader = window.timeline()->loader();
    if (!window.selectedTopic().isEmpty())
        loader->refresh();
    auto idle = [&] {
        if (window.asyncBackend() && window.asyncBackend()->pending() > 0)
            return false;
        // Idle: nothing in flight and nothing left to read at the current level of detail (a
        // big topic's lanes are sampled, never read completely, so "fully loaded" never comes).
        return window.selectedTopic().isEmpty() || loader->isIdle();
    };
    if (!QTest::qWaitFor(idle, 30000)) // a 200,000-record topic under ASan on 2 cores needs more than 5 s
        return false;
    flushEvents(); // queued results and layouts
    return QTest::qWaitFor(idle, 30000);
}

} // namespace tidemark::test
