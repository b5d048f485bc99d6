#include "logbroker/PartitionContext.h"

#include "logbroker/SegmentFiles.h"

namespace tidemark::logbroker {

namespace {

PartitionOptions withDiagnostics(PartitionOptions options)
{
    if (!options.diagnostics)
        options.diagnostics = std::make_shared<Diagnostics>();
    return options;
}

} // namespace

PartitionContext::PartitionContext(const PartitionOptions &opts) : options(withDiagnostics(opts)) {}

QString PartitionContext::name() const
{
    return options.topic + QLatin1Char('[') + QString::number(options.partition) + QLatin1Char(']');
}

QString PartitionContext::path(qint64 base, const char *extension) const
{
    return segmentPath(options.directory, base, extension);
}

void PartitionContext::report(const QString &message) const { options.diagnostics->report(message); }

} // namespace tidemark::logbroker
