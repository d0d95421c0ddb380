//! `_gilded_mp`: the native layer under `multiprocessing` (placeholder).

use crate::error::PyResult;
use crate::object::{NativeObj, ObjRef};
use crate::process::inherit::NativeHandle;
use crate::value::Value;
use crate::vm::Vm;

/// Builds the `_gilded_mp` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("_gilded_mp");
    crate::process::api::register(vm, &m);
    m
}

/// Describes a `_gilded_mp` object for inheritance by a child, or None when `obj`
/// is not one of this module's classes.
pub fn export(vm: &Vm, obj: &NativeObj) -> Option<NativeHandle> {
    let _ = (vm, obj);
    None
}

/// Rebuilds, in the child, an object described by [`export`].
pub fn import(vm: &mut Vm, handle: &NativeHandle) -> PyResult<Value> {
    Err(vm.type_error(format!("cannot rebuild '{}'", handle.tag)))
}

/// Blocks until every queue feeder of this process has written what it holds
/// (called at interpreter exit, before children are joined).
pub fn flush_feeders() {}
