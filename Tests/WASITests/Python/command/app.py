"""A wasi:cli/command app for the wcomp/wasmtime differential test: prints what it was given
(arguments, WCOMP_* environment variables, stdin, a file and a listing of the /data preopen),
exercises the clocks and random bytes, writes to stderr, and exits with status 1 when asked."""
import os
import sys
import time
from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        print("hello from python")
        print("args:", sys.argv[1:])
        print("env:", sorted((k, v) for k, v in os.environ.items() if k.startswith("WCOMP_")))
        print("stdin:", sys.stdin.read().strip())
        with open("/data/input.txt") as f:
            print("file:", f.read().strip())
        print("listing:", sorted(os.listdir("/data")))
        try:
            open("/data/../escape.txt")
        except OSError as error:
            print("escape refused:", type(error).__name__)
        print("clock moves:", time.time() > 1_600_000_000, time.monotonic() >= 0)
        print("random bytes:", len(os.urandom(16)))
        print("to stderr", file=sys.stderr)
        sys.stdout.flush()
        if os.environ.get("WCOMP_FAIL"):
            sys.exit(7)
