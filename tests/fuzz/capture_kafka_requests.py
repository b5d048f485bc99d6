#!/usr/bin/env python3
"""Captures real Kafka requests as the seed corpus of fuzz_kafka_request.

Runs `tidemark-cli serve` on a temporary data directory and a few kcat (librdkafka) and
`tidemark-cli --bootstrap` (Tidemark's Kafka mode: the admin API) commands against it under
strace, rebuilds each client socket's byte stream from the sendmsg/write
calls, splits it into request frames (4-byte big-endian size, then the request) and writes
each distinct frame, without its size, to corpus/kafka_request/<api key>-<version>-<sha1>.

Usage: tests/fuzz/capture_kafka_requests.py build/app/cli/tidemark-cli [OUT_DIR]
Needs kcat and strace. Run it again when the listener serves new APIs or versions.
"""
import hashlib
import os
import re
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "corpus", "kafka_request")


def unescape(s):
    # strace -xx prints every byte as \xNN.
    return bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-f]{2})", s))


def streams(trace_path, port):
    """Bytes written by the client to sockets connected to the listener, per (pid, fd)."""
    wanted, data = set(), {}
    connect = re.compile(r"^(\d+)\s+connect\((\d+), \{sa_family=AF_INET, sin_port=htons\((\d+)\)")
    send = re.compile(r"^(\d+)\s+(sendmsg|write|sendto)\((\d+), (.*)\) = (\d+)$")
    with open(trace_path) as f:
        for line in f:
            m = connect.match(line)
            if m:
                key = (m.group(1), m.group(2))
                if int(m.group(3)) == port:
                    wanted.add(key)
                    data[key] = data.get(key, b"")
                continue
            m = send.match(line)
            if not m:
                continue
            key = (m.group(1), m.group(3))
            if key not in wanted:
                continue
            chunks = re.findall(r'"((?:\\x[0-9a-f]{2})*)"', m.group(4))
            written = b"".join(unescape(c) for c in chunks)[: int(m.group(5))]
            data[key] += written
    return data


def frames(stream):
    pos = 0
    while pos + 4 <= len(stream):
        size = int.from_bytes(stream[pos : pos + 4], "big", signed=True)
        if size < 0 or pos + 4 + size > len(stream):
            break
        yield stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        serve = subprocess.Popen(
            [CLI, "serve", "--data", os.path.join(tmp, "data"), "--listen", "127.0.0.1:0", "--partitions", "3"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = serve.stdout.readline()
            port = int(line.strip().rsplit(":", 1)[1])
            broker = f"127.0.0.1:{port}"
            keyed = "".join(f"user-{i % 5}|{{\"order_id\":\"{i:04d}\"}}\n" for i in range(20)).encode()
            kcat = ["kcat", "-b", broker]
            cli = [CLI]  # Tidemark's own Kafka mode (librdkafka's admin API)
            admin = ["--bootstrap", broker]
            runs = [
                (["-L"], b""),
                (["-P", "-t", "orders", "-K|", "-X", "partitioner=murmur2_random"], keyed),
                (["-P", "-t", "orders", "-K|", "-H", "trace=1", "-H", "trace=2"], keyed),
                (["-P", "-t", "orders", "-K|", "-Z"], b"k1|\nk2|value\n"),
                (["-C", "-t", "orders", "-o", "beginning", "-e"], b""),
                (["-C", "-t", "orders", "-o", "s@1700000000000", "-e"], b""),
                (["-C", "-t", "orders", "-o", "-3", "-e"], b""),
                (["-Q", "-t", "orders:0:1700000000000"], b""),
            ]
            for codec in ["gzip", "snappy", "lz4", "zstd"]:
                runs.append((["-P", "-t", "orders", "-K|", "-z", codec], keyed))
            runs.append((["-P", "-t", "idempotent", "-K|", "-X", "enable.idempotence=true"], keyed))
            runs = [(kcat + args, stdin) for args, stdin in runs]
            runs += [
                (cli + ["topic", "create"] + admin + ["--topic", "admin", "--partitions", "2",
                                                      "--config", "retention.ms=60000"], b""),
                (cli + ["topic", "describe"] + admin + ["--topic", "admin"], b""),
                (cli + ["topic", "list"] + admin, b""),
                (cli + ["topic", "delete"] + admin + ["--topic", "admin"], b""),
            ]
            written = 0
            for i, (args, stdin) in enumerate(runs):
                trace = os.path.join(tmp, f"trace-{i}.txt")
                subprocess.run(
                    ["strace", "-f", "-qq", "-xx", "-s", "10000000", "-e", "trace=connect,sendmsg,sendto,write",
                     "-o", trace] + args,
                    input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=True)
                for stream in streams(trace, port).values():
                    for frame in frames(stream):
                        key = int.from_bytes(frame[0:2], "big", signed=True)
                        version = int.from_bytes(frame[2:4], "big", signed=True)
                        # The correlation id differs per run and says nothing: zero it, so
                        # the same request is one file.
                        frame = frame[:4] + b"\0\0\0\0" + frame[8:]
                        name = f"{key:02d}-v{version}-{hashlib.sha1(frame).hexdigest()[:12]}"
                        path = os.path.join(OUT, name)
                        if not os.path.exists(path):
                            with open(path, "wb") as f:
                                f.write(frame)
                            written += 1
            print(f"{written} new request(s) in {OUT}")
        finally:
            serve.terminate()
            serve.wait()


if __name__ == "__main__":
    main()
