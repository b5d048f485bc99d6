#pragma once

// Every tidemark-cli command: args[0] is the command name; returns the exit code.

#include <QByteArrayList>
#include <QStringList>

namespace tidemark::cli {

int runGenerate(const QStringList &args);
// `rawArgs` is argv as bytes (rawArgs[0] is the command name too): keys are bytes, not text.
int runPartition(const QStringList &args, const QByteArrayList &rawArgs);
int runValidate(const QStringList &args);

// Broker commands (BrokerCommands.cpp): --data DIR or --bootstrap HOST:PORT,...
int runTopic(const QStringList &args);
int runProduce(const QStringList &args);
int runConsume(const QStringList &args);
int runGroups(const QStringList &args);
// ExportCommand.cpp: a complete scan with a filter, as JSON lines or CSV, no group.
int runExport(const QStringList &args);

} // namespace tidemark::cli
