//! `-conf FILE`: keytool's pre-configured options file (`KeyStoreUtil.expandArgs`).
//!
//! The file is a Java properties file. The words of its `keytool.all` line,
//! then those of the line named after the command (`keytool.genkeypair`, or
//! its legacy name `keytool.genkey`, never both), go before the command
//! line's own, so the command line wins where an option is given twice.
//! Words are split as Java's `StreamTokenizer` splits them (white space
//! between words, `"..."` and `'...'` quote), and `${prop}` in a word is
//! the Java system property: `-J-Dprop=value` from the command line, or
//! `user.home`, `user.name`, `user.dir`, `java.home` (from `JAVA_HOME`),
//! `file.separator`, `path.separator`, `line.separator`, `os.name`,
//! `java.io.tmpdir`; `${/}` is the file separator.

use super::options::COMMANDS;
use std::collections::HashMap;

/// The largest options file read.
const MAX_CONF_BYTES: u64 = 1024 * 1024;

/// The command line with the options of its `-conf` file put first; the
/// command line itself when there is no `-conf` or no command.
pub fn expand(args: &[String]) -> Result<Vec<String>, String> {
    let mut file = None;
    let mut command = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a.eq_ignore_ascii_case("-conf") {
            file = args.get(i + 1);
            i += 1;
        } else if let Some(word) = a.strip_prefix('-')
            && command.is_none()
        {
            command = COMMANDS.iter().find(|c| {
                c.name.eq_ignore_ascii_case(word)
                    || c.aliases.iter().any(|x| x.eq_ignore_ascii_case(word))
            });
        }
        i += 1;
    }
    let (Some(file), Some(command)) = (file, command) else {
        return Ok(args.to_vec());
    };
    let props = load(file)?;
    let java_options: Vec<&str> = args.iter().filter_map(|a| a.strip_prefix("-J-D")).collect();
    let mut result = Vec::new();
    if let Some(all) = props.get("keytool.all") {
        words(all, &mut result, &java_options)?;
    }
    let own = props.get(&format!("keytool.{}", command.name));
    let alt = command
        .aliases
        .iter()
        .find_map(|a| props.get(&format!("keytool.{a}")).map(|v| (a, v)));
    let line = match (own, alt) {
        (Some(_), Some((a, _))) => {
            return Err(format!(
                "Cannot have both -{} and -{a} as pre-configured options",
                command.name
            ));
        }
        (Some(v), None) => Some(v),
        (None, Some((_, v))) => Some(v),
        (None, None) => None,
    };
    if let Some(line) = line {
        words(line, &mut result, &java_options)?;
    }
    result.extend(args.iter().cloned());
    Ok(result)
}

/// Reads a properties file as `java.util.Properties.load(InputStream)`:
/// ISO-8859-1, `#`/`!` comments, `key=value`, `key: value` or `key value`,
/// backslash continuations and escapes.
fn load(path: &str) -> Result<HashMap<String, String>, String> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e} (given with -conf)"))?;
    let mut bytes = Vec::new();
    f.take(MAX_CONF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path}: {e} (given with -conf)"))?;
    if bytes.len() as u64 > MAX_CONF_BYTES {
        return Err(format!("{path}: larger than 1 MiB (given with -conf)"));
    }
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    Ok(parse_properties(&text))
}

fn parse_properties(text: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let natural: Vec<&str> = text.split(['\n', '\r']).collect();
    let mut i = 0;
    while i < natural.len() {
        let mut line = natural[i]
            .trim_start_matches([' ', '\t', '\u{c}'])
            .to_string();
        i += 1;
        if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
            continue;
        }
        // An odd number of trailing backslashes continues the line.
        while line.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1 {
            line.pop();
            match natural.get(i) {
                Some(next) => {
                    line.push_str(next.trim_start_matches([' ', '\t', '\u{c}']));
                    i += 1;
                }
                None => break,
            }
        }
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        let mut escaped = false;
        while k < chars.len() {
            let c = chars[k];
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if matches!(c, '=' | ':' | ' ' | '\t' | '\u{c}') {
                break;
            }
            k += 1;
        }
        let key: String = chars[..k].iter().collect();
        let mut v = k;
        while v < chars.len() && matches!(chars[v], ' ' | '\t' | '\u{c}') {
            v += 1;
        }
        if v < chars.len() && matches!(chars[v], '=' | ':') {
            v += 1;
            while v < chars.len() && matches!(chars[v], ' ' | '\t' | '\u{c}') {
                v += 1;
            }
        }
        let value: String = chars[v..].iter().collect();
        map.insert(unescape(&key), unescape(&value));
    }
    map
}

/// Properties escapes: `\t \n \r \f`, `\uXXXX`, and `\x` for any other x.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == 4 => out.push(ch),
                    _ => out.push('\u{FFFD}'),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Splits a line into words as keytool's `StreamTokenizer` does, and expands
