#include "core/Order.h"

#include <QCoreApplication>
#include <QLocale>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>

namespace tidemark {

using json = nlohmann::ordered_json;

// Messages are shown in the producer panel, so they go through the "tidemark::Order"
// translation context; without a translator (tidemark-cli, tests) they are the English
// source texts.
namespace {

// Every integer up to 2^53 is a double; a larger quantity could not be multiplied exactly.
constexpr qint64 kMaxQuantity = qint64(1) << 53;

// The sum of price x quantity as exactly as doubles allow: each product's rounding error is
// recovered with fma (TwoProduct) and the terms are added with Neumaier's compensation, so the
// result is the true sum rounded about once, whatever the number or order of the items.
// `magnitude` is the sum of the terms' absolute values (the scale of rounding in any other
// program's total). Not finite when a product or the sum overflows.
struct ItemsSum {
    double value = 0.0;
    double magnitude = 0.0;
};

ItemsSum sumOfItems(const std::vector<Item> &items)
{
    double sum = 0.0;
    double compensation = 0.0;
    double magnitude = 0.0;
    const auto add = [&](double term) {
        const double t = sum + term;
        if (std::fabs(sum) >= std::fabs(term))
            compensation += (sum - t) + term;
        else
            compensation += (term - t) + sum;
        sum = t;
    };
    for (const Item &item : items) {
        const double quantity = static_cast<double>(item.quantity);
        const double product = item.price * quantity;
        if (!std::isfinite(product))
            return {product, product};
        add(product);
        add(std::fma(item.price, quantity, -product));
        magnitude += std::fabs(product);
    }
    return {sum + compensation, magnitude};
}

} // namespace

QString jsonNumberOutOfRange(const std::exception &e)
{
    // nlohmann's text is "[json.exception.out_of_range.406] number overflow parsing '1e400'"
    QString what = QString::fromUtf8(e.what());
    if (what.startsWith(QLatin1Char('[')))
        what = what.mid(what.indexOf(QLatin1Char(']')) + 1).trimmed();
    return QCoreApplication::translate("tidemark::Order", "a number is out of range (%1)").arg(what);
}

namespace {

// The shortest text that reads back as the same double ("13334.26", "500", "1e+300").
QString numberText(double value) { return QString::number(value, 'g', QLocale::FloatingPointShortest); }

// Whole numbers print as integers ("price":300), as in the seed; others keep their digits.
json moneyToJson(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return json(static_cast<qint64>(value));
    return json(value);
}

QString typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return QStringLiteral("null");
    case json::value_t::boolean: return QCoreApplication::translate("tidemark::Order", "a boolean");
    case json::value_t::string: return QCoreApplication::translate("tidemark::Order", "a string");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return QCoreApplication::translate("tidemark::Order", "an integer");
    case json::value_t::number_float: return QCoreApplication::translate("tidemark::Order", "a number");
    case json::value_t::object: return QCoreApplication::translate("tidemark::Order", "an object");
    case json::value_t::array: return QCoreApplication::translate("tidemark::Order", "an array");
    default: return QCoreApplication::translate("tidemark::Order", "an unsupported value");
    }
}

Error invalid(const QString &message) { return Error(ErrorCode::InvalidArgument, message); }

QString quoted(const char *field) { return QLatin1Char('"') + QLatin1String(field) + QLatin1Char('"'); }

// Reads a required string field; `where` is e.g. "item 2's" or "order's".
Result<QString> requireString(const json &obj, const char *field, const QString &owner)
{
    const auto it = obj.find(field);
    if (it == obj.end())
        return invalid(
            QCoreApplication::translate("tidemark::Order", "%1 is missing the field %2").arg(owner, quoted(field)));
    if (!it->is_string())
        return invalid(QCoreApplication::translate("tidemark::Order", "%1 field %2 must be a string, got %3")
                           .arg(owner, quoted(field), typeName(*it)));
    const auto &s = it->get_ref<const std::string &>();
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

Result<double> requireNumber(const json &obj, const char *field, const QString &owner)
{
    const auto it = obj.find(field);
    if (it == obj.end())
        return invalid(
            QCoreApplication::translate("tidemark::Order", "%1 is missing the field %2").arg(owner, quoted(field)));
    if (!it->is_number())
        return invalid(QCoreApplication::translate("tidemark::Order", "%1 field %2 must be a number, got %3")
                           .arg(owner, quoted(field), typeName(*it)));
    return it->get<double>();
}

} // namespace

double Order::computedTotal() const
{
    const double sum = sumOfItems(items).value;
    if (!std::isfinite(sum) || std::fabs(sum) >= 1e15)
        return sum;
    return static_cast<double>(std::llround(sum * 100.0)) / 100.0;
}

static json orderToJsonValue(const Order &order)
{
    json items = json::array();
    for (const Item &item : order.items) {
        json j;
        j["product_id"] = item.productId.toStdString();
        j["quantity"] = item.quantity;
        j["price"] = moneyToJson(item.price);
        items.push_back(std::move(j));
    }
    json j;
    j["order_id"] = order.orderId.toStdString();
    j["user_id"] = order.userId.toStdString();
    j["items"] = std::move(items);
    j["total_price"] = moneyToJson(order.totalPrice);
    return j;
}

