#pragma once

#include <QString>

namespace tidemark {

QString tidemarkVersion();
// "Tidemark 0.1.0 (Qt 6.4.2, librdkafka 2.0.2)"
QString versionBanner();

} // namespace tidemark
