#pragma once

// Secured connections: what librdkafka's failure texts mean, and the checks of a profile's
// certificate files before connecting.
//
// librdkafka retries a broker that refused the password or the certificate, or that speaks
// another protocol on that port, forever: the connection would wait out its timeout and say
// "did not answer". classifySecurityFailure() reads each failure librdkafka reports (error_cb
// text, plus the OpenSSL verification code our certificate callback saw) and recognises the
// ones no retry can fix; KafkaConnection then stops with the classified message
// (core/KafkaSecurityFailure.h, translated) instead of waiting.
//
// Internal to app/kafka. Pure functions (the file checks read files); any thread.

#include "core/ConnectionProfile.h"
#include "core/KafkaSecurityFailure.h"
#include "core/Result.h"

#include <QString>

#include <optional>

namespace tidemark::kafka {

// `reason`: one failure text of librdkafka ("sasl_ssl://127.0.0.1:9195/bootstrap: SASL
// authentication error: ..."). `x509Error`: the last OpenSSL verification error our
// certificate callback saw for that connection (0 if none). Nothing for failures a retry may
// fix (a refused connection, a timeout, a broker going down).
std::optional<KafkaSecurityProblem> classifySecurityFailure(const QString &reason, const KafkaProfile &profile,
                                                            int x509Error);

// The message of a classified problem, with librdkafka's own text after it for the record.
Error securityError(const KafkaSecurityProblem &problem, const KafkaProfile &profile, const QString &reason);

// Before connecting: the client certificate of a TLS profile is inside its validity dates
// (a broker refuses an expired one with a bare "certificate unknown" alert).
Status checkClientCertificate(const KafkaProfile &profile);

// Before connecting: an encrypted private key opens with the profile's key password
// (librdkafka only says "ssl.key.location failed: ... PEM lib", naming neither the file nor
// the password). Reads the key with OpenSSL, never prompting on a terminal.
Status checkClientKey(const KafkaProfile &profile);

// OpenSSL's verification codes the classification tells apart (<openssl/x509_vfy.h>).
bool isHostnameMismatch(int x509Error);
bool isCertificateDateError(int x509Error);

} // namespace tidemark::kafka
