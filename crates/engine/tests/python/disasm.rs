//! The disassembly shows the program as written and agrees with `dis` in the same interpreter.

use crate::common::Harness;
use sandpiper_engine::{CodeInfo, Outcome, format_text};

const PROGRAM: &str = "def outer(a, b=2, *args, c, **kw):\n    '''doc'''\n    def inner():\n        return a + b\n    return inner() + sum(x * 2 for x in args)\n\nclass Shape:\n    sides = 0\n    def area(self):\n        return 0\n\nsquare = lambda s: s * s\nwhile square(3) < 5:\n    pass\nprint(outer(1, c=3), [i for i in range(3)])\n";

fn disassemble(harness: &mut Harness) -> Vec<CodeInfo> {
    harness
        .session
        .disassemble(PROGRAM, "main.py")
        .expect("compiles")
}

#[test]
fn every_code_object_is_listed() {
    let mut harness = Harness::new();
    let codes = disassemble(&mut harness);
    let names: Vec<_> = codes.iter().map(|c| c.qualname.as_str()).collect();
    assert_eq!(
        names,
        [
            "<module>",
            "outer",
            "outer.<locals>.inner",
            "outer.<locals>.<genexpr>",
            "Shape",
            "Shape.area",
            "<lambda>"
        ]
    );
    let outer = &codes[1];
    assert_eq!(
        (outer.argcount, outer.kwonlyargcount, outer.first_line),
        (2, 1, 1)
    );
    assert!(
        outer.flag_names.contains(&"VARARGS".to_owned()),
        "{:?}",
        outer.flag_names
    );
    assert_eq!(outer.cellvars, ["a", "b"]);
    assert_eq!(codes[2].freevars, ["a", "b"]);
    assert!(outer.consts.contains(&"'doc'".to_owned()));
    assert!(codes[0].names.contains(&"print".to_owned()));
}

#[test]
fn nothing_of_the_budget_machinery_shows() {
    let mut harness = Harness::new();
    let codes = disassemble(&mut harness);
    for code in &codes {
        assert!(
            code.consts
                .iter()
                .all(|c| !c.contains("sandpiper") && !c.contains("built-in"))
        );
        let module_loop: Vec<_> = code
            .instructions
            .iter()
            .map(|i| i.opname.as_str())
            .collect();
        if code.qualname == "<module>" {
            // `while` stays a `while`: no FOR_ITER over a hidden iterator.
            let line_13: Vec<_> = code
                .instructions
                .iter()
                .filter(|i| i.line == Some(13))
                .map(|i| i.opname.as_str())
                .collect();
            assert!(!line_13.contains(&"FOR_ITER"), "{line_13:?}");
            assert!(module_loop.contains(&"RETURN_VALUE"));
        }
    }
    let text = format_text(&codes);
    assert!(text.contains("Disassembly of <code object outer"));
    assert!(text.contains("LOAD_CONST") || text.contains("LOAD_SMALL_INT"));
}

/// Decodes raw `co_code` (2-byte units, EXTENDED_ARG prefixes, zeroed inline caches).
fn decode(co_code: &[u8], extended_arg: u8) -> Vec<(u32, u8, u32)> {
    let mut out = Vec::new();
    let mut arg: u32 = 0;
    let mut start = None;
    for (unit, pair) in co_code.chunks(2).enumerate() {
        let (op, byte) = (pair[0], pair[1] as u32);
        if op == 0 {
            continue; // CACHE
        }
        let offset = (unit * 2) as u32;
        start.get_or_insert(offset);
        arg = (arg << 8) | byte;
        if op == extended_arg {
            continue;
        }
        out.push((start.take().unwrap(), op, arg));
        arg = 0;
    }
    out
}

#[test]
fn agrees_with_the_raw_bytes_and_the_opcode_table() {
    let mut harness = Harness::new();
    let codes = disassemble(&mut harness);
    // The interpreter's own opcode table, read by a program in the same session.
    let report = harness
        .run("import dis, json\nprint(dis.opmap['EXTENDED_ARG'])\nprint(json.dumps(dis.opname))\n");
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    let stdout = harness.stdout();
    let mut lines = stdout.lines();
    let extended_arg: u8 = lines.next().unwrap().parse().unwrap();
    let opnames: Vec<String> = serde_json::from_str(lines.next().unwrap()).unwrap();
    for code in &codes {
        let listed: Vec<_> = code
            .instructions
            .iter()
            .map(|i| (i.offset, i.opcode as u8, i.arg.unwrap_or(0)))
            .collect();
        assert_eq!(
            listed,
            decode(&code.co_code, extended_arg),
            "{}",
            code.qualname
        );
        for ins in &code.instructions {
            assert_eq!(
                ins.opname, opnames[ins.opcode as usize],
                "{}",
                code.qualname
            );
            if let Some(target) = ins.jump_target {
                assert!(
                    code.instructions
                        .iter()
                        .any(|i| i.offset == target && i.is_jump_target),
                    "{} jumps to {target}",
                    code.qualname
                );
            }
        }
    }
}

#[test]
fn syntax_errors_come_back_instead_of_bytecode() {
    let mut harness = Harness::new();
    let error = harness
        .session
        .disassemble("def f(:\n    pass\n", "main.py")
        .unwrap_err();
    assert_eq!(error.type_name, "SyntaxError");
    assert_eq!(error.syntax.unwrap().line, 1);
}
