#include "logbroker/Diagnostics.h"

Q_LOGGING_CATEGORY(lcLogbroker, "tidemark.logbroker")

namespace tidemark::logbroker {

void Diagnostics::report(const QString &message)
{
    qCWarning(lcLogbroker).noquote() << message;
    std::lock_guard lock(m_mutex);
    m_messages.append(message);
    if (m_messages.size() > 1000)
        m_messages.removeFirst();
}

QStringList Diagnostics::messages() const
{
    std::lock_guard lock(m_mutex);
    return m_messages;
}

void Diagnostics::clear()
{
    std::lock_guard lock(m_mutex);
    m_messages.clear();
}

} // namespace tidemark::logbroker
