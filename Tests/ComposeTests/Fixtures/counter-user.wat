;; Uses a test:res/counter resource across the component boundary:
;; run() = (counter(5).increment twice) + offset().
(component
  (import "test:res/counter" (instance $c
    (export "counter" (type (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own 0))))
    (export "[method]counter.increment" (func (param "self" (borrow 0)) (result u32)))))
  (import "test:math/offset" (instance $offset (export "offset" (func (result u32)))))
  (alias export $c "counter" (type $counter))
  (core func $constructor (canon lower (func $c "[constructor]counter")))
  (core func $increment (canon lower (func $c "[method]counter.increment")))
  (core func $drop (canon resource.drop $counter))
  (core func $off (canon lower (func $offset "offset")))
  (core module $m
    (import "host" "constructor" (func $constructor (param i32) (result i32)))
    (import "host" "increment" (func $increment (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (import "host" "offset" (func $offset (result i32)))
    (func (export "run") (result i32)
      (local $handle i32)
      (local $result i32)
      (local.set $handle (call $constructor (i32.const 5)))
      (drop (call $increment (local.get $handle)))
      (local.set $result (call $increment (local.get $handle)))
      (call $drop (local.get $handle))
      (i32.add (local.get $result) (call $offset))))
  (core instance $host
    (export "constructor" (func $constructor))
    (export "increment" (func $increment))
    (export "drop" (func $drop))
    (export "offset" (func $off)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)
