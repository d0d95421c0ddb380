//! A stable sort whose comparisons may raise: `sorted()` and `list.sort()` compare
//! with Python's `<`, which can call user code and fail, so Rust's `sort_by` (which
//! cannot stop early and may panic on an inconsistent order) is used only for values
//! whose order is known to be total (ints, strs, floats without NaN).

use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// Runs shorter than this are sorted by binary insertion before merging.
const RUN: usize = 32;

/// Sorts `items` in place, stably, by `key(item)` (or the items themselves) with
/// Python's `<`; `reverse` sorts descending while keeping equal items in their
/// original order, as CPython does. On an exception `items` is left unchanged.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys = match key {
        Some(f) if !f.is_none() => {
            let mut keys = Vec::with_capacity(items.len());
            for item in items.iter() {
                keys.push(vm.call(f, vec![item.clone()], vec![])?);
            }
            Some(keys)
        }
        _ => None,
    };
    let keyed: &[Value] = keys.as_deref().unwrap_or(items);
    if let Some(order) = native_order(keyed, reverse) {
        apply(items, &order);
        return Ok(());
    }
    let mut order: Vec<usize> = (0..keyed.len()).collect();
    let mut less = |a: usize, b: usize| -> PyResult<bool> {
        if reverse {
            crate::ops::less_than(vm, &keyed[b], &keyed[a])
        } else {
            crate::ops::less_than(vm, &keyed[a], &keyed[b])
        }
    };
    merge_sort(&mut order, &mut less)?;
    apply(items, &order);
    Ok(())
}

/// Reorders `items` so that position i holds the old `items[order[i]]`.
fn apply(items: &mut Vec<Value>, order: &[usize]) {
    let mut old: Vec<Option<Value>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.iter().map(|&i| old[i].take().unwrap_or(Value::None)));
}

/// The sorted order computed without Python calls, when every key is of one type
/// with a total order.
fn native_order(keys: &[Value], reverse: bool) -> Option<Vec<usize>> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        let int = |i: usize| match keys[i] {
            Value::Int(v) => v,
            _ => 0,
        };
        if reverse {
            order.sort_by_key(|&a| std::cmp::Reverse(int(a)));
        } else {
            order.sort_by_key(|&a| int(a));
        }
        return Some(order);
    }
    if keys
        .iter()
        .all(|k| matches!(k, Value::Float(f) if !f.is_nan()))
    {
        let float = |i: usize| match keys[i] {
            Value::Float(v) => v,
            _ => 0.0,
        };
        let cmp = |a: f64, b: f64| a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal);
        if reverse {
            order.sort_by(|&a, &b| cmp(float(b), float(a)));
        } else {
            order.sort_by(|&a, &b| cmp(float(a), float(b)));
        }
        return Some(order);
    }
    if keys
        .iter()
        .all(|k| matches!(k.payload(), Some(Payload::Str(_))))
    {
        // UTF-8 byte order is code point order, which is how Python compares strs.
        let text = |i: usize| keys[i].as_str().unwrap_or("");
        if reverse {
            order.sort_by(|&a, &b| text(b).cmp(text(a)));
        } else {
            order.sort_by(|&a, &b| text(a).cmp(text(b)));
        }
        return Some(order);
    }
    None
}

/// Stable merge sort of indices with a fallible `less`.
fn merge_sort(
    idx: &mut [usize],
    less: &mut impl FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<()> {
    let n = idx.len();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = idx[i];
            // Insert after every element not greater than x (keeps stability).
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if less(x, idx[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            idx[lo..=i].rotate_right(1);
        }
    }
    let mut buf = vec![0usize; n];
    let mut width = RUN;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            if mid >= end || !less(idx[mid], idx[mid - 1])? {
                continue;
            }
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if less(idx[j], idx[i])? {
                    buf[k] = idx[j];
                    j += 1;
                } else {
                    buf[k] = idx[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&idx[i..mid]);
            k += mid - i;
            buf[k..k + (end - j)].copy_from_slice(&idx[j..end]);
            idx[start..end].copy_from_slice(&buf[start..end]);
        }
        width *= 2;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::merge_sort;

    #[test]
    fn merge_sort_is_stable_and_sorted() {
        // Keys with many duplicates; stability means equal keys keep index order.
        let keys: Vec<i64> = (0..500).map(|i| (i * 7919 % 13) as i64).collect();
        let mut idx: Vec<usize> = (0..keys.len()).collect();
        merge_sort(&mut idx, &mut |a, b| Ok(keys[a] < keys[b])).unwrap();
        for w in idx.windows(2) {
            let (a, b) = (w[0], w[1]);
            assert!(keys[a] < keys[b] || (keys[a] == keys[b] && a < b));
        }
    }
}
