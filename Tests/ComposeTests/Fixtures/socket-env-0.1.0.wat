;; socket.wat importing test:host/env@0.1.0: run() = add(base(), offset()).
(component
  (import "test:host/env@0.1.0" (instance $env (export "base" (func (result u32)))))
  (import "test:math/adder@0.1.0" (instance $adder (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (import "test:math/offset" (instance $offset (export "offset" (func (result u32)))))
  (core func $base (canon lower (func $env "base")))
  (core func $add (canon lower (func $adder "add")))
  (core func $off (canon lower (func $offset "offset")))
  (core module $m
    (import "host" "base" (func $base (result i32)))
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (import "host" "offset" (func $offset (result i32)))
    (func (export "run") (result i32) (call $add (call $base) (call $offset))))
  (core instance $host (export "base" (func $base)) (export "add" (func $add)) (export "offset" (func $off)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)
