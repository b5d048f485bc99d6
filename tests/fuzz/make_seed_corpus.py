#!/usr/bin/env python3
"""Writes the hand-made seed inputs of corpus/frame_decoder and corpus/json_lines.

Run once when the formats change; inputs libFuzzer finds later are added by hand (see
README.md). Frames follow app/logbroker/FrameFormat.h (magic 1, or 2 for a null value;
big-endian, CRC-32C).
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def blob(b):
    return struct.pack(">i", -1) if b is None else struct.pack(">i", len(b)) + b


def frame(offset, ts, key, value, headers=(), magic=1):
    body = struct.pack(">bbq", magic, 0, ts) + blob(key) + blob(value)
    body += struct.pack(">i", len(headers))
    for k, v in headers:
        body += blob(k) + blob(v)
    crc = crc32c(body)
    return struct.pack(">qiI", offset, len(body) + 4, crc) + body


FRAMES = {
    "plain": frame(0, 1700000000000, b"00042", b'{"order_id":"0001"}'),
    "null-key-empty-value": frame(7, 0, None, b""),
    "binary": frame(1, 5, b"\x00\xff", b"\xff\xfe\xc3\x28 raw\x00"),
    "headers": frame(2, 9, b"k", b"v", [(b"dup", b"1"), (b"dup", b"2"), (b"n", None), (b"", b"")]),
    "bad-crc": frame(3, 9, b"k", b"v")[:-1] + b"\x01",
    "truncated": frame(4, 9, b"key", b"value")[:20],
    "unknown-magic": frame(5, 9, b"k", b"v", magic=9),
    "tombstone": frame(6, 9, b"k", None, [(b"h", b"1")], magic=2),
    "null-key-tombstone": frame(8, 0, None, None, magic=2),
    "magic1-null-value": frame(9, 9, b"k", None, magic=1),
    "magic2-with-value": frame(10, 9, b"k", b"v", magic=2),
    "newer-format": frame(11, 9, b"k", b"v", magic=3),
}

LINES = {
    "plain": b'{"topic":"t","partition":0,"offset":1,"timestamp":5,"key":"k","value":"v","headers":[]}',
    "base64": b'{"key_base64":"AP8=","value_base64":"//7DKCByYXc=","headers":[{"key":"dup","value":"1"},'
    b'{"key":"dup","value_base64":"/w=="},{"key_base64":"AA==","value":null}]}',
    "null-key": b'{"key":null,"value":""}',
    "tombstone": b'{"key":"k","value":null}',
    "escapes": b'{"value":"a\\u0000b\\r\\n\\ufeff\\ud83d\\ude00"}',
    "partition-timestamp": b'{"value":"x","partition":3,"timestamp":1700000000000}',
    "both-names": b'{"value":"a","value_base64":"YQ=="}',
    "nested-value": b'{"value":"[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]"}',
    "not-object": b"[1,2,3]",
    "deep": b"[" * 2000 + b"]" * 2000,
}


def write(directory, items):
    os.makedirs(directory, exist_ok=True)
    for name, data in items.items():
        with open(os.path.join(directory, "seed-" + name), "wb") as f:
            f.write(data)


write(os.path.join(HERE, "corpus", "frame_decoder"), FRAMES)
write(os.path.join(HERE, "corpus", "json_lines"), LINES)
