#!/bin/sh
# Builds one Python app here (command or proxy) into a WASI 0.2 component with componentize-py
# (pip install componentize-py==0.25.1), against the WASI 0.2.12 packages of wit/.
#   build.sh command|proxy OUTPUT.wasm
# The tests run it on demand and cache the result: the build takes tens of seconds and its
# output is not byte-for-byte reproducible, so no built component is committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=$1
output=$2
# componentize-py leaves __pycache__ next to the app: build from a scratch copy.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/$app/app.py" "$work/"
cd "$work"
componentize-py -q -d "$here/../../../wit" -w "wcomp:host/$app" componentize app -o "$output"
