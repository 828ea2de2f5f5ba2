//! Sets show their elements in CPython's order (patch 0013: the set keeps CPython's table
//! beside its dict), wherever a program can see it.

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

/// Orders after removals, `pop()`, merges, copies and the set operations' own paths, which
/// only CPython's table (dummies, resizes, `set_merge`'s copy, the pop finger) gets right.
/// Small ints, floats and strings of one character: their hashes are the same on 32-bit
/// CPython (the reference) as on the 64-bit CPython students install.
#[test]
fn orders_after_removals_and_set_operations_are_cpythons() {
    let program = r#"
a = set(range(20)); a.discard(3); a.add(35); a.add(67); print(a)
b = {x * 7 % 50 for x in range(30)}; print(b)
print(b - {0, 7, 14}, b & set(range(10, 40)), b ^ {1, 2, 3, 100}, b | {99, 98})
c = set(range(100)); c -= set(range(10, 95)); print(c)
d = set(range(1, 30)); [d.pop() for _ in range(5)]; print(d, d.pop())
e = {1, 2, 3}; e.update([64, 128, 9]); print(e)
f = frozenset([8, 16, 24, 32, 0]); print(f, set(f), f | {1})
g = set()
for i in range(0, 200, 9): g.add(i)
for i in range(0, 200, 27): g.discard(i)
print(g, list(g)[:5], *g)
print({7} | {1.5, 2.5, 0.5}, {True, 2, 3.0, None} - {None})
print(dict.fromkeys({9, 1, 17}), [*{10, 2, 18}], tuple({33, 1}))
x, y, z = {26, 10, 18}; print(x, y, z)
s2 = set(range(10)); s2.intersection_update({5, 3, 200, 1}); print(s2)
s3 = set(range(12)); s3.symmetric_difference_update([3, 4, 100, 101]); print(s3)
s4 = {1, 2}; s4.difference_update({1}, [2, 3]); print(s4)
print({1, 2, 3}.union([40, 8], (17, 1)), {9, 17, 1}.intersection([1, 17], {17}))
big = set(range(0, 300000, 3)); big -= set(range(0, 300000, 6)); print(len(big), list(big)[:10])
it = iter({1, 2, 3}); print(it.__length_hint__(), next(it), it.__length_hint__())
print(set(range(5)).copy(), {i: i for i in {4, 12, 20}}, {*range(40, 0, -8), *[3]})
t = set(); t |= {8, 16}; t |= {24, 0, 3}; print(t)
u = set(range(6)); u.clear(); u.add(100); u.add(1); print(u, u.pop(), u)
w = {5, 13, 21}; w.remove(13); w.add(29); print(w, w == {5, 21, 29}, w.pop(), w.pop())
same = {7, 15}; same.discard(7); same &= same; same.add(7); print(same)
same = set(range(20)); same.symmetric_difference_update(same); same.add(8); same.add(0); print(same)
keys = dict.fromkeys([16, 0, 1, 2, 3]).keys()
print(keys - {99}, keys | set(), keys ^ set(), keys & {0, 16, 5, 1, 2, 3, 4})
print(dict.fromkeys([8, 0]).keys() & {0, 8, 5}, dict.fromkeys([8, 0]).keys() ^ {1})
"#;
    prints_as_in_cpython(&mut Harness::new(), program);
}

/// Keys whose `__eq__` says yes to another key and whose `__del__` looks at the set: the
/// set's table never runs them while it is locked, and the set holds what CPython's does.
#[test]
fn hostile_keys_cannot_break_a_set() {
    let program = r#"
class K:
    eq = False
    def __init__(self, n): self.n = n
    def __hash__(self): return 1
    def __eq__(self, other): return K.eq
    def __repr__(self): return f"K{self.n}"
    def __del__(self): print("del", self.n, "sees", len(s), sorted(map(repr, s)))
a, b = K(1), K(2)
s = {a, b}
print(len(s), s.pop() in (a, b))
s.add(a)
K.eq = True
p = s.pop()
K.eq = False
print(len(s), len(list(s)))
del a, p
s.discard(b)
print(len(s), list(s))
s.clear()
print(s)
"#;
    prints_as_in_cpython(&mut Harness::new(), program);
}
