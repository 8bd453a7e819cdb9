//! Issue 15: local time. keytool prints dates in the zone of `TZ` (else
//! /etc/localtime) with Java's zone names, and reads `-startdate` in it;
//! rkeytool does the same. Every case runs rkeytool and keytool with the
//! same `TZ` and compares.

use crate::util::*;

/// Zones people live in, and the odd cases: a zone Java names only by
/// offset, a POSIX TZ string, a value that names no zone.
const ZONES: [&str; 10] = [
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "Etc/GMT+5",
    "America/Sao_Paulo",
    "Asia/Dubai",
    "UTC",
    "CET-1CEST",
    "Foo/Bar",
    ":Europe/London",
];

/// A certificate valid from winter (2026-01-15 12:00 UTC) into summer, made
/// by keytool 17 in UTC.
fn winter_to_summer(env: &Env) {
    env.kt(&format!("-genkeypair -alias t -keyalg EC -dname CN=t -startdate '2026/01/15 12:00:00' -validity 180 -keystore t.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!(
        "-exportcert -alias t -file t.cer -keystore t.p12 -storepass {PW}"
    ))
    .ok();
}

fn run(env: &Env, program: &std::path::Path, args: &[&str], tz: Option<&str>, jdk: Jdk) -> Run {
    let v = jdk.major().to_string();
    env.tool_env(
        program,
        args,
        &[("TZ", tz), ("RKEYTOOL_KEYTOOL_VERSION", Some(&v))],
    )
}

#[test]
fn printcert_and_list_print_local_time_with_java_zone_names() {
    let env = Env::new();
    winter_to_summer(&env);
    let rk = std::path::PathBuf::from(rkeytool_bin());
    // keytool 17 differs from 25 only in the names of zones the tz
    // database names by offset; every zone is compared with keytool 25.
    let older = [
        "Europe/Paris",
        "America/Sao_Paulo",
        "Asia/Dubai",
        "CET-1CEST",
    ];
    for (jdk, zones) in [(Jdk::V17, &older[..]), (Jdk::V25, &ZONES[..])] {
        let keytool = keytool_of(jdk);
        for &tz in zones {
            for args in [
                &["-printcert", "-file", "t.cer"][..],
                &["-list", "-v", "-keystore", "t.p12", "-storepass", PW][..],
                &["-list", "-keystore", "t.p12", "-storepass", PW][..],
            ] {
                let theirs = run(&env, &keytool, args, Some(tz), jdk).ok();
                let ours = run(&env, &rk, args, Some(tz), jdk).ok();
                assert_same_text(
                    &ours.stdout,
                    &theirs.stdout,
                    &format!("TZ={tz} {args:?}, keytool {}", jdk.major()),
                );
            }
        }
    }
    // Spot checks of what keytool 25 prints.
    let paris = run(
        &env,
        &rk,
        &["-printcert", "-file", "t.cer"],
        Some("Europe/Paris"),
        Jdk::V25,
    )
    .ok();
    assert!(
        paris.stdout.contains(
            "Valid from: Thu Jan 15 13:00:00 CET 2026 until: Tue Jul 14 14:00:00 CEST 2026"
        ),
        "{}",
        paris.stdout
    );
    let dubai = run(
        &env,
        &rk,
        &["-printcert", "-file", "t.cer"],
        Some("Asia/Dubai"),
        Jdk::V25,
    )
    .ok();
    assert!(
        dubai
            .stdout
            .contains("Valid from: Thu Jan 15 16:00:00 GMT+04:00 2026")
    );
    let dubai = run(
        &env,
        &rk,
        &["-printcert", "-file", "t.cer"],
        Some("Asia/Dubai"),
        Jdk::V17,
    )
    .ok();
    assert!(
        dubai
            .stdout
            .contains("Valid from: Thu Jan 15 16:00:00 GST 2026")
    );
}

#[test]
fn without_tz_the_zone_is_the_one_of_etc_localtime() {
    let env = Env::new();
    winter_to_summer(&env);
    let rk = std::path::PathBuf::from(rkeytool_bin());
    let keytool = keytool_of(Jdk::V25);
    for tz in [None, Some("")] {
        let theirs = run(
            &env,
            &keytool,
            &["-printcert", "-file", "t.cer"],
            tz,
            Jdk::V25,
        )
        .ok();
        let ours = run(&env, &rk, &["-printcert", "-file", "t.cer"], tz, Jdk::V25).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &format!("TZ={tz:?}"));
    }
}

