#!/bin/sh
# Rebuilds the benchmark workloads (<name>.wasm next to this script) from src/<name>.c.
#
# Freestanding wasm32: no libc, no imports, one export `run(i32) -> i32`. Bulk memory is off
# (-mcpu=mvp) so copies and fills run as loads and stores through the interpreter; sign
# extension and non-trapping float-to-int conversions are on, as in ordinary compiler output.
# -fno-builtin keeps our own memcpy/memset (src/support.c) from being turned into calls to
# themselves. The output is deterministic for a given clang, so a rebuild with the same
# compiler reproduces the committed files byte for byte.
set -eu
cd "$(dirname "$0")"

CLANG="${CLANG:-clang}"
WORKLOADS="fib sieve matmul sha256 memops mixed"

for workload in $WORKLOADS; do
    "$CLANG" --target=wasm32 -O2 -nostdlib -ffreestanding -fno-builtin \
        -mcpu=mvp -msign-ext -mnontrapping-fptoint -mmutable-globals \
        -Wall -Wextra -Werror \
        -Wl,--no-entry -Wl,--export=run \
        -o "$workload.wasm" "src/$workload.c" src/support.c
    echo "built $workload.wasm ($(wc -c < "$workload.wasm") bytes)"
done
