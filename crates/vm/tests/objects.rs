//! The object model under test: reference counts, immediate freeing, finalizer
//! queueing, freeing deep structures without recursion, and dict ordering.

use gilded_vm::object::{self, GilCell, ObjRef, Payload};
use gilded_vm::types::dict::Dict;
use gilded_vm::{Value, Vm};

fn vm() -> Vm {
    Vm::new(vec!["test".into()])
}

#[test]
fn clones_and_drops_change_the_count_by_one() {
    let vm = vm();
    let list = vm.new_list(vec![]);
    let obj = list.as_obj().unwrap().clone();
    assert_eq!(obj.refcount(), 2);
    let extra = list.clone();
    assert_eq!(obj.refcount(), 3);
    drop(extra);
    assert_eq!(obj.refcount(), 2);
    drop(list);
    assert_eq!(obj.refcount(), 1);
}

#[test]
fn containers_hold_counted_references() {
    let vm = vm();
    let item = Value::str("shared");
    let item_obj = item.as_obj().unwrap().clone();
    let base = item_obj.refcount();
    let list = vm.new_list(vec![item.clone(), item.clone()]);
    assert_eq!(item_obj.refcount(), base + 2);
    let tuple = vm.new_tuple(vec![item.clone()]);
    assert_eq!(item_obj.refcount(), base + 3);
    drop(list);
    assert_eq!(item_obj.refcount(), base + 1);
    drop(tuple);
    assert_eq!(item_obj.refcount(), base);
}

#[test]
fn an_instance_with_del_is_queued_not_freed() {
    let vm = vm();
    let mut ns = Dict::new();
    ns.set_str(Value::str("__del__"), Value::None);
    let class = vm
        .new_class("Noisy", "Noisy", "__main__", vec![], ns)
        .unwrap();
    let instance = vm.new_instance(&class, &[]);
    assert!(!object::finalizers_pending());
    drop(instance);
    assert!(object::finalizers_pending());
    let queued = object::take_pending_finalizers();
    assert_eq!(queued.len(), 1);
    // The queue holds the only reference; dropping it now frees for good (no requeue).
    assert_eq!(queued[0].refcount(), 1);
    drop(queued);
    assert!(!object::finalizers_pending());
}

#[test]
fn freeing_a_deep_chain_does_not_recurse() {
    // Runs on a small stack: one Rust frame per nesting level would overflow it.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let vm = vm();
            let mut v = vm.new_list(vec![]);
            for _ in 0..200_000 {
                v = Value::new_obj(Payload::List(GilCell::new(vec![v])));
            }
            drop(v);
        })
        .unwrap();
    handle.join().expect("deep free overflowed the stack");
}

#[test]
fn dict_keeps_insertion_order_across_removals_and_compaction() {
    let _vm = vm();
    let mut d = Dict::new();
    for i in 0..100 {
        d.set_str(Value::str(format!("k{i}")), Value::Int(i));
    }
    for i in (0..100).filter(|i| i % 3 != 0) {
        d.remove_str(&format!("k{i}"));
    }
    for i in 100..120 {
        d.set_str(Value::str(format!("k{i}")), Value::Int(i));
    }
    let keys: Vec<i64> = d
        .iter()
        .map(|e| match e.value {
            Value::Int(i) => i,
            _ => -1,
        })
        .collect();
    let expected: Vec<i64> = (0..100).filter(|i| i % 3 == 0).chain(100..120).collect();
    assert_eq!(keys, expected);
    assert_eq!(
        d.get_str("k99").map(|v| matches!(v, Value::Int(99))),
        Some(true)
    );
    assert!(d.get_str("k98").is_none());
}

#[test]
fn identity_is_address_for_heap_values() {
    let vm = vm();
    let a = vm.new_list(vec![]);
    let b = a.clone();
    let c = vm.new_list(vec![]);
    assert!(a.is(&b));
    assert!(!a.is(&c));
    let r: &ObjRef = a.as_obj().unwrap();
    assert_eq!(a.id(), r.addr() as i64);
}
