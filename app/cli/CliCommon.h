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
// False if the bytes could not all be written (a closed pipe, a full disk).
bool printOutBytes(const QByteArray &bytes);
void printErr(const QString &text);  // prefixed "tidemark-cli: ", newline added
void printError(const Error &error); // "tidemark-cli: <message>"

// Parses `args` (args[0] is the command name). On error prints it with the command's usage
// and returns false. An empty --data is an error here for every command (see
// dataDirectoryOption).
bool parseOrFail(QCommandLineParser &parser, const QStringList &args, const QString &command);

// Reads an integer option; prints an error naming the option if it is not a number in range.
std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 fallback, qint64 min,
                                qint64 max);

// Reads stdin line by line (without the trailing "\n" or "\r\n"), every byte kept (NUL
// too). Returns false at EOF. Not thread-safe; one reader per file.
class LineReader {
public:
    explicit LineReader(FILE *file = stdin);
    bool next(QByteArray &line);
    qint64 lineNumber() const { return m_lineNumber; }

private:
    FILE *m_file;
    QByteArray m_buffer; // read ahead from m_file; m_pos is the first byte not yet returned
    qsizetype m_pos = 0;
    bool m_any = false; // bytes of an unfinished line have been taken from m_buffer
    qint64 m_lineNumber = 0;
};

} // namespace tidemark::cli

#include "core/Backend.h"
#include "core/RecordFilter.h"

#include <memory>

namespace tidemark::cli {

// Adds the options that pick a broker: --data DIR (built-in broker, the default) or
// --bootstrap HOST:PORT,... (Kafka) with its security and timeout options.
void addConnectionOptions(QCommandLineParser &parser);
// The built-in broker's data directory: --data DIR, or the default when --data is not given.
// An empty --data (an unset variable: --data "$DIR") is refused with an error, never taken as
// the default: `topic delete --data "$UNSET"` deleted a topic in the real data directory.
std::optional<QString> dataDirectoryOption(const QCommandLineParser &parser);
// Opens the broker the options name; prints the error and returns nullptr on failure.
std::shared_ptr<Backend> connectFromOptions(const QCommandLineParser &parser);

// Parses "1700000000000" (ms since the epoch) or an ISO 8601 date-time.
std::optional<qint64> parseTimestamp(const QString &text);

// parseOrFail, then checks that every option in `required` was given a value.
bool parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &command,
                  const QStringList &required = {});
// Reads a timestamp option (see parseTimestamp); prints an error naming the option if it is
// malformed. Unset: std::nullopt with `ok` true.
std::optional<qint64> timestampOption(const QCommandLineParser &parser, const QString &name, const QString &command,
                                      bool &ok);
// Adds --where FILTER (with the command's own help text) and --saved NAME (a filter saved in
// the app for the topic, Edit > Saved Filters; core/SavedFilters).
void addFilterOptions(QCommandLineParser &parser, const QString &whereHelp);
// Reads --where (the filter language, docs/filter-language.md; times in the local zone, or
// TZ) or --saved NAME, looked up for `topics` (which must then be exactly one) in the app's
// settings. Unset: the empty filter. A syntax error is printed with its column and a caret
// under the filter's text; an unknown name with the names saved for the topic; both options
// at once are refused. On an error `ok` is false (the caller exits with ExitUsage).
RecordFilter whereOption(const QCommandLineParser &parser, const QString &command, const QStringList &topics, bool &ok);

// Splits KEY=VALUE items into `out`; prints an error naming `option` for a malformed one,
// with the item's text unless `echo` is Hidden (-X items may hold a password).
enum class ValueEcho { Shown, Hidden };
bool parseKeyValues(const QStringList &items, const QString &option, QMap<QString, QString> &out,
                    ValueEcho echo = ValueEcho::Shown);
// Prints "topic T has N partition(s); there is no partition P" when P is out of range.
bool checkPartition(const TopicInfo &topic, qint64 partition);

// True (after printing the error) when `result` failed: `if (failed(r)) return ExitFailure;`
template <typename T>
bool failed(const Result<T> &result)
{
    if (result.ok())
        return false;
    printError(result.error());
    return true;
}

} // namespace tidemark::cli
