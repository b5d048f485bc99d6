// tidemark-cli: the headless front end over the same Backend interface as the app.

#include "backends/RuntimeVersions.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/DumpCommand.h"
#ifdef TIDEMARK_HAVE_KAFKASERVER
#include "cli/ServeCommand.h"
#endif
#include "core/Version.h"

#include <QCoreApplication>

#include <functional>
#include <map>

using namespace tidemark::cli;

namespace {

// A command gets argv as text (for QCommandLineParser) and as the bytes the shell passed.
using CommandFunction = std::function<int(const QStringList &args, const QByteArrayList &rawArgs)>;

struct Command {
    CommandFunction run;
    const char *summary;
};

CommandFunction textOnly(int (*run)(const QStringList &))
{
    return [run](const QStringList &args, const QByteArrayList &) { return run(args); };
}

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("generate"), {textOnly(runGenerate), "print N seed orders as JSON lines"}},
        {QStringLiteral("partition"), {runPartition, "show which partition each key lands on"}},
        {QStringLiteral("validate"), {textOnly(runValidate), "check JSON-lines orders from stdin"}},
        {QStringLiteral("topic"), {textOnly(runTopic), "create, list, describe or delete topics"}},
        {QStringLiteral("produce"), {textOnly(runProduce), "produce one record per stdin line"}},
        {QStringLiteral("consume"), {textOnly(runConsume), "consume as a group member, printing JSON lines"}},
        {QStringLiteral("export"),
         {textOnly(runExport), "print a topic's records in a range or matching --where, as JSON lines or CSV"}},
        {QStringLiteral("groups"), {textOnly(runGroups), "list, describe or reset consumer groups"}},
        {QStringLiteral("dump"), {textOnly(runDump), "built-in broker: every record with its file and byte position"}},
#ifdef TIDEMARK_HAVE_KAFKASERVER
        {QStringLiteral("serve"),
         {textOnly(runServe), "serve the built-in broker to any Kafka client (127.0.0.1:9092)"}},
#endif
    };
    return table;
}

void printUsage()
{
    QString text = QStringLiteral("Usage: tidemark-cli COMMAND [options]\n\nCommands:\n");
    for (const auto &[name, command] : commands())
        text += QStringLiteral("  %1%2\n").arg(name, -12).arg(QLatin1String(command.summary));
    text += QStringLiteral("\nRun 'tidemark-cli COMMAND --help' for a command's options. "
                           "'tidemark-cli --version' prints versions.\n");
    printOut(text);
}

} // namespace

int main(int argc, char *argv[])
{
    QByteArrayList rawArgs; // before QCoreApplication, which may take arguments out of argv
    for (int i = 1; i < argc; ++i)
        rawArgs.append(QByteArray(argv[i]));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tidemark-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tidemark"));
    QCoreApplication::setApplicationVersion(tidemark::tidemarkVersion());

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h") ||
        args.first() == QLatin1String("help")) {
        printUsage();
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")) {
        printOut(tidemark::runtimeVersionBanner() + QLatin1Char('\n'));
        return ExitOk;
    }
    const auto it = commands().find(args.first());
    if (it == commands().end()) {
        printErr(QStringLiteral("unknown command '%1'; run 'tidemark-cli --help' for the list").arg(args.first()));
        return ExitUsage;
    }
    return it->second.run(args, rawArgs);
}
