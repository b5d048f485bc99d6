#include "core/SavedFilters.h"

#include "core/RecordFilter.h"

#include <QCoreApplication>

#include <algorithm>

namespace tidemark {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("tidemark::SavedFilters", text); }

// One settings group per topic; the name is encoded so that no topic name can reach into
// another group ('/' separates groups in QSettings).
QString groupOf(const QString &topic)
{
    return QStringLiteral("savedFilters/") + QString::fromLatin1(topic.toUtf8().toPercentEncoding());
}

} // namespace

std::vector<SavedFilter> SavedFilters::list(const QString &topic) const
{
    std::vector<SavedFilter> filters;
    m_settings.beginGroup(groupOf(topic));
    const int size = m_settings.beginReadArray(QStringLiteral("filters"));
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        SavedFilter filter{m_settings.value(QStringLiteral("name")).toString(),
                           m_settings.value(QStringLiteral("text")).toString()};
        if (!filter.name.trimmed().isEmpty()) // an entry edited by hand into nothing is left out
            filters.push_back(std::move(filter));
    }
    m_settings.endArray();
    m_settings.endGroup();
    return filters;
}

Status SavedFilters::save(const QString &topic, const QString &name, const QString &text)
{
    const QString trimmedName = name.trimmed();
    if (trimmedName.isEmpty())
        return Error(ErrorCode::InvalidArgument, tr("A saved filter needs a name"));
    const RecordFilter filter = RecordFilter::parse(text);
    if (!filter.isValid())
        return Error(ErrorCode::InvalidArgument, tr("The filter does not parse: %1").arg(filter.error()->toString()));
    std::vector<SavedFilter> filters = list(topic);
    auto it = std::find_if(filters.begin(), filters.end(), [&](const SavedFilter &f) { return f.name == trimmedName; });
    if (it != filters.end()) {
        it->text = text.trimmed();
    } else {
        if (int(filters.size()) >= kMaxPerTopic)
            return Error(ErrorCode::InvalidArgument,
                         tr("Topic '%1' has %2 saved filters already; delete one first").arg(topic).arg(kMaxPerTopic));
        filters.push_back({trimmedName, text.trimmed()});
    }
    write(topic, filters);
    return {};
}

bool SavedFilters::remove(const QString &topic, const QString &name)
{
    std::vector<SavedFilter> filters = list(topic);
    const auto end =
        std::remove_if(filters.begin(), filters.end(), [&](const SavedFilter &f) { return f.name == name; });
    if (end == filters.end())
        return false;
    filters.erase(end, filters.end());
    write(topic, filters);
    return true;
}

void SavedFilters::write(const QString &topic, const std::vector<SavedFilter> &filters)
{
    m_settings.beginGroup(groupOf(topic));
    m_settings.remove(QString()); // the whole group: a shorter array leaves no stale entries
    if (!filters.empty()) {
        m_settings.beginWriteArray(QStringLiteral("filters"), int(filters.size()));
        for (int i = 0; i < int(filters.size()); ++i) {
            m_settings.setArrayIndex(i);
            m_settings.setValue(QStringLiteral("name"), filters[size_t(i)].name);
            m_settings.setValue(QStringLiteral("text"), filters[size_t(i)].text);
        }
        m_settings.endArray();
    }
    m_settings.endGroup();
}

} // namespace tidemark
