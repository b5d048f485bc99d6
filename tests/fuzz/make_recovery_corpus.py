#!/usr/bin/env python3
"""Writes the seed inputs of corpus/recovery from real partitions made by tidemark-cli.

    tests/fuzz/make_recovery_corpus.py build/app/cli/tidemark-cli

Produces keyed records (with headers, a null key, binary bytes) into a temporary data
directory with segment.bytes=1024, so the partition has sealed segments and an active one,
then encodes its files in fuzz_recovery.cpp's input layout, as they are and damaged the
ways a crash or a power cut damages them (torn tail, truncated log, flipped byte, lost or
zeroed head, lost index, a group commit past the end). Run once when a format changes.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "recovery")

HEAD_STORED, HEAD_ABSENT, HEAD_ZEROED, HEAD_CORRUPT = 0, 1, 2, 3
PATCH_CRCS, SEALED, COMMIT, INDEXES, NO_ACTIVE_LOG = 4, 8, 16, 32, 64


def cli(binary, data, *args, stdin=b""):
    subprocess.run([binary, *args, "--data", data], input=stdin, check=True, stdout=subprocess.DEVNULL)


def make_partition(binary):
    data = tempfile.mkdtemp(prefix="tidemark-seed-")
    cli(binary, data, "topic", "create", "--topic", "t", "--config", "segment.bytes=1024")
    lines = b"".join(b'{"key":"user-%d","value":"order %04d %s"}\n' % (i % 5, i, b"x" * (i % 17)) for i in range(40))
    cli(binary, data, "produce", "--topic", "t", "--format", "json", stdin=lines)
    return data, os.path.join(data, "topics", "t", "t-0")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def head_fields(directory):
    head = read(os.path.join(directory, "partition.head"))
    return list(struct.unpack(">13q", head[16:120]))


def section(b):
    return struct.pack(">H", len(b)) + b


def encode(flags, fields, active_log, sealed=None, commit=None, indexes=None):
    out = bytes([flags]) + b"".join(struct.pack(">i", max(-(2**31), min(2**31 - 1, v))) for v in fields)
    if flags & SEALED:
        out += struct.pack(">i", sealed[0])
    if flags & COMMIT:
        out += struct.pack(">i", commit)
    out += section(active_log)
    if flags & SEALED:
        out += section(sealed[1])
    if flags & INDEXES:
        out += section(indexes[0]) + section(indexes[1])
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data, part = make_partition(sys.argv[1])
    try:
        f = head_fields(part)
        active_base, written_next, written_end = f[1], f[2], f[4]
        seg = lambda base, ext: os.path.join(part, "%020d.%s" % (base, ext))
        active = read(seg(active_base, "log"))
        bases = sorted(int(n[:20]) for n in os.listdir(part) if n.endswith(".log"))
        prev = bases[-2]
        sealed = (prev, read(seg(prev, "log")))
        idx = (read(seg(active_base, "index")), read(seg(active_base, "timeindex")))
        # The head says sealed segments start at the previous one (the harness writes one).
        f_one = list(f)
        f_one[0] = prev
        starts, pos = [], 0
        while pos + 12 <= len(active):
            starts.append(pos)
            pos += 12 + struct.unpack(">i", active[pos + 8:pos + 12])[0]
        behind = list(f_one)
        behind[2] = behind[3] = written_next - 1  # writtenNext, visibleNext
        behind[4] = behind[5] = behind[10] = starts[-1]  # writtenEnd, visibleEnd, pendingEnd
        seeds = {
            "seed-clean": encode(SEALED | INDEXES, f_one, active, sealed, indexes=idx),
            "seed-active-only": encode(HEAD_STORED, [active_base] + f[1:], active),
            "seed-torn-tail": encode(SEALED, f_one, active + active[: len(active) // 3], sealed),
            # An appender died after writing its last frame, before storing the head.
            "seed-complete-beyond-head": encode(SEALED, behind, active, sealed),
            "seed-lost-half": encode(SEALED | COMMIT, f_one, active[: len(active) // 2], sealed, commit=written_next),
            "seed-flipped-byte": encode(SEALED | INDEXES, f_one,
                                        active[:40] + bytes([active[40] ^ 0x10]) + active[41:], sealed, indexes=idx),
            "seed-flipped-patched": encode(SEALED | PATCH_CRCS, f_one,
                                           active[:30] + bytes([active[30] ^ 0x01]) + active[31:], sealed),
            "seed-no-head": encode(HEAD_ABSENT | SEALED, f_one, active, sealed),
            "seed-zeroed-head": encode(HEAD_ZEROED | SEALED, f_one, active, sealed),
            "seed-corrupt-head": encode(HEAD_CORRUPT | SEALED, f_one, active, sealed),
            "seed-commit-past-end": encode(SEALED | COMMIT, f_one, active, sealed, commit=written_next + 7),
            "seed-missing-active": encode(SEALED | NO_ACTIVE_LOG, f_one, b"", sealed),
            "seed-garbage-index": encode(SEALED | INDEXES, f_one, active, sealed, indexes=(b"\xff" * 16, b"\x00" * 5)),
            "seed-empty-no-head": bytes([HEAD_ABSENT]),
        }
        os.makedirs(OUT, exist_ok=True)
        for name, blob in seeds.items():
            with open(os.path.join(OUT, name), "wb") as out:
                out.write(blob)
        print("wrote %d seeds to %s (active segment %d: %d bytes, next offset %d)"
              % (len(seeds), OUT, active_base, len(active), written_next))
    finally:
        shutil.rmtree(data)


if __name__ == "__main__":
    main()
