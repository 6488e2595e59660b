;; test:res/maker: makes counters through the imported test:res/counter (left open).
(component
  (import "test:res/counter" (instance $c
    (export "counter" (type (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own 0))))))
  (alias export $c "counter" (type $counter))
  (core func $constructor (canon lower (func $c "[constructor]counter")))
  (core module $m
    (import "host" "constructor" (func $constructor (param i32) (result i32)))
    (func (export "make") (param i32) (result i32) (call $constructor (i32.mul (local.get 0) (i32.const 10)))))
  (core instance $host (export "constructor" (func $constructor)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (type $own (own $counter))
  (func $make (param "n" u32) (result $own) (canon lift (core func $i "make")))
  (component $api
    (import "import-type-counter" (type $c (sub resource)))
    (import "import-func-make" (func $make (param "n" u32) (result (own $c))))
    (export $e "counter" (type $c))
    (export "make" (func $make) (func (param "n" u32) (result (own $e)))))
  (instance $a (instantiate $api (with "import-type-counter" (type $counter)) (with "import-func-make" (func $make))))
  (export "test:res/maker" (instance $a))
)
