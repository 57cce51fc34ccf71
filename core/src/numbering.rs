//! Outline numbers of 公文 headings (一、 （一） 1. （1）), derived from position only.

/// Chinese numeral for 1..=99 as used in 公文 headings (一, 十, 十一, 二十三).
///
/// ```
/// assert_eq!(nianbao_core::numbering::chinese_numeral(21), "二十一");
/// ```
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].to_string(),
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => {
            let ones = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{}", DIGITS[n / 10], ones)
        }
        // Past 99 a report outline has stopped being an outline; plain digits stay readable.
        _ => n.to_string(),
    }
}

/// The marker of the `index`-th (1-based) heading at outline `level` (1-based).
///
/// Level 3 uses a half-width digit and full stop followed by no space; the space the
/// sample shows ("1. 强化…") comes from PDF extraction, not from the standard.
pub fn marker(level: usize, index: usize) -> String {
    match level {
        1 => format!("{}、", chinese_numeral(index)),
        2 => format!("（{}）", chinese_numeral(index)),
        3 => format!("{index}."),
        _ => format!("（{index}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100]
            .iter()
            .map(|&n| chinese_numeral(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn markers_per_level() {
        assert_eq!(marker(1, 4), "四、");
        assert_eq!(marker(2, 12), "（十二）");
        assert_eq!(marker(3, 3), "3.");
        assert_eq!(marker(4, 2), "（2）");
    }
}
