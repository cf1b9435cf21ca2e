//! Calendar dates (`YYYY-MM-DD`) for suppression expiry, `--as-of` and adequacy validity,
//! and today's date from the system clock. No time zones: a date is a day of the calendar.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, rejecting days the calendar does not have.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let year = i32::try_from(number(0..4)?).ok()?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl Date {
    /// The date an ISO 8601 period (`P1Y`, `P6M`, `P2W`, `P30D`, `P1Y6M`) after this one:
    /// years and months first, the day kept or brought back to the month's last day
    /// (31 January + 1 month is 28 or 29 February), then weeks and days. `None` for text that
    /// is not such a period.
    pub fn after(self, period: &str) -> Option<Date> {
        let body = period.strip_prefix('P')?;
        let (mut years, mut months, mut days) = (0i64, 0i64, 0i64);
        let mut number = String::new();
        for c in body.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            match c {
                'Y' => years += n,
                'M' => months += n,
                'W' => days += 7 * n,
                'D' => days += n,
                _ => return None,
            }
        }
        if !number.is_empty() || body.is_empty() {
            return None;
        }
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + years * 12 + months;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u8::try_from(total.rem_euclid(12) + 1).ok()?;
        let day = self.day.min(days_in_month(year, month));
        let moved = Date { year, month, day };
        Some(Date::from_days_since_epoch(moved.days_since_epoch() + days))
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm, the inverse of the one below).
    fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s).ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Leap years and month lengths are those of the calendar.
    #[test]
    fn parses_real_dates_only() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2100-02-29").is_none());
        assert!(Date::parse("2027-06-31").is_none());
        assert!(Date::parse("2027-6-30").is_none());
        assert_eq!(Date::parse("2027-06-30").unwrap().to_string(), "2027-06-30");
    }

    /// Day counts convert to the right civil dates.
    #[test]
    fn epoch_conversion() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(20_414).to_string(), "2025-11-22");
        assert_eq!(Date::from_days_since_epoch(11_016).to_string(), "2000-02-29");
    }

    /// Dates order by time.
    #[test]
    fn ordering() {
        assert!(Date::parse("2026-12-31").unwrap() < Date::parse("2027-01-01").unwrap());
    }

    /// Periods move dates by the calendar: month ends are kept in range, weeks and days
    /// count days, leap years count.
    #[test]
    fn a_period_after_a_date() {
        let d = |t: &str| Date::parse(t).unwrap();
        assert_eq!(d("2025-03-15").after("P1Y"), Some(d("2026-03-15")));
        assert_eq!(d("2024-01-31").after("P1M"), Some(d("2024-02-29")));
        assert_eq!(d("2025-11-20").after("P6M"), Some(d("2026-05-20")));
        assert_eq!(d("2025-12-25").after("P2W"), Some(d("2026-01-08")));
        assert_eq!(d("2024-02-28").after("P1Y6M2D"), Some(d("2025-08-30")));
        assert_eq!(d("2026-01-01").after("P30D"), Some(d("2026-01-31")));
        assert_eq!(d("2026-01-01").after("3 years"), None);
        assert_eq!(d("2026-01-01").after("P"), None);
    }
}
