#!/bin/sh
# Builds guest.component.wasm, the WASI 0.2 test command, from guest.c: clang (wasm32, no
# libc) makes a core module importing WASI 0.2 by canonical ABI names, and wasm-tools embeds
# guest.wit (with the repository's wit/deps) and wraps it as a component. No preview1 adapter.
# The output is committed so the tests need neither clang nor wasm-tools.
set -eu
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wit"
cp guest.wit "$work/wit/"
cp -r ../../../wit/deps "$work/wit/deps"
clang --target=wasm32 -nostdlib -fno-builtin -O2 -Wl,--no-entry -Wl,--export-memory -o "$work/guest.core.wasm" guest.c
wasm-tools component embed "$work/wit" --world guest "$work/guest.core.wasm" -o "$work/guest.embedded.wasm"
wasm-tools component new "$work/guest.embedded.wasm" -o guest.component.wasm
wasm-tools validate guest.component.wasm
ls -l guest.component.wasm
