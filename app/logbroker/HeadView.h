#pragma once

// A read-only look at a partition head (PartitionHead.h) that opens nothing else of the
// partition: no recovery, no lock, no segment files. Listing topics reads every partition's
// watermarks through one of these, so it costs one open, fstat, mmap and close per partition
// the first time and no system call after that (the mapping is shared with the writers, so
// it always shows the current head).
//
// What it shows is what readers see (the visible end, which only covers whole, committed
// frames); recovery still runs before this process reads or writes the partition
// (PartitionLog::open). A head that does not load Ok (new, damaged, a writer died mid-update)
// is the caller's cue to open the partition properly, which repairs it.
//
// Threading: load() may be called from any thread (the seqlock read of PartitionHead); the
// object itself is not copied or moved while in use by another thread.

#include "core/Result.h"

#include "logbroker/FileIo.h"
#include "logbroker/PartitionHead.h"

#include <QString>

namespace tidemark::logbroker {

class HeadView {
public:
    HeadView() = default;
    HeadView(HeadView &&) = default;
    HeadView &operator=(HeadView &&) = default;

    // NotFound if the file is missing; Corrupt if it is shorter than a head (a head being
    // created: open the partition instead, which completes it).
    static Result<HeadView> open(const QString &path);
    HeadLoad load(HeadState &out) const { return PartitionHead::loadMapped(m_map.data(), out); }

private:
    MappedFile m_map;
};

} // namespace tidemark::logbroker
