#!/usr/bin/env python3
"""Checks the committed workloads against independent references.

For every workload listed in workloads.txt this runs `run(argument)` twice on wasmtime
(python `wasmtime` package) and once as native code (the same C compiled by the host clang
into a shared library, called through ctypes), and compares both with the expected checksum
in the manifest. The sha256 workload is also checked against `hashlib`. Exit status 1 on
any mismatch. Usage: workloads/check.py  (from anywhere)
"""
import ctypes
import hashlib
import pathlib
import struct
import subprocess
import sys
import tempfile

import wasmtime

HERE = pathlib.Path(__file__).resolve().parent


def manifest():
    """Yields (name, argument, expected checksum) from workloads.txt."""
    for line in (HERE / "workloads.txt").read_text().splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            yield fields[0], int(fields[1]), int(fields[2])


def run_wasmtime(name, argument):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    module = wasmtime.Module.from_file(engine, str(HERE / f"{name}.wasm"))
    if module.imports:
        raise SystemExit(f"{name}.wasm imports {[i.name for i in module.imports]}; it must import nothing")
    instance = wasmtime.Instance(store, module, [])
    run = instance.exports(store)["run"]
    return [run(store, argument) & 0xFFFFFFFF for _ in range(2)]


def run_native(name, argument, scratch):
    library = pathlib.Path(scratch) / f"lib{name}.so"
    subprocess.run(
        ["clang", "-O2", "-shared", "-fPIC", "-ffreestanding", "-fno-builtin", "-ffp-contract=off",
         "-o", str(library), str(HERE / "src" / f"{name}.c"), str(HERE / "src" / "support.c")],
        check=True)
    run = ctypes.CDLL(str(library)).run
    run.restype = ctypes.c_uint32
    run.argtypes = [ctypes.c_uint32]
    return run(argument)


def sha256_reference(mebibytes):
    """First four digest bytes (big-endian) of the sha256 workload's message, via hashlib."""
    seed, words, mask = 0x9E3779B9, [], 0xFFFFFFFF
    for _ in range((1 << 20) // 4):
        seed ^= (seed << 13) & mask
        seed ^= seed >> 17
        seed ^= (seed << 5) & mask
        words.append(seed)
    block = struct.pack(f"<{len(words)}I", *words)
    digest = hashlib.sha256(block * mebibytes).digest()
    return int.from_bytes(digest[:4], "big")


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name, argument, expected in manifest():
            observed = {"wasmtime": run_wasmtime(name, argument), "native": [run_native(name, argument, scratch)]}
            if name == "sha256":
                observed["hashlib"] = [sha256_reference(argument)]
            wrong = {source: values for source, values in observed.items() if any(v != expected for v in values)}
            status = "ok" if not wrong else f"MISMATCH {wrong}"
            failures += bool(wrong)
            print(f"{name:8} run({argument}) expected {expected}: {status}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
