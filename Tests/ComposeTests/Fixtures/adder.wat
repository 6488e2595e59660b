;; test:math/adder@0.1.2: add(a, b) = a + b + offset(), offset from test:math/offset.
(component
  (import "test:math/offset" (instance $offset (export "offset" (func (result u32)))))
  (core func $off (canon lower (func $offset "offset")))
  (core module $m
    (import "host" "offset" (func $offset (result i32)))
    (func (export "add") (param i32 i32) (result i32)
      (i32.add (i32.add (local.get 0) (local.get 1)) (call $offset))))
  (core instance $host (export "offset" (func $off)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (instance $api (export "add" (func $add)))
  (export "test:math/adder@0.1.2" (instance $api))
)
