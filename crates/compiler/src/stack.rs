//! Stack-depth analysis: the `max_stack` of a code object, and a consistency check that
//! every path reaches each instruction with the same depth and never underflows.

use gilded_bytecode::Instruction;

/// Walks every reachable path of `code` and returns the largest stack depth reached.
///
/// Errors (an internal compiler bug, never a user error) when paths disagree on the
/// depth at some instruction, the stack underflows, a jump leaves the code, or
/// execution can fall off the end.
pub fn max_stack_depth(code: &[Instruction]) -> Result<u32, String> {
    if code.is_empty() {
        return Ok(0);
    }
    let mut depths: Vec<Option<i32>> = vec![None; code.len()];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    let mut max = 0i32;
    let visit = |target: usize,
                 depth: i32,
                 work: &mut Vec<(usize, i32)>,
                 depths: &mut Vec<Option<i32>>|
     -> Result<(), String> {
        if target >= code.len() {
            return Err(format!(
                "control reaches {target}, past the end of the code"
            ));
        }
        if depth < 0 {
            return Err(format!("stack underflow before instruction {target}"));
        }
        match depths[target] {
            Some(d) if d == depth => Ok(()),
            Some(d) => Err(format!(
                "inconsistent stack depth at instruction {target}: {d} vs {depth}"
            )),
            None => {
                depths[target] = Some(depth);
                work.push((target, depth));
                Ok(())
            }
        }
    };
    depths[0] = Some(0);
    while let Some((i, d)) = work.pop() {
        let instr = code[i];
        let after = d + instr.stack_effect();
        if after < 0 {
            return Err(format!("stack underflow at instruction {i} ({instr:?})"));
        }
        max = max.max(d).max(after);
        use Instruction::*;
        let falls_through = !matches!(instr, Jump(_) | ReturnValue | Raise(_) | Reraise);
        if let Some(t) = instr.jump_target() {
            let at_target = match instr {
                Jump(_) => d,
                PopJumpIfFalse(_) | PopJumpIfTrue(_) => d - 1,
                JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => d,
                ForIter(_) => d - 1,
                SetupExcept(_) => d + 2,
                _ => after,
            };
            max = max.max(at_target);
            visit(t as usize, at_target, &mut work, &mut depths)?;
        }
        if falls_through {
            visit(i + 1, after, &mut work, &mut depths)?;
        }
    }
    Ok(max as u32)
}
