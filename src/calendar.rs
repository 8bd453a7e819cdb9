//! Dates as keytool prints and reads them: in the local time zone, with
//! Java's zone names.
//!
//! keytool prints every date (`Valid from: … until: …`, `-list`'s creation
//! dates, `-startdate`) in the JVM's default time zone, which on Linux is the
//! one `TZ` names, else the one `/etc/localtime` points to. [`LocalZone`]
//! finds that zone as the JVM does; the calendar and the zone rules come
//! from `jiff` and the system's tz database.
//!
//! # Zone names
//!
//! `Date.toString()` names the zone with Java's own short names, not the tz
//! database's. rkeytool prints the tz database's abbreviation when it is made
//! of letters (`CET`, `CEST`, `EST`, `IST`, `JST`, `AEDT`…), else `GMT+hh:mm`
//! (`GMT` for offset 0), which is what Java prints for all but the zones
//! listed in `calendar/java_zone_names.tsv` (made by
//! `scripts/gen-zone-names.sh` from keytool 17, 21 and 25): there keytool 17
//! and 21 print Java's older names (`BRT` for America/Sao_Paulo, `GST` for
//! Asia/Dubai, where keytool 25 prints `GMT-03:00`, `GMT+04:00`), and a few
//! zones have names of their own (`HAST` for America/Adak).
//!
//! `TZ` values the JVM does not know as a zone ID (`CET-1CEST`, `UTC0`,
//! `Foo/Bar`) give, as in Java, a fixed offset named `GMT+hh:mm`: the
//! offset the C library gives that value now (so 0, `GMT`, when it cannot
//! read it). `TZ=GMT+5` is Java's custom zone `GMT+05:00` (east of UTC,
//! unlike POSIX).
//!
//! Residual differences: Java's tz data may be older or newer than the
//! system's (a zone whose rules changed since prints other offsets); Java's
//! three-letter IDs that are no tz database names (`TZ=ACT`, `TZ=IET`…) print
//! as `GMT`; for dates before 1970 the tz database's historical
//! abbreviations may differ from Java's one name per zone; Java prints dates
//! before 1582 in the Julian calendar, rkeytool in the proleptic Gregorian.
//! Months and days are always English (keytool's `Locale.US` for
//! `Date.toString()`; `-list` follows `LANG` in keytool and not here).

use crate::error::{Error, Result};
use crate::generation::Generation;
use jiff::civil::{DateTime, Weekday};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{Span, Timestamp};
use std::sync::OnceLock;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Java's names where the rule above does not give them.
const JAVA_ZONE_NAMES: &str = include_str!("calendar/java_zone_names.tsv");

static LOCAL: OnceLock<LocalZone> = OnceLock::new();

/// 400 Gregorian years in seconds: the calendar (weekdays included) repeats.
const CYCLE_SECONDS: i64 = 146_097 * 86_400;
const CYCLE_YEARS: i16 = 400;

/// The time zone dates are printed and read in.
#[derive(Clone, Debug)]
pub struct LocalZone {
    tz: TimeZone,
    /// The zone's ID when it is a tz database zone (Java's zone ID);
    /// `None` for a fixed offset named `GMT+hh:mm`.
    id: Option<String>,
}

impl LocalZone {
    /// UTC, as keytool prints it with `TZ=UTC`.
    pub fn utc() -> LocalZone {
        LocalZone {
            tz: TimeZone::UTC,
            id: Some("UTC".to_string()),
        }
    }

    /// The zone the JVM would use for this `TZ` value (`None`: `TZ` unset),
    /// at the instant `now` (which matters only for `TZ` values that are no
    /// zone ID).
    pub fn for_tz(tz: Option<&str>, now: Timestamp) -> LocalZone {
        let value = tz
            .map(|v| v.strip_prefix(':').unwrap_or(v))
            .filter(|v| !v.is_empty());
        let Some(value) = value else {
            return LocalZone::system();
        };
        if let Some(offset) = java_custom_offset(value) {
            return LocalZone::fixed(offset);
        }
        if let Ok(tz) = TimeZone::get(value) {
            return LocalZone {
                tz,
                id: Some(value.to_string()),
            };
        }
        // Not a zone ID: Java takes the C library's offset now, which reads
        // POSIX TZ strings and treats anything else as UTC.
        // A daylight-time name without rules (`CET-1CEST`) takes the C
        // library's default rules, the United States' (`posixrules`).
        let offset = TimeZone::posix(value)
            .or_else(|_| TimeZone::posix(&format!("{value},M3.2.0,M11.1.0")))
            .map(|tz| tz.to_offset(now))
            .unwrap_or(Offset::UTC);
        LocalZone::fixed(offset)
    }

