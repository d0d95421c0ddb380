//! The `time` module: clocks, `sleep` (interruptible by Ctrl-C), and calendar time
//! (`gmtime`, `localtime`, `strftime`, `struct_time`).
//!
//! gilded has no access to the C library's time zone database, so local time is UTC
//! (`localtime` equals `gmtime`, `timezone` is 0).

use super::native_class::{field, new_instance, struct_sequence_class};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::{monotonic_ns, BlockReason};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn no_args(vm: &Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<()> {
    args::no_args(vm, name, args, kw)
}

fn time_time(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "time", args, kw)?;
    Ok(Value::Float(since_epoch().as_secs_f64()))
}

fn time_time_ns(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "time_ns", args, kw)?;
    Ok(Value::Int(since_epoch().as_nanos() as i64))
}

fn time_monotonic(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "monotonic", args, kw)?;
    Ok(Value::Float(monotonic_ns() as f64 / 1e9))
}

fn time_monotonic_ns(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "monotonic_ns", args, kw)?;
    Ok(Value::Int(monotonic_ns() as i64))
}

fn time_perf_counter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "perf_counter", args, kw)?;
    Ok(Value::Float(monotonic_ns() as f64 / 1e9))
}

fn time_perf_counter_ns(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "perf_counter_ns", args, kw)?;
    Ok(Value::Int(monotonic_ns() as i64))
}

/// CPU time of the process in seconds: from `/proc/self/stat` where available, else
/// the elapsed time (equal for a single busy thread).
/// CPU time of `clock` (a `CLOCK_*_CPUTIME_ID`) in seconds, as CPython's
/// `process_time`/`thread_time` read it.
fn cpu_seconds_of(clock: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer; the clock ids are Linux's CPU-time clocks.
    if unsafe { libc::clock_gettime(clock, &mut ts) } != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// The process's CPU time (all threads).
fn cpu_seconds() -> f64 {
    cpu_seconds_of(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn time_thread_time(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "thread_time", args, kw)?;
    Ok(Value::Float(cpu_seconds_of(libc::CLOCK_THREAD_CPUTIME_ID)))
}

fn time_thread_time_ns(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "thread_time_ns", args, kw)?;
    Ok(Value::Int(
        (cpu_seconds_of(libc::CLOCK_THREAD_CPUTIME_ID) * 1e9) as i64,
    ))
}

fn time_process_time(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "process_time", args, kw)?;
    Ok(Value::Float(cpu_seconds()))
}

fn time_process_time_ns(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "process_time_ns", args, kw)?;
    Ok(Value::Int((cpu_seconds() * 1e9) as i64))
}

/// A seconds argument (int or float).
fn seconds_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => Ok(args::index_i64(vm, v)? as f64),
    }
}

fn time_sleep(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "sleep", args, kw)?;
    let secs = seconds_arg(vm, v)?;
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs > 9.2e9 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    crate::io::flush_stdout(vm);
    let timeout = Duration::from_secs_f64(secs);
    let deadline = Instant::now() + timeout;
    // Never "succeeds": it sleeps in the slices `wait_until` hands it until the
    // deadline, with the GIL released.
    crate::threads::wait_until(vm, BlockReason::Sleep, Some(timeout), move |limit| {
        let rest = deadline.saturating_duration_since(Instant::now());
        std::thread::sleep(limit.map_or(rest, |l| l.min(rest)));
        false
    })?;
    Ok(Value::None)
}

// ----- calendar time -----

/// Broken-down UTC time.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    weekday: i64,
    yearday: i64,
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil(secs: i64) -> Civil {
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    let yearday = days - days_from_civil(year, 1, 1) + 1;
    Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
        // 1970-01-01 was a Thursday; Monday is 0.
        weekday: (days + 3).rem_euclid(7),
        yearday,
    }
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn struct_time_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = super::import(vm, "time")?;
    let class = crate::attr::get_attr(vm, &module, &Value::str("struct_time"))?;
    class
        .as_obj()
        .cloned()
        .ok_or_else(|| vm.type_error("time.struct_time is missing"))
}

