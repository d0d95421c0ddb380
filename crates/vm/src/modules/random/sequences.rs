//! `choice`, `shuffle`, `sample` and `choices`: the same draws in the same order as
//! `random.py` 3.11 (including `sample`'s choice between its pool and set methods).

use super::{below, next_float, this_arg};
use crate::error::PyResult;
use crate::number::args::parse_args;
use crate::number::Int;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;

/// `_randbelow(n)` for a positive `usize`.
fn below_usize(vm: &mut Vm, this: &Value, n: usize) -> PyResult<usize> {
    match below(vm, this, Int::Small(n as i64))? {
        Value::Int(r) => Ok(r as usize),
        _ => Ok(0),
    }
}

/// `choice(seq)`.
pub fn choice(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "choice")?;
    let a = parse_args(vm, "choice", &args[1..], kwargs, &["seq"], 1)?;
    let seq = a[0].clone().unwrap_or(Value::None);
    let n = crate::ops::len(vm, &seq)?;
    if n == 0 {
        return Err(vm.index_error("Cannot choose from an empty sequence"));
    }
    let i = below_usize(vm, this, n)?;
    crate::ops::get_item(vm, &seq, &Value::Int(i as i64))
}

/// `shuffle(x)`: Fisher-Yates from the end, in place.
pub fn shuffle(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "shuffle")?;
    let a = parse_args(vm, "shuffle", &args[1..], kwargs, &["x"], 1)?;
    let x = a[0].clone().unwrap_or(Value::None);
    let n = crate::ops::len(vm, &x)?;
    if let Some(Payload::List(cell)) = x.payload() {
        // Draw every index first, then swap under one borrow.
        let mut swaps = Vec::with_capacity(n);
        for i in (1..n).rev() {
            swaps.push((i, below_usize(vm, this, i + 1)?));
        }
        let Some(mut items) = cell.try_borrow_mut(vm.gil) else {
            return Err(vm.runtime_error("list changed size during shuffle"));
        };
        for (i, j) in swaps {
            if i < items.len() && j < items.len() {
                items.swap(i, j);
            }
        }
        return Ok(Value::None);
    }
    for i in (1..n).rev() {
        let j = below_usize(vm, this, i + 1)?;
        let (vi, vj) = (Value::Int(i as i64), Value::Int(j as i64));
        let xi = crate::ops::get_item(vm, &x, &vi)?;
        let xj = crate::ops::get_item(vm, &x, &vj)?;
        crate::ops::set_item(vm, &x, vi, xj)?;
        crate::ops::set_item(vm, &x, vj, xi)?;
    }
    Ok(Value::None)
}

/// True for what `random.py` accepts as a `Sequence`.
fn is_sequence(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(
            Payload::List(_)
                | Payload::Tuple(_)
                | Payload::Str(_)
                | Payload::Range(_)
                | Payload::Bytes(_)
        )
    ) || crate::ops::is_user_object(v)
}

/// `sample(population, k, *, counts=None)`.
pub fn sample(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "sample")?;
    let a = parse_args(
        vm,
        "sample",
        &args[1..],
        kwargs,
        &["population", "k", "counts"],
        2,
    )?;
    let population = a[0].clone().unwrap_or(Value::None);
    let k = a[1].clone().unwrap_or(Value::None);
    if !is_sequence(&population) {
        return Err(
            vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
        );
    }
    let n = crate::ops::len(vm, &population)?;
    if let Some(counts) = a[2].as_ref().filter(|c| !c.is_none()) {
        return sample_counts(vm, this, &population, n, &k, counts);
    }
    let k = match crate::number::convert::index(vm, &k)? {
        Value::Int(k) if k >= 0 && (k as usize) <= n => k as usize,
        _ => return Err(vm.value_error("Sample larger than population or is negative")),
    };
    let mut setsize = 21usize;
    if k > 5 {
        let e = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.saturating_pow(e.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = crate::ops::collect_iterable(vm, &population)?;
        for i in 0..k {
            let j = below_usize(vm, this, n - i)?;
            // `pool` has `n` items unless a user sequence lied about its length.
            let last = pool.get(n - i - 1).cloned().unwrap_or(Value::None);
            match pool.get_mut(j) {
                Some(slot) => result.push(std::mem::replace(slot, last)),
                None => result.push(Value::None),
            }
        }
    } else {
        let mut selected = std::collections::HashSet::with_capacity(k);
        for _ in 0..k {
            let mut j = below_usize(vm, this, n)?;
            while selected.contains(&j) {
                j = below_usize(vm, this, n)?;
            }
            selected.insert(j);
            result.push(crate::ops::get_item(
                vm,
                &population,
                &Value::Int(j as i64),
            )?);
        }
    }
    Ok(vm.new_list(result))
}

