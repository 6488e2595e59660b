;; A command component with no imports: its wasi:cli/run export returns err (exit code 1).
(component
  (core module $m (func (export "run") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (type $outcome (result))
  (func $run (result $outcome) (canon lift (core func $i "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance))
)