fn struct_time(vm: &mut Vm, c: &Civil) -> PyResult<Value> {
    let class = struct_time_class(vm)?;
    let values = [
        ("tm_year", c.year),
        ("tm_mon", c.month),
        ("tm_mday", c.day),
        ("tm_hour", c.hour),
        ("tm_min", c.minute),
        ("tm_sec", c.second),
        ("tm_wday", c.weekday),
        ("tm_yday", c.yearday),
        ("tm_isdst", 0),
    ];
    let mut attrs: Vec<(&str, Value)> = values.iter().map(|&(k, v)| (k, Value::Int(v))).collect();
    attrs.push(("tm_zone", Value::str("UTC")));
    attrs.push(("tm_gmtoff", Value::Int(0)));
    Ok(new_instance(vm, &class, attrs))
}

/// A `secs` argument: None means now.
fn secs_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(since_epoch().as_secs() as i64),
        Some(v) => {
            let s = seconds_arg(vm, v)?;
            if !s.is_finite() || s.abs() > 1e17 {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(s.floor() as i64)
        }
    }
}

fn time_gmtime(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "gmtime", kw)?;
    args::count(vm, "gmtime", args, 0, 1)?;
    let secs = secs_arg(vm, args.first())?;
    struct_time(vm, &civil(secs))
}

/// Reads a struct_time (or 9-tuple) back into a civil time.
fn civil_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Civil> {
    let Some(v) = v.filter(|v| !v.is_none()) else {
        return Ok(civil(since_epoch().as_secs() as i64));
    };
    let items = if field(vm, v, "tm_year").is_some() {
        let names = [
            "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday",
            "tm_isdst",
        ];
        names
            .iter()
            .map(|n| field(vm, v, n).unwrap_or(Value::Int(0)))
            .collect()
    } else {
        crate::ops::collect_iterable(vm, v)?
    };
    if items.len() != 9 {
        return Err(vm.type_error("time tuple must have exactly 9 elements"));
    }
    let mut n = [0i64; 9];
    for (slot, item) in n.iter_mut().zip(&items) {
        *slot = args::index_i64(vm, item)?;
    }
    Ok(Civil {
        year: n[0],
        month: n[1],
        day: n[2],
        hour: n[3],
        minute: n[4],
        second: n[5],
        weekday: n[6],
        yearday: n[7],
    })
}

fn time_mktime(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "mktime", args, kw)?;
    let c = civil_arg(vm, Some(v))?;
    let days = days_from_civil(c.year, c.month, c.day);
    let secs = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
    Ok(Value::Float(secs as f64))
}

fn asctime_text(c: &Civil) -> String {
    let wd = WEEKDAYS
        .get(c.weekday.rem_euclid(7) as usize)
        .unwrap_or(&"Mon");
    let mon = MONTHS
        .get((c.month - 1).clamp(0, 11) as usize)
        .unwrap_or(&"Jan");
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        &wd[..3],
        &mon[..3],
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.year
    )
}

fn time_asctime(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "asctime", kw)?;
    args::count(vm, "asctime", args, 0, 1)?;
    let c = civil_arg(vm, args.first())?;
    Ok(Value::str(asctime_text(&c)))
}

fn time_ctime(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "ctime", kw)?;
    args::count(vm, "ctime", args, 0, 1)?;
    let secs = secs_arg(vm, args.first())?;
    Ok(Value::str(asctime_text(&civil(secs))))
}

