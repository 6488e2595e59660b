#!/usr/bin/env python3
"""Drives a running `wcompd serve` from Python: the interop check of the daemon's gRPC API.

The client stubs are generated at start from the API's .proto files (proto/ in the
repository, plus the standard grpc/health/v1/health.proto) into a temporary directory with
grpc_tools.protoc, so the check always runs against the API as it is defined, not against
stubs someone committed. Then, over the daemon's Unix socket, it exercises the health
service, a chunked component upload, listing and inspection, instance creation, invocation
with WAVE and with typed values, lifecycle events, grants and the audit log, bad input and
deletion; and, when given a TCP listener, checks that TLS calls without the bearer token are
rejected with UNAUTHENTICATED and accepted with it.

Each passed check prints one `ok <name>` line; the last line is `interop: N checks passed`.
A failed check prints `FAILED <name>: <why>` and the script exits with status 1.

Needs the pip packages grpcio and grpcio-tools.
"""

import argparse
import hashlib
import importlib
import os
import pathlib
import queue
import shutil
import sys
import tempfile
import threading

import grpc
from grpc_tools import protoc

HEALTH_PROTO = "grpc/health/v1/health.proto"


class CheckFailed(Exception):
    """A check whose result differed from what the API promises."""


def expect(condition, message):
    """Fails the current check with `message` unless `condition` holds."""
    if not condition:
        raise CheckFailed(message)


def expect_status(code, call, *args, **kwargs):
    """Runs `call` and fails unless it is rejected with gRPC status `code`; returns the error."""
    try:
        call(*args, **kwargs)
    except grpc.RpcError as error:
        expect(error.code() == code, f"expected {code.name}, got {error.code().name}: {error.details()}")
        return error
    raise CheckFailed(f"expected {code.name}, but the call succeeded")


def generate_stubs(proto_root, health_root, out):
    """Generates the Python messages and stubs for proto/ and health.proto into `out`.

    health.proto is compiled as `grpc_health_v1/health.proto`: under its own path the module
    would be `grpc.health.v1`, which the installed `grpc` package shadows. The path only names
    the Python module; the service keeps its name, `grpc.health.v1.Health`, on the wire.
    """
    well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    api = sorted(str(path.relative_to(proto_root)) for path in pathlib.Path(proto_root).rglob("*.proto"))
    expect(api, f"no .proto files under {proto_root}")
    health_source = os.path.join(health_root, HEALTH_PROTO)
    expect(os.path.isfile(health_source), f"{health_source} is missing (Debian package grpc-proto)")
    health_include = os.path.join(out, "health-proto")
    os.makedirs(os.path.join(health_include, "grpc_health_v1"))
    shutil.copyfile(health_source, os.path.join(health_include, "grpc_health_v1", "health.proto"))
    for include, files in ((proto_root, api), (health_include, ["grpc_health_v1/health.proto"])):
        status = protoc.main(["grpc_tools.protoc", f"-I{include}", f"-I{well_known}",
                              f"--python_out={out}", f"--grpc_python_out={out}", *files])
        expect(status == 0, f"protoc failed on {include} (status {status})")


class Stubs:
    """The generated message modules and service stubs, imported from the stub directory."""

    def __init__(self, out):
        sys.path.insert(0, out)
        load = importlib.import_module
        self.components = load("wcomp.daemon.v1.components_pb2")
        self.instances = load("wcomp.daemon.v1.instances_pb2")
        self.grants = load("wcomp.daemon.v1.grants_pb2")
        self.values = load("wcomp.daemon.v1.values_pb2")
        self.health = load("grpc_health_v1.health_pb2")
        self.components_grpc = load("wcomp.daemon.v1.components_pb2_grpc")
        self.instances_grpc = load("wcomp.daemon.v1.instances_pb2_grpc")
        self.grants_grpc = load("wcomp.daemon.v1.grants_pb2_grpc")
        self.health_grpc = load("grpc_health_v1.health_pb2_grpc")