    /// `/etc/localtime`: a link into the zoneinfo folder names the zone.
    fn system() -> LocalZone {
        if let Ok(target) = std::fs::read_link("/etc/localtime") {
            let target = target.to_string_lossy().into_owned();
            if let Some((_, id)) = target.split_once("zoneinfo/")
                && let Ok(tz) = TimeZone::get(id)
            {
                return LocalZone {
                    tz,
                    id: Some(id.to_string()),
                };
            }
        }
        match TimeZone::try_system() {
            Ok(tz) => {
                let id = tz.iana_name().map(str::to_string);
                match id {
                    Some(id) => LocalZone { tz, id: Some(id) },
                    None => LocalZone::fixed(tz.to_offset(Timestamp::now())),
                }
            }
            Err(_) => LocalZone::fixed(Offset::UTC),
        }
    }

    fn fixed(offset: Offset) -> LocalZone {
        LocalZone {
            tz: TimeZone::fixed(offset),
            id: None,
        }
    }

    /// The zone keytool uses with `-J-Duser.timezone=value` and this `TZ`:
    /// a zone ID or custom `GMT+hh:mm` names the zone; an empty value is no
    /// setting; any other value is the fixed offset of the `TZ` zone now
    /// (what the C library gives the JVM).
    pub fn for_java_property(value: &str, tz: Option<&str>, now: Timestamp) -> LocalZone {
        if value.is_empty() {
            return LocalZone::for_tz(tz, now);
        }
        if let Some(offset) = java_custom_offset(value) {
            return LocalZone::fixed(offset);
        }
        if let Ok(zone) = TimeZone::get(value) {
            return LocalZone {
                tz: zone,
                id: Some(value.to_string()),
            };
        }
        LocalZone::fixed(LocalZone::for_tz(tz, now).tz.to_offset(now))
    }

    /// [`LocalZone::for_java_property`] with this process's `TZ`, now.
    pub fn from_user_timezone(value: &str) -> LocalZone {
        let tz = std::env::var("TZ").ok();
        LocalZone::for_java_property(value, tz.as_deref(), Timestamp::now())
    }

    /// The zone of this process: the one given to [`LocalZone::set_local`],
    /// else `TZ`, else `/etc/localtime`, read once.
    pub fn local() -> &'static LocalZone {
        LOCAL.get_or_init(|| {
            let tz = std::env::var("TZ").ok();
            LocalZone::for_tz(tz.as_deref(), Timestamp::now())
        })
    }

    /// Chooses the zone of this process (keytool's `-J-Duser.timezone`),
    /// before any date is printed. Returns false when one was already chosen.
    pub fn set_local(zone: LocalZone) -> bool {
        LOCAL.set(zone).is_ok()
    }

    /// The zone's name at `ts` as `Date.toString()` prints it for `generation`.
    fn name(&self, ts: Timestamp, generation: Generation) -> String {
        let info = self.tz.to_offset_info(ts);
        let offset = info.offset();
        let Some(id) = &self.id else {
            return gmt_name(offset);
        };
        let major = generation.major().to_string();
        for line in JAVA_ZONE_NAMES.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(zone), Some(gens), Some(std), Some(dst)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            if zone == id && gens.split(',').any(|g| g == major) {
                return if info.dst().is_dst() { dst } else { std }.to_string();
            }
        }
        let abbreviation = info.abbreviation();
        if !abbreviation.is_empty() && abbreviation.bytes().all(|b| b.is_ascii_alphabetic()) {
            abbreviation.to_string()
        } else {
            gmt_name(offset)
        }
    }

    /// The local date and time of `unix_seconds`, with the number of years
    /// the instant was moved by to fit jiff's range (see [`java_date`]).
    fn civil(&self, unix_seconds: i64) -> (DateTime, Timestamp, i16) {
        let mut secs = unix_seconds;
        let mut years = 0i16;
        // jiff's instants end a day short of year 10000 and start after
        // -9999; certificates end at 9999-12-31T23:59:59Z. Move by whole
        // 400-year cycles, in which the calendar repeats exactly.
        while secs > 252_000_000_000 && years < 30_000 {
            secs -= CYCLE_SECONDS;
            years += CYCLE_YEARS;
        }
        while secs < -250_000_000_000 && years > -30_000 {
            secs += CYCLE_SECONDS;
            years -= CYCLE_YEARS;
        }
        let ts = Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH);
        (self.tz.to_datetime(ts), ts, years)
    }

    /// The instant of a local date and time, resolved as
    /// `java.util.GregorianCalendar` does: a time skipped by a change to
    /// daylight time is read with the offset before the change (02:30 in a
    /// spring-forward gap is 03:30 daylight time), a time that happens twice
    /// is read in standard time (the later one).
    fn instant(&self, dt: DateTime) -> Option<Timestamp> {
        let offset = match self.tz.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            AmbiguousOffset::Gap { before, .. } => before,
            AmbiguousOffset::Fold { after, .. } => after,
        };
        offset.to_timestamp(dt).ok()
    }
}

