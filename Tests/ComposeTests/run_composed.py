#!/usr/bin/env python3
"""Calls one export of a composed test component on wasmtime and prints the result.

Usage: run_composed.py COMPONENT.wasm EXPORT [BASE [INTEGER-ARGUMENT...]]

EXPORT is `name` for a root function or `interface#name` for a function of an exported
instance; arguments are integers, or strings when written `s:text`. The host provides, for
the imports a component leaves open, `test:host/env` (any version) with `base() -> u32` and the root
functions `base() -> u32` returning BASE (default 7) and `log(message: string)`. Prints the
result (strings and numbers as Python prints them) or `error: <message>`.
"""

import sys

import wasmtime
import wasmtime.component as wc


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
