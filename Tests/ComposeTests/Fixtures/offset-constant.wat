;; Another test:math/offset (offset() = 5) with no imports: a second candidate for the import.
(component
  (core module $m (func (export "offset") (result i32) (i32.const 5)))
  (core instance $i (instantiate $m))
  (func $offset (result u32) (canon lift (core func $i "offset")))
  (instance $api (export "offset" (func $offset)))
  (export "test:math/offset" (instance $api))
)
