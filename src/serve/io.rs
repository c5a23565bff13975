//! The bytes of a connection: response bodies (a page in memory, or a file read one chunk at a
//! time as the client takes it, so a large file costs each client one chunk of memory), and a
//! deadline on writes, so a client that stops reading is dropped instead of keeping its
//! connection and its open file for ever.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use hyper::body::{Bytes, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// How much of a file is read at once.
const CHUNK: usize = 64 * 1024;

/// A response body of a length known in advance (so every response has a Content-Length, and
/// a kept-alive HTTP/1.0 connection knows where a response ends).
#[derive(Debug)]
pub struct Body(Inner);

#[derive(Debug)]
enum Inner {
    Memory(Option<Bytes>),
    File {
        file: tokio::fs::File,
        left: u64,
        chunk: Box<[u8]>,
    },
}

impl Body {
    pub fn memory(bytes: impl Into<Bytes>) -> Body {
        Body(Inner::Memory(Some(bytes.into())))
    }

    /// The first `len` bytes of `file`, read as the client takes them.
    pub fn file(file: std::fs::File, len: u64) -> Body {
        Body(Inner::File {
            file: tokio::fs::File::from_std(file),
            left: len,
            chunk: vec![0; CHUNK].into_boxed_slice(),
        })
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<io::Result<Frame<Bytes>>>> {
        match &mut self.get_mut().0 {
            Inner::Memory(bytes) => Poll::Ready(bytes.take().map(|bytes| Ok(Frame::data(bytes)))),
            Inner::File { file, left, chunk } => poll_chunk(file, left, chunk, cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.0 {
            Inner::Memory(bytes) => bytes.as_ref().is_none_or(Bytes::is_empty),
            Inner::File { left, .. } => *left == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.0 {
            Inner::Memory(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Inner::File { left, .. } => SizeHint::with_exact(*left),
        }
    }
}

/// The next chunk of a file, of at most the `left` bytes still promised.
fn poll_chunk(
    file: &mut tokio::fs::File,
    left: &mut u64,
    chunk: &mut [u8],
    cx: &mut Context<'_>,
) -> Poll<Option<io::Result<Frame<Bytes>>>> {
    if *left == 0 {
        return Poll::Ready(None);
    }
    let want = usize::try_from(*left).map_or(chunk.len(), |left| left.min(chunk.len()));
    let mut read = ReadBuf::new(&mut chunk[..want]);
    if let Err(error) = ready!(Pin::new(file).poll_read(cx, &mut read)) {
        return Poll::Ready(Some(Err(error)));
    }
    let filled = read.filled();
    if filled.is_empty() {
        // The file shrank while it was sent (a rebuild replaced it): the promised length
        // cannot be kept, so the connection is ended and the browser sees an incomplete load.
        return Poll::Ready(Some(Err(io::ErrorKind::UnexpectedEof.into())));
    }
    *left -= filled.len() as u64;
    Poll::Ready(Some(Ok(Frame::data(Bytes::copy_from_slice(filled)))))
}

/// A connection whose writes fail once the client has taken nothing for `limit`.
#[derive(Debug)]
pub struct WriteDeadline<T> {
    inner: T,
    limit: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<T> WriteDeadline<T> {
    pub fn new(inner: T, limit: Duration) -> Self {
        WriteDeadline {
            inner,
            limit,
            stalled: None,
        }
    }

    /// A write's `result`: bytes taken restart the clock (`took`), and a write, flush or
    /// shutdown still waiting fails once the client has taken nothing for `limit`. A flush
    /// that is done at once is no progress (a socket's always is), so it restarts nothing.
    fn watch<R>(
        &mut self,
        cx: &mut Context<'_>,
        result: Poll<io::Result<R>>,
        took: impl FnOnce(&R) -> bool,
    ) -> Poll<io::Result<R>> {
        match result {
            Poll::Ready(Ok(value)) => {
                if took(&value) {
                    self.stalled = None;
                }
                Poll::Ready(Ok(value))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => self.stalled(cx),
        }
    }

    fn stalled<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        let limit = self.limit;
        let stalled = (self.stalled).get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        ready!(stalled.as_mut().poll(cx));
        let error = io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading");
        Poll::Ready(Err(error))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteDeadline<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch(cx, result, |&written| written > 0)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch(cx, result, |&written| written > 0)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_flush(cx);
        this.watch(cx, result, |()| false)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.watch(cx, result, |()| false)
    }
}

#[cfg(test)]
mod tests {
    use std::future::poll_fn;

    use super::*;
    use hyper::body::Body as _;

    fn runtime() -> tokio::runtime::Runtime {
        let mut builder = tokio::runtime::Builder::new_current_thread();
        builder.enable_all().build().unwrap()
    }

    /// Every byte of `body`, frame by frame.
    async fn collect(mut body: Body) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            out.extend_from_slice(frame?.data_ref().map_or(&[][..], |data| &data[..]));
        }
        Ok(out)
    }

    #[test]
    fn a_file_body_sends_its_promised_length_in_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.bin");
        let bytes: Vec<u8> = (0..200_000_u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let body = Body::file(std::fs::File::open(&path).unwrap(), 150_000);
        assert_eq!(body.size_hint().exact(), Some(150_000));
        assert_eq!(
            runtime().block_on(collect(body)).unwrap(),
            &bytes[..150_000]
        );
        let short = Body::file(std::fs::File::open(&path).unwrap(), 300_000);
        let error = runtime().block_on(collect(short)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_write_that_waits_past_the_deadline_fails() {
        runtime().block_on(async {
            // A pipe with room for 8 bytes that nobody reads.
            let (writer, _reader) = tokio::io::duplex(8);
            let mut writer = WriteDeadline::new(writer, Duration::from_millis(50));
            let mut writer = Pin::new(&mut writer);
            assert_eq!(
                poll_fn(|cx| writer.as_mut().poll_write(cx, b"12345678"))
                    .await
                    .unwrap(),
                8
            );
            // Each wake-up flushes (done at once: no progress) before it tries to write again.
            let flush_then_write = poll_fn(|cx| {
                ready!(writer.as_mut().poll_flush(cx))?;
                writer.as_mut().poll_write(cx, b"9")
            });
            let waited = tokio::time::timeout(Duration::from_secs(2), flush_then_write).await;
            let error = waited.expect("the deadline fired").unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        });
    }
}