/// `GMT`, `GMT+01:00`, `GMT-05:00`, `GMT+05:45`: Java's name for an offset
/// without a zone name.
fn gmt_name(offset: Offset) -> String {
    let secs = offset.seconds();
    if secs == 0 {
        return "GMT".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let minutes = secs.unsigned_abs() / 60;
    format!("GMT{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Java's custom zone IDs `GMT+h`, `GMT+hh`, `GMT+hhmm`, `GMT+hh:mm` (hours
/// up to 23, minutes up to 59): east of UTC for `+`.
fn java_custom_offset(id: &str) -> Option<Offset> {
    let rest = id.strip_prefix("GMT")?;
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) if h.len() <= 2 && m.len() == 2 && all_digits(h) && all_digits(m) => (h, m),
        Some(_) => return None,
        None if digits.len() <= 2 && all_digits(digits) => (digits, "0"),
        None if digits.len() == 4 && all_digits(digits) => (&digits[..2], &digits[2..]),
        None => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

fn weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

fn month(dt: &DateTime) -> &'static str {
    MONTHS[usize::try_from(dt.month() - 1).unwrap_or(0) % 12]
}

/// A date as Java's `Date.toString()` prints it (`EEE MMM dd HH:mm:ss zzz
/// yyyy`) in `zone`, with the zone names of `generation`:
/// `Thu Jan 15 13:00:00 CET 2026`. The year is not padded.
pub fn java_date_in(unix_seconds: i64, zone: &LocalZone, generation: Generation) -> String {
    let (dt, ts, years) = zone.civil(unix_seconds);
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} {} {}",
        weekday(dt.weekday()),
        month(&dt),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        zone.name(ts, generation),
        i32::from(dt.year()) + i32::from(years)
    )
}

/// [`java_date_in`] in the local zone, for the current generation.
pub fn java_date(unix_seconds: i64) -> String {
    java_date_in(unix_seconds, LocalZone::local(), Generation::current())
}

/// A date as `keytool -list` prints an entry's creation date, Java's
/// medium date style for US English (`MMM d, y`): `Nov 22, 2026`, in `zone`.
pub fn list_date_in(unix_millis: i64, zone: &LocalZone) -> String {
    let (dt, _, years) = zone.civil(unix_millis.div_euclid(1000));
    format!(
        "{} {}, {}",
        month(&dt),
        dt.day(),
        i32::from(dt.year()) + i32::from(years)
    )
}

/// [`list_date_in`] in the local zone.
pub fn list_date(unix_millis: i64) -> String {
    list_date_in(unix_millis, LocalZone::local())
}

/// Seconds since the epoch of a UTC date and time, for GeneralizedTime
/// values inside extensions; `None` when the fields are no date.
pub fn utc_seconds(year: i16, month: i8, day: i8, hour: i8, minute: i8, second: i8) -> Option<i64> {
    let dt = jiff::civil::DateTime::new(year, month, day, hour, minute, second, 0).ok()?;
    Offset::UTC.to_timestamp(dt).ok().map(Timestamp::as_second)
}

