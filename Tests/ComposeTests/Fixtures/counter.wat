;; test:res/counter: a resource `counter` whose state lives in this component's memory.
;; As wit-component does, a nested component re-exports the functions with the resource type
;; under the interface's names, so every function refers to a named type.
(component
  (core module $m
    (import "canon" "new" (func $new (param i32) (result i32)))
    (memory 1)
    (global $next (mut i32) (i32.const 1))
    (func (export "constructor") (param $start i32) (result i32)
      (local $rep i32)
      (local.set $rep (global.get $next))
      (global.set $next (i32.add (global.get $next) (i32.const 1)))
      (i32.store (i32.mul (local.get $rep) (i32.const 4)) (local.get $start))
      (call $new (local.get $rep)))
    (func (export "increment") (param $rep i32) (result i32)
      (local $address i32)
      (local.set $address (i32.mul (local.get $rep) (i32.const 4)))
      (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (i32.const 1)))
      (i32.load (local.get $address))))
  (type $counter (resource (rep i32)))
  (core func $new (canon resource.new $counter))
  (core instance $canon (export "new" (func $new)))
  (core instance $i (instantiate $m (with "canon" (instance $canon))))
  (func $constructor (param "start" u32) (result (own $counter)) (canon lift (core func $i "constructor")))
  (func $increment (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "increment")))
  (component $interface
    (import "import-type-counter" (type $c (sub resource)))
    (import "import-constructor" (func $constructor (param "start" u32) (result (own $c))))
    (import "import-increment" (func $increment (param "self" (borrow $c)) (result u32)))
    (export $exported "counter" (type $c))
    (export "[constructor]counter" (func $constructor) (func (param "start" u32) (result (own $exported))))
    (export "[method]counter.increment" (func $increment) (func (param "self" (borrow $exported)) (result u32))))
  (instance $api (instantiate $interface
    (with "import-type-counter" (type $counter))
    (with "import-constructor" (func $constructor))
    (with "import-increment" (func $increment))))
  (export "test:res/counter" (instance $api))
)
