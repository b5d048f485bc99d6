#pragma once

// Every tidemark-cli command: args[0] is the command name; returns the exit code.

#include <QStringList>

namespace tidemark::cli {

int runGenerate(const QStringList &args);
int runPartition(const QStringList &args);
int runValidate(const QStringList &args);

// Broker commands (BrokerCommands.cpp): --data DIR or --bootstrap HOST:PORT,...
int runTopic(const QStringList &args);
int runProduce(const QStringList &args);
int runConsume(const QStringList &args);
int runGroups(const QStringList &args);

} // namespace tidemark::cli
