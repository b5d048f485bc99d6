#pragma once

// Seeded generator of the seed tutorial's orders. Same seed and start id, same orders, on
// every platform (our own PRNG and range reduction; std distributions differ between
// standard libraries).
//
// Order ids count up from `startId` with at least 4 digits, user ids are 5 random digits,
// 1-5 items, product ids 3 digits, quantity 1-10, price 0-999 plus a fraction in cents, and
// total_price is the exact sum of price x quantity.

#include "core/Order.h"

#include <cstdint>

namespace tidemark {

// SplitMix64: tiny, fast, and statistically fine for test data.
class SplitMix64 {
public:
    explicit SplitMix64(quint64 seed) : m_state(seed) {}
    quint64 next();
    // Uniform integer in [0, bound); bound > 0.
    quint64 below(quint64 bound);

private:
    quint64 m_state;
};

class OrderGenerator {
public:
    explicit OrderGenerator(quint64 seed = 0, qint64 startId = 1);

    Order next();
    qint64 nextOrderId() const { return m_nextId; }

private:
    SplitMix64 m_rng;
    qint64 m_nextId;
};

} // namespace tidemark
