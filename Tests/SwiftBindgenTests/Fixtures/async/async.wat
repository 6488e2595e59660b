;; A component with async-typed exports, written by hand for the async binding test: `sync-lifted`
;; is an async func lifted without the async option, `async-lifted` one lifted with it (and
;; `task.return`), `make-future` returns a future, which this runtime cannot lift.
(component
  (type $async-u32 (func async (param "x" u32) (result u32)))
  (core func $task-return (canon task.return (result u32)))
  (core module $main
    (import "" "task.return" (func $task-return (param i32)))
    (func (export "sync-lifted") (param i32) (result i32)
      (i32.add (local.get 0) (i32.const 1)))
    (func (export "async-lifted") (param i32)
      (call $task-return (i32.add (local.get 0) (i32.const 2))))
    (func (export "make-future") (result i32)
      (i32.const 1))
  )
  (core instance $main (instantiate $main (with "" (instance (export "task.return" (func $task-return))))))
  (func (export "sync-lifted") (type $async-u32)
    (canon lift (core func $main "sync-lifted")))
  (func (export "async-lifted") (type $async-u32)
    (canon lift (core func $main "async-lifted") async))
  (type $future (future u32))
  (func (export "make-future") (result $future)
    (canon lift (core func $main "make-future")))
)
