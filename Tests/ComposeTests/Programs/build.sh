#!/bin/sh
# Builds calc-embedded.wasm: calc.c compiled for wasm32 without libc, with the `calc` world
# embedded as a component-type custom section (the input `wcomp new` expects).
set -eu
cd "$(dirname "$0")"
clang --target=wasm32 -nostdlib -O2 -Wl,--no-entry -o calc-core.wasm calc.c
wasm-tools component embed wit calc-core.wasm --world calc -o calc-embedded.wasm
rm calc-core.wasm
