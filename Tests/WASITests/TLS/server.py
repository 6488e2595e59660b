"""The HTTP peer of the outgoing-handler tests: an HTTP/1.1 server on 127.0.0.1, over TLS with
--tls (cert.pem/key.pem: a server certificate for 127.0.0.1 and localhost issued by the test
CA in ca.pem, made for these tests only: nothing trusts it unless a test adds ca.pem).
Prints the port it listens on, then serves until killed. Routes:
  POST /echo        reads the chunked request body; answers once the first chunk is in and
                    echoes each chunk as it arrives (so a client that buffers the whole body
                    before sending never gets an answer while still writing)
  GET  /stall-head  never answers (first-byte timeouts)
  GET  /stall-body  sends the head and 5 of 100 body bytes, then nothing (between-bytes timeouts)
  GET  anything     "secure PATH" (or "plain PATH" without TLS)
"""
import http.server
import os
import ssl
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
tls = "--tls" in sys.argv[1:]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/stall-head":
            time.sleep(60)
            return
        if self.path == "/stall-body":
            self.send_response(200)
            self.send_header("content-length", "100")
            self.end_headers()
            self.wfile.write(b"12345")
            self.wfile.flush()
            time.sleep(60)
            return
        body = f"{'secure' if tls else 'plain'} {self.path}\n".encode()
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        started = False
        while True:
            size = int(self.rfile.readline().strip().split(b";")[0], 16)
            chunk = self.rfile.read(size)
            self.rfile.readline()
            if size == 0:
                break
            if not started:
                self.send_response(200)
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                started = True
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
        if not started:
            self.send_response(200)
            self.send_header("transfer-encoding", "chunked")
            self.end_headers()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if tls:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(here, "cert.pem"), os.path.join(here, "key.pem"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