/// `${prop}` in each.
fn words(line: &str, out: &mut Vec<String>, java_options: &[&str]) -> Result<(), String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) <= 0x20 {
            i += 1;
            continue;
        }
        let mut word = String::new();
        if c == '"' || c == '\'' {
            let quote = c;
            i += 1;
            while i < chars.len() && chars[i] != quote && chars[i] != '\n' && chars[i] != '\r' {
                let mut ch = chars[i];
                i += 1;
                if ch == '\\' && i < chars.len() {
                    ch = chars[i];
                    i += 1;
                    if ('0'..='7').contains(&ch) {
                        let first = ch;
                        let mut n = ch as u32 - '0' as u32;
                        let max = if first <= '3' { 2 } else { 1 };
                        for _ in 0..max {
                            match chars.get(i) {
                                Some(d) if ('0'..='7').contains(d) => {
                                    n = n * 8 + (*d as u32 - '0' as u32);
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        ch = char::from_u32(n).unwrap_or('\u{FFFD}');
                    } else {
                        ch = match ch {
                            'a' => '\u{7}',
                            'b' => '\u{8}',
                            'f' => '\u{c}',
                            'n' => '\n',
                            'r' => '\r',
                            't' => '\t',
                            'v' => '\u{b}',
                            other => other,
                        };
                    }
                }
                word.push(ch);
            }
            i += 1; // the closing quote
        } else {
            while i < chars.len() {
                let ch = chars[i];
                if (ch as u32) <= 0x20 || ch == '"' || ch == '\'' {
                    break;
                }
                word.push(ch);
                i += 1;
            }
        }
        out.push(expand_properties(&word, java_options)?);
    }
    Ok(())
}

/// `PropertyExpander.expand`: `${prop}` becomes the system property, `${/}`
/// the file separator, `${{...}}` stays as it is; an unknown property is an
/// error, as keytool's.
fn expand_properties(value: &str, java_options: &[&str]) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = value;
    while let Some(p) = rest.find("${") {
        out.push_str(&rest[..p]);
        let after = &rest[p + 2..];
        if after.starts_with('{') {
            match after.find("}}") {
                Some(end) if p + 2 + end + 2 < rest.len() => {
                    out.push_str(&rest[p..p + 2 + end + 2]);
                    rest = &rest[p + 2 + end + 2..];
                    continue;
                }
                _ => {
                    out.push_str(&rest[p..]);
                    return Ok(out);
                }
            }
        }
        let Some(end) = after.find('}') else {
            out.push_str(&rest[p..]);
            return Ok(out);
        };
        let prop = &after[..end];
        if prop == "/" {
            out.push('/');
        } else {
            match system_property(prop, java_options) {
                Some(v) => out.push_str(&v),
                None => return Err(format!("unable to expand property {prop}")),
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The Java system properties a keytool options file can use.
fn system_property(name: &str, java_options: &[&str]) -> Option<String> {
    // -J-Dname=value, the last one given.
    if let Some(v) = java_options
        .iter()
        .rev()
        .find_map(|o| match o.split_once('=') {
            Some((k, v)) if k == name => Some(v.to_string()),
            None if *o == name => Some(String::new()),
            _ => None,
        })
    {
        return Some(v);
    }
    let env = |k: &str| std::env::var(k).ok();
    match name {
        "user.home" => env("HOME"),
        "user.name" => env("USER").or_else(|| env("LOGNAME")),
        "user.dir" => std::env::current_dir()
            .ok()
            .map(|d| d.display().to_string()),
        "java.home" => env("JAVA_HOME"),
        "file.separator" => Some("/".into()),
        "path.separator" => Some(":".into()),
        "line.separator" => Some("\n".into()),
        "java.io.tmpdir" => Some("/tmp".into()),
        "os.name" => Some(
            match std::env::consts::OS {
                "linux" => "Linux",
                "macos" => "Mac OS X",
                other => other,
            }
            .into(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_as_java_reads_them() {
        let p = parse_properties(
            "# comment\n! also\nkeytool.all = -storepass:env PW \\\n   -keystore ks.p12\nkeytool.list:-v\n  keytool.genkey   -keyalg EC\nk\\=ey=a\\tb\\u0041\n",
        );
        assert_eq!(p["keytool.all"], "-storepass:env PW -keystore ks.p12");
        assert_eq!(p["keytool.list"], "-v");
        assert_eq!(p["keytool.genkey"], "-keyalg EC");
        assert_eq!(p["k=ey"], "a\tbA");
    }

    #[test]
    fn words_split_and_quote_as_stream_tokenizer() {
        let mut out = Vec::new();
        words(
            "-dname \"CN=Me, O=\\\"Q\\\"\" -alias'a b' x${/}y ${{keep}}z",
            &mut out,
            &["foo=bar"],
        )
        .unwrap();
        assert_eq!(
            out,
            [
                "-dname",
                "CN=Me, O=\"Q\"",
                "-alias",
                "a b",
                "x/y",
                "${{keep}}z"
            ]
        );
        let mut out = Vec::new();
        words("${foo}.p12", &mut out, &["foo=bar"]).unwrap();
        assert_eq!(out, ["bar.p12"]);
        assert_eq!(
            words("${no.such.prop}", &mut Vec::new(), &[]).unwrap_err(),
            "unable to expand property no.such.prop"
        );
    }
}