/// `sample(population, k, counts=...)`: samples `range(total)` and maps back.
fn sample_counts(
    vm: &mut Vm,
    this: &Value,
    population: &Value,
    n: usize,
    k: &Value,
    counts: &Value,
) -> PyResult<Value> {
    let counts = crate::ops::collect_iterable(vm, counts)?;
    let mut cum = Vec::with_capacity(counts.len());
    let mut acc: Option<Value> = None;
    for c in counts {
        let next = match acc {
            None => c,
            Some(prev) => crate::ops::binary_op(vm, BinaryOperator::Add, &prev, &c)?,
        };
        cum.push(next.clone());
        acc = Some(next);
    }
    if cum.len() != n {
        return Err(vm.value_error("The number of counts does not match the population"));
    }
    let total = cum.pop().unwrap_or(Value::Int(0));
    let total = match crate::number::as_int(&total) {
        Some(Int::Small(t)) => t,
        Some(_) => return Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        None => return Err(vm.type_error("Counts must be integers")),
    };
    if total <= 0 {
        return Err(vm.value_error("Total of counts must be greater than zero"));
    }
    let range = Value::new_obj(Payload::Range(crate::object::RangeObj {
        start: 0,
        stop: total,
        step: 1,
    }));
    let sample_args = [this.clone(), range, k.clone()];
    let selections = sample(vm, &sample_args, &[])?;
    let selections = crate::ops::collect_iterable(vm, &selections)?;
    let mut out = Vec::with_capacity(selections.len());
    for s in selections {
        let idx = bisect_right(vm, &cum, &s, 0, cum.len())?;
        out.push(crate::ops::get_item(
            vm,
            population,
            &Value::Int(idx as i64),
        )?);
    }
    Ok(vm.new_list(out))
}

/// `bisect.bisect_right(a, x, lo, hi)`.
fn bisect_right(vm: &mut Vm, a: &[Value], x: &Value, lo: usize, hi: usize) -> PyResult<usize> {
    let (mut lo, mut hi) = (lo, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if crate::ops::less_than(vm, x, &a[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`.
pub fn choices(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "choices")?;
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "Random.choices() takes from 2 to 3 positional arguments but {} were given",
            args.len()
        )));
    }
    let a = parse_args(
        vm,
        "choices",
        &args[1..],
        kwargs,
        &["population", "weights", "cum_weights", "k"],
        1,
    )?;
    let population = a[0].clone().unwrap_or(Value::None);
    let weights = a[1].clone().filter(|w| !w.is_none());
    let cum_weights = a[2].clone().filter(|w| !w.is_none());
    let k = match &a[3] {
        Some(k) => crate::number::convert::index_i64(
            vm,
            k,
            "cannot fit 'int' into an index-sized integer",
        )?,
        None => 1,
    };
    let n = crate::ops::len(vm, &population)?;
    let k = k.max(0) as usize;
    let mut out = Vec::with_capacity(k);
    let cum = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            for _ in 0..k {
                let r = next_float(vm, this)?;
                let i = (r * nf).floor() as i64;
                out.push(crate::ops::get_item(vm, &population, &Value::Int(i))?);
            }
            return Ok(vm.new_list(out));
        }
        (Some(w), None) => {
            if matches!(w, Value::Int(_)) {
                let shown = crate::ops::repr(vm, &w)?;
                return Err(vm.type_error(format!(
                    "The number of choices must be a keyword argument: k={shown}"
                )));
            }
            let items = crate::ops::collect_iterable(vm, &w)?;
            let mut cum = Vec::with_capacity(items.len());
            let mut acc: Option<Value> = None;
            for item in items {
                let next = match acc {
                    None => item,
                    Some(prev) => crate::ops::binary_op(vm, BinaryOperator::Add, &prev, &item)?,
                };
                cum.push(next.clone());
                acc = Some(next);
            }
            cum
        }
        (None, Some(c)) => crate::ops::collect_iterable(vm, &c)?,
        (Some(_), Some(_)) => {
            return Err(vm.type_error("Cannot specify both weights and cumulative weights"))
        }
    };
    if cum.len() != n {
        return Err(vm.value_error("The number of weights does not match the population"));
    }
    let last = cum.last().cloned().unwrap_or(Value::Int(0));
    let total = crate::ops::binary_op(vm, BinaryOperator::Add, &last, &Value::Float(0.0))?;
    let total = crate::number::convert::to_f64(vm, &total)?;
    if total <= 0.0 {
        return Err(vm.value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(vm.value_error("Total of weights must be finite"));
    }
    let hi = n.saturating_sub(1);
    for _ in 0..k {
        let x = Value::Float(next_float(vm, this)? * total);
        let i = bisect_right(vm, &cum, &x, 0, hi)?;
        out.push(crate::ops::get_item(
            vm,
            &population,
            &Value::Int(i as i64),
        )?);
    }
    Ok(vm.new_list(out))
}
