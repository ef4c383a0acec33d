//! The loopback redirect of the authorization code flow (RFC 8252 §7.3).
//!
//! Listens on `127.0.0.1` (the IP literal, not `localhost`, which may resolve
//! elsewhere) on a port the system picks, and reads the browser's request for
//! `/?code=…&state=…`. What arrives is hostile input (any local program can
//! connect): the request is read with a size cap and a per-connection
//! deadline, only `GET /` with the exact `state` this sign-in sent gives a
//! code, a wrong `state` ends the sign-in with [`SigninError::StateMismatch`],
//! and anything else (a favicon request, garbage) is answered 404 and
//! ignored. The page the browser shows is static text in the user's language;
//! nothing from the request is echoed into it.

use std::time::Duration;

use secrecy::SecretString;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

use super::{RefusalKind, SigninError};
use crate::i18n::Lang;

/// Longest request read from the browser.
const MAX_REQUEST_BYTES: usize = 8 * 1024;

/// How long one connection may take to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections answered at most (a stray program cannot keep us busy forever;
/// the caller's deadline bounds the time).
const MAX_CONNECTIONS: usize = 64;

/// The listening socket of one sign-in.
#[derive(Debug)]
pub struct Listener {
    socket: TcpListener,
    port: u16,
}

/// What one request said.
enum Answer {
    Code(SecretString),
    Refused(SigninError),
    Ignore,
}

impl Listener {
    /// Binds `127.0.0.1:0`.
    pub async fn bind() -> std::io::Result<Listener> {
        let socket = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = socket.local_addr()?.port();
        Ok(Listener { socket, port })
    }

    /// The redirect URI to register with the request: `http://127.0.0.1:PORT/`.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Waits for the browser's redirect and returns the code, or the refusal
    /// it carries, or [`SigninError::StateMismatch`]. The caller bounds the
    /// total time.
    pub async fn wait(&self, state: &str, lang: Lang) -> Result<SecretString, SigninError> {
        for _ in 0..MAX_CONNECTIONS {
            let Ok((stream, _)) = self.socket.accept().await else {
                continue;
            };
            let answer = match tokio::time::timeout(
                REQUEST_TIMEOUT,
                read_request(stream, state, lang),
            )
            .await
            {
                Ok(a) => a,
                Err(_) => Answer::Ignore,
            };
            match answer {
                Answer::Code(code) => return Ok(code),
                Answer::Refused(e) => return Err(e),
                Answer::Ignore => {}
            }
        }
        Err(SigninError::Setup(super::SetupProblem::NoRedirectAnswer(
            MAX_CONNECTIONS,
        )))
    }
}

/// Reads one request and answers it.
async fn read_request(mut stream: TcpStream, state: &str, lang: Lang) -> Answer {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return Answer::Ignore,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > MAX_REQUEST_BYTES {
            respond(&mut stream, 431, "").await;
            return Answer::Ignore;
        }
    }
    let line = buf.split(|&b| b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut parts = line.split(' ');
    let (Some("GET"), Some(target)) = (parts.next(), parts.next()) else {
        respond(&mut stream, 405, "").await;
        return Answer::Ignore;
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != "/" {
        respond(&mut stream, 404, "").await;
        return Answer::Ignore;
    }
    let mut code = None;
    let mut got_state = None;
    let mut error = None;
    let mut description = None;
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "code" => code = Some(SecretString::from(v.into_owned())),
            "state" => got_state = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            "error_description" => description = Some(v.into_owned()),
            _ => {}
        }
    }
    if got_state.as_deref() != Some(state) {
        respond(
            &mut stream,
            400,
            &super::text::page(lang, super::text::Page::StateMismatch),
        )
        .await;
        return Answer::Refused(SigninError::StateMismatch);
    }
    if let Some(e) = error {
        respond(
            &mut stream,
            200,
            &super::text::page(lang, super::text::Page::Refused),
        )
        .await;
        return Answer::Refused(RefusalKind::refusal(&e, description.as_deref()));
    }
    match code {
        Some(c) => {
            respond(
                &mut stream,
                200,
                &super::text::page(lang, super::text::Page::SignedIn),
            )
            .await;
            Answer::Code(c)
        }
        None => {
            respond(&mut stream, 400, "").await;
            Answer::Ignore
        }
    }
}

