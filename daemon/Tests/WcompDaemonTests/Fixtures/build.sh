#!/bin/sh
# Builds the daemon tests' fixtures; the outputs are committed so the tests need neither clang
# nor wasm-tools.
# - Every NAME.wat (component text) becomes NAME.wasm with wasm-tools parse.
# - wasi-probe.wasm (wasi-probe.c, world wasi-probe in wasi-probe.wit) is built the way
#   Tests/WASITests/Components/build.sh builds the root package's guests: clang (wasm32, no
#   libc) makes a core module importing WASI 0.2 by canonical ABI names, wasm-tools embeds the
#   world (with the repository's wit/deps) and wraps it as a component. No preview1 adapter.
set -eu
cd "$(dirname "$0")"
for text in *.wat; do
    wasm-tools parse "$text" -o "${text%.wat}.wasm"
    wasm-tools validate "${text%.wat}.wasm"
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wit"
cp wasi-probe.wit "$work/wit/"
cp -r ../../../../wit/deps "$work/wit/deps"
clang --target=wasm32 -nostdlib -fno-builtin -O2 -Wl,--no-entry -Wl,--export-memory -o "$work/core.wasm" wasi-probe.c
wasm-tools component embed "$work/wit" --world wasi-probe "$work/core.wasm" -o "$work/embedded.wasm"
wasm-tools component new "$work/embedded.wasm" -o wasi-probe.wasm
wasm-tools validate wasi-probe.wasm
ls -l *.wasm
