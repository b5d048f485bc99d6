#pragma once

// The legend under a chart of the Charts dock: a sample of each series' line (its colour and
// dash) and its name, entries flowing onto as many rows as the width needs, so a name is
// never cut to "..." (Qt Charts' own legend keeps one row and cuts every name when a small
// dock cannot fit them side by side). A name wider than the whole legend is the only one
// cut, with "…", and its whole text is in the tooltip.
//
// Thread: GUI thread only.

#include <QPen>
#include <QWidget>

#include <vector>

namespace tidemark {

class ChartLegend final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartLegend)

public:
    struct Entry {
        QString name;
        QPen pen;
    };
    // Where an entry is drawn (for tests): its line sample and name, in widget coordinates,
    // and the text it shows (the name, or the name cut with "…" if wider than the legend).
    struct Placed {
        QString name;
        QString shown;
        QRect sample;
        QRect text;
    };

    explicit ChartLegend(QWidget *parent = nullptr);

    void setEntries(std::vector<Entry> entries);
    const std::vector<Entry> &entries() const { return m_entries; }
    std::vector<Placed> placed() const { return layoutFor(width()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    std::vector<Placed> layoutFor(int width) const;
    int rowHeight() const;
    int sampleWidth() const;

    std::vector<Entry> m_entries;
};

} // namespace tidemark
