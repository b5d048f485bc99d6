#include "core/timeline/TimelineViewport.h"

#include <algorithm>
#include <cmath>

namespace tidemark {

void TimelineViewport::setWidth(double pixels)
{
    pixels = std::max(1.0, pixels);
    if (pixels == m_width)
        return;
    // Keep the same offsets per pixel and the same first offset; following re-anchors.
    m_width = pixels;
    clamp();
}

void TimelineViewport::setContent(double start, double end)
{
    m_contentStart = start;
    m_contentEnd = std::max(start, end);
    clamp();
}

double TimelineViewport::maxOffsetsPerPixel() const
{
    // Zooming out stops when all the content fits twice over.
    const double span = std::max(64.0, m_contentEnd - m_contentStart);
    return std::max(1.0, 2.0 * span / m_width);
}

void TimelineViewport::showRange(double from, double to)
{
    if (!(to > from))
        to = from + 1;
    m_perPixel = (to - from) / m_width;
    m_first = from;
    m_follow = false;
    const double centre = (from + to) / 2;
    m_perPixel = std::clamp(m_perPixel, minOffsetsPerPixel(), maxOffsetsPerPixel());
    m_first = centre - m_width * m_perPixel / 2;
    clamp();
}

void TimelineViewport::zoomAt(double x, double factor)
{
    if (!(factor > 0))
        return;
    const double anchor = offsetAtX(x);
    m_perPixel = std::clamp(m_perPixel / factor, minOffsetsPerPixel(), maxOffsetsPerPixel());
    m_first = anchor - x * m_perPixel;
    clamp();
}

void TimelineViewport::panByPixels(double dx)
{
    m_first -= dx * m_perPixel;
    m_follow = false;
    clamp();
}

void TimelineViewport::fit(double room)
{
    const bool follow = m_follow;
    const double span = std::max(16.0, m_contentEnd - m_contentStart);
    const double visible = span / std::clamp(1.0 - room - 0.01, 0.1, 1.0);
    m_perPixel = std::clamp(visible / m_width, minOffsetsPerPixel(), maxOffsetsPerPixel());
    m_first = m_contentStart - 0.01 * m_width * m_perPixel;
    m_follow = follow;
    clamp();
}

void TimelineViewport::setState(double firstOffset, double offsetsPerPixel)
{
    m_first = firstOffset;
    m_perPixel = offsetsPerPixel;
    clamp();
}

void TimelineViewport::followHead(double head)
{
    if (!m_follow)
        return;
    m_first = head - (1.0 - kHeadMargin) * m_width * m_perPixel;
    clamp();
}

void TimelineViewport::clamp()
{
    m_perPixel = std::clamp(m_perPixel, minOffsetsPerPixel(), maxOffsetsPerPixel());
    // Half a screen of slack on either side of the content, no more.
    const double visible = m_width * m_perPixel;
    const double lo = m_contentStart - visible / 2;
    // Content narrower than the view may sit at the left edge (where fit puts it).
    const double hi = std::max({lo, m_contentEnd - visible / 2, m_contentStart - 0.01 * visible});
    m_first = std::clamp(m_first, lo, hi);
}

} // namespace tidemark
