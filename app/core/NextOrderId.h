#pragma once

// Where the order ids of a topic continue: one past the highest numeric "order_id" among the
// last records of each partition. Orders are appended with ids that count up, so the newest
// records of each partition hold that partition's highest ids, and the highest of those is
// the topic's. Records that are not orders (other JSON, binary, tombstones) are skipped.
//
// Threads: any thread but the GUI thread; it calls the Backend (describeTopic, then one
// fetch of at most kTail records per partition). The producer panel runs it through
// AsyncBackend when a topic is selected.

#include "core/Backend.h"

namespace tidemark {

// Records read from the end of each partition.
inline constexpr int kNextOrderIdTail = 16;

// 1 for a topic with no orders; an error if the topic cannot be described or read.
Result<qint64> nextOrderIdIn(Backend &backend, const QString &topic);

// The numeric order id of a record value ("order_id": "0042" -> 42); nullopt if the value is
// not a JSON object with a string or integer order_id of digits.
std::optional<qint64> orderIdOf(const std::optional<QByteArray> &value);

} // namespace tidemark
