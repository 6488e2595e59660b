#!/bin/sh
# Builds the WASI 0.2 test components: guest.component.wasm (a wasi:cli/command, guest.c) and
# proxy.component.wasm (a wasi:http/incoming-handler, proxy.c). clang (wasm32, no libc) makes
# core modules importing WASI 0.2 by canonical ABI names; wasm-tools embeds the world (with the
# repository's wit/deps) and wraps each as a component. No preview1 adapter is involved.
# The outputs are committed so the tests need neither clang nor wasm-tools.
set -eu
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build() {
    name="$1"
    mkdir -p "$work/$name/wit"
    cp "$name.wit" "$work/$name/wit/"
    cp -r ../../../wit/deps "$work/$name/wit/deps"
    clang --target=wasm32 -nostdlib -fno-builtin -O2 -Wl,--no-entry -Wl,--export-memory -o "$work/$name.core.wasm" "$name.c"
    wasm-tools component embed --all-features "$work/$name/wit" --world "$2" "$work/$name.core.wasm" -o "$work/$name.embedded.wasm"
    wasm-tools component new "$work/$name.embedded.wasm" -o "$name.component.wasm"
    wasm-tools validate "$name.component.wasm"
    ls -l "$name.component.wasm"
}
build guest guest
build proxy proxy
