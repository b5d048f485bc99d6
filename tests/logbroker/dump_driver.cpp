// Runs `tidemark-cli dump` on its own (the same runDump() the CLI registers), so the dump
// test does not depend on the CLI's command table.

#include "cli/DumpCommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    args[0] = QStringLiteral("dump");
    return tidemark::cli::runDump(args);
}
