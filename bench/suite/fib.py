# Recursive calls: the cost of a Python function call.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main():
    print(fib(30))


main()
