#!/bin/sh
# Builds the WASI test programs (C, wasm32-wasi preview1) into the .wasm files the tests load.
# Needs clang with the wasm32 target, wasi-libc in /usr (Debian: wasi-libc) and
# libclang-rt-19-dev-wasm32. The outputs are committed so the tests do not need clang.
set -eu
cd "$(dirname "$0")"
builtins="$(dpkg -L libclang-rt-19-dev-wasm32 | grep 'builtins-wasm32.a$')"
build() {
    output="$1"
    shift
    clang --target=wasm32-wasi --sysroot=/usr -nodefaultlibs -O2 -s "$@" -lc "$builtins" -o "$output"
}
build probe.wasm probe.c
build reactor.wasm -mexec-model=reactor reactor.c
ls -l probe.wasm reactor.wasm
