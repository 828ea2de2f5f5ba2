# What CPython 3.14 says of PROGRAM's expressions, for `expressions.rs`: for every
# expression node of its syntax tree, its span (lines from 1, columns in UTF-8 bytes from
# 0, as `co_positions()` gives them) and, evaluated again in the module's namespace once
# the program has run, its value's repr (null where that cannot be done, as inside a
# function). Written after a NUL, as JSON, so that the program's own output comes first.
import ast
import json
import sys

tree = ast.parse(PROGRAM)
namespace = {"__name__": "__main__"}
exec(compile(tree, "main.py", "exec"), namespace)
spans = []
for node in ast.walk(tree):
    if not isinstance(node, ast.expr):
        continue
    try:
        value = repr(eval(ast.get_source_segment(PROGRAM, node), namespace))
    except Exception:
        value = None
    spans.append([node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, value])
sys.stdout.write("\0" + json.dumps(spans))
