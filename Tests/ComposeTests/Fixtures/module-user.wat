;; Imports a core module (`impl`) and a component (`inner`), both left open by composition,
;; and test:math/offset: run() = impl.get() + offset(); inner-run() = inner's run().
(component
  (import "impl" (core module $m
    (import "env" "scale" (func (param i32) (result i32)))
    (export "get" (func (result i32)))
    (export "memory" (memory 1))))
  (import "inner" (component $inner
    (import "base" (func (result u32)))
    (export "run" (func (result u32)))))
  (import "test:math/offset" (instance $offset (export "offset" (func (result u32)))))
  (core module $env (func (export "scale") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
  (core instance $e (instantiate $env))
  (core instance $i (instantiate $m (with "env" (instance $e))))
  (core func $off (canon lower (func $offset "offset")))
  (core module $sum
    (import "impl" "get" (func $get (result i32)))
    (import "host" "offset" (func $offset (result i32)))
    (func (export "run") (result i32) (i32.add (call $get) (call $offset))))
  (core instance $host (export "offset" (func $off)))
  (core instance $s (instantiate $sum (with "impl" (instance $i)) (with "host" (instance $host))))
  (func $run (result u32) (canon lift (core func $s "run")))
  (instance $inner-instance (instantiate $inner (with "base" (func $run))))
  (export "run" (func $run))
  (export "inner-run" (func $inner-instance "run"))
)
