//! Provider database benchmark: how long parsing the bundled database, a lookup and
//! a search take. Run with `cargo bench --bench providers`.
//!
//! A plain harness (no criterion): each measurement repeats a bounded number of
//! times and reports the median, which is stable enough for numbers of this size.

mod common;
use common::median;

use mailconf::providers::Database;
use mailconf::providers::load::{bundled_files, load_file};
use std::hint::black_box;

fn main() {
    let files = bundled_files();
    let parse = median(21, || {
        for (f, t) in files {
            black_box(load_file(f, t, true).ok());
        }
    });
    let db = Database::bundled();
    let queries = [
        "用户@qq.com",
        "alice@163.com",
        "bob@mail.example.nyu.edu",
        "x@unknown-domain.example",
        "gmail.com",
    ];
    let lookup = median(101, || {
        for _ in 0..100 {
            for q in queries {
                black_box(db.lookup(black_box(q)).ok());
            }
        }
    }) / (100 * queries.len() as u32);
    let searches = ["网易", "qq", "騰訊", "outlook", "mail"];
    let search = median(21, || {
        for q in searches {
            black_box(db.search(black_box(q)).len());
        }
    }) / searches.len() as u32;
    println!("provider files:            {}", files.len());
    println!("domains:                   {}", db.domain_count());
    println!(
        "parse + validate all:      {:.2} ms (median of 21)",
        parse.as_secs_f64() * 1e3
    );
    println!(
        "lookup (address/domain):   {:.2} µs (median of 101 x 500)",
        lookup.as_secs_f64() * 1e6
    );
    println!(
        "search (name, 3 langs):    {:.1} µs (median of 21 x 5)",
        search.as_secs_f64() * 1e6
    );
}
