;; test:math/offset computed with test:math/adder@0.1.0: with the adder, which needs an offset,
;; the two components form a cycle.
(component
  (import "test:math/adder@0.1.0" (instance $adder (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (core func $add (canon lower (func $adder "add")))
  (core module $m
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (func (export "offset") (result i32) (call $add (i32.const 1) (i32.const 2))))
  (core instance $host (export "add" (func $add)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $offset (result u32) (canon lift (core func $i "offset")))
  (instance $api (export "offset" (func $offset)))
  (export "test:math/offset" (instance $api))
)
