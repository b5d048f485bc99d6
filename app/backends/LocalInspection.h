#pragma once

// The CLI's way to a read-only look at one partition of the built-in broker's files
// (`tidemark-cli dump`): front ends reach the built-in broker only through this target
// (design rule 1), never by including logbroker/ headers themselves. The types are the
// inspector's (logbroker/PartitionInspector.h: plain values, no storage engine).
// Only where the built-in broker is built (TIDEMARK_HAVE_LOGBROKER).
//
// Threading: none kept; the inspector reads the files afresh on every call, from any thread.

#include "core/Result.h"

#ifdef TIDEMARK_HAVE_LOGBROKER

#include "logbroker/PartitionInspector.h"

#include <QString>

namespace tidemark {

using logbroker::InspectedFrame;
using logbroker::InspectedHead;
using logbroker::InspectedIndexEntry;
using logbroker::InspectedSegment;
using logbroker::InspectedTimeIndexEntry;
using logbroker::PartitionInspector;

// InvalidArgument for a topic name the broker would refuse; NotFound if the partition's
// directory does not exist. Takes no lock and repairs nothing.
Result<PartitionInspector> inspectLocalPartition(const QString &dataDirectory, const QString &topic, int partition);

} // namespace tidemark

#endif
