//! Prints the sizes of the core types (run with --nocapture when tuning layouts).
#[test]
fn print_sizes() {
    use gilded_vm::object::Payload;
    println!("Value {}", std::mem::size_of::<gilded_vm::Value>());
    println!("Payload {}", std::mem::size_of::<Payload>());
    println!("TypeObj {}", std::mem::size_of::<gilded_vm::types::class::TypeObj>());
    println!("FunctionObj {}", std::mem::size_of::<gilded_vm::types::function::FunctionObj>());
    println!("InstanceObj {}", std::mem::size_of::<gilded_vm::types::class::InstanceObj>());
    println!("ExceptionObj {}", std::mem::size_of::<gilded_vm::types::exception::ExceptionObj>());
    println!("StrObj {}", std::mem::size_of::<gilded_vm::types::str::StrObj>());
    println!("Dict {}", std::mem::size_of::<gilded_vm::types::dict::Dict>());
    println!("IterState {}", std::mem::size_of::<gilded_vm::types::iter::IterState>());
    println!("GeneratorObj {}", std::mem::size_of::<gilded_vm::types::generator::GeneratorObj>());
    println!("NativeFunction {}", std::mem::size_of::<gilded_vm::types::function::NativeFunction>());
    println!("FileObj {}", std::mem::size_of::<gilded_vm::types::file::FileObj>());
    println!("ModuleObj {}", std::mem::size_of::<gilded_vm::types::module::ModuleObj>());
    println!("Frame {}", std::mem::size_of::<gilded_vm::frame::Frame>());
}
