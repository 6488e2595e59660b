#!/usr/bin/env python3
"""Runs calls on a component with wasmtime (the `wasmtime` Python package) and prints results.

Usage: run_wasmtime.py COMPONENT.wasm CALLS-FILE

The calls file holds one call per line in WAVE call syntax, `export-name(arg, ...)` (functions
of exported interfaces as `"iface#name"(arg, ...)`); blank
lines and lines starting with `#` are ignored. `name = call(...)` keeps the call's result (a
resource handle) under `name`, `$name` passes it as an argument later, and `drop $name` drops
it from the host (running the resource's destructor). Every line prints one line:

    value <WAVE text>   the call returned a value
    unit                the call returned nothing (or the handle was dropped)
    resource            the call returned a resource handle (kept when named)
    trap <message>      the call trapped or was refused (e.g. a handle passed after it moved);
                        the following calls run on a fresh instance, as a trapped instance may
                        not be entered again

The WAVE arguments are read against the export's parameter types, so enum and variant cases,
records and flags are understood; results are written in WAVE for the wcomp side to read back.
"""

import math
import sys

import wasmtime
import wasmtime.component as wc

KEYWORDS = {"true", "false", "some", "none", "ok", "err", "inf", "nan"}


class WaveSyntaxError(Exception):
    pass


# MARK: - Reading WAVE


def tokenize(text):
    """Splits WAVE text into (kind, value) tokens."""
    tokens = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif c in "()[]{},:":
            tokens.append((c, c))
            i += 1
        elif c == '"' or c == "'":
            value, i = read_quoted(text, i, c)
            tokens.append(("string" if c == '"' else "char", value))
        elif c == "$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "-"):
                j += 1
            tokens.append(("ref", text[i + 1:j]))
            i = j
        elif c == "-" or c.isdigit():
            j = i + 1
            if text.startswith("inf", j):
                tokens.append(("number", "-inf"))
                i = j + 3
                continue
            while j < n and (text[j].isdigit() or text[j] in ".eE+-"):
                if text[j] in "+-" and text[j - 1] not in "eE":
                    break
                j += 1
            tokens.append(("number", text[i:j]))
            i = j
        elif c == "%" or c.isalpha():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "-"):
                j += 1
            word = text[i:j]
            if word in ("nan", "inf"):
                tokens.append(("number", word))
            elif word in KEYWORDS:
                tokens.append(("keyword", word))
            else:
                tokens.append(("label", word.lstrip("%")))
            i = j
        else:
            raise WaveSyntaxError(f"unexpected {c!r} at {i}")
    tokens.append(("end", None))
    return tokens


def read_quoted(text, i, quote):
    escapes = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"'}
    out = []
    i += 1
    while text[i] != quote:
        if text[i] == "\\":
            e = text[i + 1]
            if e == "u":
                end = text.index("}", i)
                out.append(chr(int(text[i + 3:end], 16)))
                i = end + 1
            else:
                out.append(escapes[e])
                i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i + 1


class Reader:
    """Reads WAVE tokens as Python values of wasmtime component types."""

    def __init__(self, tokens, bindings):
        self.tokens = tokens
        self.position = 0
        self.bindings = bindings

    def peek(self):
        return self.tokens[self.position]

    def next(self):
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expect(self, kind):
        token = self.next()
        if token[0] != kind:
            raise WaveSyntaxError(f"expected {kind}, found {token}")
        return token

    def sequence(self, close, read_element):
        items = []
        while self.peek()[0] != close:
            items.append(read_element())
            if self.peek()[0] == ",":
                self.next()
        self.expect(close)
        return items

    def payload(self, ty):
        if ty is None:
            return None
        self.expect("(")
        value = self.value(ty)
        self.expect(")")
        return value

    def value(self, ty):
        kind, token = self.peek()
        if kind == "ref":
            self.next()
            return self.bindings[token]
        if isinstance(ty, wc.Bool):
            return self.expect("keyword")[1] == "true"
        if isinstance(ty, (wc.S8, wc.S16, wc.S32, wc.S64, wc.U8, wc.U16, wc.U32, wc.U64)):
            return int(self.expect("number")[1])
        if isinstance(ty, (wc.F32, wc.F64)):
            return float(self.expect("number")[1])
        if isinstance(ty, wc.Char):
            return self.expect("char")[1]
        if isinstance(ty, wc.String):
            return self.expect("string")[1]
        if isinstance(ty, wc.ListType):
            self.expect("[")
            items = self.sequence("]", lambda: self.value(ty.element))
            return bytes(items) if ty._is_bytes() else items
        if isinstance(ty, wc.TupleType):
            self.expect("(")
            elements = iter(ty.elements)
            return tuple(self.sequence(")", lambda: self.value(next(elements))))
        if isinstance(ty, wc.RecordType):
            fields = dict(ty.fields)
            record = wc.Record()
            self.expect("{")
            if self.peek()[0] == ":":
                self.next()
                self.expect("}")
            else:
                def field():
                    name = self.next()[1]
                    self.expect(":")
                    setattr(record, name, self.value(fields[name]))
                self.sequence("}", field)
            for name, field_type in fields.items():
                if not hasattr(record, name):
                    setattr(record, name, None)  # an omitted option field
            return record
        if isinstance(ty, wc.EnumType):
            return self.expect("label")[1]
        if isinstance(ty, wc.FlagsType):
            self.expect("{")
            return set(self.sequence("}", lambda: self.next()[1]))
        if isinstance(ty, (wc.VariantType, wc.OptionType, wc.ResultType)):
            name = self.next()[1]
            cases = dict(ty._cases())
            payload_type = cases[name]
            payload = self.payload(payload_type)
            return wc.Variant(name, payload) if ty._tagged() else payload
        raise WaveSyntaxError(f"cannot read a value of type {ty}")


