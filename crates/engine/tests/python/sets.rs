//! Sets show their elements in CPython's order (the engine's `set_order`), wherever a
//! program can see it.

use crate::common::{Harness, prints_as_in_cpython};

#[test]
fn sets_show_cpythons_order_wherever_a_program_sees_it() {
    let program = r#"
import random
random.seed(0)
print({3, 1, 2}, set([5, 4, 3, 2, 1]), {3, 1, 2}.pop(), random.choice(list({3, 1, 2})))
print({-1, 0, 1}, {100, 3, 8, 16}, {1.5, 2, 0.5}, {17, 1}, {2**70, 1, 2**64})
s = set(range(20))
for i in range(3, 20):
    s.discard(i)
s.add(40)
print(s, [s], {"k": s})
print(list({9, 8, 7}), tuple({9, 8, 7}), [*{9, 8, 7}], frozenset([3, 2, 1]), sorted({3, 1}))
print(*{5, 4}, sep=",")
first, *rest = {12, 11, 10}
print(first, rest)
for x in {10, 5}:
    print(x, end=" ")
print()
a = {10, 5}
print(a | {1}, a & {5, 10, 1}, a - {5}, a ^ {7}, {x % 7 for x in range(20, 0, -1)})
print(" ".join(str(x) for x in {30, 20, 10}), ",".join(map(str, {30, 20, 10})))
f = frozenset({8, 4, 2})
print(f, list(f), set(f), f | {1}, frozenset(f) is f, [x for x in f], type(iter(f)).__name__)
seen = set()
for v in [5, 3, 5, 1]:
    seen.add(v)
print(seen, list(seen), list(enumerate(seen)), dict(zip(seen, 'abc')))
popped = {7, 3, 5}
print([popped.pop() for _ in range(3)], popped)
try:
    popped.pop()
except KeyError as e:
    print(repr(e))
s = {10, 2, 1}
try:
    for x in s:
        print(x)
        s.add(x + 10)
except RuntimeError as e:
    print(e)
nested = {9, 1}
print([(a, b) for a in nested for b in nested], type(iter(nested)).__name__)
"#;
    prints_as_in_cpython(&mut Harness::new(), program);
}
