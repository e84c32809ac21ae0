"""Upload jobs in-process (a real LadybugDB store, a real spawn worker): the queue's bound, forgetting old jobs,
a worker that dies, and answers that follow a job as it runs."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from datetime import datetime

import pytest
import rdflib
from conftest import seed, store_url_for
from fastapi.testclient import TestClient

from api.app import create_app
from cypher.store import open_store
from ontology.rdf_terms import base_uri

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
IKG = rdflib.Namespace("https://incentive-kg.org/def/incentive#")

KEY = {"X-API-Key": "s3cret"}


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("IKG_API_KEY", "s3cret")
    monkeypatch.setenv("IKG_UPLOAD_DIR", str(tmp_path / "uploads"))
    monkeypatch.setenv("IKG_UPLOAD_QUEUE", "1")
    monkeypatch.setenv("IKG_JOBS_KEPT", "2")
    store = open_store(store_url_for("ladybug", tmp_path))
    app = create_app(store)
    yield app
    store.close()


def document(prefix: str, name: str | None = None) -> tuple:
    return ("files", (name or f"{prefix}.txt", seed(prefix).read_bytes(), "text/plain"))


def wait_until(client: TestClient, job_id: str, *states: str, timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}", headers=KEY).json()
        if job["state"] in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {states}: {job}")


def test_a_job_reports_progress_and_results_per_file(app):
    with TestClient(app) as client:  # runs the lifespan: the queue stops with the app
        accepted = client.post("/documents", files=[document("002"), document("003")], headers=KEY)
        assert accepted.status_code == 202
        job = accepted.json()
        assert accepted.headers["location"] == f"/jobs/{job['id']}"
        assert job["progress"] == {"done": 0, "total": 2}
        assert [f["file"] for f in job["files"]] == ["002.txt", "003.txt"]
        done = wait_until(client, job["id"], "done", "failed")
        assert done["state"] == "done" and done["progress"] == {"done": 2, "total": 2} and done["loaded"] == 2
        assert [f["state"] for f in done["files"]] == ["done", "done"]
        assert done["files"][1]["documents"][0]["awards"] > 100 and done["started"] and done["finished"]
        assert client.get("/notices").json()["total"] == 2
        # The RDF of an uploaded notice says which extraction made it: this job's, from the file it read.
        notice = done["files"][1]["documents"][0]["notice"]
        doc = rdflib.Graph().parse(data=client.get(f"/doc/notice/{notice}/data.nt").text, format="nt")
        activity = doc.value(rdflib.URIRef(f"{base_uri()}/id/notice/{notice}"), PROV.wasGeneratedBy)
        assert doc.value(activity, PROV.startedAtTime).toPython() == datetime.fromisoformat(done["started"])
        assert (
            str(doc.value(doc.value(activity, PROV.used), IKG.sha256))
            == hashlib.sha256(seed("003").read_bytes()).hexdigest()
        )
        assert client.get(f"/jobs/{job['id']}").status_code == 401  # the key is needed to follow a job
        missing = client.get("/jobs/nope", headers=KEY)
        assert missing.status_code == 404 and missing.json()["type"].endswith("/not-found")


def test_a_full_queue_is_503_with_retry_after_and_changes_nothing(app, tmp_path):
    store = app.state.store
    with TestClient(app) as client:
        store._write_lock.acquire()  # hold every write: the first job waits at its write, running
        try:
            first = client.post("/documents", files=[document("002")], headers=KEY).json()
            wait_until(client, first["id"], "running")
            second = client.post("/documents", files=[document("000")], headers=KEY)
            assert second.status_code == 202  # waits in the queue (IKG_UPLOAD_QUEUE=1)
            version, staged = store.version, sorted((tmp_path / "uploads").rglob("*.part"))
            third = client.post("/documents", files=[document("003")], headers=KEY)
            assert third.status_code == 503 and third.headers["retry-after"].isdigit()
            assert third.json()["type"].endswith("/upload-queue-full")
            assert store.version == version and sorted((tmp_path / "uploads").rglob("*.part")) == staged
            assert client.get(f"/jobs/{first['id']}", headers=KEY).json()["state"] == "running"
        finally:
            store._write_lock.release()
        assert wait_until(client, second.json()["id"], "done", "failed")["state"] == "done"
        assert client.get("/notices").json()["total"] == 2


def test_old_finished_jobs_are_forgotten(app):
    with TestClient(app) as client:
        ids = []
        for prefix in ("000", "002", "003"):
            answer = client.post("/documents?wait=true", files=[document(prefix)], headers=KEY)
            assert answer.status_code == 200 and answer.json()["state"] == "done"
            ids.append(answer.json()["id"])
        assert client.get(f"/jobs/{ids[0]}", headers=KEY).status_code == 404  # IKG_JOBS_KEPT=2
        assert [client.get(f"/jobs/{i}", headers=KEY).json()["state"] for i in ids[1:]] == ["done", "done"]


def test_a_file_that_fails_is_reported_without_the_folder_it_was_kept_in(app, tmp_path):
    with TestClient(app) as client:
        files = [document("002"), ("files", ("notes.md", "只是一些笔记。".encode(), "text/plain"))]
        job = client.post("/documents?wait=true", files=files, headers=KEY).json()
        assert job["state"] == "failed" and job["loaded"] == 1 and job["failed"] == 1
        error = job["files"][1]["error"]
        assert error.startswith("notes.md: ") and str(tmp_path) not in error and "uploads" not in error
        kept = sorted(p.name for p in (tmp_path / "uploads").rglob("*") if p.is_file())
        assert kept == ["002.txt"]  # the failed file is not kept; nothing waits in staging


def test_a_worker_that_dies_fails_its_file_and_the_next_files_still_load(app, tmp_path):
    big = "\n".join(f"{i}、第{i}项工作。对成效明显的区县予以激励。（牵头单位：市发展改革委）" for i in range(1, 60))
    big = ("各区县人民政府：\n" + big + "\n") * 400  # a few seconds of parsing
    with TestClient(app) as client:
        files = [("files", ("slow.txt", big.encode(), "text/plain")), document("002")]
        job = client.post("/documents", files=files, headers=KEY).json()
        deadline = time.monotonic() + 60
        while client.get(f"/jobs/{job['id']}", headers=KEY).json()["files"][0]["state"] != "parsing":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        pool = app.state.jobs._pool
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGKILL)
        over = wait_until(client, job["id"], "done", "failed")
        assert over["state"] == "failed" and [f["state"] for f in over["files"]] == ["failed", "done"]
        assert over["files"][0]["error"] == "slow.txt: the parser process stopped"
        assert not list((tmp_path / "uploads").rglob("*.rows"))