QByteArray orderToJson(const Order &order) { return QByteArray::fromStdString(orderToJsonValue(order).dump()); }

QByteArray orderToPrettyJson(const Order &order) { return QByteArray::fromStdString(orderToJsonValue(order).dump(2)); }

QString validateOrder(const Order &order)
{
    if (order.orderId.isEmpty())
        return QCoreApplication::translate("tidemark::Order", "order_id must not be empty");
    if (order.userId.isEmpty())
        return QCoreApplication::translate("tidemark::Order", "user_id must not be empty");
    if (order.items.empty())
        return QCoreApplication::translate("tidemark::Order", "an order needs at least one item");
    for (size_t i = 0; i < order.items.size(); ++i) {
        const Item &item = order.items[i];
        if (item.productId.isEmpty())
            return QCoreApplication::translate("tidemark::Order", "item %1: product_id must not be empty").arg(i + 1);
        if (item.quantity < 1)
            return QCoreApplication::translate("tidemark::Order", "item %1: quantity must be at least 1, got %2")
                .arg(i + 1)
                .arg(item.quantity);
        if (item.quantity > kMaxQuantity)
            return QCoreApplication::translate("tidemark::Order", "item %1: quantity %2 is too large (at most %3)")
                .arg(i + 1)
                .arg(item.quantity)
                .arg(kMaxQuantity);
        if (!std::isfinite(item.price))
            return QCoreApplication::translate("tidemark::Order", "item %1: price must be a finite number").arg(i + 1);
        if (item.price < 0)
            return QCoreApplication::translate("tidemark::Order", "item %1: price must not be negative, got %2")
                .arg(i + 1)
                .arg(numberText(item.price));
        if (!std::isfinite(item.price * static_cast<double>(item.quantity)))
            return QCoreApplication::translate("tidemark::Order",
                                               "item %1: price x quantity (%2 x %3) is too large for a number")
                .arg(i + 1)
                .arg(numberText(item.price))
                .arg(item.quantity);
    }
    if (!std::isfinite(order.totalPrice))
        return QCoreApplication::translate("tidemark::Order", "total_price must be a finite number");
    const ItemsSum sum = sumOfItems(order.items);
    if (!std::isfinite(sum.value))
        return QCoreApplication::translate("tidemark::Order", "the sum of price x quantity is too large for a number");
    // One cent either way (totals are often written to the cent), plus the rounding of doubles
    // at this scale: a total that another program summed item by item in binary floating point
    // (the seed's Go generator does) is off by a few units in the last place of its magnitude.
    const double itemCount = static_cast<double>(order.items.size());
    const double slack =
        0.01 + 4.0 * (itemCount + 1.0) * DBL_EPSILON * std::max(std::fabs(order.totalPrice), sum.magnitude);
    if (!(std::fabs(order.totalPrice - sum.value) <= slack)) {
        return QCoreApplication::translate("tidemark::Order",
                                           "total_price %1 does not match the items: the sum of price x quantity is %2")
            .arg(numberText(order.totalPrice), numberText(sum.value));
    }
    return {};
}

