//! The disassembler's layout and the stack-effect table, on hand-built code objects.

use gilded_bytecode::dis::{constant_repr, describe_instruction, disassemble};
use gilded_bytecode::{BinaryOperator, CodeObject, Constant, Instruction, Location};
use std::sync::Arc;

fn code(instructions: Vec<Instruction>, lines: &[u32]) -> CodeObject {
    CodeObject {
        name: "f".into(),
        qualname: "f".into(),
        filename: "t.py".into(),
        first_line: 1,
        locations: lines
            .iter()
            .map(|&line| Location {
                line,
                end_line: line,
                ..Location::default()
            })
            .collect(),
        instructions,
        constants: vec![
            Constant::None,
            Constant::Int(1),
            Constant::Str(Arc::from("hi")),
        ],
        names: vec![Arc::from("counter")],
        varnames: vec![Arc::from("x")],
        cellvars: vec![],
        freevars: vec![],
        cell_params: vec![],
        argcount: 1,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        flags: Default::default(),
        max_stack: 2,
    }
}

#[test]
fn counter_increment_is_four_instructions_students_can_read() {
    use Instruction::*;
    let c = code(
        vec![
            LoadGlobal(0),
            LoadConst(1),
            InplaceOp(BinaryOperator::Add),
            StoreGlobal(0),
            LoadConst(0),
            ReturnValue,
        ],
        &[2, 2, 2, 2, 2, 2],
    );
    let text = disassemble(&c);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(
        lines[0].starts_with("   2"),
        "line number opens the first row: {text}"
    );
    assert!(lines[0].contains("LOAD_GLOBAL") && lines[0].contains("(counter)"));
    assert!(lines[1].contains("LOAD_CONST") && lines[1].contains("(1)"));
    assert!(lines[2].contains("BINARY_OP") && lines[2].contains("(+=)"));
    assert!(lines[3].contains("STORE_GLOBAL"));
    assert_eq!(describe_instruction(&c, 1), "LOAD_CONST 1 (1)");
}

#[test]
fn jump_targets_are_marked() {
    use Instruction::*;
    let c = code(
        vec![
            LoadFast(0),
            PopJumpIfFalse(3),
            Nop,
            LoadConst(0),
            ReturnValue,
        ],
        &[1, 1, 2, 3, 3],
    );
    let text = disassemble(&c);
    assert!(text.contains(">>"), "{text}");
    assert!(
        text.contains("POP_JUMP_IF_FALSE") && text.contains("(to 6)"),
        "{text}"
    );
}

#[test]
fn stack_effects_balance_a_call() {
    use Instruction::*;
    let seq = [LoadGlobal(0), LoadConst(1), LoadConst(1), Call(2), Pop];
    let total: i32 = seq.iter().map(|i| i.stack_effect()).sum();
    assert_eq!(total, 0);
    assert_eq!(BuildMap(3).stack_effect(), -5);
    assert_eq!(
        UnpackEx {
            before: 1,
            after: 2
        }
        .stack_effect(),
        3
    );
    assert_eq!(MakeFunction(7).stack_effect(), -3);
}

#[test]
fn constants_render_like_python() {
    assert_eq!(constant_repr(&Constant::Str(Arc::from("hi"))), "'hi'");
    assert_eq!(constant_repr(&Constant::Float(1.5)), "1.5");
    assert_eq!(
        constant_repr(&Constant::Tuple(Arc::from(vec![Constant::Int(1)]))),
        "(1,)"
    );
}
