"""The bytecode viewer's data: every code object of a compiled program, as JSON for the
engine's `CodeInfo`. In the warm bundle, with the `dis` and `json` it uses."""


def _code_objects(code):
    """`code` and every code object nested in its constants, depth first."""
    found = [code]
    for constant in code.co_consts:
        if hasattr(constant, "co_code"):
            found.extend(_code_objects(constant))
    return found


def disassemble(code):
    """Every code object of a compiled program, as JSON for the engine's `CodeInfo`."""
    import dis
    import json

    def instruction(i):
        p = i.positions
        return {
            "offset": i.offset,
            "opname": i.opname,
            "opcode": i.opcode,
            "arg": i.arg,
            "argrepr": i.argrepr,
            "line": p.lineno if p else None,
            "end_line": p.end_lineno if p else None,
            "column": p.col_offset if p else None,
            "end_column": p.end_col_offset if p else None,
            "jump_target": i.jump_target,
            "is_jump_target": i.is_jump_target,
        }

    return json.dumps([
        {
            "name": co.co_name,
            "qualname": co.co_qualname,
            "first_line": co.co_firstlineno,
            "argcount": co.co_argcount,
            "posonlyargcount": co.co_posonlyargcount,
            "kwonlyargcount": co.co_kwonlyargcount,
            "flags": co.co_flags,
            "flag_names": dis.pretty_flags(co.co_flags).split(", ") if co.co_flags else [],
            "stacksize": co.co_stacksize,
            "consts": [repr(c) for c in co.co_consts],
            "names": list(co.co_names),
            "varnames": list(co.co_varnames),
            "cellvars": list(co.co_cellvars),
            "freevars": list(co.co_freevars),
            "co_code": list(co.co_code),
            "instructions": [instruction(i) for i in dis.get_instructions(co)],
        }
        for co in _code_objects(code)
    ])
