"""The dialogs turtle's `textinput` and `numinput` open, asked inline as `input()` is: the
prompt in the output and the answer typed under it. End of input is Cancel (None)."""

__all__ = ["askstring", "askinteger", "askfloat"]


def _ask(title, prompt, initialvalue):
    hint = f" [{initialvalue}]" if initialvalue is not None else ""
    try:
        answer = input(f"{prompt}{hint} ")
    except EOFError:
        return None
    if answer == "" and initialvalue is not None:
        return str(initialvalue)
    return answer


def _ask_number(convert, wrong, title, prompt, initialvalue, minvalue, maxvalue):
    while True:
        answer = _ask(title, prompt, initialvalue)
        if answer is None:
            return None
        try:
            value = convert(answer)
        except ValueError:
            print(f"{wrong}\nPlease try again")
            continue
        if minvalue is not None and value < minvalue:
            print(f"The allowed minimum value is {minvalue}. Please try again.")
        elif maxvalue is not None and value > maxvalue:
            print(f"The allowed maximum value is {maxvalue}. Please try again.")
        else:
            return value


def askstring(title, prompt, initialvalue=None, show=None, parent=None):
    return _ask(title, prompt, initialvalue)


def askinteger(title, prompt, initialvalue=None, minvalue=None, maxvalue=None, parent=None):
    return _ask_number(int, "Not an integer.", title, prompt, initialvalue, minvalue, maxvalue)


def askfloat(title, prompt, initialvalue=None, minvalue=None, maxvalue=None, parent=None):
    return _ask_number(float, "Not a floating-point value.", title, prompt, initialvalue,
                       minvalue, maxvalue)
