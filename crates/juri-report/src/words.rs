//! Numbers and dates written out in words, as official minutes require
//! ("Senin tanggal lima belas bulan Desember tahun dua ribu dua puluh lima").

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

use crate::i18n::Lang;

const ID_MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Name of a month (1–12) in `lang`.
pub fn month_name(month: u32, lang: Lang) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Id => ID_MONTHS[i],
        Lang::En => EN_MONTHS[i],
    }
}

/// Name of a weekday in `lang`.
pub fn weekday_name(day: Weekday, lang: Lang) -> &'static str {
    let (id, en) = match day {
        Weekday::Mon => ("Senin", "Monday"),
        Weekday::Tue => ("Selasa", "Tuesday"),
        Weekday::Wed => ("Rabu", "Wednesday"),
        Weekday::Thu => ("Kamis", "Thursday"),
        Weekday::Fri => ("Jumat", "Friday"),
        Weekday::Sat => ("Sabtu", "Saturday"),
        Weekday::Sun => ("Minggu", "Sunday"),
    };
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// "15 Desember 2025" / "15 December 2025".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month(), lang),
        date.year()
    )
}

/// "15 Desember 2025 pukul 14.30" / "15 December 2025 at 14:30", with an optional zone label.
pub fn date_time(at: NaiveDateTime, zone: &str, lang: Lang) -> String {
    let date = long_date(at.date(), lang);
    let zone = if zone.trim().is_empty() {
        String::new()
    } else {
        format!(" {}", zone.trim())
    };
    match lang {
        Lang::Id => format!("{date} pukul {:02}.{:02}{zone}", at.hour(), at.minute()),
        Lang::En => format!("{date} at {:02}:{:02}{zone}", at.hour(), at.minute()),
    }
}

/// The opening clause of minutes, the date in words:
/// "Pada hari ini Senin tanggal lima belas bulan Desember tahun dua ribu dua puluh lima" /
/// "On this day, Monday the fifteenth of December in the year two thousand twenty-five".
pub fn date_in_words(date: NaiveDate, lang: Lang) -> String {
    let day = weekday_name(date.weekday(), lang);
    let month = month_name(date.month(), lang);
    let year = i64::from(date.year());
    match lang {
        Lang::Id => format!(
            "Pada hari ini {day} tanggal {} bulan {month} tahun {}",
            terbilang(i64::from(date.day())),
            terbilang(year)
        ),
        Lang::En => format!(
            "On this day, {day} the {} of {month} in the year {}",
            english_ordinal(date.day()),
            english_words(year)
        ),
    }
}

/// A whole number in words in `lang`.
pub fn number_in_words(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Id => terbilang(n),
        Lang::En => english_words(n),
    }
}

/// Indonesian "terbilang": 15 → "lima belas", 2025 → "dua ribu dua puluh lima".
pub fn terbilang(n: i64) -> String {
    if n == 0 {
        return "nol".to_string();
    }
    let mut words = Vec::new();
    if n < 0 {
        words.push("minus".to_string());
    }
    let mut rest = n.unsigned_abs();
    const SCALES: [(u64, &str); 5] = [
        (1_000_000_000_000_000, "kuadriliun"),
        (1_000_000_000_000, "triliun"),
        (1_000_000_000, "miliar"),
        (1_000_000, "juta"),
        (1_000, "ribu"),
    ];
    for (scale, name) in SCALES {
        let group = rest / scale;
        rest %= scale;
        if group == 0 {
            continue;
        }
        if scale == 1_000 && group == 1 {
            words.push("seribu".to_string());
        } else {
            words.push(format!("{} {name}", below_thousand_id(group)));
        }
    }
    if rest > 0 {
        words.push(below_thousand_id(rest));
    }
    words.join(" ")
}

