;; offset.wat importing test:host/env@0.1.3, semver-compatible with 0.1.0.
(component
  (import "test:host/env@0.1.3" (instance $env (export "base" (func (result u32)))))
  (core func $base (canon lower (func $env "base")))
  (core module $m
    (import "host" "base" (func $base (result i32)))
    (func (export "offset") (result i32) (i32.add (i32.const 1000) (call $base))))
  (core instance $host (export "base" (func $base)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $offset (result u32) (canon lift (core func $i "offset")))
  (instance $api (export "offset" (func $offset)))
  (export "test:math/offset" (instance $api))
)