def parse_call(line, bindings, function_types):
    """`[name =] export(args)` -> (binding name, export name, token reader)."""
    binding = None
    head, sep, rest = line.partition("=")
    if sep and "(" not in head and '"' not in head:
        binding = head.strip()
        line = rest.strip()
    tokens = tokenize(line)
    name_kind, name = tokens[0]
    if name_kind == "string":
        pass
    elif name_kind not in ("label", "keyword"):
        raise WaveSyntaxError(f"expected a function name in {line!r}")
    reader = Reader(tokens, bindings)
    reader.position = 1
    return binding, name, reader


def read_arguments(reader, parameter_types):
    if reader.peek()[0] != "(":
        return []
    reader.next()
    types = iter(parameter_types)
    arguments = reader.sequence(")", lambda: reader.value(next(types)))
    return arguments


# MARK: - Writing WAVE


def write_string(text, quote):
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + quote)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append("\\u{%x}" % code)
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def write_case(name, payload_type, payload):
    text = ("%" + name) if name in KEYWORDS else name
    if payload_type is not None:
        text += "(" + write(payload_type, payload) + ")"
    return text


def case_of(ty, value):
    """The case of an untagged variant-like value, found the way wasmtime lowers one."""
    for name, payload_type in ty._cases():
        if payload_type is None:
            if value is None:
                return name, None, None
        else:
            classes = set()
            payload_type.add_classes(classes)
            if isinstance(value, tuple(classes)):
                return name, payload_type, value
    raise ValueError(f"no case of {ty} holds {value!r}")


def write(ty, value):
    if isinstance(ty, wc.Bool):
        return "true" if value else "false"
    if isinstance(ty, (wc.S8, wc.S16, wc.S32, wc.S64, wc.U8, wc.U16, wc.U32, wc.U64)):
        return str(value)
    if isinstance(ty, (wc.F32, wc.F64)):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(ty, wc.Char):
        return write_string(value, "'")
    if isinstance(ty, wc.String):
        return write_string(value, '"')
    if isinstance(ty, wc.ListType):
        return "[" + ", ".join(write(ty.element, element) for element in value) + "]"
    if isinstance(ty, wc.TupleType):
        return "(" + ", ".join(write(t, v) for t, v in zip(ty.elements, value)) + ")"
    if isinstance(ty, wc.RecordType):
        fields = [f"{name}: {write(t, getattr(value, name))}" for name, t in ty.fields]
        return "{" + ", ".join(fields) + "}" if fields else "{:}"
    if isinstance(ty, wc.EnumType):
        return ("%" + value) if value in KEYWORDS else value
    if isinstance(ty, wc.FlagsType):
        return "{" + ", ".join(name for name in ty.names if name in value) + "}"
    if isinstance(ty, wc.OptionType):
        name, payload_type, payload = (
            (value.tag, dict(ty._cases())[value.tag], value.payload) if ty._tagged() else case_of(ty, value))
        return "some(" + write(payload_type, payload) + ")" if name == "some" else "none"
    if isinstance(ty, (wc.VariantType, wc.ResultType)):
        if ty._tagged():
            name, payload = value.tag, value.payload
            payload_type = dict(ty._cases())[name]
        else:
            name, payload_type, payload = case_of(ty, value)
        if isinstance(ty, wc.ResultType):
            return name + ("(" + write(payload_type, payload) + ")" if payload_type is not None else "")
        return write_case(name, payload_type, payload)
    raise ValueError(f"cannot write a value of type {ty}")


# MARK: - Running


class Session:
    def __init__(self, path):
        self.engine = wasmtime.Engine()
        self.component = wc.Component.from_file(self.engine, path)
        self.restart()

    def restart(self):
        self.store = wasmtime.Store(self.engine)
        self.instance = wc.Linker(self.engine).instantiate(self.store, self.component)
        self.bindings = {}

    def run(self, line):
        if line.startswith("drop "):
            handle = self.bindings[line[len("drop "):].strip().lstrip("$")]
            try:
                handle.drop(self.store)
            except (wasmtime.WasmtimeError, wasmtime.Trap) as error:
                return self.trap(error)
            return "unit"
        binding, name, reader = parse_call(line, self.bindings, None)
        func = self.function(name)
        if func is None:
            return f"trap no export named {name}"
        ty = func.type(self.store)
        arguments = read_arguments(reader, [t for _, t in ty.params])
        try:
            result = func(self.store, *arguments)
        except (wasmtime.WasmtimeError, wasmtime.Trap, ValueError) as error:
            # ValueError: a handle already moved into the guest was passed again.
            return self.trap(error)
        if ty.result is None:
            return "unit"
        if isinstance(ty.result, (wc.OwnType, wc.BorrowType)):
            if binding:
                self.bindings[binding] = result
            return "resource"
        return "value " + write(ty.result, result)

    def function(self, name):
        """The exported function `name`, or `iface#f` for function `f` of exported instance `iface`."""
        interface, sep, member = name.rpartition("#")
        if not sep:
            return self.instance.get_func(self.store, name)
        outer = self.instance.get_export_index(self.store, interface)
        inner = outer and self.instance.get_export_index(self.store, member, outer)
        return inner and self.instance.get_func(self.store, inner)

    def trap(self, error):
        """Reports a trap and continues on a fresh instance."""
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        self.restart()
        return "trap " + (lines[-1] if lines else type(error).__name__)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    session = Session(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as calls:
        for line in calls:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            print(session.run(line), flush=True)


if __name__ == "__main__":
    main()
