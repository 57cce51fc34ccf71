//! One sort for the whole program: a stable sort of indices behind a `dyn` comparator.
//!
//! Why not `slice::sort_by`: the standard sorts (driftsort, ipnsort) are large and are
//! compiled anew for every element type and comparator; the fifteen sorts of nianbao made
//! 52 KB of wasm before wasm-opt, paid by every user at every start. Here the standard stable
//! sort is compiled once, for `u32` indices with a `&dyn Fn` comparator, and each caller adds
//! only a small permutation loop. The lists sorted are short (sections, clean-ups, drafts in
//! storage), so the extra index vector and indirect calls cost nothing a user can feel.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal elements in their order (stable).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by the key `key` gives, stable.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, stable.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instantiation of the standard sort: indices `0..n` ordered by `cmp`.
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts `v[order[i]]` at `i` for every `i`, in place, by following each cycle of the
/// permutation once (every element is swapped at most once into its place).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // Marks `at` as placed; a placed position points at itself.
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small generator: every length to 40, many repeats, so stability is exercised.
        let mut seed = 12345u32;
        for len in 0..40 {
            for _ in 0..20 {
                let v: Vec<(u32, usize)> = (0..len)
                    .map(|i| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        ((seed >> 16) % 5, i)
                    })
                    .collect();
                let mut ours = v.clone();
                sort_by_key(&mut ours, |p| p.0);
                let mut std = v.clone();
                std.sort_by_key(|p| p.0);
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn natural_and_reverse_orders() {
        let mut v = vec!["丙", "甲", "乙", "甲", "1", "a"];
        let mut std = v.clone();
        std.sort();
        sort(&mut v);
        assert_eq!(v, std);
        let mut n = vec![3, 1, 2];
        sort_by(&mut n, |a, b| b.cmp(a));
        assert_eq!(n, [3, 2, 1]);
    }
}
