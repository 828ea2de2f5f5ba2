//! The native side of the stand-in `tkinter` (`python/lib/tkinter/`): `_sandpiper_io.draw`
//! queues one drawing operation for the page, `_sandpiper_io.wait_events` waits for the
//! student's clicks and keys. Operations cross as plain Python data (dicts, lists, numbers,
//! strings), checked here against `sandpiper_protocol::DrawOp`.

use std::rc::Rc;

use rustpython_vm::builtins::{PyDict, PyFloat, PyInt, PyList, PyStr, PyTuple};
use rustpython_vm::{AsObject, PyObjectRef, PyResult, VirtualMachine};
use sandpiper_protocol::DrawOp;
use serde_json::Value;

use crate::budget::Budget;
use crate::host::EventWait;

pub fn install(vm: &VirtualMachine, budget: &Rc<Budget>) -> PyResult<()> {
    let module = vm.import("_sandpiper_io", 0)?;
    let b = budget.clone();
    let draw = vm.new_function(
        "draw",
        move |op: PyObjectRef, vm: &VirtualMachine| -> PyResult<()> {
            let value = to_json(&op, vm)?;
            let op: DrawOp = serde_json::from_value(value)
                .map_err(|why| vm.new_value_error(format!("not a drawing operation: {why}")))?;
            b.run.draw(op);
            Ok(())
        },
    );
    module.set_attr("draw", draw, vm)?;

    let b = budget.clone();
    let wait_events = vm.new_function(
        "wait_events",
        move |timeout: Option<f64>, vm: &VirtualMachine| -> PyResult {
            b.check(vm)?;
            let timeout = timeout.map(|seconds| seconds.max(0.0));
            match b.run.wait_events(timeout) {
                Err(reason) => Err(b.stop_error(vm, reason)),
                Ok(EventWait::Unavailable) => Ok(vm.ctx.none()),
                Ok(EventWait::Timeout | EventWait::Interrupted) => {
                    Ok(vm.ctx.new_list(vec![]).into())
                }
                Ok(EventWait::Events(events)) => {
                    let events = events
                        .iter()
                        .map(|event| {
                            let value = serde_json::to_value(event).unwrap_or(Value::Null);
                            from_json(&value, vm)
                        })
                        .collect();
                    Ok(vm.ctx.new_list(events).into())
                }
            }
        },
    );
    module.set_attr("wait_events", wait_events, vm)
}

/// Python data as JSON: `None`, bools, ints, floats, strings, lists and tuples, dicts with
/// string keys.
fn to_json(obj: &PyObjectRef, vm: &VirtualMachine) -> PyResult<Value> {
    if vm.is_none(obj) {
        return Ok(Value::Null);
    }
    if obj.class().is(vm.ctx.types.bool_type) {
        return Ok(Value::Bool(obj.clone().try_to_bool(vm)?));
    }
    if let Some(int) = obj.downcast_ref::<PyInt>() {
        let value: i64 = int.try_to_primitive(vm)?;
        return Ok(Value::from(value));
    }
    if let Some(float) = obj.downcast_ref::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(float.to_f64()).map_or(Value::Null, Value::Number));
    }
    if let Some(text) = obj.downcast_ref::<PyStr>() {
        return Ok(Value::String(text.as_wtf8().to_string_lossy().into_owned()));
    }
    if let Some(list) = obj.downcast_ref::<PyList>() {
        let items = list.borrow_vec().to_vec();
        return items.iter().map(|item| to_json(item, vm)).collect();
    }
    if let Some(tuple) = obj.downcast_ref::<PyTuple>() {
        return tuple.iter().map(|item| to_json(item, vm)).collect();
    }
    if let Some(dict) = obj.downcast_ref::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (key, value) in dict {
            let key = key
                .downcast_ref::<PyStr>()
                .ok_or_else(|| vm.new_type_error("a drawing operation's keys are strings"))?;
            map.insert(
                key.as_wtf8().to_string_lossy().into_owned(),
                to_json(&value, vm)?,
            );
        }
        return Ok(Value::Object(map));
    }
    Err(vm.new_type_error(format!(
        "a drawing operation cannot hold {}",
        obj.class().name()
    )))
}

fn from_json(value: &Value, vm: &VirtualMachine) -> PyObjectRef {
    match value {
        Value::Null => vm.ctx.none(),
        Value::Bool(flag) => vm.ctx.new_bool(*flag).into(),
        Value::Number(number) => match number.as_i64() {
            Some(int) => vm.ctx.new_int(int).into(),
            None => vm.ctx.new_float(number.as_f64().unwrap_or(0.0)).into(),
        },
        Value::String(text) => vm.ctx.new_str(text.as_str()).into(),
        Value::Array(items) => vm
            .ctx
            .new_list(items.iter().map(|item| from_json(item, vm)).collect())
            .into(),
        Value::Object(map) => {
            let dict = vm.ctx.new_dict();
            for (key, value) in map {
                let _ = dict.set_item(key.as_str(), from_json(value, vm), vm);
            }
            dict.into()
        }
    }
}
