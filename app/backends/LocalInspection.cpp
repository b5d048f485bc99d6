#include "backends/LocalInspection.h"

#ifdef TIDEMARK_HAVE_LOGBROKER

namespace tidemark {

Result<PartitionInspector> inspectLocalPartition(const QString &dataDirectory, const QString &topic, int partition)
{
    return PartitionInspector::open(dataDirectory, topic, partition);
}

} // namespace tidemark

#endif
