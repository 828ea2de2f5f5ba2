# Each kind of syntax a student's program may use, for scripts/profile-split.mjs: compiling
# and running it must not need the rest of the runtime.
import contextlib, math
from collections import namedtuple as nt

GLOBAL_LIMIT: int = 3

class Shape:
    """A shape."""
    count = 0
    def __init__(self, *sides, name="shape", **extra):
        self.sides, self.name, self.extra = list(sides), name, extra
        Shape.count += 1
    @property
    def perimeter(self):
        return sum(self.sides)
    @classmethod
    def square(cls, side):
        return cls(side, side, side, side, name="square")
    @staticmethod
    def describe(shape, /, *, verbose=False):
        return f"{shape.name!r:>10} {shape.perimeter:.1f} {'+' if verbose else '-'}"
    def __eq__(self, other):
        return isinstance(other, Shape) and self.sides == other.sides
    def __lt__(self, other):
        return self.perimeter < other.perimeter

class Circle(Shape):
    def __init__(self, r):
        super().__init__(name="circle")
        self.r = r
    @property
    def perimeter(self):
        return 2 * math.pi * self.r

def counter():
    n = 0
    def bump(by=1):
        nonlocal n
        n += by
        return n
    return bump

def evens(limit):
    yield from (i for i in range(limit) if not i & 1)

def walk(tree, depth=0):
    global GLOBAL_LIMIT
    if isinstance(tree, list):
        return max((walk(item, depth + 1) for item in tree), default=depth)
    if isinstance(tree, dict) and "leaf" in tree and depth < GLOBAL_LIMIT:
        return depth + tree["leaf"]
    return depth + (tree > 0)

shapes = [Shape(3, 4, 5, name="triangle"), Shape.square(2), Circle(1)]
shapes.sort(key=lambda s: (s.perimeter, s.name), reverse=True)
by_name = {s.name: s for s in shapes}
names = {s.name for s in shapes}
grid = [[x * y for x in range(3)] for y in range(3)]
flat = [v for row in grid for v in row if v]
pairs = dict(zip("abc", range(3)))
bump = counter()
bump(); bump(by=5)
first, *middle, last = range(6)
a = b = 7
a, b = b, a
x = 5
print(0 < x <= 10, x if x % 2 else -x, not x, x ** 2 // 3 % 4, -x, ~x, x << 2 >> 1, x ^ 3 | 1 & 6)
print(Shape.describe(shapes[0], verbose=True), sorted(names), len(by_name), flat[::2], grid[1][-1])
print(list(evens(7)), bump(), first, middle, last, pairs, walk([1, [2, {"leaf": 3}], 4.5]))
if (n := len(flat)) > 3:
    print("walrus", n)
elif n == 0:
    pass
else:
    print("small")
while n:
    n -= 1
    if n == 2:
        continue
    if n == 1:
        break
else:
    print("no break")
for i, ch in enumerate("hey"):
    pass
try:
    assert x > 10, "x too small"
except (AssertionError, ValueError) as error:
    print("caught:", error)
else:
    print("no error")
finally:
    del a
try:
    raise KeyError("k") from None
except KeyError:
    pass
with contextlib.nullcontext(42) as value, contextlib.suppress(ZeroDivisionError):
    print(value, 1 / 0)
Point = nt("Point", "x y")
p = Point(1, y=2)
print(p, p._replace(x=3), *p, sep=" | ", end="\n")
data = b"bytes\x00" + b"A!"
text = r"raw\n" + """triple
quoted""" + 'single'
print(data, text, f"{x=}", f"{'nested ' + str(x):^12}", f"{3.14159:.2f}", "%s-%d" % ("old", 1), "{0}{k}".format(1, k=2))
print(1_000_000, 0x1F, 0o17, 0b101, 1e-3, 2 ** 100, 10 / 4, 7 // 2, -7 % 3, round(2.5), abs(-3))
print(any(s.perimeter > 10 for s in shapes), all([]), min(3, 1, 2), max("abc"), sum(range(10), start=5))
lambda_default = (lambda *args, k=1, **kw: (args, k, kw))(1, 2, k=3, z=4)
print(lambda_default, global_check := GLOBAL_LIMIT, isinstance(shapes[0], (Shape, int)), issubclass(Circle, Shape))
print(*map(str.upper, "ab"), *[0, 1, 2], sep=",")
print(sorted(shapes)[0].name, Shape.count, Circle(2) == Circle(2), [*range(3), *"ab"], {**pairs, "d": 3})
