#!/usr/bin/env python3
"""Calls one export of a composed test component on wasmtime and prints the result.

Usage: run_composed.py COMPONENT.wasm EXPORT [BASE [INTEGER-ARGUMENT...]]

EXPORT is `name` for a root function or `interface#name` for a function of an exported
instance; arguments are integers, or strings when written `s:text`. The host provides, for
the imports a component leaves open, `test:host/env` (any version) with `base() -> u32` and the root
functions `base() -> u32` returning BASE (default 7) and `log(message: string)`, and
`test:res/counter` with a host resource `counter` (`[constructor]counter(start)`,
`[method]counter.increment() -> u32`). Prints the result (strings and numbers as Python prints
them) or `error: <message>`.
"""

import sys

import wasmtime
import wasmtime.component as wc

COUNTER = 1


def add_counter(linker_instance, store):
    """Defines test:res/counter's resource and functions on the host; values by representation."""
    values = {}

    def representation(handle):
        return handle.to_host(store).rep if isinstance(handle, wc.ResourceAny) else handle.rep

    def constructor(store, start):
        values[len(values) + 1] = start
        return wc.ResourceHost.own(len(values), COUNTER)

    def increment(store, counter):
        key = representation(counter)  # converting a borrowed handle consumes it: once
        values[key] += 1
        return values[key]

    linker_instance.add_resource("counter", wc.ResourceType.host(COUNTER), lambda store, rep: None)
    linker_instance.add_func("[constructor]counter", constructor)
    linker_instance.add_func("[method]counter.increment", increment)


def main():
    path, export = sys.argv[1], sys.argv[2]
    base = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    component = wc.Component.from_file(engine, path)
    linker = wc.Linker(engine)
    imports = component.type.imports(engine)
    with linker.root() as root:
        for name in imports:
            if name == "test:host/env" or name.startswith("test:host/env@"):
                with root.add_instance(name) as env:
                    env.add_func("base", lambda store: base)
        if "test:res/counter" in imports:
            with root.add_instance("test:res/counter") as counter:
                add_counter(counter, store)
        if "base" in imports:
            root.add_func("base", lambda store: base)
        if "log" in imports:
            root.add_func("log", lambda store, message: None)
    try:
        instance = linker.instantiate(store, component)
        if "#" in export:
            interface, name = export.split("#", 1)
            index = instance.get_export_index(store, interface)
            index = instance.get_export_index(store, name, index)
        else:
            index = instance.get_export_index(store, export)
        func = instance.get_func(store, index)
        arguments = [a[2:] if a.startswith("s:") else int(a) for a in sys.argv[4:]]
        result = func(store, *arguments)
        func.post_return(store)
        print(result)
    except Exception as error:  # wasmtime reports traps and link errors as exceptions
        print("error:", str(error).splitlines()[0])


main()
