;; Exports test:math/offset with the wrong result type (u64 instead of u32).
(component
  (core module $m (func (export "offset") (result i64) (i64.const 5)))
  (core instance $i (instantiate $m))
  (func $offset (result u64) (canon lift (core func $i "offset")))
  (instance $api (export "offset" (func $offset)))
  (export "test:math/offset" (instance $api))
)
