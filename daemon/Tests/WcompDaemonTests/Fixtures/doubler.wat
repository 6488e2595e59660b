;; Composition plug: exports test:daemon/double with double(x) = 2 * x.
(component
  (core module $m
    (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
  (core instance $i (instantiate $m))
  (func $double (param "x" u32) (result u32) (canon lift (core func $i "double")))
  (instance $api (export "double" (func $double)))
  (export "test:daemon/double" (instance $api))
)
