;; Imports test:res/counter (plugged) and test:res/uses, whose function takes the counter
;; resource: `uses` stays open and names a resource a plug defines.
(component
  (import "test:res/counter" (instance $c
    (export "counter" (type (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own 0))))))
  (alias export $c "counter" (type $counter))
  (import "test:res/uses" (instance $u
    (alias outer 1 $counter (type $ct))
    (export "counter" (type (eq $ct)))
    (type $own (own 1))
    (export "consume" (func (param "c" $own) (result u32)))))
  (core func $constructor (canon lower (func $c "[constructor]counter")))
  (core func $consume (canon lower (func $u "consume")))
  (core module $m
    (import "host" "constructor" (func $constructor (param i32) (result i32)))
    (import "host" "consume" (func $consume (param i32) (result i32)))
    (func (export "run") (result i32)
      (call $consume (call $constructor (i32.const 5)))))
  (core instance $host (export "constructor" (func $constructor)) (export "consume" (func $consume)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)
