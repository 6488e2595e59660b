#!/bin/sh
# Builds the core modules `wcomp new` is tested on, each compiled for wasm32 without libc and
# with its world embedded as a component-type custom section (the input `wcomp new` expects):
# calc-embedded.wasm (calc.c, world `calc` of wit/), holder-embedded.wasm (holder.c, world
# `holder` of holder-wit/) and tasks-embedded.wasm (tasks.c, world `tasks` of tasks-wit/).
set -eu
cd "$(dirname "$0")"
build() { # source, WIT path, world
    clang --target=wasm32 -nostdlib -O2 -Wl,--no-entry -o "$3-core.wasm" "$1"
    wasm-tools component embed "$2" "$3-core.wasm" --world "$3" -o "$3-embedded.wasm"
    rm "$3-core.wasm"
}
build calc.c wit calc
build holder.c holder-wit holder
build tasks.c tasks-wit tasks
