//! The disassembler behind `dis(f)` and `gilded --dis`: one line per instruction,
//! with source line numbers, jump targets and resolved operands, in CPython's layout.

use crate::code::{CodeObject, Constant};
use crate::opcode::{Conversion, Instruction};
use std::fmt::Write;

/// Disassembles `code` and, after it, every code object among its constants.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out, true);
    out
}

fn disassemble_into(code: &CodeObject, out: &mut String, recurse: bool) {
    let targets: Vec<u32> = code
        .instructions
        .iter()
        .filter_map(|i| i.jump_target())
        .collect();
    let mut last_line = 0;
    for (index, instr) in code.instructions.iter().enumerate() {
        let line = code.location(index).line;
        if line != last_line && line != 0 {
            if index > 0 {
                out.push('\n');
            }
            let _ = write!(out, "{line:>4}");
            last_line = line;
        } else {
            out.push_str("    ");
        }
        let marker = if targets.contains(&(index as u32)) {
            ">>"
        } else {
            "  "
        };
        let (name, arg, detail) = describe(code, instr);
        let _ = write!(out, "    {marker} {:>4} {name:<20}", index * 2);
        if let Some(arg) = arg {
            let _ = write!(out, " {arg:>3}");
            if let Some(detail) = detail {
                let _ = write!(out, " ({detail})");
            }
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    if recurse {
        for constant in &code.constants {
            if let Constant::Code(inner) = constant {
                let _ = write!(
                    out,
                    "\nDisassembly of <code object {} at {:#x}, file \"{}\", line {}>:\n",
                    inner.name,
                    std::sync::Arc::as_ptr(inner) as usize,
                    inner.filename,
                    inner.first_line
                );
                disassemble_into(inner, out, true);
            }
        }
    }
}

/// One instruction as `dis` shows it (`LOAD_FAST 0 (n)`), for the VM's trace mode.
pub fn describe_instruction(code: &CodeObject, index: usize) -> String {
    let Some(instr) = code.instructions.get(index) else {
        return "<end>".to_string();
    };
    let (name, arg, detail) = describe(code, instr);
    match (arg, detail) {
        (Some(a), Some(d)) => format!("{name} {a} ({d})"),
        (Some(a), None) => format!("{name} {a}"),
        _ => name,
    }
}

/// Renders a constant the way `dis` shows it (strings with quotes).
pub fn constant_repr(constant: &Constant) -> String {
    match constant {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) => format!("{f:?}"),
        Constant::Complex(f) => format!("{f:?}j"),
        Constant::Str(s) => format!("{s:?}").replace('"', "'"),
        Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(constant_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::Code(c) => format!("<code object {}>", c.name),
        Constant::Ellipsis => "Ellipsis".into(),
    }
}

/// The opcode name in CPython's SHOUTING_CASE, its numeric argument and a readable detail.
fn describe(code: &CodeObject, instr: &Instruction) -> (String, Option<u32>, Option<String>) {
    use Instruction::*;
    let name_at = |i: u32| code.names.get(i as usize).map(|s| s.to_string());
    let var_at = |i: u32| code.varnames.get(i as usize).map(|s| s.to_string());
    let cell_at = |i: u32| {
        let i = i as usize;
        code.cellvars
            .get(i)
            .or_else(|| code.freevars.get(i.wrapping_sub(code.cellvars.len())))
            .map(|s| s.to_string())
    };
    let const_at = |i: u32| code.constants.get(i as usize).map(constant_repr);
    let jump = |t: u32| Some(format!("to {}", t * 2));
    let (name, arg, detail): (&str, Option<u32>, Option<String>) = match *instr {
        Nop => ("NOP", None, None),
        Pop => ("POP_TOP", None, None),
        Copy(n) => ("COPY", Some(n), None),
        Swap(n) => ("SWAP", Some(n), None),
        LoadConst(i) => ("LOAD_CONST", Some(i), const_at(i)),
        LoadFast(i) => ("LOAD_FAST", Some(i), var_at(i)),
        StoreFast(i) => ("STORE_FAST", Some(i), var_at(i)),
        DeleteFast(i) => ("DELETE_FAST", Some(i), var_at(i)),
        LoadDeref(i) => ("LOAD_DEREF", Some(i), cell_at(i)),
        StoreDeref(i) => ("STORE_DEREF", Some(i), cell_at(i)),
        DeleteDeref(i) => ("DELETE_DEREF", Some(i), cell_at(i)),
        LoadClosure(i) => ("LOAD_CLOSURE", Some(i), cell_at(i)),
        LoadClassDeref { name, cell } => ("LOAD_CLASSDEREF", Some(cell), name_at(name)),
        LoadName(i) => ("LOAD_NAME", Some(i), name_at(i)),
        StoreName(i) => ("STORE_NAME", Some(i), name_at(i)),
        DeleteName(i) => ("DELETE_NAME", Some(i), name_at(i)),
        LoadGlobal(i) => ("LOAD_GLOBAL", Some(i), name_at(i)),
        StoreGlobal(i) => ("STORE_GLOBAL", Some(i), name_at(i)),
        DeleteGlobal(i) => ("DELETE_GLOBAL", Some(i), name_at(i)),
        LoadAttr(i) => ("LOAD_ATTR", Some(i), name_at(i)),
        StoreAttr(i) => ("STORE_ATTR", Some(i), name_at(i)),
        DeleteAttr(i) => ("DELETE_ATTR", Some(i), name_at(i)),
        LoadMethod(i) => ("LOAD_METHOD", Some(i), name_at(i)),
        BinaryOp(op) => ("BINARY_OP", Some(op as u32), Some(op.symbol().into())),
        InplaceOp(op) => (
            "BINARY_OP",
            Some(op as u32 + 13),
            Some(format!("{}=", op.symbol())),
        ),
        UnaryOp(op) => (
            match op {
                crate::UnaryOperator::Negative => "UNARY_NEGATIVE",
                crate::UnaryOperator::Positive => "UNARY_POSITIVE",
                crate::UnaryOperator::Invert => "UNARY_INVERT",
                crate::UnaryOperator::Not => "UNARY_NOT",
            },
            None,
            None,
        ),
        CompareOp(op) => ("COMPARE_OP", Some(op as u32), Some(op.symbol().into())),
        IsOp(inv) => ("IS_OP", Some(inv as u32), None),
        ContainsOp(inv) => ("CONTAINS_OP", Some(inv as u32), None),
        BinarySubscr => ("BINARY_SUBSCR", None, None),
        StoreSubscr => ("STORE_SUBSCR", None, None),
        DeleteSubscr => ("DELETE_SUBSCR", None, None),
        BuildSlice(n) => ("BUILD_SLICE", Some(n), None),
        Jump(t) => ("JUMP", Some(t), jump(t)),
        PopJumpIfFalse(t) => ("POP_JUMP_IF_FALSE", Some(t), jump(t)),
        PopJumpIfTrue(t) => ("POP_JUMP_IF_TRUE", Some(t), jump(t)),
        JumpIfFalseOrPop(t) => ("JUMP_IF_FALSE_OR_POP", Some(t), jump(t)),
        JumpIfTrueOrPop(t) => ("JUMP_IF_TRUE_OR_POP", Some(t), jump(t)),
        GetIter => ("GET_ITER", None, None),
        ForIter(t) => ("FOR_ITER", Some(t), jump(t)),
        BuildTuple(n) => ("BUILD_TUPLE", Some(n), None),
        BuildList(n) => ("BUILD_LIST", Some(n), None),
        BuildSet(n) => ("BUILD_SET", Some(n), None),
        BuildMap(n) => ("BUILD_MAP", Some(n), None),
        BuildString(n) => ("BUILD_STRING", Some(n), None),
        ListAppend(n) => ("LIST_APPEND", Some(n), None),
        SetAdd(n) => ("SET_ADD", Some(n), None),
        MapAdd(n) => ("MAP_ADD", Some(n), None),
        ListExtend(n) => ("LIST_EXTEND", Some(n), None),
        SetUpdate(n) => ("SET_UPDATE", Some(n), None),
        DictUpdate(n) => ("DICT_UPDATE", Some(n), None),
        DictMerge(n) => ("DICT_MERGE", Some(n), None),
        ListToTuple => ("LIST_TO_TUPLE", None, None),
        UnpackSequence(n) => ("UNPACK_SEQUENCE", Some(n), None),
        UnpackEx { before, after } => ("UNPACK_EX", Some(before | (after << 8)), None),
        FormatValue {
            conversion,
            has_spec,
        } => {
            let conv = match conversion {
                Conversion::None => 0,
                Conversion::Str => 1,
                Conversion::Repr => 2,
                Conversion::Ascii => 3,
            };
            let detail = match conversion {
                Conversion::None => None,
                Conversion::Str => Some("str".to_string()),
                Conversion::Repr => Some("repr".to_string()),
                Conversion::Ascii => Some("ascii".to_string()),
            };
            let detail = match (detail, has_spec) {
                (Some(d), true) => Some(format!("{d}, with format")),
                (None, true) => Some("with format".to_string()),
                (d, false) => d,
            };
            (
                "FORMAT_VALUE",
                Some(conv | ((has_spec as u32) << 2)),
                detail,
            )
        }
        Call(n) => ("CALL", Some(n), None),
        CallMethod(n) => ("CALL_METHOD", Some(n), None),
        CallKw { argc, names } => ("CALL_KW", Some(argc), const_at(names)),
        CallEx(kw) => ("CALL_FUNCTION_EX", Some(kw as u32), None),
        MakeFunction(f) => ("MAKE_FUNCTION", Some(f as u32), None),
        BuildClass(n) => ("BUILD_CLASS", Some(n), None),
        ReturnValue => ("RETURN_VALUE", None, None),
        YieldValue => ("YIELD_VALUE", None, None),
        YieldFrom => ("YIELD_FROM", None, None),
        SetupExcept(t) => ("SETUP_EXCEPT", Some(t), jump(t)),
        PopBlock => ("POP_BLOCK", None, None),
        PopExcept => ("POP_EXCEPT", None, None),
        Raise(n) => ("RAISE_VARARGS", Some(n), None),
        Reraise => ("RERAISE", None, None),
        CheckExcMatch => ("CHECK_EXC_MATCH", None, None),
        BeforeWith => ("BEFORE_WITH", None, None),
        WithExceptStart => ("WITH_EXCEPT_START", None, None),
        PrintExpr => ("PRINT_EXPR", None, None),
        ImportName(i) => ("IMPORT_NAME", Some(i), name_at(i)),
        ImportFrom(i) => ("IMPORT_FROM", Some(i), name_at(i)),
        ImportStar => ("IMPORT_STAR", None, None),
    };
    (name.to_string(), arg, detail)
}