/// Parses keytool's `-startdate` in `zone` at `now` (seconds since the
/// epoch), as keytool's `getStartDate` does:
///
/// * `([+-]nnn[ymdHMS])+`: steps from now, applied in order, years, months
///   and days on the local calendar (the day pinned to the month's end, the
///   wall-clock time kept), hours, minutes and seconds on the clock;
/// * `yyyy/mm/dd HH:MM:SS`, `yyyy/mm/dd` (keeping the time of day of now) or
///   `HH:MM:SS` (today), in local time. Like Java's lenient calendar,
///   `2026/13/01` is 2027/01/01 and `25:00:00` is one the next day.
///
/// Returns seconds since the epoch.
pub fn parse_startdate_in(s: &str, now: i64, zone: &LocalZone) -> Result<i64> {
    let bad = || Error::InvalidValue {
        option: "startdate",
        value: s.to_string(),
        reason: None,
    };
    let now = Timestamp::from_second(now).map_err(|_| bad())?;
    if s.is_empty() {
        return Err(bad());
    }
    let bytes = s.as_bytes();
    if bytes[0] == b'+' || bytes[0] == b'-' {
        let mut at = now;
        let mut i = 0;
        while i < bytes.len() {
            let sign: i64 = match bytes[i] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(bad()),
            };
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            // Java's Integer.parseInt: at most 2^31-1.
            let n: i64 = s[start..end].parse::<i32>().map_err(|_| bad())?.into();
            let unit = *bytes.get(end).ok_or_else(bad)?;
            let n = sign * n;
            at = match unit {
                b'y' => zone.calendar_add(at, Span::new().try_years(n).map_err(|_| bad())?),
                b'm' => zone.calendar_add(at, Span::new().try_months(n).map_err(|_| bad())?),
                b'd' => zone.calendar_add(at, Span::new().try_days(n).map_err(|_| bad())?),
                b'H' => at
                    .checked_add(Span::new().try_hours(n).map_err(|_| bad())?)
                    .ok(),
                b'M' => at
                    .checked_add(Span::new().try_minutes(n).map_err(|_| bad())?)
                    .ok(),
                b'S' => at
                    .checked_add(Span::new().try_seconds(n).map_err(|_| bad())?)
                    .ok(),
                _ => None,
            }
            .ok_or_else(bad)?;
            i = end + 1;
        }
        return Ok(at.as_second());
    }
    let (date, time) = match s.len() {
        19 if bytes[10] == b' ' => (Some(&s[..10]), Some(&s[11..])),
        10 => (Some(s), None),
        8 => (None, Some(s)),
        _ => return Err(bad()),
    };
    let fields = |text: &str, sep: u8, widths: &[usize]| -> Option<Vec<i64>> {
        let parts: Vec<&str> = text.split(char::from(sep)).collect();
        if parts.len() != widths.len()
            || parts
                .iter()
                .zip(widths)
                .any(|(p, w)| p.len() != *w || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        parts.iter().map(|p| p.parse().ok()).collect()
    };
    let local_now = zone.tz.to_datetime(now);
    // Start from now's wall-clock time and replace the fields given, then
    // let overflowing fields carry over as Java's lenient calendar does.
    let (year, month, day) = match date {
        Some(d) => {
            let f = fields(d, b'/', &[4, 2, 2]).ok_or_else(bad)?;
            (f[0], f[1], f[2])
        }
        None => (
            local_now.year().into(),
            local_now.month().into(),
            local_now.day().into(),
        ),
    };
    let (hour, minute, second) = match time {
        Some(t) => {
            let f = fields(t, b':', &[2, 2, 2]).ok_or_else(bad)?;
            (f[0], f[1], f[2])
        }
        None => (
            local_now.hour().into(),
            local_now.minute().into(),
            local_now.second().into(),
        ),
    };
    let year = i16::try_from(year).map_err(|_| bad())?;
    let start = jiff::civil::DateTime::new(year, 1, 1, 0, 0, 0, 0).map_err(|_| bad())?;
    let span = Span::new()
        .try_months(month - 1)
        .and_then(|s| s.try_days(day - 1))
        .and_then(|s| s.try_hours(hour))
        .and_then(|s| s.try_minutes(minute))
        .and_then(|s| s.try_seconds(second))
        .map_err(|_| bad())?;
    // Months first (pinning nothing: the day is added after), then the rest.
    let dt = start
        .checked_add(Span::new().months(span.get_months()))
        .and_then(|d| {
            d.checked_add(
                Span::new()
                    .days(span.get_days())
                    .hours(span.get_hours())
                    .minutes(span.get_minutes())
                    .seconds(span.get_seconds()),
            )
        })
        .map_err(|_| bad())?;
    zone.instant(dt).map(Timestamp::as_second).ok_or_else(bad)
}