Result<Order> parseOrder(const QByteArray &bytes)
{
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) // nlohmann's lexer would stop there: not JSON
        return invalid(QCoreApplication::translate("tidemark::Order", "malformed JSON (byte %1)").arg(nul + 1));
    json doc;
    try {
        doc = json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const json::parse_error &e) {
        QString what = QString::fromUtf8(e.what());
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
        const qsizetype colon = what.indexOf(QLatin1String("parse error"));
        if (colon >= 0)
            what = what.mid(colon);
        return invalid(
            QCoreApplication::translate("tidemark::Order", "malformed JSON (byte %1): %2").arg(e.byte).arg(what));
    } catch (const json::exception &e) { // 1e400: a number no double holds
        return invalid(jsonNumberOutOfRange(e));
    }
    if (!doc.is_object())
        return invalid(QCoreApplication::translate("tidemark::Order", "the order must be a JSON object, got %1")
                           .arg(typeName(doc)));

    const QString owner = QCoreApplication::translate("tidemark::Order", "the order");
    Order order;
    auto orderId = requireString(doc, "order_id", owner);
    if (!orderId)
        return orderId.error();
    order.orderId = *orderId;
    auto userId = requireString(doc, "user_id", owner);
    if (!userId)
        return userId.error();
    order.userId = *userId;

    const auto items = doc.find("items");
    if (items == doc.end())
        return invalid(
            QCoreApplication::translate("tidemark::Order", "%1 is missing the field %2").arg(owner, quoted("items")));
    if (!items->is_array())
        return invalid(QCoreApplication::translate("tidemark::Order", "the field %1 must be an array, got %2")
                           .arg(quoted("items"), typeName(*items)));
    int index = 0;
    for (const json &entry : *items) {
        ++index;
        const QString itemOwner = QCoreApplication::translate("tidemark::Order", "item %1").arg(index);
        if (!entry.is_object())
            return invalid(QCoreApplication::translate("tidemark::Order", "%1 must be an object, got %2")
                               .arg(itemOwner, typeName(entry)));
        Item item;
        auto productId = requireString(entry, "product_id", itemOwner);
        if (!productId)
            return productId.error();
        item.productId = *productId;
        const auto quantity = entry.find("quantity");
        if (quantity == entry.end())
            return invalid(QCoreApplication::translate("tidemark::Order", "%1 is missing the field %2")
                               .arg(itemOwner, quoted("quantity")));
        if (!quantity->is_number_integer())
            return invalid(QCoreApplication::translate("tidemark::Order", "%1 field %2 must be an integer, got %3")
                               .arg(itemOwner, quoted("quantity"), typeName(*quantity)));
        if (quantity->is_number_unsigned() && quantity->get<std::uint64_t>() > std::uint64_t(kMaxQuantity))
            return invalid(QCoreApplication::translate("tidemark::Order", "%1: quantity %2 is too large (at most %3)")
                               .arg(itemOwner, QString::fromStdString(quantity->dump()))
                               .arg(kMaxQuantity));
        item.quantity = quantity->get<qint64>();
        auto price = requireNumber(entry, "price", itemOwner);
        if (!price)
            return price.error();
        item.price = *price;
        order.items.push_back(item);
    }
    auto total = requireNumber(doc, "total_price", owner);
    if (!total)
        return total.error();
    order.totalPrice = *total;

    if (const QString problem = validateOrder(order); !problem.isEmpty())
        return Error(ErrorCode::InvalidArgument, problem);
    return order;
}

std::optional<QByteArray> prettyJson(const QByteArray &bytes)
{
    // Bounded in time and memory for any input (issue 10 item 8: a DOM dump recursed and grew
    // with depth squared; 200 KB of "[[[..." crashed the inspector). json::accept validates
    // without recursion or a DOM; the reformatting below is one loop over the bytes that keeps
    // each token's text as sent, gives up past kMaxDepth levels or kMaxOutput bytes (the
    // caller then shows the value as text or hex), and so never writes more than
    // kMaxOutput + one line.
    constexpr int kMaxDepth = 64;
    constexpr qsizetype kMaxOutput = 8 << 20;
    // A raw NUL is never JSON, but nlohmann's lexer takes it for the end of the input.
    if (bytes.size() > kMaxOutput || bytes.contains('\0') || !json::accept(bytes.constBegin(), bytes.constEnd()))
        return std::nullopt;
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 2);
    int depth = 0;
    const auto newline = [&] {
        out += '\n';
        out.append(qsizetype(depth) * 2, ' ');
    };
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = bytes[i];
        if (isSpace(c))
            continue;
        switch (c) {
        case '"': {
            const qsizetype start = i++;
            while (i < n && bytes[i] != '"')
                i += bytes[i] == '\\' ? 2 : 1;
            out.append(bytes.constData() + start, i - start + 1);
            break;
        }
        case '{':
        case '[': {
            qsizetype j = i + 1;
            while (j < n && isSpace(bytes[j]))
                ++j;
            if (j < n && bytes[j] == (c == '{' ? '}' : ']')) {
                out += c;
                out += bytes[j];
                i = j;
                break;
            }
            if (++depth > kMaxDepth)
                return std::nullopt;
            out += c;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += ',';
            newline();
            break;
        case ':': out += ": "; break;
        default: out += c; break; // numbers, true, false, null
        }
        if (out.size() > kMaxOutput)
            return std::nullopt;
    }
    return out;
}

Result<QByteArray> extractKeyField(const QByteArray &bytes, const QString &field)
{
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) // nlohmann's lexer would stop there: not JSON
        return invalid(QCoreApplication::translate("tidemark::Order", "malformed JSON (byte %1)").arg(nul + 1));
    json doc;
    try {
        doc = json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const json::parse_error &e) {
        return invalid(QCoreApplication::translate("tidemark::Order", "malformed JSON (byte %1)").arg(e.byte));
    } catch (const json::exception &e) {
        return invalid(jsonNumberOutOfRange(e));
    }
    if (!doc.is_object())
        return invalid(QCoreApplication::translate("tidemark::Order", "the value is not a JSON object"));
    const auto it = doc.find(field.toStdString());
    if (it == doc.end())
        return invalid(QCoreApplication::translate("tidemark::Order", "the key field \"%1\" is missing").arg(field));
    if (it->is_string())
        return QByteArray::fromStdString(it->get<std::string>());
    if (it->is_number())
        return QByteArray::fromStdString(it->dump());
    return invalid(
        QCoreApplication::translate("tidemark::Order", "the key field \"%1\" must be a string or a number, got %2")
            .arg(field, typeName(*it)));
}

} // namespace tidemark
