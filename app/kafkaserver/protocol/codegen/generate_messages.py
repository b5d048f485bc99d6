#!/usr/bin/env python3
"""Turns Apache Kafka's message specs (common/message/*.json inside the kafka-clients jar)
into the C++ codecs of app/kafkaserver/protocol/Messages.{h,cpp}.

The output is committed, so a build never needs the jar or Maven. Run it again after
changing the list of messages below or moving to a newer jar:

    tests/kafka/cluster.sh fetch      # the jars, into ~/.cache/tidemark/kafka-3.7.2/
    python3 app/kafkaserver/protocol/codegen/generate_messages.py \
        ~/.cache/tidemark/kafka-3.7.2/libs/kafka-clients-3.7.2.jar app/kafkaserver/protocol
    clang-format -i app/kafkaserver/protocol/Messages.h app/kafkaserver/protocol/Messages.cpp

For every API in FULL (requests and responses the listener serves, now or with the group
coordinator) it writes a struct per message with read(WireReader&, version) and
write(WireWriter&, version) for every version in the spec: classic and flexible encodings,
nullable fields, tagged fields (unknown tags are skipped), defaults. For every other API it
writes only the table entry (name, versions, flexible versions) and a function that encodes
that API's response with every field at its default and the top-level ErrorCode set, so a
request the listener does not serve still gets a well-formed error answer.
"""

import json
import re
import sys
import zipfile

FULL = [
    "Produce", "Fetch", "ListOffsets", "Metadata", "OffsetCommit", "OffsetFetch", "FindCoordinator",
    "JoinGroup", "Heartbeat", "LeaveGroup", "SyncGroup", "DescribeGroups", "ListGroups", "SaslHandshake",
    "ApiVersions", "CreateTopics", "DeleteTopics", "InitProducerId", "DescribeConfigs", "CreatePartitions",
    "DeleteGroups", "OffsetDelete", "DescribeCluster",
]

PRIMITIVES = {
    "bool": ("bool", "false"),
    "int8": ("qint8", "0"),
    "int16": ("qint16", "0"),
    "uint16": ("quint16", "0"),
    "int32": ("qint32", "0"),
    "uint32": ("quint32", "0"),
    "int64": ("qint64", "0"),
    "float64": ("double", "0.0"),
    "uuid": ("Uuid", "Uuid{}"),
    "string": ("QString", None),
    "bytes": ("QByteArray", None),
    "records": ("QByteArray", None),
}

READERS = {
    "bool": "r.readBool()", "int8": "r.readInt8()", "int16": "r.readInt16()", "uint16": "r.readUInt16()",
    "int32": "r.readInt32()", "uint32": "r.readUInt32()", "int64": "r.readInt64()",
    "float64": "r.readFloat64()", "uuid": "r.readUuid()",
}
WRITERS = {
    "bool": "writeBool", "int8": "writeInt8", "int16": "writeInt16", "uint16": "writeUInt16",
    "int32": "writeInt32", "uint32": "writeUInt32", "int64": "writeInt64", "float64": "writeFloat64",
    "uuid": "writeUuid",
}


def load_specs(jar):
    specs = {}
    with zipfile.ZipFile(jar) as z:
        for name in z.namelist():
            if not name.startswith("common/message/") or not name.endswith(".json"):
                continue
            text = z.read(name).decode("utf-8")
            text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
            spec = json.loads(text)
            if spec.get("type") in ("request", "response"):
                specs[spec["name"]] = spec
    return specs


class Versions:
    """A version range: "0+", "3-5", "7", "none"."""

    def __init__(self, text, lo=0, hi=32767):
        text = (text or "none").strip()
        if text == "none":
            self.lo, self.hi = 1, 0
        elif text.endswith("+"):
            self.lo, self.hi = int(text[:-1]), 32767
        elif "-" in text:
            a, b = text.split("-")
            self.lo, self.hi = int(a), int(b)
        else:
            self.lo = self.hi = int(text)
        self.lo = max(self.lo, lo)
        self.hi = min(self.hi, hi)

    def empty(self):
        return self.lo > self.hi

    def cond(self, var="version"):
        if self.empty():
            return "false"
        parts = []
        if self.lo > 0:
            parts.append(f"{var} >= {self.lo}")
        if self.hi < 32767:
            parts.append(f"{var} <= {self.hi}")
        return " && ".join(parts) if parts else "true"


