#pragma once

// Named filters (docs/filter-language.md) saved per topic name, in the app's QSettings:
// "big orders" = value.total_price > 1000 for every topic called "orders", whichever broker
// it is on (a topic's name usually stands for its records' shape). Only filters that parse
// are saved; saving a name that exists replaces its text in place. At most kMaxPerTopic per
// topic, so a settings file stays small.
//
// Thread: the thread that owns the QSettings (the GUI thread in the app).

#include "core/Result.h"

#include <QSettings>
#include <QString>

#include <vector>

namespace tidemark {

struct SavedFilter {
    QString name;
    QString text;
    bool operator==(const SavedFilter &) const = default;
};

class SavedFilters {
public:
    static constexpr int kMaxPerTopic = 100;

    explicit SavedFilters(QSettings &settings) : m_settings(settings) {}

    // In the order they were first saved.
    std::vector<SavedFilter> list(const QString &topic) const;
    // Errors: a blank name, a filter that does not parse (the message says where), the
    // topic's limit reached.
    Status save(const QString &topic, const QString &name, const QString &text);
    // Whether a filter of that name was there.
    bool remove(const QString &topic, const QString &name);

private:
    void write(const QString &topic, const std::vector<SavedFilter> &filters);

    QSettings &m_settings;
};

} // namespace tidemark
