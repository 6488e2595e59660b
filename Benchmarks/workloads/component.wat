;; The component the component-layer benchmark (wcomp-component-bench) measures: one import
;; that is not WASI (`log`), and exports taking and returning a string and a list<u32>.
;; Memory is allocated by a bump allocator that `post-return` resets.
(component
  (import "log" (func $log (param "value" u32)))
  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $pointer i32)
      (local.set $pointer (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                   (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $pointer) (local.get $size)))
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
                                                           (i32.const 16)) (i32.const 1))) (i32.const -1))
                (then unreachable))))
      (local.get $pointer))
    (func (export "reset") (param i32) (global.set $next (i32.const 1024))))
  (core instance $libc (instantiate $libc))
  (core func $log (canon lower (func $log)))
  (core module $main
    (import "libc" "memory" (memory 1))
    (import "host" "log" (func $log (param i32)))
    ;; echo(s: string) -> string: returns the argument, through the return area at 16.
    (func (export "echo") (param $pointer i32) (param $length i32) (result i32)
      (i32.store (i32.const 16) (local.get $pointer))
      (i32.store (i32.const 20) (local.get $length))
      (i32.const 16))
    ;; sum(values: list<u32>) -> u32
    (func (export "sum") (param $pointer i32) (param $count i32) (result i32)
      (local $end i32) (local $total i32)
      (local.set $end (i32.add (local.get $pointer) (i32.shl (local.get $count) (i32.const 2))))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $pointer) (local.get $end)))
          (local.set $total (i32.add (local.get $total) (i32.load (local.get $pointer))))
          (local.set $pointer (i32.add (local.get $pointer) (i32.const 4)))
          (br $next)))
      (local.get $total))
    ;; nop(): the trivial export whose cost is the per-call overhead.
    (func (export "nop"))
    ;; report(value: u32): calls the host import.
    (func (export "report") (param i32) (call $log (local.get 0))))
  (core instance $main (instantiate $main
    (with "libc" (instance $libc))
    (with "host" (instance (export "log" (func $log))))))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $main "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
                (post-return (core func $libc "reset"))))
  (func (export "sum") (param "values" (list u32)) (result u32)
    (canon lift (core func $main "sum") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
                (post-return (core func $libc "reset"))))
  (func (export "nop") (canon lift (core func $main "nop")))
  (func (export "report") (param "value" u32) (canon lift (core func $main "report")))
)
