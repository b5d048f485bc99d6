#include "ui/charts/ChartLegend.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace tidemark {

namespace {

constexpr int kGap = 4;       // between a sample and its name
constexpr int kEntryGap = 14; // between one entry and the next on a row
constexpr int kMargin = 4;    // left and right

} // namespace

ChartLegend::ChartLegend(QWidget *parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred); // Fixed would cap it at one row
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    // On the chart's background (the base colour, ThroughputCharts::applyTheme), not the window's.
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void ChartLegend::setEntries(std::vector<Entry> entries)
{
    const bool sameNames = std::equal(entries.begin(), entries.end(), m_entries.begin(), m_entries.end(),
                                      [](const Entry &a, const Entry &b) { return a.name == b.name; });
    m_entries = std::move(entries);
    setToolTip(QString());
    for (const Placed &p : placed())
        if (p.shown != p.name)
            setToolTip(p.name);
    if (!sameNames)
        updateGeometry();
    update();
}

int ChartLegend::rowHeight() const { return fontMetrics().height() + 2; }

int ChartLegend::sampleWidth() const { return fontMetrics().height() * 3 / 2; }

std::vector<ChartLegend::Placed> ChartLegend::layoutFor(int width) const
{
    std::vector<Placed> out;
    const QFontMetrics fm = fontMetrics();
    const int room = std::max(1, width - 2 * kMargin);
    // Rows of entries, each row centred as a whole.
    std::vector<std::vector<Placed>> rows(1);
    int x = 0;
    for (const Entry &e : m_entries) {
        const int entryWidth = sampleWidth() + kGap + fm.horizontalAdvance(e.name);
        const int advance = (rows.back().empty() ? 0 : kEntryGap) + entryWidth;
        if (!rows.back().empty() && x + advance > room) {
            rows.emplace_back();
            x = 0;
        }
        const int left = x + (rows.back().empty() ? 0 : kEntryGap);
        const int textRoom = room - sampleWidth() - kGap;
        Placed p{e.name,
                 fm.horizontalAdvance(e.name) <= textRoom
                     ? e.name
                     : fm.elidedText(e.name, Qt::ElideRight, std::max(0, textRoom)),
                 {},
                 {}};
        const int y = int(rows.size() - 1) * rowHeight();
        p.sample = QRect(left, y, sampleWidth(), rowHeight());
        p.text = QRect(left + sampleWidth() + kGap, y, fm.horizontalAdvance(p.shown), rowHeight());
        x = p.text.right() + 1;
        rows.back().push_back(p);
    }
    for (std::vector<Placed> &row : rows) {
        if (row.empty())
            continue;
        const int used = row.back().text.right() + 1;
        const int shift = kMargin + std::max(0, (room - used) / 2);
        for (Placed &p : row) {
            p.sample.translate(shift, 0);
            p.text.translate(shift, 0);
            out.push_back(p);
        }
    }
    return out;
}

int ChartLegend::heightForWidth(int width) const
{
    if (m_entries.empty())
        return 0;
    const std::vector<Placed> places = layoutFor(width);
    return places.back().text.bottom() + 1;
}

QSize ChartLegend::sizeHint() const
{
    // One row as wide as the entries need; heightForWidth says how many rows a width takes.
    int width = 2 * kMargin;
    for (const Entry &e : m_entries)
        width += sampleWidth() + kGap + fontMetrics().horizontalAdvance(e.name) + kEntryGap;
    return {width, m_entries.empty() ? 0 : rowHeight()};
}

QSize ChartLegend::minimumSizeHint() const { return {0, m_entries.empty() ? 0 : rowHeight()}; }

void ChartLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const std::vector<Placed> places = placed();
    for (size_t i = 0; i < places.size() && i < m_entries.size(); ++i) {
        const Placed &p = places[i];
        // placed() keeps the entries' order.
        QPen pen = m_entries[i].pen;
        painter.setPen(pen);
        const int y = p.sample.center().y() + 1;
        painter.drawLine(p.sample.left(), y, p.sample.right(), y);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(p.text, Qt::AlignLeft | Qt::AlignVCenter, p.shown);
    }
}

void ChartLegend::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

} // namespace tidemark
