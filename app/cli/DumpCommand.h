#pragma once

// `tidemark-cli dump`: every frame of one partition of the built-in broker, with its segment
// file and byte position, read straight from the files (no lock, no recovery, nothing
// written), for learners reading docs/on-disk-format.md and for debugging.

#include <QStringList>

namespace tidemark::cli {

int runDump(const QStringList &args);

} // namespace tidemark::cli
