//! The library's module graph (issue 18): which top-level module imports
//! which (`crate::…` paths in `src/`, outside `src/cli/`, `main.rs` and test
//! code), and no import cycles among them.
//!
//! A module is a top-level `src/x.rs` or `src/x/` folder; paths inside one
//! module (`super::`, `crate::x::…` from `src/x/…`) are not edges. Test code
//! (`#[cfg(test)]` items, `src/**/tests.rs`) may reach any module and is not
//! counted. Names the crate root re-exports (`crate::Certificate`) count as
//! their module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Imports other branches of issue 18 are removing, as `(from, to)`. The
/// test fails while any cycle remains without these, and when an entry here
/// no longer exists, so the list only shrinks: empty it as they go.
const ALLOWED: &[(&str, &str)] = &[];

/// The crate's code outside the CLI: (path under `src/`, text).
fn library_sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if rel != "cli" {
                    dirs.push(p);
                }
            } else if rel.ends_with(".rs") && rel != "main.rs" {
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// `text` with comments removed and the insides of string and char literals
/// blanked, so that what is left is code.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |n| n + 2);
        } else if let Some(hashes) = raw_string_start(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let body = 2 + hashes + usize::from(rest.starts_with('b'));
            let end = rest[body..].find(&close).map_or(rest.len(), |n| body + n);
            out.push_str("\"\"");
            i += end + close.len().min(rest.len() - end);
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i += 1;
        } else if b[i] == b'\'' && is_char_literal(rest) {
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            out.push_str("' '");
            i += 1;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The number of `#`s of a raw string literal starting here (`r"`, `r#"`, `br#"`).
fn raw_string_start(s: &str) -> Option<usize> {
    let s = s.strip_prefix('b').unwrap_or(s).strip_prefix('r')?;
    let hashes = s.len() - s.trim_start_matches('#').len();
    s[hashes..].starts_with('"').then_some(hashes)
}

/// A `'` that opens a char literal rather than a lifetime or label.
fn is_char_literal(s: &str) -> bool {
    let mut c = s[1..].chars();
    match c.next() {
        Some('\\') => true,
        Some(_) => c.next() == Some('\''),
        None => false,
    }
}

/// `code` without `#[cfg(test)]` items (a `mod tests { … }`, a test-only function or `use`).
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let semi = item.find(';').unwrap_or(item.len());
        let open = item.find('{').unwrap_or(item.len());
        let end = if semi < open {
            semi + 1
        } else {
            let mut depth = 0usize;
            let mut end = item.len();
            for (i, c) in item.char_indices().skip(open) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            end
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The first identifier of each path a `crate::` in `code` names:
/// `crate::a::b` gives `a`, `crate::{a::b, c}` gives `a` and `c`.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::`, `my_crate::`
        }
        let rest = code[at + "crate::".len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.push(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            names.push(ident(&item));
        } else {
            names.push(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty() && n != "self");
    names
}

/// The crate root's re-exports: `Certificate` → `cert`.
fn reexports(lib_rs: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let code = code_only(lib_rs);
    for stmt in code.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = item.split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() {
                map.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    map
}

/// Module → modules it imports → the files that do.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn module_graph() -> Graph {
    let sources = library_sources();
    let lib_rs = &sources.iter().find(|(p, _)| p == "lib.rs").unwrap().1;
    let modules: BTreeSet<String> = code_only(lib_rs)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or(l.strip_prefix("pub "))
                .unwrap_or(l);
            l.strip_prefix("mod ")
        })
        .map(|m| m.trim_end_matches(';').trim().to_string())
        .collect();
    let names = reexports(lib_rs);
    let mut graph = Graph::new();
    for (path, text) in &sources {
        if path == "lib.rs" || path.ends_with("/tests.rs") {
            continue;
        }
        let from = path.split('/').next().unwrap().trim_end_matches(".rs");
        assert!(modules.contains(from), "{path}: not a module of lib.rs");
        graph.entry(from.to_string()).or_default();
        for name in crate_paths(&without_tests(&code_only(text))) {
            let to = if modules.contains(&name) {
                name
            } else {
                names
                    .get(&name)
                    .unwrap_or_else(|| {
                        panic!("{path}: crate::{name} is neither a module nor a re-export")
                    })
                    .clone()
            };
            if to != from {
                graph
                    .entry(from.to_string())
                    .or_default()
                    .entry(to)
                    .or_default()
                    .insert(path.clone());
            }
        }
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(graph: &Graph, skip: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        skip: &'g BTreeSet<(String, String)>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flat_map(|m| m.keys()) {
            if s.skip.contains(&(v.to_string(), w.clone())) {
                continue;
            }
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.stack.contains(&w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.found.push(comp);
            }
        }
    }
    let mut s = State {
        graph,
        skip,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

/// No import cycle among the library's modules, but for the allowlisted
/// edges; every allowlisted edge still exists (else remove it from `ALLOWED`).
/// `cargo test --test it module_graph -- --nocapture` prints the graph.
#[test]
fn library_modules_import_without_cycles() {
    let graph = module_graph();
    for (from, to) in &graph {
        let list: Vec<&str> = to.keys().map(String::as_str).collect();
        println!("{from} -> {}", list.join(", "));
    }
    let skip: BTreeSet<(String, String)> = ALLOWED
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let stale: Vec<_> = skip
        .iter()
        .filter(|(a, b)| !graph.get(a).is_some_and(|m| m.contains_key(b)))
        .collect();
    assert!(
        stale.is_empty(),
        "allowlisted imports that no longer exist (remove them from ALLOWED): {stale:?}"
    );
    let found = cycles(&graph, &skip);
    let mut report = String::new();
    for comp in &found {
        report.push_str(&format!("cycle among {}:\n", comp.join(", ")));
        for from in comp {
            for (to, files) in &graph[from] {
                if comp.contains(to) && !skip.contains(&(from.clone(), to.clone())) {
                    let files: Vec<&str> = files.iter().map(String::as_str).collect();
                    report.push_str(&format!("  {from} -> {to} ({})\n", files.join(", ")));
                }
            }
        }
    }
    assert!(found.is_empty(), "import cycles:\n{report}");
}

/// The graph reader itself: comments, strings and test code are not imports;
/// groups, nested groups and re-exported names are.
#[test]
fn module_graph_reader_sees_imports_not_comments_or_strings() {
    let code = code_only(
        "use crate::{a::X, b::{c, d}, self};\n// crate::comment\n\
         let s = \"crate::string\"; let r = r#\"crate::raw\"#; let c = '{';\n\
         fn f<'a>(x: &'a crate::e::T) {}\n/* crate::block */ crate::f::g();\n\
         #[cfg(test)]\nmod tests { use crate::h; fn t() { let _ = \"}\"; } }\n\
         #[cfg(test)]\nuse crate::i;\n$crate::j; my_crate::k; crate::Certificate",
    );
    assert_eq!(
        crate_paths(&without_tests(&code)),
        ["a", "b", "e", "f", "Certificate"]
    );
    let names = reexports("pub use cert::Certificate;\npub use error::{Error, Result as R};");
    assert_eq!(names["Certificate"], "cert");
    assert_eq!(names["R"], "error");
}
