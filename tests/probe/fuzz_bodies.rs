//! The fuzz bodies of `fuzz/`, run over random inputs on stable.

use mailconf::probe::fuzzing;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn random_inputs(seed: u64, count: usize) -> Vec<Vec<u8>> {
    let mut rng = StdRng::seed_from_u64(seed);
    // The password in every form it is sent in: a server may echo it back
    // (issue 11, F6), and only inputs that contain it can find a leak.
    let secrets: Vec<Vec<u8>> = fuzzing::fuzz_secret_forms()
        .into_iter()
        .map(String::into_bytes)
        .collect();
    // Mix uniform bytes with protocol-looking tokens so the machines get past the greeting.
    let mut tokens: Vec<&[u8]> = secrets.iter().map(Vec::as_slice).collect();
    tokens.extend_from_slice(&[
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
        b"334 ",
        b"+ ",
        b"a1 NO ",
        b"a1 BAD ",
        b"SASL PLAIN\r\n",
        b"AUTH=PLAIN ",
        b"250-AUTH PLAIN LOGIN\r\n",
    ]);
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

#[test]
fn server_text_body_survives_random_input() {
    for input in random_inputs(4, 3000) {
        fuzzing::server_text(&input);
    }
    // And documents: a hostile autoconfig with random bytes in its fields.
    let mut rng = StdRng::seed_from_u64(5);
    for _ in 0..300 {
        let junk: String = (0..rng.random_range(0..40))
            .map(|_| char::from_u32(rng.random_range(0..0x3000)).unwrap_or('?'))
            .filter(|c| !matches!(c, '<' | '&'))
            .collect();
        let doc = format!(
            "<clientConfig><emailProvider id=\"x\"><domain>{junk}</domain><displayName>{junk}</displayName>\
             <incomingServer type=\"imap\"><hostname>{junk}</hostname><port>993</port><socketType>SSL</socketType></incomingServer>\
             <incomingServer type=\"imap\"><hostname>imap.x.test</hostname><port>993</port><socketType>SSL</socketType></incomingServer>\
             </emailProvider></clientConfig>"
        );
        fuzzing::server_text(doc.as_bytes());
    }
}
