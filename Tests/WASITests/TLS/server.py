"""A one-connection-at-a-time HTTPS server on 127.0.0.1 for the outgoing-handler tests, with
the self-signed test certificate here (cert.pem/key.pem, made for these tests only: nothing
trusts it). Prints the port it listens on, then serves until killed."""
import http.server
import os
import ssl
import sys

here = os.path.dirname(os.path.abspath(__file__))


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"secure {self.path}\n".encode()
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(here, "cert.pem"), os.path.join(here, "key.pem"))
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