/// The "Valid from" line of `keytool -list -v` (in UTC) for one alias.
fn valid_from(env: &Env, store: &str) -> String {
    let out = env
        .keytool(&["-list", "-v", "-keystore", store, "-storepass", PW])
        .ok()
        .stdout;
    out.lines()
        .find(|l| l.starts_with("Valid from: "))
        .unwrap_or("")
        .to_string()
}

#[test]
fn startdate_is_read_in_local_time() {
    let env = Env::new();
    let rk = std::path::PathBuf::from(rkeytool_bin());
    let keytool = keytool_of(Jdk::V25);
    for (i, (tz, start)) in [
        ("Europe/Paris", "2026/06/01 00:00:00"),
        ("Europe/Paris", "2026/03/29 02:30:00"),
        ("Europe/Paris", "2026/10/25 02:30:00"),
        ("America/New_York", "2026/02/30 25:61:00"),
        ("Asia/Kolkata", "2026/13/01 08:00:00"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut stores = Vec::new();
        for (who, program) in [("rk", &rk), ("kt", &keytool)] {
            let store = format!("{who}-{i}.p12");
            run(
                &env,
                program,
                &[
                    "-genkeypair",
                    "-alias",
                    "s",
                    "-keyalg",
                    "EC",
                    "-dname",
                    "CN=s",
                    "-startdate",
                    start,
                    "-keystore",
                    &store,
                    "-storepass",
                    PW,
                ],
                Some(tz),
                Jdk::V25,
            )
            .ok();
            stores.push(store);
        }
        assert_eq!(
            valid_from(&env, &stores[0]),
            valid_from(&env, &stores[1]),
            "TZ={tz} -startdate {start:?}"
        );
    }
    let paris = |start: &str| {
        let store = format!("p{}.p12", start.len());
        env.rk_env(
            &[
                "-genkeypair",
                "-alias",
                "s",
                "-keyalg",
                "EC",
                "-dname",
                "CN=s",
                "-startdate",
                start,
                "-keystore",
                &store,
                "-storepass",
                PW,
            ],
            &[("TZ", "Europe/Paris")],
        )
        .ok();
        valid_from(&env, &store)
    };
    assert!(paris("2026/06/01 00:00:00").starts_with("Valid from: Sun May 31 22:00:00 UTC 2026"));
}

#[test]
fn user_timezone_java_option_picks_the_zone_as_keytool_does() {
    let env = Env::new();
    winter_to_summer(&env);
    let rk = std::path::PathBuf::from(rkeytool_bin());
    let keytool = keytool_of(Jdk::V25);
    for value in ["Europe/Paris", "Foo/Bar", "GMT+5"] {
        let option = format!("-J-Duser.timezone={value}");
        let args = [option.as_str(), "-printcert", "-file", "t.cer"];
        let theirs = run(&env, &keytool, &args, Some("Asia/Tokyo"), Jdk::V25).ok();
        let ours = run(&env, &rk, &args, Some("Asia/Tokyo"), Jdk::V25).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &option);
        assert_eq!(ours.stderr, "", "no note for a JVM option rkeytool follows");
    }
}

#[test]
fn verify_names_dates_in_local_time_and_json_stays_utc() {
    let env = Env::new();
    // Expired whatever the day: valid for a day in January 2020 (UTC).
    env.kt(&format!("-genkeypair -alias old -keyalg EC -dname CN=old -startdate '2020/01/15 12:00:00' -validity 1 -keystore v.p12 -storepass {PW}"))
    .ok();
    let args = ["-verify", "-keystore", "v.p12", "-storepass", PW];
    let paris = env.rk_env(&args, &[("TZ", "Europe/Paris")]);
    assert_eq!(paris.status, 1, "{}", paris.stdout);
    assert!(
        paris
            .stdout
            .contains("expired: certificate expired on Thu Jan 16 13:00:00 CET 2020"),
        "{}",
        paris.stdout
    );
    let mut json_args = args.to_vec();
    json_args.push("-json");
    let json = env.rk_env(&json_args, &[("TZ", "Europe/Paris")]);
    assert!(
        json.stdout
            .contains("\"not_after\": \"2020-01-16T12:00:00Z\""),
        "{}",
        json.stdout
    );
}
