//! Character classes and numbers of Chinese text, shared by the import and the checks.

/// A Han ideograph: the unified ideographs, extension A, the compatibility ideographs and the
/// supplementary planes' extensions B to H. 〇 (U+3007) is a symbol here, as Unicode has it.
pub fn is_han(c: char) -> bool {
    matches!(
        c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF
    )
}

/// Chinese running text: Han ideographs, CJK radicals, symbols and punctuation (、。〇《》
/// 【】 …), vertical and compatibility forms, full-width forms (，：（） Ａ１), and the general
/// punctuation Chinese text uses (“”‘’ — ― … ·).
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(
            c as u32,
            0x2E80..=0x33FF | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        )
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '―' | '…' | '·')
}

/// Longest run of Arabic digits read as a number: a year, a count or a day, never a phone
/// number or an id.
const MAX_DIGITS: usize = 6;

/// Value of a number written in ASCII digits (2024, up to six digits) or in Chinese
/// numerals (二〇二四, 十五, 二十三); `None` for anything else, white space included.
pub fn number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().filter(|_| s.len() <= MAX_DIGITS);
    }
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        _ => "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32),
    };
    if !s.contains('十') {
        if s.chars().count() > 4 {
            return None;
        }
        return s
            .chars()
            .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?));
    }
    let (tens, ones) = s.split_once('十')?;
    let one_digit = |part: &str, empty: u32| {
        let mut it = part.chars();
        match (it.next(), it.next()) {
            (None, _) => Some(empty),
            (Some(c), None) => digit(c),
            _ => None,
        }
    };
    let (tens, ones) = (one_digit(tens, 1)?, one_digit(ones, 0)?);
    (tens >= 1).then_some(tens * 10 + ones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_cjk_ranges() {
        for c in ['法', '㐀', '豈', '𠀀', '𰀀'] {
            assert!(is_han(c) && is_cjk(c), "{c}");
        }
        for c in [
            '〇', '、', '。', '《', '》', '【', '，', '（', '）', '：', 'Ａ', '１', '“', '”', '—',
            '…', '·', '︰', '㈠',
        ] {
            assert!(is_cjk(c), "{c}");
            assert!(!is_han(c), "{c}");
        }
        for c in ['a', '1', ',', '(', '-', ' ', 'é', 'Ω'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn numbers_in_both_digit_kinds() {
        let cases = [
            ("2024", Some(2024)),
            ("05", Some(5)),
            ("123456", Some(123_456)),
            ("1234567", None),
            ("二〇二四", Some(2024)),
            ("二零二四", Some(2024)),
            ("十", Some(10)),
            ("十五", Some(15)),
            ("二十三", Some(23)),
            ("三十", Some(30)),
            ("一二三四五", None),
            ("十十", None),
            ("二十三四", None),
            ("〇十", None),
            ("", None),
            (" 1", None),
            ("1a", None),
            ("１２", None),
        ];
        for (s, want) in cases {
            assert_eq!(number(s), want, "{s:?}");
        }
    }
}
