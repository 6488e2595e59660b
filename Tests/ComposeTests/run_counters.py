#!/usr/bin/env python3
"""Exercises the exported `test:cnew/counters` resource of a component on wasmtime.

Usage: run_counters.py COMPONENT.wasm

Creates counter(5), increments it twice, drops it from the host (running the guest's
destructor) and prints the two increments and the guest's count of destroyed counters:
`6 7 1` when everything works, or `error: <message>`.
"""

import sys

import wasmtime
import wasmtime.component as wc


def main():
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    component = wc.Component.from_file(engine, sys.argv[1])
    linker = wc.Linker(engine)
    with linker.root() as root:
        root.add_func("base", lambda store: 1)
        root.add_func("log", lambda store, message: None)
    try:
        instance = linker.instantiate(store, component)
        interface = instance.get_export_index(store, "test:cnew/counters")

        def call(name, *arguments):
            func = instance.get_func(store, instance.get_export_index(store, name, interface))
            result = func(store, *arguments)
            func.post_return(store)
            return result

        handle = call("[constructor]counter", 5)
        first = call("[method]counter.increment", handle)
        second = call("[method]counter.increment", handle)
        handle.drop(store)
        print(first, second, call("[static]counter.destroyed"))
    except Exception as error:  # wasmtime reports traps and link errors as exceptions
        print("error:", str(error).splitlines()[0])


main()
