#!/usr/bin/env python3
"""The wasmtime anchor of wcomp-component-bench: times the same operations on the same
component with the `wasmtime` Python package (wasmtime.component API) and prints one line per
operation: `<name> <nanoseconds per operation>`.

Usage: wasmtime_component.py COMPONENT.wasm ROUNDS

Each figure is the median over ROUNDS of (time of N operations in one Python `for` loop minus
the time of an empty `for` loop of N iterations) / N. Times are the thread's CPU time
(`time.thread_time_ns`), so that other processes on a shared machine do not inflate them. The Python-side cost of a call (argument
conversion through ctypes, the wrapper's type lookup) is part of these figures; the benchmark
also reports each call minus the `nop` call, which removes the per-call wrapper overhead.
"""
import statistics
import sys
import time

import wasmtime
import wasmtime.component as wc


def per_operation(body, count, rounds):
    """Median nanoseconds of one `body()` over `rounds` loops of `count` calls."""
    samples = []
    for _ in range(rounds):
        start = time.thread_time_ns()
        for _ in range(count):
            pass
        empty = time.thread_time_ns() - start
        start = time.thread_time_ns()
        for _ in range(count):
            body()
        elapsed = time.thread_time_ns() - start
        samples.append((elapsed - empty) / count)
    return statistics.median(samples)


def main():
    path, rounds = sys.argv[1], int(sys.argv[2])
    engine = wasmtime.Engine()
    component = wc.Component.from_file(engine, path)
    linker = wc.Linker(engine)
    with linker.root() as root:
        root.add_func("log", lambda store, value: None)
    store = wasmtime.Store(engine)

    results = {}
    results["instantiate"] = per_operation(lambda: linker.instantiate(store, component), 200, rounds)
    store = wasmtime.Store(engine)
    instance = linker.instantiate(store, component)
    nop = instance.get_func(store, "nop")
    echo = instance.get_func(store, "echo")
    summing = instance.get_func(store, "sum")
    text = "hello, component model"
    values = list(range(1000))
    if echo(store, text) != text or summing(store, values) != sum(values):
        sys.exit("wasmtime_component.py: wrong results")
    results["nop"] = per_operation(lambda: nop(store), 20000, rounds)
    results["echo"] = per_operation(lambda: echo(store, text), 20000, rounds)
    results["sum"] = per_operation(lambda: summing(store, values), 500, rounds)
    for name, nanoseconds in results.items():
        print(f"{name} {nanoseconds:.1f}")


main()