class Interop:
    """The checks, run in order against one daemon; each is a method named `check_*`."""

    INSTANCE = "py-calc"

    def __init__(self, stubs, channel, component, scratch):
        self.pb = stubs
        self.health = stubs.health_grpc.HealthStub(channel)
        self.components = stubs.components_grpc.ComponentServiceStub(channel)
        self.instances = stubs.instances_grpc.InstanceServiceStub(channel)
        self.grants = stubs.grants_grpc.GrantServiceStub(channel)
        self.component = component
        self.sha256 = hashlib.sha256(component).hexdigest()
        self.scratch = scratch
        self.calls = 0
        self.passed = 0

    def run(self, name, check):
        """Runs one check and reports it."""
        try:
            check()
        except (CheckFailed, grpc.RpcError) as error:
            detail = f"{error.code().name}: {error.details()}" if isinstance(error, grpc.RpcError) else str(error)
            print(f"FAILED {name}: {detail}", flush=True)
            raise SystemExit(1)
        self.passed += 1
        print(f"ok {name}", flush=True)

    def check_health(self):
        serving = self.pb.health.HealthCheckResponse.SERVING
        status = self.health.Check(self.pb.health.HealthCheckRequest(), timeout=10).status
        expect(status == serving, f"server status {status}")
        for service in ("wcomp.daemon.v1.ComponentService", "wcomp.daemon.v1.InstanceService", "wcomp.daemon.v1.GrantService"):
            status = self.health.Check(self.pb.health.HealthCheckRequest(service=service), timeout=10).status
            expect(status == serving, f"{service} status {status}")
        expect_status(grpc.StatusCode.NOT_FOUND, self.health.Check, self.pb.health.HealthCheckRequest(service="no.such.Service"))

    def upload_messages(self, data, chunk_size, expected_sha256=""):
        """The client stream of an upload: metadata first, then `data` in chunks."""
        metadata = self.pb.components.UploadMetadata(name="calculator", expected_sha256=expected_sha256)
        for offset in range(0, len(data), chunk_size):
            chunk = data[offset:offset + chunk_size]
            if offset == 0:
                yield self.pb.components.UploadComponentRequest(metadata=metadata, chunk=chunk)
            else:
                yield self.pb.components.UploadComponentRequest(chunk=chunk)

    def check_upload_streamed_in_chunks(self):
        chunk_size = max(1, len(self.component) // 7)
        response = self.components.UploadComponent(self.upload_messages(self.component, chunk_size, self.sha256), timeout=30)
        expect(response.component.sha256 == self.sha256, f"stored as {response.component.sha256}, not {self.sha256}")
        expect(response.component.size_bytes == len(self.component), f"size {response.component.size_bytes}")
        expect(not response.deduplicated, "first upload reported as deduplicated")
        again = self.components.UploadComponent(self.upload_messages(self.component, len(self.component)), timeout=30)
        expect(again.deduplicated and again.component.sha256 == self.sha256, "second upload of the same bytes not deduplicated")

    def check_upload_with_wrong_digest_is_data_loss(self):
        wrong = "0" * 64
        expect_status(grpc.StatusCode.DATA_LOSS, self.components.UploadComponent,
                      self.upload_messages(self.component, 64, wrong), timeout=30)

    def check_list_and_inspect(self):
        listed = self.components.ListComponents(self.pb.components.ListComponentsRequest(), timeout=10).components
        expect([c.sha256 for c in listed] == [self.sha256], f"listed {[c.sha256 for c in listed]}")
        expect(listed[0].name == "calculator" and listed[0].export_count == 4, f"listed {listed[0]}")
        inspected = self.components.InspectComponent(self.pb.components.InspectComponentRequest(sha256=self.sha256), timeout=10)
        exports = {item.name: item for item in inspected.exports}
        expect(sorted(exports) == ["add", "boom", "negate", "spin"], f"exports {sorted(exports)}")
        add = exports["add"]
        expect(add.kind == self.pb.components.WorldItem.KIND_FUNCTION, f"add is of kind {add.kind}")
        expect(add.type == "func(a: u32, b: u32) -> u32", f"add has type {add.type!r}")
        expect(len(inspected.imports) == 0, f"imports {list(inspected.imports)}")

    def check_create_instance(self):
        request = self.pb.instances.CreateInstanceRequest(
            name=self.INSTANCE, component_sha256=self.sha256, env={"MODE": "interop"},
            limits=self.pb.instances.Limits(fuel=1_000_000, deadline_ms=10_000))
        instance = self.instances.CreateInstance(request, timeout=10).instance
        expect(instance.name == self.INSTANCE and instance.component_sha256 == self.sha256, f"created {instance}")
        expect(instance.state == self.pb.instances.Instance.STATE_IDLE, f"state {instance.state}")
        expect(instance.limits.fuel == 1_000_000, f"limits {instance.limits}")
        expect_status(grpc.StatusCode.ALREADY_EXISTS, self.instances.CreateInstance, request, timeout=10)

    def invoke(self, **call):
        """Invokes the test instance; counts the call."""
        response = self.instances.InvokeInstance(self.pb.instances.InvokeInstanceRequest(name=self.INSTANCE, **call), timeout=30)
        self.calls += 1
        return response

    def check_invoke_with_wave(self):
        response = self.invoke(wave="add(2, 3)")
        expect(response.wave == "5", f"add(2, 3) returned {response.wave!r}")
        expect(response.value.WhichOneof("kind") == "unsigned" and response.value.unsigned == 5, f"typed result {response.value}")
        expect(0 < response.fuel_used <= 1_000_000, f"fuel used {response.fuel_used}")

    def check_invoke_with_typed_values(self):
        call = self.pb.instances.TypedCall(function="negate", arguments=[self.pb.values.Value(signed=7_000_000_000)])
        response = self.invoke(typed=call)
        expect(response.value.WhichOneof("kind") == "signed" and response.value.signed == -7_000_000_000, f"typed result {response.value}")
        expect(response.wave == "-7000000000", f"wave result {response.wave!r}")
        call = self.pb.instances.TypedCall(function="add", arguments=[self.pb.values.Value(unsigned=40), self.pb.values.Value(unsigned=2)])
        expect(self.invoke(typed=call).value.unsigned == 42, "add(40, 2) over typed values")

    def check_trap_is_aborted_and_daemon_keeps_serving(self):
        self.calls += 1
        error = expect_status(grpc.StatusCode.ABORTED, self.instances.InvokeInstance,
                              self.pb.instances.InvokeInstanceRequest(name=self.INSTANCE, wave="boom()"), timeout=30)
        expect("trap" in error.details(), f"details {error.details()!r}")
        self.calls += 1
        expect_status(grpc.StatusCode.RESOURCE_EXHAUSTED, self.instances.InvokeInstance,
                      self.pb.instances.InvokeInstanceRequest(name=self.INSTANCE, wave="spin()"), timeout=30)
        expect(self.invoke(wave="add(1, 1)").wave == "2", "the instance did not recover after a trap")

    def check_watch_events(self):
        events = queue.Queue()
        stream = self.instances.WatchInstances(self.pb.instances.WatchInstancesRequest(name=self.INSTANCE), timeout=60)

        def pump():
            try:
                for event in stream:
                    events.put(event)
            except grpc.RpcError:
                pass
            events.put(None)

        threading.Thread(target=pump, daemon=True).start()
        # The server subscribes when the stream starts; nothing acknowledges that, so invoke
        # until the first event arrives, then check one whole call's events in order.
        first = None
        for _ in range(100):
            self.invoke(wave="add(0, 0)")
            try:
                first = events.get(timeout=0.1)
                break
            except queue.Empty:
                continue
        expect(first is not None, "no event arrived while watching")
        while True:
            try:
                events.get(timeout=0.5)
            except queue.Empty:
                break
        self.invoke(wave="add(20, 22)")
        kinds = self.pb.instances.InstanceEvent
        started, finished = events.get(timeout=10), events.get(timeout=10)
        expect(started.kind == kinds.KIND_CALL_STARTED and started.instance == self.INSTANCE, f"first event {started}")
        expect("add(20, 22)" in started.detail, f"call detail {started.detail!r}")
        expect(finished.kind == kinds.KIND_CALL_FINISHED, f"second event {finished}")
        stream.cancel()

    def check_get_and_list_instances(self):
        instance = self.instances.GetInstance(self.pb.instances.GetInstanceRequest(name=self.INSTANCE), timeout=10).instance
        expect(instance.counters.calls == self.calls, f"{instance.counters.calls} calls counted, {self.calls} made")
        expect(instance.counters.failed_calls == 2, f"{instance.counters.failed_calls} failed calls counted, 2 made")
        expect(instance.counters.fuel_used > 0, "no fuel counted")
        listed = self.instances.ListInstances(self.pb.instances.ListInstancesRequest(), timeout=10).instances
        expect([i.name for i in listed] == [self.INSTANCE], f"listed {[i.name for i in listed]}")

    def check_grants_and_audit_log(self):
        pb = self.pb.grants
        directory = pb.Grant(directory=pb.DirectoryGrant(host_path=self.scratch, guest_path="/data", read_only=True))
        variable = pb.Grant(environment=pb.EnvironmentGrant(name="COLOR", value="blue"))
        added = [self.grants.AddGrant(pb.AddGrantRequest(instance=self.INSTANCE, grant=grant), timeout=10).grant
                 for grant in (directory, variable)]
        expect(added[0].grant == directory and added[1].grant == variable, f"added {added}")
        listed = self.grants.ListGrants(pb.ListGrantsRequest(instance=self.INSTANCE), timeout=10).grants
        expect([g.grant for g in listed] == [pb.Grant(environment=pb.EnvironmentGrant(name="MODE", value="interop")), directory, variable],
               f"listed {[g.grant for g in listed]}")
        self.grants.RevokeGrant(pb.RevokeGrantRequest(instance=self.INSTANCE, grant_id=added[0].id), timeout=10)
        remaining = [g.id for g in self.grants.ListGrants(pb.ListGrantsRequest(instance=self.INSTANCE), timeout=10).grants]
        expect(remaining == [listed[0].id, added[1].id], f"after revoking {added[0].id}: {remaining}")
        expect_status(grpc.StatusCode.NOT_FOUND, self.grants.RevokeGrant,
                      pb.RevokeGrantRequest(instance=self.INSTANCE, grant_id=added[0].id), timeout=10)
        events = self.grants.ListAuditEvents(pb.ListAuditEventsRequest(instance=self.INSTANCE), timeout=10).events
        actions = [(e.action, e.grant.id) for e in events]
        expect(actions == [(pb.AuditEvent.ACTION_GRANTED, listed[0].id), (pb.AuditEvent.ACTION_GRANTED, added[0].id),
                           (pb.AuditEvent.ACTION_GRANTED, added[1].id), (pb.AuditEvent.ACTION_REVOKED, added[0].id)],
               f"audit log {actions}")
        expect(all(e.caller.startswith("socket@") for e in events), f"callers {[e.caller for e in events]}")
        expect(all(e.time.seconds > 0 for e in events), "an audit event without a time")
        page = self.grants.ListAuditEvents(pb.ListAuditEventsRequest(after_id=events[1].id, limit=1), timeout=10).events
        expect([e.id for e in page] == [events[2].id], f"page after {events[1].id}: {[e.id for e in page]}")

    def check_bad_input_is_invalid_argument(self):
        invalid = grpc.StatusCode.INVALID_ARGUMENT
        expect_status(invalid, self.instances.InvokeInstance,
                      self.pb.instances.InvokeInstanceRequest(name=self.INSTANCE, wave="add(1,"), timeout=10)
        expect_status(invalid, self.instances.InvokeInstance,
                      self.pb.instances.InvokeInstanceRequest(name=self.INSTANCE, wave='add("one", 2)'), timeout=10)
        expect_status(invalid, self.instances.CreateInstance,
                      self.pb.instances.CreateInstanceRequest(name="no spaces allowed", component_sha256=self.sha256), timeout=10)
        expect_status(invalid, self.components.InspectComponent, self.pb.components.InspectComponentRequest(sha256="xyz"), timeout=10)
        expect_status(invalid, self.grants.AddGrant, self.pb.grants.AddGrantRequest(
            instance=self.INSTANCE, grant=self.pb.grants.Grant(directory=self.pb.grants.DirectoryGrant(host_path="relative/path"))), timeout=10)
        error = expect_status(invalid, self.components.UploadComponent,
                              self.upload_messages(b"\0asm\x0d\0\x01\0garbage", 4), timeout=10)
        expect("offset" in error.details(), f"the error names no byte offset: {error.details()!r}")
        expect_status(grpc.StatusCode.NOT_FOUND, self.instances.GetInstance,
                      self.pb.instances.GetInstanceRequest(name="no-such-instance"), timeout=10)

    def check_delete(self):
        pb = self.pb
        expect_status(grpc.StatusCode.FAILED_PRECONDITION, self.components.DeleteComponent,
                      pb.components.DeleteComponentRequest(sha256=self.sha256), timeout=10)
        self.instances.DeleteInstance(pb.instances.DeleteInstanceRequest(name=self.INSTANCE), timeout=10)
        expect_status(grpc.StatusCode.NOT_FOUND, self.instances.GetInstance, pb.instances.GetInstanceRequest(name=self.INSTANCE), timeout=10)
        self.components.DeleteComponent(pb.components.DeleteComponentRequest(sha256=self.sha256), timeout=10)
        listed = self.components.ListComponents(pb.components.ListComponentsRequest(), timeout=10).components
        expect(len(listed) == 0, f"still listed: {[c.sha256 for c in listed]}")
        audit = self.grants.ListAuditEvents(pb.grants.ListAuditEventsRequest(instance=self.INSTANCE), timeout=10).events
        expect(len(audit) == 4, f"the audit log lost history with the instance: {len(audit)} events")


def wait_until_ready(channel, what):
    """Waits up to 30 s for `channel` to connect; fails the run when it does not."""
    try:
        grpc.channel_ready_future(channel).result(timeout=30)
    except grpc.FutureTimeoutError:
        print(f"FAILED connect: no connection to {what} within 30 s", flush=True)
        raise SystemExit(1)


def check_tcp(stubs, address, ca_path, token):
    """Over the TLS listener: no token and a wrong token are UNAUTHENTICATED; the right one works."""
    with open(ca_path, "rb") as file:
        credentials = grpc.ssl_channel_credentials(root_certificates=file.read())
    options = [("grpc.ssl_target_name_override", "localhost")]
    with grpc.secure_channel(address, credentials, options=options) as channel:
        wait_until_ready(channel, address)
        health = stubs.health_grpc.HealthStub(channel)
        components = stubs.components_grpc.ComponentServiceStub(channel)
        request = stubs.health.HealthCheckRequest()
        error = expect_status(grpc.StatusCode.UNAUTHENTICATED, health.Check, request, timeout=10)
        expect("Bearer" in error.details(), f"details {error.details()!r}")
        expect_status(grpc.StatusCode.UNAUTHENTICATED, components.ListComponents,
                      stubs.components.ListComponentsRequest(), timeout=10)
        expect_status(grpc.StatusCode.UNAUTHENTICATED, health.Check, request, timeout=10,
                      metadata=[("authorization", "Bearer " + "x" * len(token))])
        response = health.Check(request, timeout=10, metadata=[("authorization", "Bearer " + token)])
        expect(response.status == stubs.health.HealthCheckResponse.SERVING, f"status {response.status}")
        components.ListComponents(stubs.components.ListComponentsRequest(), timeout=10,
                                  metadata=[("authorization", "Bearer " + token)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proto-root", required=True, help="the repository's proto/ directory")
    parser.add_argument("--health-proto-root", default=os.environ.get("GRPC_PROTO_DIR", "/usr/share/grpc-proto"),
                        help="directory holding grpc/health/v1/health.proto (Debian grpc-proto)")
    parser.add_argument("--socket", required=True, help="the daemon's Unix socket")
    parser.add_argument("--component", required=True, help="the calculator test component (.wasm)")
    parser.add_argument("--scratch-dir", required=True, help="an existing directory to grant to the instance")
    parser.add_argument("--tcp", help="HOST:PORT of the daemon's TLS listener")
    parser.add_argument("--ca", help="PEM certificate the TLS listener's certificate is checked against")
    parser.add_argument("--token-file", help="file holding the TLS listener's bearer token")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="wcompd-interop-") as out:
        try:
            generate_stubs(arguments.proto_root, arguments.health_proto_root, out)
        except CheckFailed as error:
            print(f"FAILED generate-stubs: {error}", flush=True)
            return 1
        print("ok generate-stubs", flush=True)
        stubs = Stubs(out)
        with open(arguments.component, "rb") as file:
            component = file.read()
        with grpc.insecure_channel("unix:" + os.path.abspath(arguments.socket)) as channel:
            wait_until_ready(channel, arguments.socket)
            interop = Interop(stubs, channel, component, arguments.scratch_dir)
            checks = [name for name in dir(Interop) if name.startswith("check_")]
            checks.sort(key=lambda name: getattr(Interop, name).__code__.co_firstlineno)
            for name in checks:
                interop.run(name[len("check_"):].replace("_", "-"), getattr(interop, name))
            passed = interop.passed + 1
        if arguments.tcp:
            with open(arguments.token_file) as file:
                token = file.read().strip()
            interop.run("tcp-needs-bearer-token", lambda: check_tcp(stubs, arguments.tcp, arguments.ca, token))
            passed += 1
    print(f"interop: {passed} checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
