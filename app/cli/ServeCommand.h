#pragma once

#include <QStringList>

namespace tidemark::cli {

// tidemark-cli serve [--data DIR] [--listen HOST:PORT]: serves the built-in broker to Kafka
// clients in the foreground until SIGINT/SIGTERM.
int runServe(const QStringList &args);

} // namespace tidemark::cli