impl LocalZone {
    /// `Calendar.add` for years, months and days: on the local calendar,
    /// the wall-clock time kept.
    fn calendar_add(&self, at: Timestamp, span: Span) -> Option<Timestamp> {
        let dt = self.tz.to_datetime(at).checked_add(span).ok()?;
        self.instant(dt)
    }
}

/// [`parse_startdate_in`] in the local zone.
pub fn parse_startdate(s: &str, now: i64) -> Result<i64> {
    parse_startdate_in(s, now, LocalZone::local())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(tz: &str) -> LocalZone {
        LocalZone::for_tz(Some(tz), Timestamp::from_second(1_768_478_400).unwrap())
    }

    const JAN: i64 = 1_768_478_400; // 2026-01-15T12:00:00Z
    const JUL: i64 = 1_784_030_400; // 2026-07-14T12:00:00Z

    fn both(tz: &str, g: Generation) -> (String, String) {
        let z = zone(tz);
        (java_date_in(JAN, &z, g), java_date_in(JUL, &z, g))
    }

    #[test]
    fn utc_dates() {
        let utc = LocalZone::utc();
        let d = |s| java_date_in(s, &utc, Generation::Jdk17);
        assert_eq!(d(0), "Thu Jan 01 00:00:00 UTC 1970");
        assert_eq!(d(1_795_353_273), "Sun Nov 22 13:14:33 UTC 2026");
        assert_eq!(d(1_767_582_245), "Mon Jan 05 03:04:05 UTC 2026");
        assert_eq!(d(946_684_799), "Fri Dec 31 23:59:59 UTC 1999");
        assert_eq!(d(4_402_684_799), "Sun Jul 07 23:59:59 UTC 2109");
        assert_eq!(d(-1), "Wed Dec 31 23:59:59 UTC 1969");
        assert_eq!(d(951_782_400), "Tue Feb 29 00:00:00 UTC 2000");
        assert_eq!(d(4_107_542_400), "Mon Mar 01 00:00:00 UTC 2100");
        // 9999-12-31T23:59:59Z, the largest GeneralizedTime, beyond jiff's range.
        assert_eq!(d(253_402_300_799), "Fri Dec 31 23:59:59 UTC 9999");
    }

    /// What keytool 17 and 25 print for these zones (run with
    /// `TZ=… keytool -printcert` on a certificate valid from JAN to JUL).
    #[test]
    fn zones_as_keytool_names_them() {
        let g17 = Generation::Jdk17;
        let g25 = Generation::Jdk25;
        let cases: &[(&str, Generation, &str, &str)] = &[
            (
                "Europe/Paris",
                g25,
                "Thu Jan 15 13:00:00 CET 2026",
                "Tue Jul 14 14:00:00 CEST 2026",
            ),
            (
                "America/New_York",
                g25,
                "Thu Jan 15 07:00:00 EST 2026",
                "Tue Jul 14 08:00:00 EDT 2026",
            ),
            (
                "Asia/Kolkata",
                g25,
                "Thu Jan 15 17:30:00 IST 2026",
                "Tue Jul 14 17:30:00 IST 2026",
            ),
            (
                "Etc/GMT+5",
                g25,
                "Thu Jan 15 07:00:00 GMT-05:00 2026",
                "Tue Jul 14 07:00:00 GMT-05:00 2026",
            ),
            (
                "America/Sao_Paulo",
                g17,
                "Thu Jan 15 09:00:00 BRT 2026",
                "Tue Jul 14 09:00:00 BRT 2026",
            ),
            (
                "America/Sao_Paulo",
                g25,
                "Thu Jan 15 09:00:00 GMT-03:00 2026",
                "Tue Jul 14 09:00:00 GMT-03:00 2026",
            ),
            (
                "Asia/Dubai",
                g17,
                "Thu Jan 15 16:00:00 GST 2026",
                "Tue Jul 14 16:00:00 GST 2026",
            ),
            (
                "Pacific/Chatham",
                g25,
                "Fri Jan 16 01:45:00 GMT+13:45 2026",
                "Wed Jul 15 00:45:00 GMT+12:45 2026",
            ),
            (
                "Pacific/Chatham",
                g17,
                "Fri Jan 16 01:45:00 CHADT 2026",
                "Wed Jul 15 00:45:00 CHAST 2026",
            ),
            (
                "Europe/Dublin",
                g25,
                "Thu Jan 15 12:00:00 GMT 2026",
                "Tue Jul 14 13:00:00 IST 2026",
            ),
            (
                "Europe/London",
                g17,
                "Thu Jan 15 12:00:00 GMT 2026",
                "Tue Jul 14 13:00:00 BST 2026",
            ),
            (
                "Australia/Sydney",
                g25,
                "Thu Jan 15 23:00:00 AEDT 2026",
                "Tue Jul 14 22:00:00 AEST 2026",
            ),
            (
                "UTC0",
                g25,
                "Thu Jan 15 12:00:00 GMT 2026",
                "Tue Jul 14 12:00:00 GMT 2026",
            ),
            (
                "CET-1CEST",
                g25,
                "Thu Jan 15 13:00:00 GMT+01:00 2026",
                "Tue Jul 14 13:00:00 GMT+01:00 2026",
            ),
            (
                ":Europe/Paris",
                g17,
                "Thu Jan 15 13:00:00 CET 2026",
                "Tue Jul 14 14:00:00 CEST 2026",
            ),
            (
                "Foo/Bar",
                g25,
                "Thu Jan 15 12:00:00 GMT 2026",
                "Tue Jul 14 12:00:00 GMT 2026",
            ),
            (
                "EST5EDT",
                g25,
                "Thu Jan 15 07:00:00 EST 2026",
                "Tue Jul 14 08:00:00 EDT 2026",
            ),
            (
                "GMT",
                g25,
                "Thu Jan 15 12:00:00 GMT 2026",
                "Tue Jul 14 12:00:00 GMT 2026",
            ),
            (
                "America/Adak",
                g25,
                "Thu Jan 15 02:00:00 HAST 2026",
                "Tue Jul 14 03:00:00 HADT 2026",
            ),
        ];
        for (tz, g, jan, jul) in cases {
            assert_eq!(
                both(tz, *g),
                (jan.to_string(), jul.to_string()),
                "TZ={tz} {g:?}"
            );
        }
    }

    /// `TZ=Asia/Tokyo keytool -J-Duser.timezone=… -printcert` (keytool 25).
    #[test]
    fn user_timezone_property() {
        let now = Timestamp::from_second(JAN).unwrap();
        let tokyo = Some("Asia/Tokyo");
        let g = Generation::Jdk25;
        let d = |v: &str| java_date_in(JAN, &LocalZone::for_java_property(v, tokyo, now), g);
        assert_eq!(d("Europe/Paris"), "Thu Jan 15 13:00:00 CET 2026");
        assert_eq!(d("CET-1CEST"), "Thu Jan 15 21:00:00 GMT+09:00 2026");
        assert_eq!(d("Foo/Bar"), "Thu Jan 15 21:00:00 GMT+09:00 2026");
        assert_eq!(d("GMT+5"), "Thu Jan 15 17:00:00 GMT+05:00 2026");
        assert_eq!(d(""), "Thu Jan 15 21:00:00 JST 2026");
    }

    #[test]
    fn custom_gmt_ids() {
        assert_eq!(
            java_custom_offset("GMT+5").map(Offset::seconds),
            Some(18_000)
        );
        assert_eq!(
            java_custom_offset("GMT-0530").map(Offset::seconds),
            Some(-19_800)
        );
        assert_eq!(
            java_custom_offset("GMT+05:45").map(Offset::seconds),
            Some(20_700)
        );
        assert_eq!(java_custom_offset("GMT+24"), None);
        assert_eq!(java_custom_offset("GMT"), None);
        assert_eq!(
            java_date_in(JAN, &zone("GMT+5"), Generation::Jdk25),
            "Thu Jan 15 17:00:00 GMT+05:00 2026"
        );
    }

    #[test]
    fn list_dates() {
        let utc = LocalZone::utc();
        assert_eq!(list_date_in(1_795_353_273_000, &utc), "Nov 22, 2026");
        assert_eq!(list_date_in(1_767_582_245_123, &utc), "Jan 5, 2026");
        assert_eq!(list_date_in(-1, &utc), "Dec 31, 1969");
        // 23:30 UTC on Jan 4 is Jan 5 in Paris.
        assert_eq!(
            list_date_in(1_767_569_400_000, &zone("Europe/Paris")),
            "Jan 5, 2026"
        );
    }

    fn at(tz: &str, s: &str, now: i64) -> String {
        let z = zone(tz);
        match parse_startdate_in(s, now, &z) {
            Ok(t) => java_date_in(t, &z, Generation::Jdk25),
            Err(e) => e.to_string(),
        }
    }

    /// Compared with keytool 25 (`TZ=Europe/Paris keytool -genkeypair
    /// -startdate …` at 2026-12-01T14:08:10Z, then `-list -v`).
    #[test]
    fn startdates_as_keytool_reads_them() {
        let now = 1_796_134_090; // Tue Dec 01 15:08:10 CET 2026
        let p = "Europe/Paris";
        assert_eq!(at(p, "2026/06/01", now), "Mon Jun 01 15:08:10 CEST 2026");
        assert_eq!(
            at(p, "2026/06/01 00:00:00", now),
            "Mon Jun 01 00:00:00 CEST 2026"
        );
        assert_eq!(at(p, "10:20:30", now), "Tue Dec 01 10:20:30 CET 2026");
        assert_eq!(at(p, "2026/13/01", now), "Fri Jan 01 15:08:10 CET 2027");
        assert_eq!(
            at(p, "2026/02/30 25:61:00", now),
            "Tue Mar 03 02:01:00 CET 2026"
        );
        assert_eq!(at(p, "+1m+1m", now), "Mon Feb 01 15:08:10 CET 2027");
        assert_eq!(at(p, "-1d", now), "Mon Nov 30 15:08:10 CET 2026");
        assert_eq!(
            at(p, "2026/03/29 02:30:00", now),
            "Sun Mar 29 03:30:00 CEST 2026"
        );
        assert_eq!(
            at(p, "2026/10/25 02:30:00", now),
            "Sun Oct 25 02:30:00 CET 2026"
        );
        assert_eq!(at(p, "+0d", now), "Tue Dec 01 15:08:10 CET 2026");
        for bad in [
            "2026/1/01",
            " 2026/06/01",
            "2026/06/01  00:00:00",
            "",
            "+1x",
            "+d",
            "yesterday",
            "+99999999999y",
        ] {
            let r = parse_startdate_in(bad, now, &zone(p));
            assert!(
                matches!(
                    &r,
                    Err(Error::InvalidValue {
                        option: "startdate",
                        value,
                        reason: None,
                    }) if value == bad
                ),
                "{bad:?}: {r:?}"
            );
        }
    }

    #[test]
    fn relative_steps_apply_in_order() {
        // 2024-01-31T10:00:00Z: +1m pins to Feb 29, the next +1m gives Mar 29.
        let now = 1_706_695_200;
        assert_eq!(at("UTC", "+1m+1m", now), "Fri Mar 29 10:00:00 UTC 2024");
        assert_eq!(at("UTC", "+2m", now), "Sun Mar 31 10:00:00 UTC 2024");
        assert_eq!(at("UTC", "-2H+30M+5S", now), "Wed Jan 31 08:30:05 UTC 2024");
    }

    #[test]
    fn utc_seconds_of_fields() {
        assert_eq!(utc_seconds(1970, 1, 1, 0, 0, 0), Some(0));
        assert_eq!(utc_seconds(2026, 11, 22, 13, 14, 33), Some(1_795_353_273));
        assert_eq!(utc_seconds(2026, 2, 30, 0, 0, 0), None);
    }
}
