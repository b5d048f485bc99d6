#pragma once

// Seeded generator of the seed tutorial's orders. Same seed and start id, same orders, on
// every platform (our own PRNG and range reduction; std distributions differ between
// standard libraries).
//
// Order ids count up from `startId` with at least 4 digits, user ids are 5 random digits
// (or, with a user count N > 0, one of N ids: a few keys, so that "every order of one user
// lands on one partition" is visible on the timeline), 1-5 items, product ids 3 digits,
// quantity 1-10, price 0-999 plus a fraction in cents, and total_price is the exact sum of price x quantity.

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
    // The seed's generator draws user ids from 100,000; a lesson uses a few.
    static constexpr int kAnyUser = 0;
    static constexpr int kFewUsers = 8;
    static constexpr const char *kFewUserIds[kFewUsers] = {"00001", "00002", "00003", "00005",
                                                           "00006", "00008", "00011", "00012"};

    // `userCount`: kAnyUser (0) for 5 random digits; N <= 8: one of the first N of kFewUserIds;
    // N > 8: one of "00001".."N".
    // kFewUserIds are spread evenly by murmur2 (Kafka's default partitioner) over 2, 3 and 4
    // partitions (3/2/3 over the lesson's 3), so no lane is left empty: "00001".."00008"
    // would put none on partition 1 of 3.
    explicit OrderGenerator(quint64 seed = 0, qint64 startId = 1, int userCount = kAnyUser);

    Order next();
    qint64 nextOrderId() const { return m_nextId; }

private:
    SplitMix64 m_rng;
    qint64 m_nextId;
    int m_userCount;
};

} // namespace tidemark
