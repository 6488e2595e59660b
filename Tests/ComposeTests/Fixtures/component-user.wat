;; Imports a component type whose imports and exports name resources (passed through
;; when composed) and test:math/offset: run() = offset().
(component
  (import "inner" (component
     (import "test:res/counter" (instance
        (export "counter" (type (sub resource)))
        (export "[constructor]counter" (func (param "start" u32) (result (own 0))))))
     (import "r" (type (sub resource)))
     (export "t" (type (sub resource)))
     (export "f" (func (param "x" (borrow 1)) (result (own 2))))))
  (import "test:math/offset" (instance $offset (export "offset" (func (result u32)))))
  (core func $off (canon lower (func $offset "offset")))
  (core module $m
    (import "host" "offset" (func $offset (result i32)))
    (func (export "run") (result i32) (call $offset)))
  (core instance $host (export "offset" (func $off)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)
