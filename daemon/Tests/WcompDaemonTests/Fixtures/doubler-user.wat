;; Composition socket: imports test:daemon/double and exports run(x) = double(x) + 1.
(component
  (import "test:daemon/double" (instance $double (export "double" (func (param "x" u32) (result u32)))))
  (core func $lowered (canon lower (func $double "double")))
  (core module $m
    (import "host" "double" (func $double (param i32) (result i32)))
    (func (export "run") (param i32) (result i32) (i32.add (call $double (local.get 0)) (i32.const 1))))
  (core instance $host (export "double" (func $lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (param "x" u32) (result u32) (canon lift (core func $i "run")))
)
