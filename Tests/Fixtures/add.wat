;; The module the README's first `wcomp run` example calls.
;; Rebuild add.wasm with: wasm-tools parse add.wat -o add.wasm
(module
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (export "div-s") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func (export "swap") (param f64 i64) (result i64 f64)
    local.get 1
    local.get 0))
