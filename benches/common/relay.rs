//! A delaying TCP relay for the benchmarks: latency without `tc netem`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Where the servers behind the relays listen: `MAILCONF_BENCH_ADDR` (e.g. the
/// harness's 198.18.0.2 in its network namespace), else 127.0.0.1.
#[allow(dead_code)] // used by one of the benches only
pub fn target_ip() -> IpAddr {
    std::env::var("MAILCONF_BENCH_ADDR")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Forwards 127.0.0.1:<returned port> to `target`, delaying every chunk by
/// `delay` each way. Call inside a tokio runtime.
pub async fn relay(target: SocketAddr, delay: Duration) -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((client, _)) = l.accept().await {
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(target).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::spawn(pipe(cr, sw, delay));
                tokio::spawn(pipe(sr, cw, delay));
            });
        }
    });
    port
}

async fn pipe(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    delay: Duration,
) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(tokio::time::Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((at, bytes)) = rx.recv().await {
            tokio::time::sleep_until(at).await;
            if to.write_all(&bytes).await.is_err() {
                return;
            }
        }
        let _ = to.shutdown().await;
    });
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let _ = tx.send((tokio::time::Instant::now() + delay, buf[..n].to_vec()));
            }
        }
    }
    drop(tx);
    let _ = writer.await;
}
