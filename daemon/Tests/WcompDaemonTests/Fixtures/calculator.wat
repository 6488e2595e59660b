;; A component with no imports for the daemon's tests: arithmetic, a trap and an endless loop.
(component
  (core module $m
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "negate") (param i64) (result i64) i64.const 0 local.get 0 i64.sub)
    (func (export "boom") unreachable)
    (func (export "spin") (loop $forever br $forever))
  )
  (core instance $i (instantiate $m))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func (export "negate") (param "x" s64) (result s64) (canon lift (core func $i "negate")))
  (func (export "boom") (canon lift (core func $i "boom")))
  (func (export "spin") (canon lift (core func $i "spin")))
)
