//! The bytecode of a program as data: what `dis` shows, for every code object.

use serde::{Deserialize, Serialize};

/// One instruction, as `dis.get_instructions` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instruction {
    pub offset: u32,
    pub opname: String,
    pub opcode: u32,
    pub arg: Option<u32>,
    pub argrepr: String,
    /// Source position (1-based lines, 0-based columns), where known.
    pub line: Option<u32>,
    pub end_line: Option<u32>,
    pub column: Option<u32>,
    pub end_column: Option<u32>,
    pub jump_target: Option<u32>,
    pub is_jump_target: bool,
}

/// One code object: the module, a function, a class body, a lambda or a comprehension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeInfo {
    pub name: String,
    pub qualname: String,
    pub first_line: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub flag_names: Vec<String>,
    pub stacksize: u32,
    /// `repr` of each constant.
    pub consts: Vec<String>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// The raw `co_code` bytes.
    pub co_code: Vec<u8>,
    pub instructions: Vec<Instruction>,
}

/// `dis.dis`-style text for a whole program.
pub fn format_text(codes: &[CodeInfo]) -> String {
    let mut out = String::new();
    for (index, code) in codes.iter().enumerate() {
        if index > 0 {
            out.push_str(&format!(
                "\nDisassembly of <code object {} at line {}>:\n",
                code.qualname, code.first_line
            ));
        }
        let mut last_line = None;
        for ins in &code.instructions {
            let line = if ins.line != last_line && ins.line.is_some() {
                if last_line.is_some() {
                    out.push('\n');
                }
                last_line = ins.line;
                format!("{:>4}", ins.line.unwrap_or_default())
            } else {
                "    ".to_owned()
            };
            let label = if ins.is_jump_target { ">>" } else { "  " };
            let arg = ins.arg.map(|a| a.to_string()).unwrap_or_default();
            let argrepr = if ins.argrepr.is_empty() {
                String::new()
            } else {
                format!(" ({})", ins.argrepr)
            };
            out.push_str(
                format!(
                    "{line}  {label} {:>4} {:<24} {arg:>4}{argrepr}",
                    ins.offset, ins.opname
                )
                .trim_end(),
            );
            out.push('\n');
        }
    }
    out
}
