#include "cli/CliCommon.h"

#include <cstring>

namespace tidemark::cli {

void printOutBytes(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void printOut(const QString &text) { printOutBytes(text.toUtf8()); }

void printErr(const QString &text)
{
    const QByteArray bytes = QStringLiteral("tidemark-cli: %1\n").arg(text).toUtf8();
    std::fflush(stdout);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

void printError(const Error &error) { printErr(error.message); }

bool parseOrFail(QCommandLineParser &parser, const QStringList &args, const QString &command)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        printErr(QStringLiteral("%1: %2").arg(command, parser.errorText()));
        printErr(QStringLiteral("run 'tidemark-cli %1 --help' for usage").arg(command));
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(QLatin1String("[options]"), command + QStringLiteral(" [options]"));
        printOut(help);
        std::exit(ExitOk);
    }
    return true;
}

std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 fallback, qint64 min,
                                qint64 max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        printErr(QStringLiteral("--%1 must be a whole number between %2 and %3, got '%4'")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name)));
        return std::nullopt;
    }
    return value;
}

LineReader::LineReader(FILE *file) : m_file(file) {}

bool LineReader::next(QByteArray &line)
{
    line.clear();
    char buffer[65536];
    bool any = false;
    while (std::fgets(buffer, sizeof buffer, m_file)) {
        any = true;
        const size_t n = std::strlen(buffer);
        if (n > 0 && buffer[n - 1] == '\n') {
            line.append(buffer, static_cast<qsizetype>(n - 1));
            if (line.endsWith('\r'))
                line.chop(1);
            ++m_lineNumber;
            return true;
        }
        line.append(buffer, static_cast<qsizetype>(n));
    }
    if (any) {
        ++m_lineNumber;
        return true;
    }
    return false;
}

} // namespace tidemark::cli
