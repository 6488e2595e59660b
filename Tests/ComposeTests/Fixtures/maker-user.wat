;; run() = make(n).increment() with test:res/maker plugged and test:res/counter left open.
(component
  (import "test:res/counter" (instance $c
    (export "counter" (type (sub resource)))
    (export "[method]counter.increment" (func (param "self" (borrow 0)) (result u32)))))
  (alias export $c "counter" (type $counter))
  (import "test:res/maker" (instance $mk
    (alias outer 1 $counter (type $ct))
    (export "counter" (type (eq $ct)))
    (type $own (own 1))
    (export "make" (func (param "n" u32) (result $own)))))
  (core func $make (canon lower (func $mk "make")))
  (core func $increment (canon lower (func $c "[method]counter.increment")))
  (core func $drop (canon resource.drop $counter))
  (core module $m
    (import "host" "make" (func $make (param i32) (result i32)))
    (import "host" "increment" (func $increment (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (func (export "run") (param i32) (result i32)
      (local $h i32) (local $r i32)
      (local.set $h (call $make (local.get 0)))
      (local.set $r (call $increment (local.get $h)))
      (call $drop (local.get $h))
      (local.get $r)))
  (core instance $host (export "make" (func $make)) (export "increment" (func $increment)) (export "drop" (func $drop)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $i "run")))
)
