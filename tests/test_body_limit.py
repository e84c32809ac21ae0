"""Request bodies over the cap are refused before they are read, declared or streamed; uploads keep their own cap."""

from __future__ import annotations

import socket

import pytest
from live_server import serve


@pytest.fixture(scope="module")
def server(seeds_dir, tmp_path_factory):
    with serve(seeds_dir, tmp_path_factory.mktemp("body"), env={"IKG_MAX_BODY_BYTES": "65536"}) as base:
        yield base


def _raw(base: str, request: bytes, body_chunks: list[bytes]) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before the body is sent: that is the point
        answer = b""
        while b"\r\n\r\n" not in answer:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
        return answer


def test_a_declared_oversized_body_is_refused_before_it_is_sent(server):
    head = b"POST /cypher HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n"
    answer = _raw(server, head, [])  # nothing of the 100 MB is sent, and the answer comes anyway
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"body-too-large" in answer or b"problem+json" in answer


def test_a_streamed_oversized_body_is_cut_off(server):
    head = b"POST /cypher HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunk = b'{"query": "RETURN 1", "params": {"x": "' + b"a" * 32000
    chunks = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] + [b"%x\r\n%s\r\n" % (32000, b"a" * 32000)] * 8
    answer = _raw(server, head, chunks)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_bodies_within_the_cap_are_served(server):
    import httpx

    answer = httpx.post(f"{server}/cypher", json={"query": "RETURN $x AS x", "params": {"x": "a" * 30000}}, timeout=30)
    assert answer.status_code == 200 and len(answer.json()["rows"][0][0]) == 30000
