#include "core/OrderGenerator.h"

#include <algorithm>

namespace tidemark {

quint64 SplitMix64::next()
{
    quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

quint64 SplitMix64::below(quint64 bound)
{
    // Rejection sampling keeps the distribution exactly uniform.
    const quint64 limit = (~quint64(0)) - ((~quint64(0)) % bound);
    quint64 x;
    do {
        x = next();
    } while (x >= limit);
    return x % bound;
}

OrderGenerator::OrderGenerator(quint64 seed, qint64 startId, int userCount)
    : m_rng(seed), m_nextId(startId), m_userCount(std::clamp(userCount, 0, 99999))
{}

static QString padded(quint64 value, int width) { return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0')); }

Order OrderGenerator::next()
{
    Order order;
    order.orderId = padded(static_cast<quint64>(m_nextId++), 4);
    if (m_userCount == kAnyUser)
        order.userId = padded(m_rng.below(100000), 5);
    else if (m_userCount <= kFewUsers)
        order.userId = QString::fromLatin1(kFewUserIds[m_rng.below(quint64(m_userCount))]);
    else
        order.userId = padded(m_rng.below(quint64(m_userCount)) + 1, 5);
    const int itemCount = static_cast<int>(m_rng.below(5)) + 1;
    qint64 totalCents = 0;
    for (int i = 0; i < itemCount; ++i) {
        Item item;
        item.productId = padded(m_rng.below(1000), 3);
        item.quantity = static_cast<qint64>(m_rng.below(10)) + 1;
        const qint64 priceCents = static_cast<qint64>(m_rng.below(1000)) * 100 + static_cast<qint64>(m_rng.below(100));
        item.price = static_cast<double>(priceCents) / 100.0;
        totalCents += priceCents * item.quantity;
        order.items.push_back(item);
    }
    order.totalPrice = static_cast<double>(totalCents) / 100.0;
    return order;
}

} // namespace tidemark
