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

struct Command {
    std::function<int(const QStringList &)> run;
    const char *summary;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("generate"), {runGenerate, "print N seed orders as JSON lines"}},
        {QStringLiteral("partition"), {runPartition, "show which partition each key lands on"}},
        {QStringLiteral("validate"), {runValidate, "check JSON-lines orders from stdin"}},
        {QStringLiteral("topic"), {runTopic, "create, list, describe or delete topics"}},
        {QStringLiteral("produce"), {runProduce, "produce one record per stdin line"}},
        {QStringLiteral("consume"), {runConsume, "consume as a group member, printing JSON lines"}},
        {QStringLiteral("groups"), {runGroups, "list, describe or reset consumer groups"}},
        {QStringLiteral("dump"), {runDump, "built-in broker: every record with its file and byte position"}},
#ifdef TIDEMARK_HAVE_KAFKASERVER
        {QStringLiteral("serve"), {runServe, "serve the built-in broker to any Kafka client (127.0.0.1:9092)"}},
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
    return it->second.run(args);
}