def camel(name):
    return name[0].lower() + name[1:]


def cpp_member(name):
    m = camel(name)
    return m + "_" if m in ("protocol", "default", "class", "operator", "new", "delete", "private", "public") else m


def field_type(f):
    t = f["type"]
    if t.startswith("[]"):
        return ("array", t[2:])
    if t in PRIMITIVES:
        return ("prim", t)
    return ("struct", t)


class Gen:
    def __init__(self, spec, all_common):
        self.spec = spec
        self.valid = Versions(spec["validVersions"])
        self.flex = Versions(spec.get("flexibleVersions", "none"))
        self.common = {s["name"]: s for s in spec.get("commonStructs", [])}
        self.structs = []  # (name, fields) in dependency order
        self.seen = set()

    def is_flex_cond(self):
        return self.flex.cond()

    def collect(self, fields):
        for f in fields:
            kind, t = field_type(f)
            if kind in ("array", "struct") and t not in PRIMITIVES:
                sub = f.get("fields")
                if sub is None:
                    sub = self.common[t]["fields"]
                if t not in self.seen:
                    self.seen.add(t)
                    self.collect(sub)
                    self.structs.append((t, sub))

    def nullable(self, f):
        return Versions(f.get("nullableVersions", "none"), self.valid.lo, self.valid.hi)

    def cpp_type(self, f):
        kind, t = field_type(f)
        nullable = not self.nullable(f).empty()
        if kind == "prim":
            base = PRIMITIVES[t][0]
            if t in ("string", "bytes", "records") and nullable:
                return f"std::optional<{base}>"
            return base
        if kind == "array":
            inner = PRIMITIVES[t][0] if t in PRIMITIVES else t
            base = f"std::vector<{inner}>"
            return f"std::optional<{base}>" if nullable else base
        return t

    def default_expr(self, f):
        kind, t = field_type(f)
        d = f.get("default")
        nullable = not self.nullable(f).empty()
        if kind == "prim":
            if t in ("string", "bytes", "records"):
                if d == "null" or (d is None and t == "records" and nullable):
                    return "std::nullopt" if nullable else ""
                if t == "string":
                    return f'QStringLiteral({json.dumps(d)})' if d else ""
                return ""
            if d is None or d == "":
                return PRIMITIVES[t][1]
            if t == "bool":
                return "true" if str(d).lower() == "true" else "false"
            if t == "float64":
                return str(float(d))
            if t == "uuid":
                return "Uuid{}"
            val = int(str(d), 0)
            if t == "int64":
                return f"qint64({val}LL)" if val >= 0 else f"qint64({val}LL)"
            return f"{PRIMITIVES[t][0]}({val})"
        if kind == "array":
            if d == "null" and nullable:
                return "std::nullopt"
            return ""
        return ""

    def read_value(self, f, target, flex_expr, depth, r="r"):
        """Statements that read field f into `target`."""
        kind, t = field_type(f)
        nullable = self.nullable(f)
        ind = "    "
        out = []
        if kind == "prim":
            if t in READERS:
                out.append(f"{target} = {r}{READERS[t][1:]};")
            elif t == "string":
                if nullable.empty():
                    out.append(f"{target} = {r}.readString({flex_expr});")
                else:
                    out.append(f"{target} = {r}.readNullableString({flex_expr});")
                    out.append(f"if (!{target} && !({nullable.cond()})) {r}.fail(QStringLiteral(\"null {f['name']}\"));")
            else:  # bytes, records
                if nullable.empty():
                    out.append(f"{target} = {r}.readBytes({flex_expr});")
                else:
                    out.append(f"{target} = {r}.readNullableBytes({flex_expr});")
                    out.append(f"if (!{target} && !({nullable.cond()})) {r}.fail(QStringLiteral(\"null {f['name']}\"));")
            return out
        if kind == "struct":
            out.append(f"{target}.read({r}, version);")
            return out
        # array
        n = f"n{depth}"
        inner_t = t
        out.append(f"const qint32 {n} = {r}.readArrayLength({flex_expr}, {'false' if nullable.empty() else '(' + nullable.cond() + ')'});")
        if nullable.empty():
            vec = target
        else:
            out.append(f"if ({n} < 0) {{ {target} = std::nullopt; }} else {{")
            out.append(f"{target}.emplace();")
            vec = f"(*{target})"
        out.append(f"{vec}.clear();")
        out.append(f"{vec}.reserve(static_cast<size_t>(std::min({n}, 1024)));")
        out.append(f"for (qint32 i{depth} = 0; i{depth} < {n} && {r}.ok(); ++i{depth}) {{")
        if inner_t in PRIMITIVES:
            elem = {"name": f["name"], "type": inner_t, "versions": f["versions"]}
            out.append(f"{PRIMITIVES[inner_t][0]} e{depth}{{}};")
            out += self.read_value(elem, f"e{depth}", flex_expr, depth + 1, r)
            out.append(f"{vec}.push_back(std::move(e{depth}));")
        else:
            out.append(f"{vec}.emplace_back().read({r}, version);")
        out.append("}")
        if not nullable.empty():
            out.append("}")
        return out

    def write_value(self, f, src, flex_expr, depth, w="w"):
        kind, t = field_type(f)
        nullable = self.nullable(f)
        out = []
        if kind == "prim":
            if t in WRITERS:
                out.append(f"{w}.{WRITERS[t]}({src});")
            elif t == "string":
                if nullable.empty():
                    out.append(f"{w}.writeString({src}, {flex_expr});")
                else:
                    out.append(f"{w}.writeNullableString({src}, {flex_expr});")
            else:
                if nullable.empty():
                    out.append(f"{w}.writeBytes({src}, {flex_expr});")
                else:
                    out.append(f"{w}.writeNullableBytes({src}, {flex_expr});")
            return out
        if kind == "struct":
            out.append(f"{src}.write({w}, version);")
            return out
        if nullable.empty():
            vec = src
            out.append(f"{w}.writeArrayLength(static_cast<qint32>({vec}.size()), {flex_expr});")
        else:
            out.append(f"if (!{src}) {{ {w}.writeArrayLength(-1, {flex_expr}); }} else {{")
            vec = f"(*{src})"
            out.append(f"{w}.writeArrayLength(static_cast<qint32>({vec}.size()), {flex_expr});")
        out.append(f"for (const auto &e{depth} : {vec}) {{")
        if t in PRIMITIVES:
            elem = {"name": f["name"], "type": t, "versions": f["versions"]}
            out += self.write_value(elem, f"e{depth}", flex_expr, depth + 1, w)
        else:
            out.append(f"e{depth}.write({w}, version);")
        out.append("}")
        if not nullable.empty():
            out.append("}")
        return out

    def struct_decl(self, name, fields, is_top=False):
        lines = []
        if not is_top:
            lines.append(f"struct {name} {{")
        for f in fields:
            v = Versions(f["versions"], self.valid.lo, self.valid.hi)
            if v.empty():
                continue
            d = self.default_expr(f)
            init = f"{{{d}}}" if d else "{}"
            lines.append(f"    {self.cpp_type(f)} {cpp_member(f['name'])}{init}; // {f['versions']}")
        lines.append("    void read(WireReader &r, qint16 version);")
        lines.append("    void write(WireWriter &w, qint16 version) const;")
        if not is_top:
            lines.append(f"    friend bool operator==(const {name} &, const {name} &) = default;")
            lines.append("};")
        return lines

    def struct_impl(self, qual, fields):
        flex = self.is_flex_cond()
        out = [f"void {qual}::read(WireReader &r, qint16 version)", "{"]
        out.append(f"    const bool flexible = {flex};")
        out.append("    (void)flexible;")
        tagged = []
        for f in fields:
            v = Versions(f["versions"], self.valid.lo, self.valid.hi)
            if v.empty():
                continue
            tv = Versions(f.get("taggedVersions", "none"), self.valid.lo, self.valid.hi)
            m = cpp_member(f["name"])
            if not tv.empty():
                tagged.append((f, tv))
                # a field tagged in some versions and regular in others is not used by Kafka
                continue
            body = self.read_value(f, m, "flexible", 0)
            out.append(f"    if ({v.cond()}) {{")
            out += ["        " + b for b in body]
            out.append("    }")
        out.append("    if (flexible) {")
        out.append("        const quint32 tags = r.readUVarint();")
        out.append("        for (quint32 t = 0; t < tags && r.ok(); ++t) {")
        out.append("            const quint32 tag = r.readUVarint();")
        out.append("            const quint32 size = r.readUVarint();")
        out.append("            if (!r.ok() || size > r.remaining()) { r.fail(QStringLiteral(\"bad tagged field\")); break; }")
        out.append("            const qint64 end = r.position() + size;")
        out.append("            (void)end;")
        out.append("            switch (tag) {")
        for f, tv in tagged:
            out.append(f"            case {f['tag']}:")
            out.append(f"                if ({tv.cond()}) {{")
            out.append(f"                    WireReader sub(r.take(size), size);")
            body = self.read_value(f, cpp_member(f["name"]), "true", 0, "sub")
            out += ["                    " + b for b in body]
            out.append("                    if (!sub.ok()) r.fail(QStringLiteral(\"tagged field %1: %2\").arg(tag).arg(sub.error()));")
            out.append("                    break;")
            out.append("                }")
            out.append("                r.skip(size);")
            out.append("                break;")
        out.append("            default:")
        out.append("                r.skip(size);")
        out.append("            }")
        out.append("        }")
        out.append("    }")
        out.append("}")
        out.append("")
        out.append(f"void {qual}::write(WireWriter &w, qint16 version) const")
        out.append("{")
        out.append(f"    const bool flexible = {flex};")
        out.append("    (void)flexible;")
        for f in fields:
            v = Versions(f["versions"], self.valid.lo, self.valid.hi)
            if v.empty():
                continue
            tv = Versions(f.get("taggedVersions", "none"), self.valid.lo, self.valid.hi)
            if not tv.empty():
                continue
            body = self.write_value(f, cpp_member(f["name"]), "flexible", 0)
            out.append(f"    if ({v.cond()}) {{")
            out += ["        " + b for b in body]
            out.append("    }")
        out.append("    if (flexible) {")
        if not tagged:
            out.append("        w.writeUVarint(0);")
        else:
            out.append("        quint32 tags = 0;")
            out.append("        WireWriter tw;")
            for f, tv in sorted(tagged, key=lambda x: x[0]["tag"]):
                m = cpp_member(f["name"])
                d = self.default_expr(f)
                default = f"decltype({m}){{{d}}}" if d else f"decltype({m}){{}}"
                out.append(f"        if (({tv.cond()}) && !({m} == {default})) {{")
                out.append("            WireWriter fw;")
                body = self.write_value(f, m, "true", 0, "fw")
                out += ["            " + b for b in body]
                out.append(f"            tw.writeUVarint({f['tag']});")
                out.append("            tw.writeUVarint(static_cast<quint32>(fw.size()));")
                out.append("            tw.writeRaw(fw.bytes());")
                out.append("            ++tags;")
                out.append("        }")
            out.append("        w.writeUVarint(tags);")
            out.append("        w.writeRaw(tw.bytes());")
        out.append("    }")
        out.append("}")
        out.append("")
        return out

    def header(self):
        s = self.spec
        name = s["name"]
        self.collect(s["fields"])
        lines = [f"// {name}: API key {s['apiKey']}, versions {s['validVersions']}, flexible {s.get('flexibleVersions', 'none')}"]
        lines.append(f"struct {name} {{")
        lines.append(f"    static constexpr qint16 kApiKey = {s['apiKey']};")
        lines.append(f"    static constexpr qint16 kMinVersion = {self.valid.lo};")
        lines.append(f"    static constexpr qint16 kMaxVersion = {self.valid.hi};")
        for sname, sfields in self.structs:
            lines += ["    " + l for l in self.struct_decl(sname, sfields)]
        lines += self.struct_decl(name, s["fields"], is_top=True)
        lines.append(f"    friend bool operator==(const {name} &, const {name} &) = default;")
        lines.append("};")
        lines.append("")
        return lines

    def impl(self):
        s = self.spec
        name = s["name"]
        out = []
        for sname, sfields in self.structs:
            out += self.struct_impl(f"{name}::{sname}", sfields)
        out += self.struct_impl(name, s["fields"])
        return out

    def default_writer(self):
        """A function that writes the response with defaults and the top-level ErrorCode."""
        s = self.spec
        self.collect(s["fields"])
        flex = self.is_flex_cond()
        out = [f"void writeDefault{s['name']}(WireWriter &w, qint16 version, qint16 errorCode)", "{"]
        out.append(f"    const bool flexible = {flex};")
        out.append("    (void)flexible;")
        out.append("    (void)errorCode;")
        out += ["    " + l for l in self.default_fields(s["fields"], "flexible", top=True)]
        out.append("}")
        out.append("")
        return out

    def default_fields(self, fields, flex, top=False):
        out = []
        for f in fields:
            v = Versions(f["versions"], self.valid.lo, self.valid.hi)
            tv = Versions(f.get("taggedVersions", "none"), self.valid.lo, self.valid.hi)
            if v.empty() or not tv.empty():
                continue
            kind, t = field_type(f)
            nullable = self.nullable(f)
            body = []
            if kind == "array":
                body.append(f"w.writeArrayLength(0, {flex});")
            elif kind == "struct":
                sub = f.get("fields") or self.common[t]["fields"]
                body += self.default_fields(sub, flex)
            elif t in ("string",):
                d = f.get("default")
                if d == "null" and not nullable.empty():
                    body.append(f"w.writeNullableString(std::nullopt, {flex});")
                else:
                    body.append(f"w.writeString(QStringLiteral({json.dumps(d or '')}), {flex});")
            elif t in ("bytes", "records"):
                if not nullable.empty():
                    body.append(f"w.writeNullableBytes(std::nullopt, {flex});")
                else:
                    body.append(f"w.writeBytes(QByteArray(), {flex});")
            else:
                if top and f["name"] == "ErrorCode":
                    val = "errorCode"
                else:
                    d = self.default_expr(f)
                    val = d if d else PRIMITIVES[t][1]
                body.append(f"w.{WRITERS[t]}({val});")
            out.append(f"if ({v.cond()}) {{")
            out += ["    " + b for b in body]
            out.append("}")
        out.append(f"if ({flex}) w.writeUVarint(0);")
        return out


