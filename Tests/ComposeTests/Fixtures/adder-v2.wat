;; test:math/adder@0.2.0: not semver-compatible with 0.1.0, so it must not be plugged in.
(component
  (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
  (core instance $i (instantiate $m))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (instance $api (export "add" (func $add)))
  (export "test:math/adder@0.2.0" (instance $api))
)
