//! Layout guards: every heap object allocates the size of `Payload`, so a large variant
//! added inline would silently make every object bigger (and the VM slower).

#[test]
fn values_are_two_words() {
    assert_eq!(std::mem::size_of::<gilded_vm::Value>(), 16);
}

#[test]
fn objects_stay_compact() {
    let payload = std::mem::size_of::<gilded_vm::object::Payload>();
    assert!(
        payload <= 96,
        "Payload grew to {payload} bytes: box the new large variant"
    );
    let instance = std::mem::size_of::<gilded_vm::types::class::InstanceObj>();
    assert!(instance <= 80, "InstanceObj grew to {instance} bytes");
}