def main():
    jar, outdir = sys.argv[1], sys.argv[2]
    specs = load_specs(jar)
    apis = {}
    for name, spec in specs.items():
        base = re.sub(r"(Request|Response)$", "", name)
        apis.setdefault(spec["apiKey"], {})["name"] = base
        apis[spec["apiKey"]][spec["type"]] = spec
    jarname = jar.split("/")[-1]
    banner = (f"// GENERATED by app/kafkaserver/protocol/codegen/generate_messages.py from {jarname}.\n"
              "// Do not edit; run the generator again (see its docstring).\n")
    h = [banner, "#pragma once", "",
         "// The Kafka messages the listener decodes and encodes, one struct per message with",
         "// read()/write() for every version in the spec, plus a table of every API the spec knows.",
         "// Threading: plain values.", "",
         '#include "kafkaserver/protocol/Wire.h"', "",
         "#include <QByteArray>", "#include <QString>", "", "#include <optional>", "#include <vector>", "",
         "namespace tidemark::kafkaserver::protocol {", ""]
        
    cpp = [banner, '#include "kafkaserver/protocol/Messages.h"', "", "#include <algorithm>", "",
           "namespace tidemark::kafkaserver::protocol {", ""]
    for key in sorted(apis):
        a = apis[key]
        if a["name"] not in FULL:
            continue
        for kind in ("request", "response"):
            g = Gen(a[kind], None)
            h += g.header()
            cpp += g.impl()
    # The table of every API and the default responses of the others.
    h.append("struct ApiInfo {")
    h.append("    qint16 key = -1;")
    h.append("    const char *name = nullptr;")
    h.append("    qint16 minVersion = 0; // versions in the spec (not what the listener advertises)")
    h.append("    qint16 maxVersion = -1;")
    h.append("    qint16 requestFlexibleFrom = -1; // -1: never flexible")
    h.append("    qint16 responseFlexibleFrom = -1;")
    h.append("    bool generated = false; // a full codec exists above")
    h.append("};")
    h.append("// The API with this key, or nullptr if the spec has none.")
    h.append("const ApiInfo *apiInfo(qint16 key);")
    h.append("// Writes the response body of API `key` at `version` with every field at its default")
    h.append("// and the top-level ErrorCode (if the response has one) set to `errorCode`. False if")
    h.append("// the key is unknown.")
    h.append("bool writeDefaultResponse(WireWriter &w, qint16 key, qint16 version, qint16 errorCode);")
    h.append("")
    h.append("} // namespace tidemark::kafkaserver::protocol")

    cpp.append("namespace {")
    cpp.append("")
    for key in sorted(apis):
        g = Gen(apis[key]["response"], None)
        cpp += g.default_writer()
    cpp.append("const ApiInfo kApis[] = {")
    for key in sorted(apis):
        a = apis[key]
        req, resp = a["request"], a["response"]
        vr = Versions(req["validVersions"])
        fq = Versions(req.get("flexibleVersions", "none"))
        fp = Versions(resp.get("flexibleVersions", "none"))
        full = "true" if a["name"] in FULL else "false"
        cpp.append(f'    {{{key}, "{a["name"]}", {vr.lo}, {vr.hi}, {fq.lo if not fq.empty() else -1}, '
                   f'{fp.lo if not fp.empty() else -1}, {full}}},')
    cpp.append("};")
    cpp.append("")
    cpp.append("} // namespace")
    cpp.append("")
    cpp.append("const ApiInfo *apiInfo(qint16 key)")
    cpp.append("{")
    cpp.append("    for (const ApiInfo &a : kApis) {")
    cpp.append("        if (a.key == key)")
    cpp.append("            return &a;")
    cpp.append("    }")
    cpp.append("    return nullptr;")
    cpp.append("}")
    cpp.append("")
    cpp.append("bool writeDefaultResponse(WireWriter &w, qint16 key, qint16 version, qint16 errorCode)")
    cpp.append("{")
    cpp.append("    switch (key) {")
    for key in sorted(apis):
        cpp.append(f"    case {key}:")
        cpp.append(f"        writeDefault{apis[key]['response']['name']}(w, version, errorCode);")
        cpp.append("        return true;")
    cpp.append("    default:")
    cpp.append("        return false;")
    cpp.append("    }")
    cpp.append("}")
    cpp.append("")
    cpp.append("} // namespace tidemark::kafkaserver::protocol")
    with open(f"{outdir}/Messages.h", "w") as fh:
        fh.write("\n".join(h) + "\n")
    with open(f"{outdir}/Messages.cpp", "w") as fh:
        fh.write("\n".join(cpp) + "\n")


if __name__ == "__main__":
    main()
