//! Interned `str` values for the names the VM looks up on every call or operator,
//! so their hashes are computed once.

use crate::value::Value;

macro_rules! names {
    ($($field:ident => $text:literal),* $(,)?) => {
        /// The interned names.
        pub struct Names {
            $(#[doc = $text] pub $field: Value,)*
        }

        impl Names {
            /// Creates every name.
            pub fn new() -> Names {
                Names { $($field: Value::str($text),)* }
            }
        }

        impl Default for Names {
            fn default() -> Names {
                Names::new()
            }
        }
    };
}

names! {
    init => "__init__",
    new => "__new__",
    del => "__del__",
    repr => "__repr__",
    str => "__str__",
    eq => "__eq__",
    ne => "__ne__",
    lt => "__lt__",
    le => "__le__",
    gt => "__gt__",
    ge => "__ge__",
    hash => "__hash__",
    len => "__len__",
    bool => "__bool__",
    getitem => "__getitem__",
    setitem => "__setitem__",
    delitem => "__delitem__",
    contains => "__contains__",
    iter => "__iter__",
    next => "__next__",
    call => "__call__",
    enter => "__enter__",
    exit => "__exit__",
    getattr => "__getattr__",
    getattribute => "__getattribute__",
    setattr => "__setattr__",
    delattr => "__delattr__",
    name => "__name__",
    qualname => "__qualname__",
    module => "__module__",
    doc => "__doc__",
    class => "__class__",
    classcell => "__classcell__",
    dict => "__dict__",
    format => "__format__",
    neg => "__neg__",
    pos => "__pos__",
    invert => "__invert__",
    abs => "__abs__",
    index => "__index__",
    int => "__int__",
    float => "__float__",
    main => "__main__",
    builtins => "__builtins__",
}
