"""A wasi:http/proxy handler that answers every request with a description of it:
method, path, the x-test-* headers, and the request body echoed back."""
from componentize_py_types import Err, Ok
from wit_world import exports
from wit_world.imports.streams import StreamError_Closed
from wit_world.imports.types import (
    Fields, IncomingBody, IncomingRequest, Method_Other, OutgoingBody, OutgoingResponse, ResponseOutparam,
)


def read_all(request: IncomingRequest) -> bytes:
    body = request.consume()
    data = b""
    with body.stream() as stream:
        while True:
            try:
                data += stream.blocking_read(65536)
            except Err as error:
                if isinstance(error.value, StreamError_Closed):
                    break
                raise
    IncomingBody.finish(body)
    return data


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        method = request.method()
        name = method.value if isinstance(method, Method_Other) else type(method).__name__[len("Method_"):].upper()
        path = request.path_with_query() or ""
        headers = sorted((k, v.decode()) for k, v in request.headers().entries() if k.startswith("x-test-"))
        body = read_all(request)
        text = f"method={name}\npath={path}\nheaders={headers}\nbody-length={len(body)}\n".encode() + body
        status = 404 if path.startswith("/missing") else 200
        response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain"), ("x-echo-method", name.encode())]))
        response.set_status_code(status)
        outgoing = response.body()
        ResponseOutparam.set(response_out, Ok(response))
        with outgoing.write() as stream:
            for start in range(0, len(text), 4096):
                stream.blocking_write_and_flush(text[start:start + 4096])
        OutgoingBody.finish(outgoing, None)