/// `strftime` with the common directives of the C library.
fn strftime_text(fmt: &str, c: &Civil) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars();
    let wd = WEEKDAYS
        .get(c.weekday.rem_euclid(7) as usize)
        .copied()
        .unwrap_or("Monday");
    let mon = MONTHS
        .get((c.month - 1).clamp(0, 11) as usize)
        .copied()
        .unwrap_or("January");
    let hour12 = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
    while let Some(ch) = chars.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let piece = match d {
            'Y' => c.year.to_string(),
            'y' => format!("{:02}", c.year.rem_euclid(100)),
            'm' => format!("{:02}", c.month),
            'd' => format!("{:02}", c.day),
            'e' => format!("{:2}", c.day),
            'H' => format!("{:02}", c.hour),
            'I' => format!("{hour12:02}"),
            'M' => format!("{:02}", c.minute),
            'S' => format!("{:02}", c.second),
            'j' => format!("{:03}", c.yearday),
            'a' => wd[..3].to_string(),
            'A' => wd.to_string(),
            'b' | 'h' => mon[..3].to_string(),
            'B' => mon.to_string(),
            'p' => if c.hour < 12 { "AM" } else { "PM" }.to_string(),
            'w' => ((c.weekday + 1) % 7).to_string(),
            'u' => (c.weekday + 1).to_string(),
            'Z' => "UTC".to_string(),
            'z' => "+0000".to_string(),
            'c' => asctime_text(c),
            'x' => format!("{:02}/{:02}/{:02}", c.month, c.day, c.year.rem_euclid(100)),
            'X' | 'T' => format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second),
            'D' => format!("{:02}/{:02}/{:02}", c.month, c.day, c.year.rem_euclid(100)),
            'F' => format!("{}-{:02}-{:02}", c.year, c.month, c.day),
            'R' => format!("{:02}:{:02}", c.hour, c.minute),
            'n' => "\n".to_string(),
            't' => "\t".to_string(),
            '%' => "%".to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&piece);
    }
    out
}

fn time_strftime(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "strftime", kw)?;
    args::count(vm, "strftime", args, 1, 2)?;
    let Some(fmt) = args[0].as_str().map(str::to_string) else {
        return Err(vm.type_error(format!(
            "strftime() argument 1 must be str, not {}",
            vm.type_name(&args[0])
        )));
    };
    let c = civil_arg(vm, args.get(1))?;
    Ok(Value::str(strftime_text(&fmt, &c)))
}

/// Builds the `time` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("time");
    let functions: [(&'static str, crate::types::function::NativeFn); 18] = [
        ("time", time_time),
        ("time_ns", time_time_ns),
        ("monotonic", time_monotonic),
        ("monotonic_ns", time_monotonic_ns),
        ("perf_counter", time_perf_counter),
        ("perf_counter_ns", time_perf_counter_ns),
        ("process_time", time_process_time),
        ("process_time_ns", time_process_time_ns),
        ("sleep", time_sleep),
        ("gmtime", time_gmtime),
        ("localtime", time_gmtime),
        ("mktime", time_mktime),
        ("asctime", time_asctime),
        ("ctime", time_ctime),
        ("strftime", time_strftime),
        ("thread_time", time_thread_time),
        ("thread_time_ns", time_thread_time_ns),
        ("timegm", time_mktime),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    let class = struct_sequence_class(
        vm,
        "time",
        "struct_time",
        &[
            "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday",
            "tm_isdst",
        ],
    );
    set_attr(vm, &m, "struct_time", Value::Obj(class));
    set_attr(vm, &m, "timezone", Value::Int(0));
    set_attr(vm, &m, "altzone", Value::Int(0));
    set_attr(vm, &m, "daylight", Value::Int(0));
    let tzname = vm.new_tuple(vec![Value::str("UTC"), Value::str("UTC")]);
    set_attr(vm, &m, "tzname", tzname);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        let c = civil(0);
        assert_eq!(
            (c.year, c.month, c.day, c.weekday, c.yearday),
            (1970, 1, 1, 3, 1)
        );
        let c = civil(86400 * 365);
        assert_eq!((c.year, c.month, c.day), (1971, 1, 1));
        let c = civil(951782400); // 2000-02-29
        assert_eq!((c.year, c.month, c.day, c.yearday), (2000, 2, 29, 60));
        assert_eq!(days_from_civil(2000, 2, 29), 951782400 / 86400);
        assert_eq!(asctime_text(&civil(0)), "Thu Jan  1 00:00:00 1970");
    }
}
