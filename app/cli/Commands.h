#pragma once

// Every tidemark-cli command: args[0] is the command name; returns the exit code.

#include <QStringList>

namespace tidemark::cli {

int runGenerate(const QStringList &args);
int runPartition(const QStringList &args);
int runValidate(const QStringList &args);

} // namespace tidemark::cli
