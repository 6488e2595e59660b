#!/usr/bin/env python3
"""Runs the test:wres/holder world of a component on wasmtime, the host providing `cell`.

Usage: run_cells.py COMPONENT.wasm

The host keeps each cell's value in a dictionary keyed by its representation. Prints
`make(5)` bumped by 3, then consume of that cell, then how many cells the host dropped,
e.g. `13 39 1`, or `error: <message>`.
"""

import sys

import wasmtime
import wasmtime.component as wc

CELL = 1


def main():
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    component = wc.Component.from_file(engine, sys.argv[1])
    linker = wc.Linker(engine)
    values = {}
    dropped = []
    cell_type = wc.ResourceType.host(CELL)

    def rep(handle):
        return handle.to_host(store).rep if isinstance(handle, wc.ResourceAny) else handle.rep

    def constructor(store, value):
        representation = len(values) + 1
        values[representation] = value
        return wc.ResourceHost.own(representation, CELL)

    def set_value(store, cell, value):
        values[rep(cell)] = value

    with linker.root() as root:
        root.add_resource("cell", cell_type, lambda store, representation: dropped.append(representation))
        root.add_func("[constructor]cell", constructor)
        root.add_func("[method]cell.get", lambda store, cell: values[rep(cell)])
        root.add_func("[method]cell.set", set_value)
        root.add_func("[static]cell.scaled", lambda store, cell, factor: values[rep(cell)] * factor)
    try:
        instance = linker.instantiate(store, component)

        def call(name, *arguments):
            func = instance.get_func(store, instance.get_export_index(store, name))
            result = func(store, *arguments)
            func.post_return(store)
            return result

        cell = call("make", 5)
        bumped = call("bump", cell, 3)
        consumed = call("consume", cell)
        print(bumped, consumed, len(dropped))
    except Exception as error:  # wasmtime reports traps and link errors as exceptions
        print("error:", str(error).splitlines()[0])


main()
