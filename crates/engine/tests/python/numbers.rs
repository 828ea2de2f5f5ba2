//! Arithmetic prints what CPython prints, down to the sign of a zero.

use crate::common::{Harness, prints_as_in_cpython};

/// A zero quotient of ints keeps the sign of the exact quotient (patch 0007): the folded
/// constant and the division at run time agree.
#[test]
fn zero_quotients_keep_their_sign() {
    let program = "\
a, b = 0, -1
print(0 / -1, a / b, -a / b, a / -b, 0 / 5)
print(1 / -10**400, -1 / 10**400, (-3) / 10**400, 3 / 10**400)
print(divmod(0, -1), 0 // -3, 0 % -3, 0.0 / -2, a * -1.0)
print(round(a / b), str(a / b), f'{a / b:+.1f}', abs(a / b))
";
    prints_as_in_cpython(&mut Harness::new(), program);
}
