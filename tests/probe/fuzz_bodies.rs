//! The fuzz bodies of `fuzz/`, run over random inputs on stable.

use mailconf::probe::fuzzing;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn random_inputs(seed: u64, count: usize) -> Vec<Vec<u8>> {
    let mut rng = StdRng::seed_from_u64(seed);
    // Mix uniform bytes with protocol-looking tokens so the machines get past the greeting.
    let tokens: &[&[u8]] = &[
        b"+OK ",
        b"-ERR ",
        b"220 ",
        b"250-",
        b"250 ",
        b"* OK ",
        b"a1 OK ",
        b"a2 OK ",
        b"a3 OK ",
        b"* CAPABILITY STARTTLS ",
        b"STLS",
        b"STARTTLS",
        b".",
        b"\r\n",
        b"\n",
        b"{5}",
        b"[CAPABILITY ",
        b"]",
        b"554 ",
        b"* BYE ",
        b"\x1b",
        b"\0",
        b"\xff",
    ];
    (0..count)
        .map(|_| {
            let len = rng.random_range(0..400);
            let mut v = vec![rng.random::<u8>(), rng.random::<u8>()];
            while v.len() < len {
                if rng.random_bool(0.5) {
                    v.extend_from_slice(tokens[rng.random_range(0..tokens.len())]);
                } else {
                    v.push(rng.random());
                }
            }
            v
        })
        .collect()
}

#[test]
fn framer_body_survives_random_input() {
    for input in random_inputs(1, 3000) {
        fuzzing::framer(&input);
    }
}

#[test]
fn reply_bodies_survive_random_input() {
    for input in random_inputs(2, 3000) {
        fuzzing::replies(&input);
    }
}

#[test]
fn machine_body_survives_random_input() {
    for input in random_inputs(3, 3000) {
        fuzzing::pop3(&input);
        fuzzing::smtp(&input);
        fuzzing::imap(&input);
    }
}
