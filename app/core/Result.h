#pragma once

// Errors as values. Every storage or broker call returns Result<T>: either a value or an
// Error whose message a person can act on ("topic 'orders' does not exist", "segment
// .../00000000000000000000.log is corrupt at byte 4096 (offset 17)"). Nothing throws
// across a layer boundary.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tidemark {

enum class ErrorCode {
    Unknown,
    InvalidArgument, // the caller passed something malformed (bad JSON, bad name, bad number)
    NotFound,        // topic, partition, group or file does not exist
    AlreadyExists,   // create of something that exists
    Corrupt,         // data on disk or on the wire failed a check (CRC, framing, JSON)
    Io,              // the operating system refused (permissions, disk full, ...)
    Unavailable,     // broker unreachable, all brokers down, lock held elsewhere
    Timeout,         // no answer within the configured time
    Conflict,        // group is active, generation fenced, partition owned by another member
    Unsupported,     // the backend cannot do this (e.g. a feature missing on this broker)
    Cancelled,       // the caller asked to stop
};

QString errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Unknown;
    QString message;

    Error() = default;
    Error(ErrorCode c, QString m) : code(c), message(std::move(m)) {}

    // "NotFound: topic 'x' does not exist"
    QString toString() const;
};

// A value or an Error. Modelled on std::expected (C++23), which our C++20 toolchains lack.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, const QString &message) { return Error(code, message); }

} // namespace tidemark