async fn respond(stream: &mut TcpStream, status: u16, body: &str) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn send(port: u16, request: &[u8]) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        s.write_all(request).await.unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out).await;
        String::from_utf8_lossy(&out).into_owned()
    }

    #[tokio::test]
    async fn the_code_comes_only_with_the_right_state() {
        let l = Listener::bind().await.unwrap();
        assert!(l.redirect_uri().starts_with("http://127.0.0.1:"));
        let port = l.port;
        let browser = tokio::spawn(async move {
            // Noise first: a favicon request and a POST are ignored.
            let a = send(port, b"GET /favicon.ico HTTP/1.1\r\n\r\n").await;
            let b = send(port, b"POST /?code=x&state=s1 HTTP/1.1\r\n\r\n").await;
            let c = send(
                port,
                b"GET /?code=the-code&state=s1 HTTP/1.1\r\nHost: x\r\n\r\n",
            )
            .await;
            (a, b, c)
        });
        let code = l.wait("s1", Lang::En).await.expect("a code");
        let (a, b, c) = browser.await.unwrap();
        assert!(a.starts_with("HTTP/1.1 404"), "{a}");
        assert!(b.starts_with("HTTP/1.1 405"), "{b}");
        assert!(c.starts_with("HTTP/1.1 200"), "{c}");
        use secrecy::ExposeSecret as _;
        assert_eq!(code.expose_secret(), "the-code");
    }

    /// Connections that never bring the answer end the wait; that was said
    /// in English ("64 connections to the redirect port…") in every language.
    #[tokio::test]
    async fn connections_without_the_answer_end_the_wait_in_the_users_language() {
        let l = Listener::bind().await.unwrap();
        let port = l.port;
        let browser = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let _ = send(port, b"GET /favicon.ico HTTP/1.1\r\n\r\n").await;
            }
        });
        let e = l.wait("s1", Lang::ZhHans).await.map(|_| ()).unwrap_err();
        browser.await.unwrap();
        let text = e.message(Lang::ZhHans);
        assert_eq!(super::super::tests::latin_in_sentence(&text), "", "{text}");
        assert!(text.contains(&MAX_CONNECTIONS.to_string()), "{text}");
    }

    #[tokio::test]
    async fn a_wrong_state_ends_the_sign_in() {
        let l = Listener::bind().await.unwrap();
        let port = l.port;
        let browser = tokio::spawn(async move {
            send(port, b"GET /?code=stolen&state=other HTTP/1.1\r\n\r\n").await
        });
        let r = l.wait("s1", Lang::ZhHans).await;
        assert_eq!(r.map(|_| ()), Err(SigninError::StateMismatch));
        let page = browser.await.unwrap();
        assert!(page.starts_with("HTTP/1.1 400"), "{page}");
        assert!(
            !page.contains("stolen"),
            "nothing from the request is echoed"
        );
    }

    #[tokio::test]
    async fn an_error_redirect_is_a_typed_refusal_and_oversize_is_refused() {
        let l = Listener::bind().await.unwrap();
        let port = l.port;
        let browser = tokio::spawn(async move {
            let big = format!("GET /?{} HTTP/1.1\r\n", "a".repeat(20_000));
            let _ = send(port, big.as_bytes()).await;
            send(port, b"GET /?error=access_denied&state=s1 HTTP/1.1\r\n\r\n").await
        });
        let r = l.wait("s1", Lang::En).await;
        assert!(
            matches!(
                r,
                Err(SigninError::Refused {
                    kind: RefusalKind::ConsentDenied,
                    ..
                })
            ),
            "{:?}",
            r.map(|_| ())
        );
        browser.await.unwrap();
    }
}