fn below_thousand_id(n: u64) -> String {
    const ONES: [&str; 10] = [
        "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    ];
    let mut parts: Vec<String> = Vec::new();
    let hundreds = n / 100;
    let rest = n % 100;
    match hundreds {
        0 => {}
        1 => parts.push("seratus".into()),
        h => parts.push(format!("{} ratus", ONES[h as usize])),
    }
    match rest {
        0 => {}
        10 => parts.push("sepuluh".into()),
        11 => parts.push("sebelas".into()),
        12..=19 => parts.push(format!("{} belas", ONES[(rest - 10) as usize])),
        1..=9 => parts.push(ONES[rest as usize].into()),
        _ => {
            parts.push(format!("{} puluh", ONES[(rest / 10) as usize]));
            if !rest.is_multiple_of(10) {
                parts.push(ONES[(rest % 10) as usize].into());
            }
        }
    }
    parts.join(" ")
}

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English cardinal: 2025 → "two thousand twenty-five".
pub fn english_words(n: i64) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let mut words = Vec::new();
    if n < 0 {
        words.push("minus".to_string());
    }
    let mut rest = n.unsigned_abs();
    const SCALES: [(u64, &str); 5] = [
        (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    for (scale, name) in SCALES {
        let group = rest / scale;
        rest %= scale;
        if group > 0 {
            words.push(format!("{} {name}", below_thousand_en(group)));
        }
    }
    if rest > 0 {
        words.push(below_thousand_en(rest));
    }
    words.join(" ")
}

fn below_thousand_en(n: u64) -> String {
    let mut parts: Vec<String> = Vec::new();
    if n >= 100 {
        parts.push(format!("{} hundred", EN_ONES[(n / 100) as usize]));
    }
    let rest = n % 100;
    if rest >= 20 {
        let tens = EN_TENS[(rest / 10) as usize];
        if rest.is_multiple_of(10) {
            parts.push(tens.to_string());
        } else {
            parts.push(format!("{tens}-{}", EN_ONES[(rest % 10) as usize]));
        }
    } else if rest > 0 {
        parts.push(EN_ONES[rest as usize].to_string());
    }
    parts.join(" ")
}

/// English ordinal for a day of the month: 1 → "first", 15 → "fifteenth", 22 → "twenty-second".
pub fn english_ordinal(n: u32) -> String {
    const IRREGULAR: [(&str, &str); 6] = [
        ("one", "first"),
        ("two", "second"),
        ("three", "third"),
        ("five", "fifth"),
        ("eight", "eighth"),
        ("twelve", "twelfth"),
    ];
    let cardinal = english_words(i64::from(n));
    let (head, last) = match cardinal.rfind(['-', ' ']) {
        Some(i) => cardinal.split_at(i + 1),
        None => ("", cardinal.as_str()),
    };
    let last = if let Some((_, ord)) = IRREGULAR.iter().find(|(c, _)| *c == last) {
        (*ord).to_string()
    } else if let Some(stem) = last.strip_suffix('y') {
        format!("{stem}ieth")
    } else if last == "nine" {
        "ninth".to_string()
    } else {
        format!("{last}th")
    };
    format!("{head}{last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terbilang_cases() {
        let cases = [
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (15, "lima belas"),
            (20, "dua puluh"),
            (31, "tiga puluh satu"),
            (100, "seratus"),
            (101, "seratus satu"),
            (115, "seratus lima belas"),
            (250, "dua ratus lima puluh"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (1999, "seribu sembilan ratus sembilan puluh sembilan"),
            (2025, "dua ribu dua puluh lima"),
            (11_000, "sebelas ribu"),
            (100_000, "seratus ribu"),
            (1_000_000, "satu juta"),
            (2_500_000_000, "dua miliar lima ratus juta"),
            (-7, "minus tujuh"),
        ];
        for (n, words) in cases {
            assert_eq!(terbilang(n), words, "{n}");
        }
    }

    #[test]
    fn english_cases() {
        assert_eq!(english_words(2025), "two thousand twenty-five");
        assert_eq!(english_words(1_000_110), "one million one hundred ten");
        assert_eq!(english_words(40), "forty");
        let ordinals = [
            (1, "first"),
            (2, "second"),
            (3, "third"),
            (5, "fifth"),
            (8, "eighth"),
            (9, "ninth"),
            (12, "twelfth"),
            (15, "fifteenth"),
            (20, "twentieth"),
            (21, "twenty-first"),
            (29, "twenty-ninth"),
            (30, "thirtieth"),
            (31, "thirty-first"),
        ];
        for (n, words) in ordinals {
            assert_eq!(english_ordinal(n), words, "{n}");
        }
    }

    #[test]
    fn dates_in_words() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
        assert_eq!(
            date_in_words(d, Lang::Id),
            "Pada hari ini Senin tanggal lima belas bulan Desember tahun dua ribu dua puluh lima"
        );
        assert_eq!(
            date_in_words(d, Lang::En),
            "On this day, Monday the fifteenth of December in the year two thousand twenty-five"
        );
        assert_eq!(long_date(d, Lang::Id), "15 Desember 2025");
        assert_eq!(long_date(d, Lang::En), "15 December 2025");
        let at = d.and_hms_opt(14, 5, 0).unwrap();
        assert_eq!(
            date_time(at, "WITA", Lang::Id),
            "15 Desember 2025 pukul 14.05 WITA"
        );
        assert_eq!(date_time(at, "", Lang::En), "15 December 2025 at 14:05");
    }
}
