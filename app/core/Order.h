#pragma once

// The seed tutorial's e-commerce order, its JSON form, and validation that explains itself.
//
// JSON field names are the seed's: {"order_id","user_id","items":[{"product_id","quantity",
// "price"}],"total_price"}. Prices are decimal numbers; totals must equal the exact sum of
// price x quantity within one cent (plus the last-place rounding of doubles at that scale, so
// a total another program summed in floating point, as the seed's Go generator does, passes).

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <exception>
#include <vector>

namespace tidemark {

struct Item {
    QString productId;
    qint64 quantity = 1;
    double price = 0.0;

    friend bool operator==(const Item &, const Item &) = default;
};

struct Order {
    QString orderId;
    QString userId;
    std::vector<Item> items;
    double totalPrice = 0.0;

    // Sum of price x quantity (computed exactly, then rounded to cents): what an editor
    // fills in as the total.
    double computedTotal() const;
    friend bool operator==(const Order &, const Order &) = default;
};

// Compact one-line JSON in the seed's field order (what producers send).
QByteArray orderToJson(const Order &order);
// Indented JSON for people.
QByteArray orderToPrettyJson(const Order &order);

// Parses and validates one order. The error names the field (and item number) at fault:
// malformed JSON (with the byte position), missing fields, wrong types, empty items,
// quantities below 1 or above 2^53, negative or non-finite prices, products or sums too large
// for a double, and a total_price that differs from the items' exact sum by more than a cent
// (the message gives that sum).
Result<Order> parseOrder(const QByteArray &json);

// Validation of an already-built order (the form editor uses it). Empty string when valid.
QString validateOrder(const Order &order);

// Pretty-prints any JSON document (two-space indent); returns std::nullopt if `bytes` is not
// JSON. Used by the message inspector for values that are JSON but not orders.
std::optional<QByteArray> prettyJson(const QByteArray &bytes);

// The message for JSON that parses but holds a number no double can (1e400): the parser
// throws something other than a parse error for it.
QString jsonNumberOutOfRange(const std::exception &e);

// Extracts a top-level string or number field from a JSON object as key bytes (the
// producer's "key field"). Errors if the value is not JSON, not an object, or lacks the
// field.
Result<QByteArray> extractKeyField(const QByteArray &json, const QString &field);

} // namespace tidemark
