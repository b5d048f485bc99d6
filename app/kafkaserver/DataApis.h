#pragma once

// The data path: Produce (record batches v2, any codec, idempotent producers checked by
// ProducerStates), Fetch (long-polling through FetchWaiters, min_bytes, request and
// partition byte limits, OFFSET_OUT_OF_RANGE), ListOffsets (earliest, latest, by timestamp)
// and InitProducerId. Produced records become ordinary built-in broker frames (key, value,
// headers and create time kept exactly); fetched frames are served as uncompressed v2 batches
// with the same offsets, timestamps, keys, values and headers.
//
// Threading: the handlers run on the listener's handler threads; a waiting fetch is resumed
// from the FetchWaiters' thread, which posts it back to a handler thread.

#include <memory>

namespace tidemark::kafkaserver {

class BrokerContext;
class RequestRouter;

void registerDataApis(RequestRouter &router, const std::shared_ptr<BrokerContext> &context);

} // namespace tidemark::kafkaserver
