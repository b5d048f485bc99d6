#pragma once

// Shared plumbing of tidemark-cli's commands: argument parsing that reports errors in
// words, and output helpers. Data goes to stdout, diagnostics to stderr; a command returns
// the process exit code (0 ok, 1 failure, 2 usage error).

#include "core/Result.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <optional>

namespace tidemark::cli {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

void printOut(const QString &text); // adds nothing; caller includes '\n'
void printOutBytes(const QByteArray &bytes);
void printErr(const QString &text);  // prefixed "tidemark-cli: ", newline added
void printError(const Error &error); // "tidemark-cli: <message>"

// Parses `args` (args[0] is the command name). On error prints it with the command's usage
// and returns false.
bool parseOrFail(QCommandLineParser &parser, const QStringList &args, const QString &command);

// Reads an integer option; prints an error naming the option if it is not a number in range.
std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 fallback, qint64 min,
                                qint64 max);

// Reads stdin line by line (without the trailing newline). Returns false at EOF.
class LineReader {
public:
    explicit LineReader(FILE *file = stdin);
    bool next(QByteArray &line);
    qint64 lineNumber() const { return m_lineNumber; }

private:
    FILE *m_file;
    qint64 m_lineNumber = 0;
};

} // namespace tidemark::cli

#include "core/Backend.h"

#include <memory>

namespace tidemark::cli {

// Adds the options that pick a broker: --data DIR (built-in broker, the default) or
// --bootstrap HOST:PORT,... (Kafka) with its security and timeout options.
void addConnectionOptions(QCommandLineParser &parser);
// Opens the broker the options name; prints the error and returns nullptr on failure.
std::shared_ptr<Backend> connectFromOptions(const QCommandLineParser &parser);

// Parses "1700000000000" (ms since the epoch) or an ISO 8601 date-time.
std::optional<qint64> parseTimestamp(const QString &text);

} // namespace tidemark::cli
